import type { z } from 'zod';
import type { loginBody, mfaBody, organisationChoice, passwordChange } from '../../../shared/auth.api';
import { api } from '../../api/client';
import { setCsrfToken } from '../../api/csrf';
import type { Enrolment, LoginResult, Me } from '../../api/types';

/** The login steps. Each answer carrying a CSRF token replaces the one in memory. */

export async function login(body: z.input<typeof loginBody>): Promise<LoginResult> {
  const result = await api.post<LoginResult>('/api/auth/login', body);
  setCsrfToken(result.csrfToken);
  return result;
}

export function fetchEnrolment(): Promise<Enrolment> {
  return api.get<Enrolment>('/api/auth/mfa/enrolment');
}

export async function verifyMfa(code: z.input<typeof mfaBody>['code']): Promise<Me> {
  const me = await api.post<Me>('/api/auth/mfa', { code } satisfies z.input<typeof mfaBody>);
  setCsrfToken(me.csrfToken);
  return me;
}

export async function selectOrganisation(organisationId: z.input<typeof organisationChoice>['organisationId']): Promise<Me> {
  const me = await api.post<Me>('/api/auth/organisation', { organisationId } satisfies z.input<typeof organisationChoice>);
  setCsrfToken(me.csrfToken);
  return me;
}

export function logout(): Promise<void> {
  return api.post<void>('/api/auth/logout');
}

export function changePassword(body: z.input<typeof passwordChange>): Promise<void> {
  return api.post<void>('/api/auth/password', body);
}
