import { api } from '../../api/client';
import { setCsrfToken } from '../../api/csrf';
import type { Enrolment, LoginResult, Me } from '../../api/types';

/** The login steps. Each answer carrying a CSRF token replaces the one in memory. */

export async function login(body: { username: string; password: string }): Promise<LoginResult> {
  const result = await api.post<LoginResult>('/api/auth/login', body);
  setCsrfToken(result.csrfToken);
  return result;
}

export function fetchEnrolment(): Promise<Enrolment> {
  return api.get<Enrolment>('/api/auth/mfa/enrolment');
}

export async function verifyMfa(code: string): Promise<Me> {
  const me = await api.post<Me>('/api/auth/mfa', { code });
  setCsrfToken(me.csrfToken);
  return me;
}

export async function selectOrganisation(organisationId: string): Promise<Me> {
  const me = await api.post<Me>('/api/auth/organisation', { organisationId });
  setCsrfToken(me.csrfToken);
  return me;
}

export function logout(): Promise<void> {
  return api.post<void>('/api/auth/logout');
}

export function changePassword(body: { currentPassword: string; newPassword: string }): Promise<void> {
  return api.post<void>('/api/auth/password', body);
}
