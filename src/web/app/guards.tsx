import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { getCsrfToken } from '../api/csrf';
import { can, needsOrganisationChoice, useMe } from '../api/session';
import { ErrorPage, ForbiddenPage } from '../features/errors/ErrorPages';
import { Loading } from '../ui/Loading';
import { SessionKeeper } from './SessionKeeper';

export interface FromState {
  from?: string;
}

/** Where to go once signed in: the page she was sent away from, or home. */
function returnTo(state: unknown): string {
  const from = (state as FromState | null)?.from;
  // Only paths of this app: never an absolute URL smuggled in the state.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')
    ? from
    : '/';
}

/** Screens that need a complete session (password and second factor). */
export function RequireSession() {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorPage error={me.error} />;
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search } satisfies FromState} />;
  }
  if (me.data.passwordChangeRequired && location.pathname !== '/cambia-password') {
    return <Navigate to="/cambia-password" replace />;
  }
  if (needsOrganisationChoice(me.data) && location.pathname !== '/scegli-organizzazione') {
    return <Navigate to="/scegli-organizzazione" replace state={{ from: location.pathname } satisfies FromState} />;
  }
  return (
    <>
      <SessionKeeper me={me.data} />
      <Outlet />
    </>
  );
}

/** The login steps: once the session is complete they lead on to the app. */
export function GuestOnly() {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.data) {
    const target = needsOrganisationChoice(me.data) ? '/scegli-organizzazione' : returnTo(location.state);
    return <Navigate to={target} replace state={{ from: returnTo(location.state) } satisfies FromState} />;
  }
  return <Outlet />;
}

/**
 * The code and enrolment steps need the token of the password step, which
 * lives in memory only: after a reload she starts again from the password.
 */
export function RequirePendingLogin() {
  const location = useLocation();
  if (!getCsrfToken()) return <Navigate to="/login" replace state={location.state as unknown} />;
  return <Outlet />;
}

/** A section opened by one permission; the server checks again anyway. */
export function RequirePermission({ action, children }: { action: string; children?: ReactNode }) {
  const me = useMe().data;
  if (!can(me, action)) return <ForbiddenPage />;
  return children ?? <Outlet />;
}

export { returnTo };
