import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { casesKey, useCaseSaved, usePartSaved, type CasePart } from './cases.api';
import type { CaseRecord } from './cases.types';

export const isStale = (err: unknown) => err instanceof ApiError && err.code === 'precondition_failed';

/**
 * A conditional write on the case (If-Match with the version on screen).
 * On success the answer replaces the cached case; on 412 someone saved in
 * between: the current version is loaded at once (forms keyed by version
 * start afresh) and StaleCaseNotice tells her why her change is gone.
 */
export function useCaseWrite<V>(record: CaseRecord, write: (current: CaseRecord, value: V) => Promise<CaseRecord>) {
  const onSaved = useCaseSaved();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (value: V) => write(record, value),
    onSuccess: onSaved,
    onError: (err) => {
      if (isStale(err)) void client.invalidateQueries({ queryKey: [...casesKey, 'case', record.id], exact: true });
    },
  });
}

/**
 * A write on a part of the case (children, authors, consents, timeline,
 * plan, documents): the part and the case are read again afterwards; on
 * 412 (a child's, an author's, a goal's or an action's record changed
 * meanwhile) the current list is loaded.
 */
export function usePartWrite<V, R>(caseId: string, part: Exclude<CasePart, 'team'>, write: (value: V) => Promise<R>) {
  const partSaved = usePartSaved(caseId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => partSaved(part),
    onError: (err) => {
      if (isStale(err)) void client.invalidateQueries({ queryKey: [...casesKey, 'case', caseId, part] });
    },
  });
}
