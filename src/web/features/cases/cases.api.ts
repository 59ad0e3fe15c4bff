import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganisationType } from '../../../shared/domain';
import { api, request } from '../../api/client';
import type { Page, User } from '../../api/types';
import type { Author, AuthorFields, CaseEvent, Child, ChildFields, Consent, ConsentInput, EventInput, EventQuery } from './cases.parts.types';
import type { CaseCreate, CaseloadQuery, CasePatch, CaseRecord, CaseSummary, Named, StageChange, TeamMember } from './cases.types';

/**
 * The cases API (src/server/modules/cases/cases.routes.ts and
 * cases.parts.routes.ts). Every read of a case is audited on the server:
 * nothing here refetches behind her back (no refetch on focus, parts are
 * read only when their tab is open).
 */

export const casesKey = ['cases'] as const;
const caseKey = (id: string) => [...casesKey, 'case', id] as const;
const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;
/** A conditional write: the version read goes back in If-Match (412 when someone saved in between). */
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

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

export function addMember(id: string, body: { userId: string; referente: boolean }): Promise<TeamMember[]> {
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
 * copy; the caseload (ordered by last change) is read again when next shown.
 */
export function useCaseSaved() {
  const client = useQueryClient();
  return (record: CaseRecord) => {
    client.setQueryData(caseKey(record.id), record);
    void client.invalidateQueries({ queryKey: [...casesKey, 'list'] });
  };
}

/**
 * After a change to a part (consents, timeline, children, authors, team):
 * that part and the case (its counts, last contact) are read again.
 */
export function usePartSaved(id: string) {
  const client = useQueryClient();
  return (part: 'consents' | 'events' | 'children' | 'authors' | 'team') => {
    void client.invalidateQueries({ queryKey: [...caseKey(id), part] });
    void client.invalidateQueries({ queryKey: caseKey(id), exact: true });
    void client.invalidateQueries({ queryKey: [...casesKey, 'list'] });
  };
}

/** Staff of her organisation the head may add to a team (GET /api/users is scoped to her organisation). */
export function useStaff(organisationId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...casesKey, 'staff', organisationId],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { query: { organisationId, page: 1, pageSize: 100 }, signal }),
    enabled: enabled && !!organisationId,
    staleTime: 60_000,
  });
}

/**
 * Organisations she may name as recipients of a sharing consent: the
 * directory profiles of her networks (GET /api/organisations is scoped to
 * her own organisation for staff). Perpetrator programmes (CUAV) are left
 * out: their users may never see a victim's record (DOMAIN.md §6.6).
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
