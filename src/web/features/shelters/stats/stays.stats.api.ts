import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type { stayStatsOut } from '../../../../shared/shelters.stats.api';
import { api, withQuery } from '../../../api/client';

/** GET /api/shelters/stats/stays?year=YYYY: a year's stay counts (small cells null). Each read is audited: no refetch behind her back. */
export type StayStats = Json<z.output<typeof stayStatsOut>>;
export type StayStatsCounts = StayStats['total'];

export const useStayStats = (year: number) =>
  useQuery({
    queryKey: ['shelters', 'stats', 'stays', year],
    queryFn: ({ signal }) => api.get<StayStats>(withQuery('/api/shelters/stats/stays', { year: String(year) }), { signal }),
    refetchOnWindowFocus: false,
  });
