import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { redditoStatsOut } from '../../../../shared/autonomy.reddito.api';
import type { Json } from '../../../../shared/json';
import { api } from '../../../api/client';

/** GET /api/autonomy/reddito/stats: the network coordinator's counts (small cells null). Each read is audited: no refetch behind her back. */
export type RedditoStats = Json<z.output<typeof redditoStatsOut>>;

export const useRedditoStats = () =>
  useQuery({ queryKey: ['autonomy', 'reddito', 'stats'], queryFn: ({ signal }) => api.get<RedditoStats>('/api/autonomy/reddito/stats', { signal }), refetchOnWindowFocus: false });
