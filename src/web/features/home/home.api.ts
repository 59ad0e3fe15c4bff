import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../shared/json';
import type { tasksOut, workloadOut } from '../../../shared/tasks.api';
import { api } from '../../api/client';
import { casesKey } from '../cases/cases.api';

/** GET /api/cases/tasks: what is due on the cases of her team, and one page of the stale pathways. */
export type Tasks = Json<z.output<typeof tasksOut>>;
/** GET /api/cases/workload: the head's centre, in counts. */
export type Workload = Json<z.output<typeof workloadOut>>;

/**
 * Her tasks for the home page. Read at most every minute: each read is
 * audited, and nothing here changes by the second. Another page of the
 * stale pathways keeps the current one on screen while it loads.
 */
export function useTasks(stalePage: number) {
  return useQuery({
    queryKey: [...casesKey, 'tasks', stalePage],
    queryFn: ({ signal }) => api.get<Tasks>('/api/cases/tasks', { query: { stalePage }, signal }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The head's workload of her centre (counts only). */
export function useWorkload(enabled: boolean) {
  return useQuery({
    queryKey: [...casesKey, 'workload'],
    queryFn: ({ signal }) => api.get<Workload>('/api/cases/workload', { signal }),
    enabled,
    staleTime: 60_000,
  });
}
