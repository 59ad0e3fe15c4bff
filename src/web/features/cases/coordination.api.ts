import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { colleagueAdd, colleaguesOut, coordinationOut } from '../../../shared/coordination.api';
import type { Json } from '../../../shared/json';
import { api, request } from '../../api/client';
import { caseKey, casePath, ifMatch } from './cases.api';

/** Who coordinates a case's plan and team (docs/cases.md, "Coordination"; src/shared/coordination.api.ts). */
export type Coordination = Json<z.output<typeof coordinationOut>>;
export type Colleagues = Json<z.output<typeof colleaguesOut>>;

export const coordinationKey = (id: string) => [...caseKey(id), 'team', 'coordination'] as const;

/** The owning organisation's head: the coordination, the case's version, where it may go. */
export function useCoordination(id: string, enabled = true) {
  return useQuery({ queryKey: coordinationKey(id), queryFn: ({ signal }) => api.get<Coordination>(`${casePath(id)}/coordination`, { signal }), enabled });
}

/** Hands it to an organisation, or takes it back (null); the version read goes back in If-Match. */
export function setCoordination(id: string, version: number, organisationId: string | null): Promise<Coordination> {
  return request<Coordination>('PUT', `${casePath(id)}/coordination`, { body: { organisationId }, headers: ifMatch(version) });
}

/** The coordinating organisation's own members and the colleagues who may join. */
export function useColleagues(id: string, enabled = true) {
  return useQuery({ queryKey: [...caseKey(id), 'team', 'colleagues'], queryFn: ({ signal }) => api.get<Colleagues>(`${casePath(id)}/coordination/team`, { signal }), enabled });
}

export function addColleague(id: string, body: z.input<typeof colleagueAdd>): Promise<Colleagues> {
  return api.post<Colleagues>(`${casePath(id)}/coordination/team`, body);
}

export function removeColleague(id: string, userId: string): Promise<Colleagues> {
  return api.delete<Colleagues>(`${casePath(id)}/coordination/team/${encodeURIComponent(userId)}`);
}
