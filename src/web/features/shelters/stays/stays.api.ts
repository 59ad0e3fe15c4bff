import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type {
  AuthorisationDecide,
  StayAdmit,
  StayEmergency,
  StayExit,
  StayMove,
  authorisationListOut,
  authorisationOut,
  feesOut,
  stayListOut,
  stayMoveCandidatesOut,
  stayOut,
} from '../../../../shared/shelters.stays.api';
import { api, request, withQuery } from '../../../api/client';

/**
 * Stays, the social service's agreements and authorisations, the monthly
 * fees (routes in src/shared/shelters.stays.api.ts). Each read of a stay or
 * an authorisation is audited: nothing here refetches behind her back.
 */

export type Stay = Json<z.output<typeof stayOut>>;
export type StayList = Json<z.output<typeof stayListOut>>;
export type Authorisation = Json<z.output<typeof authorisationOut>>;
export type AuthorisationList = Json<z.output<typeof authorisationListOut>>;
export type Fees = Json<z.output<typeof feesOut>>;
export type StayMoveCandidates = Json<z.output<typeof stayMoveCandidatesOut>>;

export const staysKey = ['shelters', 'stays'] as const;
export const authorisationsKey = ['shelters', 'authorisations'] as const;
const once = { refetchOnWindowFocus: false } as const;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
const stayPath = (id: string) => `/api/shelters/stays/${encodeURIComponent(id)}`;
const authPath = (id: string) => `/api/shelters/authorisations/${encodeURIComponent(id)}`;

export const useStays = (state: string | null) =>
  useQuery({ queryKey: [...staysKey, 'list', state ?? ''], queryFn: ({ signal }) => api.get<StayList>(withQuery('/api/shelters/stays', { state: state ?? undefined }), { signal }), ...once });
export const useStay = (id: string | undefined) =>
  useQuery({ queryKey: [...staysKey, 'one', id ?? ''], queryFn: ({ signal }) => api.get<Stay>(stayPath(id ?? ''), { signal }), enabled: !!id, ...once });
/** The held proposals a stay may move into (the structure's staff; read only when the move form is shown). */
export const useMoveCandidates = (id: string, enabled: boolean) =>
  useQuery({ queryKey: [...staysKey, 'moves', id], queryFn: ({ signal }) => api.get<StayMoveCandidates>(`${stayPath(id)}/moves`, { signal }), enabled, ...once });
export const useAuthorisations = (state: string | null) =>
  useQuery({
    queryKey: [...authorisationsKey, 'list', state ?? ''],
    queryFn: ({ signal }) => api.get<AuthorisationList>(withQuery('/api/shelters/authorisations', { state: state ?? undefined }), { signal }),
    ...once,
  });
export const useAuthorisation = (id: string | undefined) =>
  useQuery({ queryKey: [...authorisationsKey, 'one', id ?? ''], queryFn: ({ signal }) => api.get<Authorisation>(authPath(id ?? ''), { signal }), enabled: !!id, ...once });
export const useFees = (month: string) =>
  useQuery({ queryKey: ['shelters', 'fees', month], queryFn: ({ signal }) => api.get<Fees>(withQuery('/api/shelters/fees', { month }), { signal }), ...once });
/** The social services a structure may name (the organisations' directory, filtered here by type; a page of 100). */
export const useSocialServices = () =>
  useQuery({
    queryKey: ['shelters', 'social-services'],
    queryFn: ({ signal }) => api.get<{ items: { id: string; name: string; type: string }[] }>(withQuery('/api/organisations', { page: 1, pageSize: 100 }), { signal }),
    select: (page) => page.items.filter((o) => o.type === 'servizio_sociale').map((o) => ({ value: o.id, label: o.name })),
    ...once,
  });
export const feesXlsxHref = (month: string) => withQuery('/api/shelters/fees.xlsx', { month });

export function useStayWrites() {
  const client = useQueryClient();
  const settle = (s: Stay) => {
    client.setQueryData([...staysKey, 'one', s.id], s);
    void client.invalidateQueries({ queryKey: [...staysKey, 'list'] });
    return s;
  };
  return {
    admit: (body: StayAdmit) => request<Stay>('POST', '/api/shelters/stays', { body }).then(settle),
    emergency: (body: StayEmergency, key: string) => request<Stay>('POST', '/api/shelters/stays/emergency', { body, headers: { 'Idempotency-Key': key } }).then(settle),
    exit: (s: Stay, body: StayExit) => request<Stay>('POST', `${stayPath(s.id)}/exit`, { body, headers: ifMatch(s.version) }).then(settle),
    move: (s: Stay, body: StayMove) =>
      request<Stay>('POST', `${stayPath(s.id)}/move`, { body, headers: ifMatch(s.version) }).then((out) => {
        void client.invalidateQueries({ queryKey: [...staysKey, 'moves'] });
        // The stay she moved from is over: read again when shown.
        if (out.id !== s.id) void client.invalidateQueries({ queryKey: [...staysKey, 'one', s.id] });
        return settle(out);
      }),
  };
}

export function useAuthorisationWrites() {
  const client = useQueryClient();
  return {
    decide: (a: Authorisation, body: AuthorisationDecide) =>
      request<Authorisation>('POST', `${authPath(a.id)}/decide`, { body, headers: ifMatch(a.version) }).then((out) => {
        client.setQueryData([...authorisationsKey, 'one', out.id], out);
        void client.invalidateQueries({ queryKey: [...authorisationsKey, 'list'] });
        return out;
      }),
  };
}
