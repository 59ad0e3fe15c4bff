import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type {
  PlaceServiceIn,
  StructureCreate,
  StructureUpdate,
  UnitCreate,
  structureListItem,
  structureListOut,
  structureOut,
} from '../../../../shared/shelters.structures.api';
import { api, request } from '../../../api/client';

/**
 * Her organisation's structures (src/server/modules/shelters/structures.*;
 * routes listed in src/shared/shelters.structures.api.ts). Reading one opens
 * its secret address and is audited: nothing here refetches it behind her back.
 */

export type StructureItem = Json<z.output<typeof structureListItem>>;
export type StructureList = Json<z.output<typeof structureListOut>>;
export type Structure = Json<z.output<typeof structureOut>>;
export type Unit = Structure['units'][number];
export type Place = Unit['places'][number];

export const structuresKey = ['shelters', 'structures'] as const;
const path = (id: string) => `/api/shelters/structures/${encodeURIComponent(id)}`;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export function useStructures() {
  return useQuery({ queryKey: structuresKey, queryFn: ({ signal }) => api.get<StructureList>('/api/shelters/structures', { signal }) });
}

export function useStructure(id: string | undefined) {
  return useQuery({
    queryKey: [...structuresKey, 'one', id ?? ''],
    queryFn: ({ signal }) => api.get<Structure>(path(id ?? ''), { signal }),
    enabled: !!id,
    refetchOnWindowFocus: false,
  });
}

/** After a write: the answer is the structure as it now is; the list's counts are read again. */
export function useStructureWrites() {
  const client = useQueryClient();
  const settle = (s: Structure) => {
    client.setQueryData([...structuresKey, 'one', s.id], s);
    void client.invalidateQueries({ queryKey: structuresKey, exact: true });
    return s;
  };
  return {
    create: (body: StructureCreate) => request<Structure>('POST', '/api/shelters/structures', { body }).then(settle),
    update: (s: Structure, body: StructureUpdate) => request<Structure>('PATCH', path(s.id), { body, headers: ifMatch(s.version) }).then(settle),
    networks: (s: Structure, networkIds: string[]) => request<Structure>('PUT', `${path(s.id)}/networks`, { body: { networkIds }, headers: ifMatch(s.version) }).then(settle),
    active: (s: Structure, active: boolean) => request<Structure>('POST', `${path(s.id)}/${active ? 'reactivate' : 'deactivate'}`, { headers: ifMatch(s.version) }).then(settle),
    addUnit: (s: Structure, body: UnitCreate) => request<Structure>('POST', `${path(s.id)}/units`, { body }).then(settle),
    service: (s: Structure, place: Place, body: PlaceServiceIn) =>
      request<Structure>('POST', `${path(s.id)}/places/${encodeURIComponent(place.id)}/service`, { body, headers: ifMatch(place.version) }).then(settle),
  };
}
