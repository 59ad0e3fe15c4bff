import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { FollowUpRecord, followUpCounts, followUpListOut } from '../../../../shared/autonomy.actions.api';
import type { Json } from '../../../../shared/json';
import { api, request } from '../../../api/client';
import { casesKey, ifMatch } from '../../cases/cases.api';
import { isStale } from '../../cases/cases.write';

/**
 * Follow-ups after a project ends (routes in src/shared/autonomy.actions.api.ts):
 * a concluded project's checks at 6, 12 and 24 months for the team holding
 * the plan, a check's outcome recorded with its version in If-Match, and a
 * programme's counts. Each read is audited: nothing refetches behind her back.
 */

export type FollowUpList = Json<z.output<typeof followUpListOut>>;
export type FollowUp = FollowUpList['items'][number];
export type FollowUpCounts = Json<z.output<typeof followUpCounts>>;

const key = ['autonomy', 'follow-ups'] as const;
const once = { refetchOnWindowFocus: false } as const;

export const useProjectFollowUps = (projectId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...key, 'project', projectId],
    queryFn: ({ signal }) => api.get<FollowUpList>(`/api/autonomy/projects/${encodeURIComponent(projectId)}/follow-ups`, { signal }),
    enabled,
    ...once,
  });

export const useProgrammeFollowUps = (programmeId: string | undefined) =>
  useQuery({
    queryKey: [...key, 'programme', programmeId ?? ''],
    queryFn: ({ signal }) => api.get<FollowUpCounts>(`/api/autonomy/programmes/${encodeURIComponent(programmeId ?? '')}/follow-ups`, { signal }),
    enabled: !!programmeId,
    ...once,
  });

/** Records a check's outcome; the list is read again (and her tasks, where a due check was). On 412 the list is reloaded. */
export function useRecordFollowUp(projectId: string) {
  const client = useQueryClient();
  const reload = () => client.invalidateQueries({ queryKey: [...key, 'project', projectId] });
  return useMutation({
    mutationFn: ({ followUp, body }: { followUp: FollowUp; body: FollowUpRecord }) =>
      request<FollowUp>('POST', `/api/autonomy/follow-ups/${encodeURIComponent(followUp.id)}`, { body, headers: ifMatch(followUp.version) }),
    onSuccess: () => {
      void reload();
      void client.invalidateQueries({ queryKey: [...casesKey, 'tasks'] });
    },
    onError: (err) => {
      if (isStale(err)) void reload();
    },
  });
}
