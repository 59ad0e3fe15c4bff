/**
 * The CSRF token of the current session, kept in memory only: it comes with
 * every login/me/mfa/organisation answer and must go back on every
 * state-changing request. Not persisted on purpose: a token in storage would
 * outlive the tab and be readable by any script on the origin.
 */
let token: string | null = null;

export function setCsrfToken(value: string | null): void {
  token = value;
}

export function getCsrfToken(): string | null {
  return token;
}
