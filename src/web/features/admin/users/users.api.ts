import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MembershipRole } from '../../../../shared/domain';
import { api } from '../../../api/client';
import type { CreatedUser, Page, User } from '../../../api/types';

export const usersKey = ['users'] as const;

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export function useUsers(params: { page: number; pageSize: number; q?: string; organisationId?: string }) {
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

export interface NewUser {
  username: string;
  displayName: string;
  organisationId: string;
  role: MembershipRole;
}

export function createUser(body: NewUser): Promise<CreatedUser> {
  return api.post<CreatedUser>('/api/users', body);
}

export function updateUser(id: string, body: { displayName?: string; disabled?: boolean }): Promise<User> {
  return api.patch<User>(userPath(id), body);
}

export function setMembership(id: string, organisationId: string, role: MembershipRole): Promise<unknown> {
  return api.put(`${userPath(id)}/memberships/${encodeURIComponent(organisationId)}`, { role });
}

export function removeMembership(id: string, organisationId: string): Promise<unknown> {
  return api.delete(`${userPath(id)}/memberships/${encodeURIComponent(organisationId)}`);
}

export function resetMfa(id: string): Promise<unknown> {
  return api.post(`${userPath(id)}/mfa-reset`);
}
