import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditFilters } from '../../../../shared/audit.api';
import { api } from '../../../api/client';
import type { AuditEntry, Page } from '../../../api/types';

/**
 * The API's filters as the filter form holds them: each the text of its
 * input, '' for none (the client leaves empty values out of the query);
 * dates are ISO days (YYYY-MM-DD), as the date inputs give them.
 */
export type AuditFilters = Record<keyof z.input<typeof auditFilters>, string>;

export function useAudit(params: AuditFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['audit', params],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/audit', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}
