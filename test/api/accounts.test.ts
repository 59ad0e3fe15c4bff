import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';

/** Accounts: creating, reading, renaming, roles. Disabling and second-factor resets: accounts-lifecycle.test.ts. */
let t: TestApp;
let w: World;
let admin: Agent;
let headA: Agent;
let operatorA: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  admin = await login(t, w.users.admin);
  headA = await login(t, w.users.headA);
  operatorA = await login(t, w.users.operatorA);
});
afterAll(() => t.close());

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);
const pointers = (body: { errors?: { pointer: string }[] }) => (body.errors ?? []).map((e) => e.pointer).sort();
/** The audit rows about one account, oldest first. */
const auditOf = (userId: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.resourceType, 'user'), eq(auditLog.resourceId, userId)))
    .orderBy(auditLog.id);
const colleague = async (role: 'operator' | 'organisation_head' = 'operator') =>
  createUser(t, { memberships: [{ organisationId: w.orgs.cavA, role }] });
const newAccount = (over: Record<string, unknown> = {}) => ({
  username: `nuova.${Math.random().toString(36).slice(2, 8)}`,
  displayName: 'Giulia Nuova',
  organisationId: w.orgs.cavA,
  role: 'operator',
  ...over,
});

describe('POST /api/users', () => {
  it('creates an account in her organisation with a temporary password, audited', async () => {
    const res = await headA.request('POST', '/api/users', newAccount({ username: 'Giulia.Bianchi' }));
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      username: 'giulia.bianchi', // stored lower-case
      displayName: 'Giulia Nuova',
      isInstanceAdmin: false,
      disabled: false,
      mfaEnrolled: false,
      memberships: [{ organisationId: w.orgs.cavA, role: 'operator' }],
    });
    expect(res.body.temporaryPassword).toMatch(/^[\w-]{20,}$/);
    expect(Object.keys(res.body.user)).not.toContain('passwordHash');
    const [row, ...more] = await auditOf(res.body.user.id);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ action: 'user.create', outcome: 'success', actorUserId: w.users.headA.id, actorOrganisationId: w.orgs.cavA });
  });

  it('lets the instance admin create an account in any organisation', async () => {
    const res = await admin.request('POST', '/api/users', newAccount({ organisationId: w.orgs.cavB, role: 'organisation_head' }));
    expect(res.status).toBe(201);
    expect(res.body.user.memberships).toEqual([expect.objectContaining({ organisationId: w.orgs.cavB, role: 'organisation_head' })]);
  });

  it('refuses bad input with a pointer per field, creating nothing', async () => {
    const before = await adminTablesDigest(t.db);
    const res = await headA.request('POST', '/api/users', { username: 'a b', displayName: 'G', organisationId: 'cav-a', role: 'queen' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(pointers(res.body)).toEqual(['/body/displayName', '/body/organisationId', '/body/role', '/body/username']);
    const missing = await headA.request('POST', '/api/users', {});
    expect(pointers(missing.body)).toEqual(['/body/displayName', '/body/organisationId', '/body/role', '/body/username']);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });

  it('refuses a username already taken, whatever its case, with 409', async () => {
    const before = await adminTablesDigest(t.db);
    const res = await headA.request('POST', '/api/users', newAccount({ username: w.users.operatorA.username.toUpperCase() }));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict');
    expect(await adminTablesDigest(t.db)).toBe(before);
  });

  it('answers 404 when the head of A creates an account in CAV B, creating nothing', async () => {
    const before = await adminTablesDigest(t.db);
    const res = await headA.request('POST', '/api/users', newAccount({ organisationId: w.orgs.cavB }));
    expect(res.status).toBe(404);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });
});

describe('GET /api/users', () => {
  it("gives the head her organisation's accounts only, audited as a list read", async () => {
    const res = await headA.request('GET', '/api/users?pageSize=100');
    expect(res.status).toBe(200);
    const seen = ids(res.body);
    const u = w.users;
    expect(seen).toEqual(expect.arrayContaining([u.headA.id, u.operatorA.id, u.socialWorkerA.id, u.helpline.id, u.analyst.id]));
    for (const outside of [u.admin.id, u.coordinator.id, u.headB.id, u.operatorB.id]) expect(seen).not.toContain(outside);
    expect(res.body.total).toBe(seen.length);
    const [row] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.list'), eq(auditLog.actorUserId, u.headA.id))).orderBy(asc(auditLog.id));
    expect(row).toMatchObject({ actorOrganisationId: w.orgs.cavA, resourceId: null });
  });

  it('lets an operator see her colleagues, filter and search', async () => {
    const res = await operatorA.request('GET', `/api/users?organisationId=${w.orgs.cavA}&q=${w.users.socialWorkerA.username.toUpperCase()}`);
    expect(ids(res.body)).toEqual([w.users.socialWorkerA.id]);
  });

  it('gives the instance admin every account', async () => {
    const res = await admin.request('GET', '/api/users?pageSize=100');
    expect(ids(res.body)).toEqual(expect.arrayContaining(Object.values(w.users).map((u) => u.id)));
  });

  it('refuses a bad query', async () => {
    const res = await headA.request('GET', '/api/users?organisationId=cav-a&pageSize=1000');
    expect(res.status).toBe(400);
    expect(pointers(res.body)).toEqual(['/querystring/organisationId', '/querystring/pageSize']);
  });
});

describe('GET /api/users/:id', () => {
  it('gives one account, audited as a read of that account', async () => {
    const res = await operatorA.request('GET', `/api/users/${w.users.helpline.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.users.helpline.id, mfaEnrolled: true, memberships: [{ organisationId: w.orgs.cavA, role: 'helpline_operator' }] });
    const rows = await auditOf(w.users.helpline.id);
    expect(rows.at(-1)).toMatchObject({ action: 'user.read', actorUserId: w.users.operatorA.id, actorOrganisationId: w.orgs.cavA });
  });

  it('refuses an id that is not a UUID, and answers 404 outside her organisation', async () => {
    const bad = await headA.request('GET', '/api/users/me');
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toEqual(['/params/id']);
    expect((await headA.request('GET', `/api/users/${w.users.headB.id}`)).status).toBe(404);
  });
});

describe('PATCH /api/users/:id', () => {
  it('renames a colleague, audited', async () => {
    const c = await colleague();
    const res = await headA.request('PATCH', `/api/users/${c.id}`, { displayName: 'Nome Corretto' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: c.id, displayName: 'Nome Corretto', disabled: false });
    expect((await auditOf(c.id)).at(-1)).toMatchObject({ action: 'user.update', actorUserId: w.users.headA.id });
  });

  it('refuses bad input, changing nothing', async () => {
    const c = await colleague();
    const before = await adminTablesDigest(t.db);
    const res = await headA.request('PATCH', `/api/users/${c.id}`, { displayName: 'X', disabled: 'yes' });
    expect(res.status).toBe(400);
    expect(pointers(res.body)).toEqual(['/body/disabled', '/body/displayName']);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });

  it('answers 404 for an account of another organisation', async () => {
    const before = await adminTablesDigest(t.db);
    expect((await headA.request('PATCH', `/api/users/${w.users.operatorB.id}`, { displayName: 'Nome Rubato' })).status).toBe(404);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });
});

describe('memberships', () => {
  it('PUT changes her role in the organisation, audited with the organisation', async () => {
    const c = await colleague();
    const res = await headA.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.cavA}`, { role: 'organisation_head' });
    expect(res.status).toBe(200);
    expect(res.body.memberships).toEqual([expect.objectContaining({ organisationId: w.orgs.cavA, role: 'organisation_head' })]);
    expect((await auditOf(c.id)).at(-1)).toMatchObject({ action: 'membership.set', purpose: `organisation:${w.orgs.cavA}` });
  });

  it('PUT by the instance admin grants a role in a second organisation', async () => {
    const c = await colleague();
    const res = await admin.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.shelter}`, { role: 'operator' });
    expect(res.body.memberships.map((m: { organisationId: string }) => m.organisationId).sort()).toEqual([w.orgs.cavA, w.orgs.shelter].sort());
    // The head of A still sees only the membership in her organisation.
    expect((await headA.request('GET', `/api/users/${c.id}`)).body.memberships).toEqual([expect.objectContaining({ organisationId: w.orgs.cavA })]);
  });

  it('PUT refuses bad input and foreign targets, changing nothing', async () => {
    const c = await colleague();
    const before = await adminTablesDigest(t.db);
    const badParam = await headA.request('PUT', `/api/users/${c.id}/memberships/not-an-id`, { role: 'operator' });
    expect(pointers(badParam.body)).toEqual(['/params/organisationId']);
    const badRole = await headA.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.cavA}`, { role: 'queen' });
    expect(badRole.status).toBe(400);
    expect(pointers(badRole.body)).toEqual(['/body/role']);
    expect((await headA.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.cavB}`, { role: 'operator' })).status).toBe(404);
    expect((await headA.request('PUT', `/api/users/${w.users.operatorB.id}/memberships/${w.orgs.cavA}`, { role: 'operator' })).status).toBe(404);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });

  it("refuses a role her organisation's kind does not hold (a CAV has no 1522 operator or coordinator), changing nothing", async () => {
    const c = await colleague();
    const before = await adminTablesDigest(t.db);
    const refusals = [
      await headA.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.cavA}`, { role: 'helpline_operator' }),
      await headA.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.cavA}`, { role: 'social_worker' }),
      await admin.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.cavA}`, { role: 'network_coordinator' }),
      await admin.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.capofila}`, { role: 'operator' }),
      await headA.request('POST', '/api/users', newAccount({ role: 'observatory_analyst' })),
      await admin.request('POST', '/api/users', newAccount({ organisationId: w.orgs.shelter, role: 'network_coordinator' })),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/role', code: 'role_not_for_organisation' })]);
    }
    expect(await adminTablesDigest(t.db)).toBe(before);
    // The capofila holds the coordinator's role.
    expect((await admin.request('PUT', `/api/users/${c.id}/memberships/${w.orgs.capofila}`, { role: 'network_coordinator' })).status).toBe(200);
  });

  it('DELETE removes her role; she then no longer exists for the head; audited', async () => {
    const c = await colleague();
    const res = await headA.request('DELETE', `/api/users/${c.id}/memberships/${w.orgs.cavA}`);
    expect(res.status).toBe(204);
    expect((await auditOf(c.id)).at(-1)).toMatchObject({ action: 'membership.remove', purpose: `organisation:${w.orgs.cavA}` });
    expect((await headA.request('GET', `/api/users/${c.id}`)).status).toBe(404);
    expect((await admin.request('GET', `/api/users/${c.id}`)).body.memberships).toEqual([]);
  });

  it('DELETE refuses bad input, a membership she does not have, and foreign targets', async () => {
    const c = await colleague();
    const before = await adminTablesDigest(t.db);
    expect(pointers((await headA.request('DELETE', `/api/users/x/memberships/${w.orgs.cavA}`)).body)).toEqual(['/params/id']);
    expect((await admin.request('DELETE', `/api/users/${c.id}/memberships/${w.orgs.shelter}`)).status).toBe(404);
    expect((await headA.request('DELETE', `/api/users/${w.users.operatorB.id}/memberships/${w.orgs.cavB}`)).status).toBe(404);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });
});
