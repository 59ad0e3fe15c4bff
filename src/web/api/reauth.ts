/**
 * Signing in again in place. When a request finds the session expired, the
 * signed-in shell (app/SessionKeeper.tsx) asks her for her password and code
 * over the page, and the request is sent again once she is back: what she
 * typed stays where it was (in memory only, never in the browser's storage)
 * and is sent as if nothing had happened. Only one dialog is open however
 * many requests were refused meanwhile; they all wait for it.
 */

type Reauthenticator = () => Promise<void>;

let handler: Reauthenticator | null = null;
let pending: Promise<void> | null = null;

/** The shell registers the dialog while a session is open; `null` when it closes. */
export function setReauthenticator(next: Reauthenticator | null): void {
  handler = next;
}

export function canReauthenticate(): boolean {
  return handler !== null;
}

/** Resolves once she has signed in again; rejects if she chose to leave. */
export function reauthenticate(): Promise<void> {
  if (!handler) return Promise.reject(new Error('no session to resume'));
  pending ??= handler().finally(() => {
    pending = null;
  });
  return pending;
}

/** The steps of signing in, which never wait for a dialog themselves. */
const signInPaths = ['/api/auth/login', '/api/auth/mfa', '/api/auth/logout', '/api/auth/organisation', '/api/auth/password'];

export function resumable(path: string): boolean {
  return !signInPaths.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`));
}

/** When the server last saw this session (a request it answered): the idle clock starts there. */
let lastContact = Date.now();

export function noteServerContact(): void {
  lastContact = Date.now();
}

export function lastServerContact(): number {
  return lastContact;
}
