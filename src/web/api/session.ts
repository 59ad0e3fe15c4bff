import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client';
import { setCsrfToken } from './csrf';
import type { Instance, Me } from './types';

/** Query keys the shell shares; everything else is per feature. */
export const meKey = ['auth', 'me'] as const;
export const instanceKey = ['public', 'instance'] as const;

/**
 * The signed-in person, or `null` when there is no complete session (never
 * logged in, second factor missing, expired). A 401 is an answer here, not
 * an error: it is how the app learns it must show the login page.
 */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: fetchMe,
    staleTime: 30_000,
    retry: false,
    // Coming back to the tab re-checks an open session, so an expired one shows the
    // login page instead of stale personal data. Without a session there is
    // nothing to re-check (and each refused call would be one more audit row).
    refetchOnWindowFocus: (query) => query.state.data != null,
  });
}

export function useInstance() {
  return useQuery({
    queryKey: instanceKey,
    queryFn: () => api.get<Instance>('/api/public/instance'),
    staleTime: Infinity,
  });
}

/** Stores a fresh `Me` (after MFA, organisation switch) and its CSRF token. */
export function storeMe(client: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  client.setQueryData(meKey, me);
}

/**
 * Forgets everything tied to the session: its token, the person and every
 * cached record (another person may sign in next on this browser).
 */
export function forgetSession(client: QueryClient): void {
  setCsrfToken(null);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== instanceKey[0] });
  client.setQueryData(meKey, null);
}

/**
 * Drops cached data when the acting organisation changes: lists and records
 * are scoped to it, so what was cached belongs to the previous one.
 */
export function forgetScopedData(client: QueryClient): void {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== instanceKey[0] && q.queryKey[0] !== meKey[0] });
}

export function can(me: Me | null | undefined, action: string): boolean {
  return !!me && me.permissions.includes(action);
}

/** True when she must pick which organisation she acts for before anything else. */
export function needsOrganisationChoice(me: Me): boolean {
  return me.organisation === null && me.memberships.length > 1;
}

