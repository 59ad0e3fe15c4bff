import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type {
  ProgrammeBudgetsIn,
  ProgrammeCreateInput,
  ProgrammeEquipesIn,
  ProgrammePartnersIn,
  ProgrammeResultsInput,
  ProgrammeUpdateInput,
  programmeListOut,
  programmeOut,
  programmeSummaryOut,
} from '../../../../shared/autonomy.programmes.api';
import { api, request } from '../../../api/client';

/**
 * Funded programmes (src/server/modules/autonomy/programmes.*; routes listed
 * in src/shared/autonomy.programmes.api.ts). Every read is audited on the
 * server: nothing here refetches behind her back.
 */

export type ProgrammeList = Json<z.output<typeof programmeListOut>>;
export type Programme = Json<z.output<typeof programmeOut>>;
export type ProgrammeSummary = Json<z.output<typeof programmeSummaryOut>>;

export const programmesKey = ['autonomy', 'programmes'] as const;
const path = (id: string) => `/api/autonomy/programmes/${encodeURIComponent(id)}`;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export function useProgrammes() {
  return useQuery({ queryKey: programmesKey, queryFn: ({ signal }) => api.get<ProgrammeList>('/api/autonomy/programmes', { signal }), refetchOnWindowFocus: false });
}

export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: [...programmesKey, 'one', id ?? ''],
    queryFn: ({ signal }) => api.get<Programme>(path(id ?? ''), { signal }),
    enabled: !!id,
    refetchOnWindowFocus: false,
  });
}

export function useProgrammeSummary(id: string | undefined) {
  return useQuery({
    queryKey: [...programmesKey, 'summary', id ?? ''],
    queryFn: ({ signal }) => api.get<ProgrammeSummary>(`${path(id ?? '')}/summary`, { signal }),
    enabled: !!id,
    refetchOnWindowFocus: false,
  });
}

/** After a write: the answer is the programme as it now is; the list and the summary are read again. */
export function useProgrammeWrites() {
  const client = useQueryClient();
  const settle = (p: Programme) => {
    client.setQueryData([...programmesKey, 'one', p.id], p);
    void client.invalidateQueries({ queryKey: programmesKey, exact: true });
    void client.invalidateQueries({ queryKey: [...programmesKey, 'summary', p.id] });
    return p;
  };
  return {
    create: (body: ProgrammeCreateInput) => request<Programme>('POST', '/api/autonomy/programmes', { body }).then(settle),
    update: (p: Programme, body: ProgrammeUpdateInput) => request<Programme>('PATCH', path(p.id), { body, headers: ifMatch(p.version) }).then(settle),
    partners: (p: Programme, body: ProgrammePartnersIn) => request<Programme>('PUT', `${path(p.id)}/partners`, { body, headers: ifMatch(p.version) }).then(settle),
    budgets: (p: Programme, body: ProgrammeBudgetsIn) => request<Programme>('PUT', `${path(p.id)}/budgets`, { body, headers: ifMatch(p.version) }).then(settle),
    equipes: (p: Programme, body: ProgrammeEquipesIn) => request<Programme>('PUT', `${path(p.id)}/equipes`, { body, headers: ifMatch(p.version) }).then(settle),
    results: (p: Programme, body: ProgrammeResultsInput) => request<Programme>('PUT', `${path(p.id)}/results`, { body, headers: ifMatch(p.version) }).then(settle),
  };
}

export { formatEuro, parseEuro } from './money';
