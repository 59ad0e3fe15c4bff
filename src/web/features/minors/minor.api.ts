import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { childCaseOut, MinorFields, MinorOut } from '../../../shared/minors.api';
import { api, request } from '../../api/client';
import { caseKey, casePath, ifMatch } from '../cases/cases.api';

/** The minor's pathway of a case (docs/minors.md). */
export const minorKey = (caseId: string) => [...caseKey(caseId), 'minor'] as const;

export function useMinor(caseId: string, enabled = true) {
  return useQuery({ queryKey: minorKey(caseId), queryFn: ({ signal }) => api.get<MinorOut>(`${casePath(caseId)}/minor`, { signal }), enabled });
}

/** Saves it on the version read (0 for the first). */
export function saveMinor(caseId: string, version: number, body: MinorFields): Promise<MinorOut> {
  return request('PUT', `${casePath(caseId)}/minor`, { body, headers: ifMatch(version) });
}

/** Opens a child recorded on this case as a case of her own. */
export function openChildAsCase(caseId: string, childId: string): Promise<z.infer<typeof childCaseOut>> {
  return api.post(`${casePath(caseId)}/children/${encodeURIComponent(childId)}/open-case`);
}
