import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type { fundsYearListOut, fundsYearOut } from '../../../../shared/autonomy.funds.api';
import { api, request } from '../../../api/client';

/**
 * The capofila's regional funds (src/server/modules/autonomy/funds.*;
 * routes listed in src/shared/autonomy.funds.api.ts). Every read is
 * audited on the server: nothing here refetches behind her back.
 */

export type FundsYearList = Json<z.output<typeof fundsYearListOut>>;
export type FundsYear = Json<z.output<typeof fundsYearOut>>;

export const fundsKey = ['autonomy', 'funds'] as const;
export const yearPath = (id: string) => `/api/autonomy/funds/years/${encodeURIComponent(id)}`;

export function useFundsYears() {
  return useQuery({ queryKey: fundsKey, queryFn: ({ signal }) => api.get<FundsYearList>('/api/autonomy/funds/years', { signal }), refetchOnWindowFocus: false });
}

export function useFundsYear(id: string | undefined) {
  return useQuery({
    queryKey: [...fundsKey, 'one', id ?? ''],
    queryFn: ({ signal }) => api.get<FundsYear>(yearPath(id ?? ''), { signal }),
    enabled: !!id,
    refetchOnWindowFocus: false,
  });
}

/** A write under the year: its answer is the year as it now is (kept), the list is read again. `version`: the If-Match. */
export function useFundsWrite() {
  const client = useQueryClient();
  return async (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, version?: number) => {
    const y = await request<FundsYear>(method, path, { body, headers: version !== undefined ? { 'If-Match': `"${version}"` } : {} });
    client.setQueryData([...fundsKey, 'one', y.id], y);
    void client.invalidateQueries({ queryKey: fundsKey, exact: true });
    return y;
  };
}
