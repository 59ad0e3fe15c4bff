import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, users } from '../../src/server/access/access.tables.js';
import { type TestApp, buildTestApp } from '../support/app.js';
import { statementsDuring } from '../support/statements.js';
import { type World, createUser, createWorld, login } from '../support/world.js';

/**
 * The session and account of a signed-in request are kept between requests
 * (access/principal-cache.ts) and dropped on every change: by this server's
 * own writes at once, by any other writer when its commit's notification is
 * heard. Counted, not timed: statements that read the session.
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
});
afterAll(async () => t?.close());

/** How many statements read a session while `fn` runs. */
const sessionReads = async (fn: () => Promise<unknown>) => (await statementsDuring(t, fn)).filter((text) => text.includes('from "sessions"')).length;

describe('the principal kept between requests', () => {
  it('is read once, then served from memory', async () => {
    const a = await login(t, w.users.operatorA);
    // The sign-in's own change notice may arrive after the first read and drop what it kept: let it arrive first.
    await t.ctx.sessions.principals.heardAll();
    expect(await sessionReads(() => a.request('GET', '/api/auth/me'))).toBeLessThanOrEqual(1);
    expect(await sessionReads(async () => {
      for (let i = 0; i < 5; i++) expect((await a.request('GET', '/api/auth/me')).status).toBe(200);
    })).toBe(0);
  });

  it('is dropped when she signs out: the same cookie is refused at once', async () => {
    const a = await login(t, w.users.socialWorkerA);
    expect((await a.request('GET', '/api/auth/me')).status).toBe(200);
    const cookie = a.cookie;
    expect((await a.request('POST', '/api/auth/logout')).status).toBe(204);
    a.cookie = cookie;
    expect((await a.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('is dropped when her head takes her membership away or disables her', async () => {
    const u = await createUser(t, { memberships: [{ organisationId: w.orgs.cavA, role: 'operator' }] });
    const a = await login(t, u);
    expect((await a.request('GET', '/api/cases')).status).toBe(200);
    const head = await login(t, w.users.headA);
    expect((await head.request('DELETE', `/api/users/${u.id}/memberships/${w.orgs.cavA}`)).status).toBe(204);
    const after = await a.request('GET', '/api/auth/me');
    expect(after.body.memberships).toEqual([]);
    expect((await a.request('GET', '/api/cases')).status).toBe(403);
  });

  it('is dropped by a change written past the server (another server, psql), once heard', async () => {
    const u = await createUser(t, { memberships: [{ organisationId: w.orgs.cavA, role: 'operator' }] });
    const a = await login(t, u);
    expect((await a.request('GET', '/api/cases')).status).toBe(200);
    await t.db.update(memberships).set({ role: 'observatory_analyst' }).where(and(eq(memberships.userId, u.id), eq(memberships.organisationId, w.orgs.cavA)));
    await t.ctx.sessions.principals.heardAll();
    expect((await a.request('GET', '/api/auth/me')).body.memberships[0].role).toBe('observatory_analyst');
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id));
    await t.ctx.sessions.principals.heardAll();
    expect((await a.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('is dropped for everyone when an organisation changes (its name is in every principal)', async () => {
    const a = await login(t, w.users.headA);
    await a.request('GET', '/api/auth/me');
    await t.db.execute(sql`update organisations set name = 'CAV Rinominato' where id = ${w.orgs.cavA}`);
    await t.ctx.sessions.principals.heardAll();
    expect((await a.request('GET', '/api/auth/me')).body.organisation.name).toBe('CAV Rinominato');
  });

  it('is not served while the server does not listen: every request reads the database', async () => {
    const a = await login(t, w.users.coordinator);
    await a.request('GET', '/api/auth/me');
    await t.ctx.sessions.principals.stop();
    try {
      expect(await sessionReads(async () => {
        for (let i = 0; i < 3; i++) await a.request('GET', '/api/auth/me');
      })).toBe(3);
    } finally {
      await t.ctx.sessions.principals.start(t.ctx.database);
    }
  });
});
