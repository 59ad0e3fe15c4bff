import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganisationType } from '../../../shared/domain';
import { api, request } from '../../api/client';
import type { Page } from '../../api/types';
import type { Author, AuthorFields, CaseEvent, Child, ChildFields, Consent, ConsentInput, EventInput, EventQuery } from './cases.parts.types';
import type { CaseSection } from '../../../shared/cases';
import type { CaseCreate, CaseloadQuery, CasePatch, CaseRecord, CaseSummary, Named, StageChange, TeamCandidate, TeamMember } from './cases.types';

/**
 * The cases API (src/server/modules/cases/cases.routes.ts and
 * cases.parts.routes.ts). Every read of a case is audited on the server:
 * nothing here refetches behind her back (no refetch on focus, parts are
 * read only when their tab is open).
 */

export const casesKey = ['cases'] as const;
export const caseKey = (id: string) => [...casesKey, 'case', id] as const;
export const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;
/** A conditional write: the version read goes back in If-Match (412 when someone saved in between). */
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export function useCaseload(params: CaseloadQuery) {
  return useQuery({
    queryKey: [...casesKey, 'list', params],
    queryFn: ({ signal }) => api.get<Page<CaseSummary>>('/api/cases', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKey(id ?? ''),
    queryFn: ({ signal }) => api.get<CaseRecord>(casePath(id ?? ''), { signal }),
    enabled: !!id,
    // A case just created or opened is already in the cache: no second (audited) read.
    staleTime: 30_000,
  });
}

export function createCase(body: CaseCreate): Promise<CaseRecord> {
  return api.post<CaseRecord>('/api/cases', body);
}

export function patchCase(current: CaseRecord, body: CasePatch): Promise<CaseRecord> {
  return request<CaseRecord>('PATCH', casePath(current.id), { body, headers: ifMatch(current.version) });
}

export function changeStage(current: CaseRecord, body: StageChange): Promise<CaseRecord> {
  return request<CaseRecord>('POST', `${casePath(current.id)}/stage`, { body, headers: ifMatch(current.version) });
}

export function reopenCase(current: CaseRecord, body: { on: string; stage: 'accoglienza' | 'presa_in_carico' }): Promise<CaseRecord> {
  return request<CaseRecord>('POST', `${casePath(current.id)}/reopen`, { body, headers: ifMatch(current.version) });
}

export function breakGlass(id: string, reason: string): Promise<CaseRecord> {
  return api.post<CaseRecord>(`${casePath(id)}/break-glass`, { reason });
}

/** The team as the head manages it (without opening the case). */
export function useTeam(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...caseKey(id ?? ''), 'team'],
    queryFn: ({ signal }) => api.get<TeamMember[]>(`${casePath(id ?? '')}/team`, { signal }),
    enabled: !!id && enabled,
  });
}

/**
 * Who the head may add: her staff (`sharedSections` null: they see every
 * section) and the staff of organisations a live sharing consent names,
 * with the sections that consent covers. Under the team's key, so a
 * change to the team or a revoked consent reads it again.
 */
export function useTeamCandidates(id: string) {
  return useQuery({
    queryKey: [...caseKey(id), 'team', 'candidates'],
    queryFn: ({ signal }) => api.get<TeamCandidate[]>(`${casePath(id)}/team/candidates`, { signal }),
  });
}

/** `sections`: for a member of another organisation, the part of her share the head chose (within its consent). */
export function addMember(id: string, body: { userId: string; referente: boolean; sections?: CaseSection[] }): Promise<TeamMember[]> {
  return api.post<TeamMember[]>(`${casePath(id)}/team`, body);
}

export function removeMember(id: string, userId: string): Promise<TeamMember[]> {
  return api.delete<TeamMember[]>(`${casePath(id)}/team/${encodeURIComponent(userId)}`);
}

export function useConsents(id: string) {
  return useQuery({
    queryKey: [...caseKey(id), 'consents'],
    queryFn: ({ signal }) => api.get<Consent[]>(`${casePath(id)}/consents`, { signal }),
  });
}

export function createConsent(id: string, body: ConsentInput): Promise<Consent[]> {
  return api.post<Consent[]>(`${casePath(id)}/consents`, body);
}

export function revokeConsent(id: string, consentId: string): Promise<Consent[]> {
  return api.post<Consent[]>(`${casePath(id)}/consents/${encodeURIComponent(consentId)}/revoke`);
}

export function useEvents(id: string, params: EventQuery) {
  return useQuery({
    queryKey: [...caseKey(id), 'events', params],
    queryFn: ({ signal }) => api.get<Page<CaseEvent>>(`${casePath(id)}/events`, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function createEvent(id: string, body: EventInput): Promise<{ id: string }> {
  return api.post<{ id: string }>(`${casePath(id)}/events`, body);
}

export function useChildren(id: string) {
  return useQuery({
    queryKey: [...caseKey(id), 'children'],
    queryFn: ({ signal }) => api.get<Child[]>(`${casePath(id)}/children`, { signal }),
  });
}

/** Creates a child's record, or replaces one (with the version it was read at). */
export function saveChild(id: string, target: { id: string; version: number } | null, body: ChildFields): Promise<{ id: string; version: number }> {
  if (!target) return api.post(`${casePath(id)}/children`, body);
  return request('PUT', `${casePath(id)}/children/${encodeURIComponent(target.id)}`, { body, headers: ifMatch(target.version) });
}

export function useAuthors(id: string) {
  return useQuery({
    queryKey: [...caseKey(id), 'authors'],
    queryFn: ({ signal }) => api.get<Author[]>(`${casePath(id)}/authors`, { signal }),
  });
}

export function saveAuthor(id: string, target: { id: string; version: number } | null, body: AuthorFields): Promise<{ id: string; version: number }> {
  if (!target) return api.post(`${casePath(id)}/authors`, body);
  return request('PUT', `${casePath(id)}/authors/${encodeURIComponent(target.id)}`, { body, headers: ifMatch(target.version) });
}

/**
 * After a change: the case answered by the server replaces its cached
 * copy; the caseload (ordered by last change) and her tasks are read
 * again when next shown.
 */
export function useCaseSaved() {
  const client = useQueryClient();
  return (record: CaseRecord) => {
    client.setQueryData(caseKey(record.id), record);
    void client.invalidateQueries({ queryKey: [...casesKey, 'list'] });
    // Reports (legal deadlines) and the stage change her tasks on the home page.
    void client.invalidateQueries({ queryKey: [...casesKey, 'tasks'] });
  };
}

/**
 * After a change to a part (consents, timeline, children, authors, team, plan, documents):
 * that part and the case (its counts, last contact) are read again.
 */
export type CasePart = 'consents' | 'events' | 'children' | 'authors' | 'team' | 'plan' | 'documents';
export function usePartSaved(id: string) {
  const client = useQueryClient();
  return (part: CasePart) => {
    void client.invalidateQueries({ queryKey: [...caseKey(id), part] });
    void client.invalidateQueries({ queryKey: caseKey(id), exact: true });
    void client.invalidateQueries({ queryKey: [...casesKey, 'list'] });
    // Actions, reviews and contacts change her tasks: read again when the home page shows them next.
    void client.invalidateQueries({ queryKey: [...casesKey, 'tasks'] });
  };
}

/**
 * Organisations she may name as recipients of a sharing consent: the
 * directory profiles of her networks (GET /api/organisations is scoped to
 * her own organisation for staff). Perpetrator programmes (CUAV) are left
 * out: their users may never see a victim's record (docs/domain.md §6.6).
 */
export function useRecipientOrganisations(enabled: boolean) {
  return useQuery({
    queryKey: [...casesKey, 'recipients'],
    queryFn: async ({ signal }) => {
      // A network can have more than a page of signatories (Brescia's protocol: 78): read them all.
      const all: (Named & { type: OrganisationType })[] = [];
      for (let page = 1; page <= 20; page++) {
        const got = await api.get<Page<Named & { type: OrganisationType }>>('/api/directory/organisations', { query: { page, pageSize: 100 }, signal });
        all.push(...got.items);
        if (all.length >= got.total || got.items.length === 0) break;
      }
      return all.filter((o) => o.type !== 'cuav').map(({ id, name }) => ({ id, name }));
    },
    enabled,
    staleTime: 60_000,
  });
}
