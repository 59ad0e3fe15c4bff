import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from './client';
import { getCsrfToken, setCsrfToken } from './csrf';
import { setReauthenticator } from './reauth';

// The UI language module sets the page's lang at start: there is no page here.
vi.mock('../i18n', () => ({ currentLanguage: () => 'it' }));

/** Answers in turn, as the server would; records what was asked. */
function server(answers: { status: number; body: unknown }[]) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    asked.push(`${init.method} ${url}`);
    const next = answers.shift()!;
    return new Response(JSON.stringify(next.body), { status: next.status, headers: { 'content-type': next.status < 400 ? 'application/json' : 'application/problem+json' } });
  });
  return asked;
}
const problem = (code: string) => ({ status: 401, body: { type: 'about:blank', title: code, status: 401, code } });

afterEach(() => {
  vi.unstubAllGlobals();
  setReauthenticator(null);
  setCsrfToken(null);
});

describe('a request refused because she is signing in again', () => {
  for (const code of ['session_expired', 'unauthenticated', 'mfa_required']) {
    it(`waits for her to be back and is sent again (${code}), leaving the new session's token alone`, async () => {
      const asked = server([problem(code), { status: 200, body: { unread: 3 } }]);
      let signedIn: (() => void) | null = null;
      setReauthenticator(() => new Promise<void>((resolve) => (signedIn = resolve)));
      setCsrfToken('token-of-the-new-session');
      const answer = api.get<{ unread: number }>('/api/notifications/unread-count');
      // Refused once, it waits for the dialog.
      await vi.waitFor(() => expect(signedIn).not.toBeNull());
      expect(asked).toHaveLength(1);
      signedIn!();
      expect(await answer).toEqual({ unread: 3 });
      expect(asked).toHaveLength(2);
      expect(getCsrfToken()).toBe('token-of-the-new-session');
    });
  }

  it('fails as before when no signed-in page can ask her (the login page itself)', async () => {
    server([problem('mfa_required')]);
    await expect(api.get('/api/cases')).rejects.toMatchObject({ code: 'mfa_required' });
  });

  it('is not sent a third time: refused again after she is back, it fails', async () => {
    const asked = server([problem('session_expired'), problem('session_expired')]);
    setReauthenticator(async () => undefined);
    await expect(api.get('/api/cases')).rejects.toMatchObject({ code: 'session_expired' });
    expect(asked).toHaveLength(2);
  });
});
