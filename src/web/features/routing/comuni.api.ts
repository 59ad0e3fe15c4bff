import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { comuneOut } from '../../../shared/directory.api';
import { api } from '../../api/client';

/** A comune suggested by the accent-insensitive search (GET /api/comuni, staff); `nameAlt`: its name in the other official language (Bolzano/Bozen). */
export type ComuneOption = z.output<typeof comuneOut>;

/** "Bolzano/Bozen (BZ)". */
export function comuneLabel(c: { name: string; nameAlt?: string | null; provinceSigla: string }): string {
  return `${c.name}${c.nameAlt ? `/${c.nameAlt}` : ''} (${c.provinceSigla})`;
}

/** Up to 10 comuni matching `q`; idle while `q` is empty. */
export function useComuni(q: string) {
  return useQuery({
    queryKey: ['public', 'comuni', q],
    queryFn: ({ signal }) => api.get<ComuneOption[]>('/api/comuni', { query: { q }, signal }),
    enabled: q !== '',
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}
