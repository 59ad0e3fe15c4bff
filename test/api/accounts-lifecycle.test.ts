import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../src/server/access/access.tables.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { type Agent, agentFromCookie, createUser, createWorld, login, loginPassword, type World } from '../support/world.js';

/** Accounts over their life: temporary password, disabling, second-factor reset, and what the audit keeps of it. */
let t: TestApp;
let w: World;
let admin: Agent;
let headA: Agent;
/** Every secret or name handed to the API in this file: none may reach the audit log or the logs. */
const secrets: string[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  admin = await login(t, w.users.admin);
  headA = await login(t, w.users.headA);
});
afterAll(() => t.close());

const colleague = () => createUser(t, { memberships: [{ organisationId: w.orgs.cavA, role: 'operator' }] });
const liveSessions = (userId: string) => t.db.select().from(sessions).where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
const lastAuditOf = async (userId: string) =>
  (await t.db.select().from(auditLog).where(and(eq(auditLog.resourceType, 'user'), eq(auditLog.resourceId, userId))).orderBy(auditLog.id)).at(-1);

describe('the temporary password', () => {
  it('works for the first login, which leads to enrolment; it is stored only as a hash', async () => {
    const created = await headA.request('POST', '/api/users', {
      username: 'prima.volta',
      displayName: 'Ludovica Primavolta',
      organisationId: w.orgs.cavA,
      role: 'organisation_head',
    });
    expect(created.status).toBe(201);
    const password: string = created.body.temporaryPassword;
    secrets.push(password, 'Ludovica Primavolta', 'Primavolta');
    const step = await loginPassword(t, { username: 'prima.volta', password });
    expect(step.res.statusCode).toBe(200);
    expect(step.res.json().next).toBe('enrol');
    const [row] = await t.db.select().from(users).where(eq(users.id, created.body.user.id));
    expect(row!.passwordChangeRequired).toBe(true);
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(password);
    expect((await loginPassword(t, { username: 'prima.volta', password: `${password}x` })).res.statusCode).toBe(401);
  });

  it('is a new one for every account', async () => {
    const make = (username: string) =>
      headA.request('POST', '/api/users', { username, displayName: 'Bianca Seconda', organisationId: w.orgs.cavA, role: 'operator' });
    const [a, b] = [await make('seconda.a'), await make('seconda.b')];
    secrets.push(a.body.temporaryPassword, b.body.temporaryPassword, 'Bianca Seconda');
    expect(a.body.temporaryPassword).not.toBe(b.body.temporaryPassword);
  });
});

describe('disabling an account', () => {
  it("ends her live sessions at once and refuses her next login; enabling lets her in again; audited", async () => {
    const c = await colleague();
    const her = await login(t, c);
    expect((await her.request('GET', '/api/auth/me')).status).toBe(200);
    expect(await liveSessions(c.id)).toHaveLength(1);

    const res = await headA.request('PATCH', `/api/users/${c.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect(await liveSessions(c.id)).toHaveLength(0);
    expect((await her.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await loginPassword(t, c)).res.statusCode).toBe(401);
    expect(await lastAuditOf(c.id)).toMatchObject({ action: 'user.update', actorUserId: w.users.headA.id, actorOrganisationId: w.orgs.cavA });

    expect((await headA.request('PATCH', `/api/users/${c.id}`, { disabled: false })).body.disabled).toBe(false);
    expect((await (await login(t, c)).request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('refuses (403) the head an account that also belongs to another organisation; the admin may', async () => {
    const both = await createUser(t, {
      memberships: [
        { organisationId: w.orgs.cavA, role: 'operator' },
        { organisationId: w.orgs.cavB, role: 'operator' },
      ],
    });
    const before = await adminTablesDigest(t.db);
    const res = await headA.request('PATCH', `/api/users/${both.id}`, { disabled: true });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect((await headA.request('POST', `/api/users/${both.id}/mfa-reset`)).status).toBe(403);
    expect(await adminTablesDigest(t.db)).toBe(before);
    expect((await admin.request('PATCH', `/api/users/${both.id}`, { disabled: true })).body.disabled).toBe(true);
  });

  it('refuses anyone to disable herself', async () => {
    const before = await adminTablesDigest(t.db);
    expect((await headA.request('PATCH', `/api/users/${w.users.headA.id}`, { disabled: true })).status).toBe(403);
    expect((await admin.request('PATCH', `/api/users/${w.users.admin.id}`, { disabled: true })).status).toBe(403);
    expect(await adminTablesDigest(t.db)).toBe(before);
    expect((await headA.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('refuses the head an instance admin who also works in her organisation', async () => {
    // An administrator holds no role that reads cases: she may still work in the organisation (here at the helpline desk).
    const instanceAdmin = await createUser(t, { admin: true, memberships: [{ organisationId: w.orgs.cavA, role: 'helpline_operator' }] });
    const before = await adminTablesDigest(t.db);
    expect((await headA.request('PATCH', `/api/users/${instanceAdmin.id}`, { disabled: true })).status).toBe(403);
    expect((await headA.request('POST', `/api/users/${instanceAdmin.id}/mfa-reset`)).status).toBe(403);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });
});

describe('POST /api/users/:id/mfa-reset', () => {
  it('ends her sessions and makes her enrol again at the next login; audited', async () => {
    const c = await colleague();
    const her = await login(t, c);
    const res = await headA.request('POST', `/api/users/${c.id}/mfa-reset`);
    expect(res.status).toBe(204);
    expect((await her.request('GET', '/api/auth/me')).status).toBe(401);
    expect(await liveSessions(c.id)).toHaveLength(0);
    const [row] = await t.db.select().from(users).where(eq(users.id, c.id));
    expect(row).toMatchObject({ totpSecret: null, totpPendingSecret: null, totpLastStep: null });
    expect(await lastAuditOf(c.id)).toMatchObject({ action: 'user.mfa_reset', outcome: 'success', actorUserId: w.users.headA.id });

    const step = await loginPassword(t, c);
    expect(step.res.json().next).toBe('enrol');
    const again = agentFromCookie(t, step.cookie, step.csrf);
    expect((await again.request('GET', '/api/users')).body.code).toBe('mfa_required'); // nothing before the new factor
    expect((await again.request('GET', '/api/auth/mfa/enrolment')).status).toBe(200);
  });

  it('refuses a bad id, and answers 404 for an account of another organisation', async () => {
    const before = await adminTablesDigest(t.db);
    const bad = await headA.request('POST', '/api/users/0/mfa-reset');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/params/id']);
    expect((await headA.request('POST', `/api/users/${w.users.operatorB.id}/mfa-reset`)).status).toBe(404);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });
});

describe('POST /api/users/:id/password-reset', () => {
  it('issues a temporary password that replaces hers, ends her sessions, keeps her second factor; audited', async () => {
    const c = await colleague();
    const her = await login(t, c);
    const res = await headA.request('POST', `/api/users/${c.id}/password-reset`);
    expect(res.status).toBe(200);
    const temporary: string = res.body.temporaryPassword;
    secrets.push(temporary);
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    expect((await her.request('GET', '/api/auth/me')).status).toBe(401);
    expect(await liveSessions(c.id)).toHaveLength(0);
    const [row] = await t.db.select().from(users).where(eq(users.id, c.id));
    expect(row?.passwordChangeRequired).toBe(true);
    expect(row?.totpSecret).not.toBeNull();
    expect(row?.passwordHash).not.toContain(temporary);
    expect(await lastAuditOf(c.id)).toMatchObject({ action: 'user.password_reset', outcome: 'success', actorUserId: w.users.headA.id });

    expect((await loginPassword(t, c)).res.statusCode).toBe(401); // the old one no longer opens
    const step = await loginPassword(t, { ...c, password: temporary });
    expect(step.res.json().next).toBe('mfa'); // the second factor is still asked
  });

  it('refuses her own account, and answers 404 for an account of another organisation', async () => {
    const before = await adminTablesDigest(t.db);
    expect((await headA.request('POST', `/api/users/${w.users.headA.id}/password-reset`)).body.code).toBe('own_account_change');
    expect((await headA.request('POST', `/api/users/${w.users.operatorB.id}/password-reset`)).status).toBe(404);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });
});

describe('what the audit log keeps', () => {
  it('records every account write, by whom, for which organisation', async () => {
    const c = await colleague();
    await headA.request('PATCH', `/api/users/${c.id}`, { displayName: 'Nome Tutto Nuovo' });
    secrets.push('Nome Tutto Nuovo');
    await headA.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.cavA}`, { role: 'organisation_head' });
    await headA.request('POST', `/api/users/${c.id}/mfa-reset`);
    secrets.push((await headA.request('POST', `/api/users/${c.id}/password-reset`)).body.temporaryPassword);
    await headA.request('DELETE', `/api/users/${c.id}/memberships/${w.orgs.cavA}`);
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.resourceType, 'user'), eq(auditLog.resourceId, c.id))).orderBy(auditLog.id);
    expect(rows.map((r) => r.action)).toEqual(['user.update', 'membership.set', 'user.mfa_reset', 'user.password_reset', 'membership.remove']);
    for (const r of rows) expect(r).toMatchObject({ outcome: 'success', actorUserId: w.users.headA.id, actorOrganisationId: w.orgs.cavA });
  });

  it('never contains a temporary password or a display name, nor do the logs', async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    const everything = JSON.stringify(await t.db.select().from(auditLog).orderBy(asc(auditLog.id))).toLowerCase();
    const logs = t.logs.text.toLowerCase();
    for (const s of [...secrets, 'Persona ']) {
      expect(everything, 'audit log').not.toContain(s.toLowerCase());
      expect(logs, 'logs').not.toContain(s.toLowerCase());
    }
  });
});

describe('the network coordinator role', () => {
  it('is granted only by the instance admin: a head gets 403 even in her own organisation, nothing changes', async () => {
    const c = await colleague();
    const before = await adminTablesDigest(t.db);
    const grant = await headA.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.cavA}`, { role: 'network_coordinator' });
    expect(grant.status).toBe(403);
    const create = await headA.request('POST', '/api/users', {
      username: 'aspirante.coordinatrice',
      displayName: 'Aspirante Coordinatrice',
      organisationId: w.orgs.cavA,
      role: 'network_coordinator',
    });
    expect(create.status).toBe(403);
    expect(await adminTablesDigest(t.db)).toBe(before);
    expect((await admin.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.capofila}`, { role: 'network_coordinator' })).status).toBe(200);
  });

  it('sees only the networks her organisation leads as capofila', async () => {
    // A coordinator role held in a member CAV (not capofila) gives no network-wide view.
    const c = await createUser(t, { memberships: [{ organisationId: w.orgs.cavA, role: 'network_coordinator' }] });
    const agent = await login(t, c);
    const list = await agent.request('GET', '/api/organisations?pageSize=100');
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([w.orgs.cavA]);
  });
});
