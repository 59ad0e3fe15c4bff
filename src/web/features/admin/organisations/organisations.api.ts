import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Network, Organisation, Page } from '../../../api/types';
import type { z } from 'zod';
import type { organisationCreate, organisationPatch } from '../../../../shared/organisations.api';

export const organisationsKey = ['organisations'] as const;

export type OrganisationInput = z.input<typeof organisationCreate>;

export function useOrganisations(params: { page: number; pageSize: number; q?: string }, enabled = true) {
  return useQuery({
    queryKey: [...organisationsKey, 'list', params],
    queryFn: ({ signal }) => api.get<Page<Organisation>>('/api/organisations', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrganisation(id: string | undefined) {
  return useQuery({
    queryKey: [...organisationsKey, 'one', id],
    queryFn: ({ signal }) => api.get<Organisation>(`/api/organisations/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export function useNetworks(enabled = true) {
  return useQuery({
    queryKey: ['networks'],
    queryFn: ({ signal }) => api.get<{ items: Network[] }>('/api/networks', { signal }),
    enabled,
  });
}

export function createOrganisation(body: OrganisationInput): Promise<Organisation> {
  return api.post<Organisation>('/api/organisations', body);
}

export function updateOrganisation(id: string, body: z.input<typeof organisationPatch>): Promise<Organisation> {
  return api.patch<Organisation>(`/api/organisations/${encodeURIComponent(id)}`, body);
}
