import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type { auditChainOut } from '../../../../shared/audit.api';
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

export type AuditChainLag = Json<z.output<typeof auditChainOut>>;

/** How far the audit chain is behind (instance administrator only), read again every 15 seconds while the page is open. */
export function useAuditChainLag() {
  return useQuery({
    queryKey: ['audit', 'chain'],
    queryFn: ({ signal }) => api.get<AuditChainLag>('/api/audit/chain', { signal }),
    refetchInterval: 15_000,
  });
}
