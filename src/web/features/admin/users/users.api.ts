import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { accountCreate, accountFilters, accountPatch, membershipSet, passwordReset } from '../../../../shared/accounts.api';
import { api } from '../../../api/client';
import type { CreatedUser, Page, User } from '../../../api/types';

export const usersKey = ['users'] as const;

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export function useUsers(params: { page: number; pageSize: number } & z.input<typeof accountFilters>) {
  return useQuery({
    queryKey: [...usersKey, 'list', params],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: [...usersKey, 'one', id],
    queryFn: ({ signal }) => api.get<User>(userPath(id ?? ''), { signal }),
    enabled: !!id,
  });
}

export type NewUser = z.input<typeof accountCreate>;

export function createUser(body: NewUser): Promise<CreatedUser> {
  return api.post<CreatedUser>('/api/users', body);
}

export function updateUser(id: string, body: z.input<typeof accountPatch>): Promise<User> {
  return api.patch<User>(userPath(id), body);
}

export function setMembership(id: string, organisationId: string, role: z.input<typeof membershipSet>['role']): Promise<unknown> {
  return api.put(`${userPath(id)}/memberships/${encodeURIComponent(organisationId)}`, { role });
}

export function removeMembership(id: string, organisationId: string): Promise<unknown> {
  return api.delete(`${userPath(id)}/memberships/${encodeURIComponent(organisationId)}`);
}

/** A temporary password for her, shown once; her sessions end. */
export function resetPassword(id: string): Promise<z.output<typeof passwordReset>> {
  return api.post<z.output<typeof passwordReset>>(`${userPath(id)}/password-reset`);
}

export function resetMfa(id: string): Promise<unknown> {
  return api.post(`${userPath(id)}/mfa-reset`);
}
