import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { sessions, users } from '../../src/server/access/access.tables.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { agentFromCookie, createUser, createWorld, login, loginPassword, totpNow, type World } from '../support/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

describe('login with password and mandatory TOTP', () => {
  it('requires the second factor before anything else', async () => {
    const step = await loginPassword(t, w.users.operatorA);
    expect(step.res.statusCode).toBe(200);
    expect(step.res.json()).toMatchObject({ next: 'mfa' });
    const cookie = step.res.cookies.find((c) => c.name === 'trama_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.value.length).toBeGreaterThanOrEqual(22); // >= 128 bits, base64url
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: step.cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('mfa_required');
  });

  it('answers the same for a wrong password and an unknown account', async () => {
    const wrong = await loginPassword(t, { username: w.users.operatorA.username, password: 'not-the-password-123' });
    const unknown = await loginPassword(t, { username: 'nobody-here', password: 'not-the-password-123' });
    expect(wrong.res.statusCode).toBe(401);
    expect(unknown.res.statusCode).toBe(401);
    expect(wrong.res.json()).toMatchObject({ code: 'invalid_credentials', title: unknown.res.json().title });
    expect(wrong.res.cookies).toHaveLength(0);
  });

  it('logs in, selects the only organisation, and audits each step', async () => {
    const a = await login(t, w.users.headA);
    const me = await a.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: w.users.headA.username }, organisation: { id: w.orgs.cavA }, role: 'organisation_head' });
    expect(me.body.permissions).toContain('user.manage');
    // The web warns before the idle timeout and offers to sign in again after it: it needs the timeout.
    expect(me.body.sessionIdleSeconds).toBe(t.ctx.config.session.idleMs / 1000);
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.actorUserId, w.users.headA.id)).orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.mfa']));
    // Reading her own account (the web does it on every page and to keep the session alive) is not audited.
    expect(rows.map((r) => r.action)).not.toContain('auth.me');
  });

  it('accepts a code only once', async () => {
    const user = await createUser(t, { memberships: [{ organisationId: w.orgs.cavA, role: 'operator' }] });
    const code = await totpNow(user.totpSecret);
    const first = await loginPassword(t, user);
    const a1 = agentFromCookie(t, first.cookie, first.csrf);
    expect((await a1.request('POST', '/api/auth/mfa', { code })).status).toBe(200);
    const second = await loginPassword(t, user);
    const a2 = agentFromCookie(t, second.cookie, second.csrf);
    const replay = await a2.request('POST', '/api/auth/mfa', { code });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('invalid_mfa_code');
  });

  it('gives the session a new id after the second factor', async () => {
    const user = await createUser(t);
    const step = await loginPassword(t, user);
    const a = agentFromCookie(t, step.cookie, step.csrf);
    await a.request('POST', '/api/auth/mfa', { code: await totpNow(user.totpSecret) });
    expect(a.cookie).not.toBe(step.cookie);
    const old = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: step.cookie } });
    expect(old.statusCode).toBe(401);
  });

  it('enrols a new account with a QR code on first login', async () => {
    const user = await createUser(t, { enrolled: false, memberships: [{ organisationId: w.orgs.cavA, role: 'operator' }] });
    const step = await loginPassword(t, user);
    expect(step.res.json().next).toBe('enrol');
    const a = agentFromCookie(t, step.cookie, step.csrf);
    const enrol = await a.request('GET', '/api/auth/mfa/enrolment');
    expect(enrol.status).toBe(200);
    expect(enrol.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrol.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const again = await a.request('GET', '/api/auth/mfa/enrolment');
    expect(again.body.secret).toBe(enrol.body.secret); // same pending secret until confirmed
    const ok = await a.request('POST', '/api/auth/mfa', { code: await generate({ secret: enrol.body.secret }) });
    expect(ok.status).toBe(200);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.totpSecret).not.toBeNull();
    expect(row!.totpPendingSecret).toBeNull();
    expect(row!.totpSecret).not.toContain(enrol.body.secret); // encrypted at rest
  });

  it('logout really ends the session', async () => {
    const a = await login(t, w.users.operatorA);
    const cookie = a.cookie;
    expect((await a.request('POST', '/api/auth/logout')).status).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const a = await login(t, w.users.socialWorkerA);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
    expect((await a.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('ends a session idle for 15 minutes, and one older than 12 hours', async () => {
    const a = await login(t, w.users.helpline);
    const idHash = t.ctx.sessions.hashId(a.cookie.split('=')[1]!);
    await t.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 16 * 60_000) }).where(eq(sessions.idHash, idHash));
    // Written past the server, as another server would: heard before the next request.
    await t.ctx.sessions.principals.heardAll();
    const idle = await a.request('GET', '/api/auth/me');
    expect(idle.status).toBe(401);
    expect(idle.body.code).toBe('session_expired');

    const b = await login(t, w.users.analyst);
    const idHashB = t.ctx.sessions.hashId(b.cookie.split('=')[1]!);
    await t.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.idHash, idHashB));
    await t.ctx.sessions.principals.heardAll();
    expect((await b.request('GET', '/api/auth/me')).body.code).toBe('session_expired');
  });

  it('stores only a hash of the session id', async () => {
    const a = await login(t, w.users.coordinator);
    const raw = a.cookie.split('=')[1]!;
    const rows = await t.db.select().from(sessions);
    expect(rows.some((r) => r.idHash === raw)).toBe(false);
    expect(rows.some((r) => r.idHash === t.ctx.sessions.hashId(raw))).toBe(true);
  });

  it('lets a user with several organisations choose, and only among her own', async () => {
    const user = await createUser(t, {
      memberships: [
        { organisationId: w.orgs.cavA, role: 'operator' },
        { organisationId: w.orgs.shelter, role: 'operator' },
      ],
    });
    const a = await login(t, user);
    const me = await a.request('GET', '/api/auth/me');
    expect(me.body.organisation).toBeNull();
    expect(me.body.memberships).toHaveLength(2);
    expect((await a.request('GET', '/api/users')).body.code).toBe('organisation_required');
    expect((await a.request('POST', '/api/auth/organisation', { organisationId: w.orgs.cavB })).status).toBe(404);
    const chosen = await a.request('POST', '/api/auth/organisation', { organisationId: w.orgs.shelter });
    expect(chosen.body).toMatchObject({ organisation: { id: w.orgs.shelter }, role: 'operator' });
  });
});

describe('rate limiting', () => {
  it('answers 429 per account after repeated failures, and lets her in once the attacker stops', async () => {
    // The limits' clock is moved forward instead of waiting for the window to empty.
    let now = Date.now();
    const limited = await buildTestApp({
      limits: { loginPerAccount: { max: 3, windowMs: 60_000 }, loginPerIp: { max: 1000, windowMs: 60_000 } },
      limitClock: () => new Date(now),
    });
    try {
      const user = await createUser(limited);
      for (let i = 0; i < 3; i++) {
        expect((await loginPassword(limited, { username: user.username, password: 'wrong-password-xyz' })).res.statusCode).toBe(401);
      }
      const blocked = await loginPassword(limited, user);
      expect(blocked.res.statusCode).toBe(429);
      expect(blocked.res.headers['retry-after']).toBeDefined();
      // Unknown accounts are limited the same way: no hint that the account exists.
      for (let i = 0; i < 3; i++) await loginPassword(limited, { username: 'ghost', password: 'wrong-password-xyz' });
      expect((await loginPassword(limited, { username: 'ghost', password: 'x' })).res.statusCode).toBe(429);
      now += 60_001; // the window empties
      expect((await loginPassword(limited, user)).res.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('answers 429 per address', async () => {
    const limited = await buildTestApp({ limits: { loginPerIp: { max: 2, windowMs: 60_000 } } });
    try {
      const user = await createUser(limited);
      await loginPassword(limited, user);
      await loginPassword(limited, user);
      expect((await loginPassword(limited, user)).res.statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('temporary passwords', () => {
  it('must be replaced before anything else; a weak or wrong password is refused', async () => {
    const head = await login(t, w.users.headA);
    const created = await head.request('POST', '/api/users', {
      username: 'nuova.operatrice',
      displayName: 'Nuova Operatrice',
      organisationId: w.orgs.cavA,
      role: 'operator',
    });
    expect(created.status).toBe(201);
    const step = await loginPassword(t, { username: 'nuova.operatrice', password: created.body.temporaryPassword });
    expect(step.res.json().next).toBe('enrol');
    const a = agentFromCookie(t, step.cookie, step.csrf);
    const enrol = await a.request('GET', '/api/auth/mfa/enrolment');
    const mfa = await a.request('POST', '/api/auth/mfa', { code: await generate({ secret: enrol.body.secret }) });
    expect(mfa.body.passwordChangeRequired).toBe(true);
    a.csrf = mfa.body.csrfToken;

    const blocked = await a.request('GET', '/api/users');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('password_change_required');

    const wrong = await a.request('POST', '/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'Girasole-Lampone-Vela-77' });
    expect(wrong.body.code).toBe('invalid_credentials');
    const weak = await a.request('POST', '/api/auth/password', { currentPassword: created.body.temporaryPassword, newPassword: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('weak_password');
    const ok = await a.request('POST', '/api/auth/password', {
      currentPassword: created.body.temporaryPassword,
      newPassword: 'Girasole-Lampone-Vela-77',
    });
    expect(ok.status).toBe(204);
    expect((await a.request('GET', '/api/users')).status).toBe(200);
    const again = await loginPassword(t, { username: 'nuova.operatrice', password: 'Girasole-Lampone-Vela-77' });
    expect(again.res.statusCode).toBe(200);
  });
});
