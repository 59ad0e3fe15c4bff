import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { redditoFields, redditoOut } from '../../../../shared/autonomy.reddito.api';
import type { Json } from '../../../../shared/json';
import { api, request } from '../../../api/client';
import { caseKey, casePath, casesKey, ifMatch } from '../../cases/cases.api';
import { isStale } from '../../cases/cases.write';

/**
 * The Reddito di libertà of a case (src/server/modules/autonomy/reddito.routes.ts):
 * read while its panel is open (each read is audited); the live
 * application's checklist saved whole with the version read in If-Match;
 * a new application opened after INPS's outcome.
 */

export type Reddito = Json<z.output<typeof redditoOut>>;
export type RedditoApplication = NonNullable<Reddito['current']>;
export type RedditoInput = z.input<typeof redditoFields>;

const key = (id: string) => [...caseKey(id), 'reddito-liberta'] as const;
const path = (id: string) => `${casePath(id)}/reddito-liberta`;

export function useReddito(id: string) {
  return useQuery({ queryKey: key(id), queryFn: ({ signal }) => api.get<Reddito>(path(id), { signal }) });
}

/** Saves the checklist, or opens a new application; the answer is the new state. On 412 the current one is loaded. Her tasks may change. */
export function useRedditoWrites(id: string) {
  const client = useQueryClient();
  const settle = (out: Reddito) => {
    client.setQueryData(key(id), out);
    void client.invalidateQueries({ queryKey: [...casesKey, 'tasks'] });
  };
  const onError = (err: unknown) => {
    if (isStale(err)) void client.invalidateQueries({ queryKey: key(id) });
  };
  const save = useMutation({
    mutationFn: ({ version, input }: { version: number; input: RedditoInput }) => request<Reddito>('PUT', path(id), { body: input, headers: ifMatch(version) }),
    onSuccess: settle,
    onError,
  });
  const open = useMutation({ mutationFn: () => request<Reddito>('POST', path(id)), onSuccess: settle, onError });
  return { save, open };
}

/** The organisations that may sign a statement, by kind (the organisations' directory, filtered here; a page of 100). */
export function useSignatories() {
  return useQuery({
    queryKey: ['autonomy', 'reddito', 'signatories'],
    queryFn: ({ signal }) => api.get<{ items: { id: string; name: string; type: string }[] }>('/api/organisations?page=1&pageSize=100', { signal }),
    select: (page) => ({
      cav: page.items.filter((o) => o.type === 'cav').map((o) => ({ value: o.id, label: o.name })),
      social: page.items.filter((o) => o.type === 'servizio_sociale').map((o) => ({ value: o.id, label: o.name })),
    }),
    staleTime: 5 * 60_000,
  });
}
