import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type { deadLettersOut } from '../../../../shared/jobs.api';
import { api } from '../../../api/client';

export type DeadLetters = Json<z.output<typeof deadLettersOut>>;

/** The background jobs that failed their last attempt (instance administrator only). */
export function useDeadLetters() {
  return useQuery({
    queryKey: ['admin', 'jobs', 'dead-letters'],
    queryFn: ({ signal }) => api.get<DeadLetters>('/api/admin/jobs/dead-letters', { signal }),
  });
}
