import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { AuditEntry, Page } from '../../../api/types';

export interface AuditFilters {
  action: string;
  outcome: string;
  /** ISO dates (YYYY-MM-DD), as the date inputs give them. */
  from: string;
  to: string;
}

export function useAudit(params: AuditFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['audit', params],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/audit', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}
