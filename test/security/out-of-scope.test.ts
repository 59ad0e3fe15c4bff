import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { createSportello } from '../support/directory.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';

/**
 * Records outside the asker's scope do not exist for her: 404, the same
 * answer as for an id that exists nowhere, and the database unchanged.
 * Every request here passes the policy (the role may do the action), so
 * only the scope stands between her and the record.
 */
type Actor = 'admin' | 'coord' | 'headA' | 'opA' | 'swA' | 'help' | 'anal' | 'headB' | 'opB';

let t: TestApp;
let w: World;
let agents: Record<Actor, Agent>;
let actorIds: Record<Actor, string>;
/** A colleague in both CAV A and CAV B. */
let dual: string;
const rows = { ofA: 0, ofB: 0, ofAdmin: 0 };
const directory = { reservedA: '', secret: '' };

const nowhere = '00000000-0000-4000-8000-000000000000';

// prettier-ignore
const OUTSIDE: [actor: Actor, method: string, url: () => string, body?: () => unknown][] = [
  // organisations: her own (or her network's, for a coordinator) only
  ['coord', 'GET',    () => `/api/organisations/${w.orgs.cavB}`],
  ['headA', 'GET',    () => `/api/organisations/${w.orgs.cavB}`],
  ['headA', 'GET',    () => `/api/organisations/${w.orgs.capofila}`],
  ['opA',   'GET',    () => `/api/organisations/${w.orgs.shelter}`],
  ['help',  'GET',    () => `/api/organisations/${w.orgs.cavB}`],
  ['anal',  'GET',    () => `/api/organisations/${w.orgs.capofila}`],
  ['opB',   'GET',    () => `/api/organisations/${w.orgs.cavA}`],
  // accounts: those of her organisation only
  ['opB',   'GET',    () => `/api/users/${w.users.headA.id}`],
  ['headA', 'GET',    () => `/api/users/${w.users.operatorB.id}`],
  ['headA', 'GET',    () => `/api/users/${w.users.admin.id}`],
  ['headA', 'GET',    () => `/api/users/${w.users.coordinator.id}`],
  ['opA',   'GET',    () => `/api/users/${w.users.headB.id}`],
  ['swA',   'GET',    () => `/api/users/${w.users.operatorB.id}`],
  ['headB', 'PATCH',  () => `/api/users/${w.users.operatorA.id}`, () => ({ displayName: 'Nome Rubato' })],
  ['headA', 'PATCH',  () => `/api/users/${w.users.operatorB.id}`, () => ({ disabled: true })],
  ['headA', 'PUT',    () => `/api/users/${w.users.operatorB.id}/memberships/${w.orgs.cavA}`, () => ({ role: 'operator' })],
  ['headA', 'PUT',    () => `/api/users/${w.users.operatorA.id}/memberships/${w.orgs.cavB}`, () => ({ role: 'operator' })],
  ['headA', 'PUT',    () => `/api/users/${w.users.operatorA.id}/memberships/${w.orgs.capofila}`, () => ({ role: 'network_coordinator' })],
  ['headA', 'PUT',    () => `/api/users/${dual}/memberships/${w.orgs.cavB}`, () => ({ role: 'organisation_head' })],
  ['headA', 'DELETE', () => `/api/users/${w.users.operatorB.id}/memberships/${w.orgs.cavB}`],
  ['headA', 'DELETE', () => `/api/users/${dual}/memberships/${w.orgs.cavB}`],
  ['headA', 'DELETE', () => `/api/users/${w.users.coordinator.id}/memberships/${w.orgs.capofila}`],
  ['headA', 'POST',   () => `/api/users/${w.users.operatorB.id}/mfa-reset`],
  ['headB', 'POST',   () => `/api/users/${w.users.headA.id}/mfa-reset`],
  ['headA', 'POST',   () => `/api/users/${w.users.operatorB.id}/password-reset`],
  ['headB', 'POST',   () => `/api/users/${w.users.headA.id}/password-reset`],
  ['headA', 'POST',   () => '/api/users', () => ({ username: 'in.cav.b', displayName: 'Altra Persona', organisationId: w.orgs.cavB, role: 'operator' })],
  ['headA', 'POST',   () => '/api/users', () => ({ username: 'in.capofila', displayName: 'Altra Persona', organisationId: w.orgs.capofila, role: 'operator' })],
  ['headB', 'POST',   () => '/api/users', () => ({ username: 'in.cav.a', displayName: 'Altra Persona', organisationId: w.orgs.cavA, role: 'operator' })],
  // audit rows: those acted for her organisation only
  ['headB', 'GET',    () => `/api/audit/${rows.ofA}`],
  ['headA', 'GET',    () => `/api/audit/${rows.ofB}`],
  ['headA', 'GET',    () => `/api/audit/${rows.ofAdmin}`],
  // directory: reserved sportelli for the networks' members only; secret ones for the shelter's own staff only
  ['headB', 'GET',    () => `/api/directory/sportelli/${directory.reservedA}`],
  ['opB',   'GET',    () => `/api/directory/sportelli/${directory.reservedA}`],
  ['headB', 'GET',    () => `/api/directory/organisations/${w.orgs.cavA}`],
  ['headB', 'GET',    () => `/api/directory/networks/${w.network}`],
  ['admin', 'GET',    () => `/api/directory/sportelli/${directory.secret}`],
  ['coord', 'GET',    () => `/api/directory/sportelli/${directory.secret}`],
  ['opA',   'GET',    () => `/api/directory/sportelli/${directory.secret}`],
  ['headA', 'GET',    () => `/api/directory/sportelli/${directory.secret}`],
  // the instance admin sees all, so only records that exist nowhere
  ['admin', 'GET',    () => `/api/users/${nowhere}`],
  ['admin', 'GET',    () => `/api/organisations/${nowhere}`],
  ['admin', 'PATCH',  () => `/api/organisations/${nowhere}`, () => ({ name: 'Nessuno' })],
  ['admin', 'PATCH',  () => `/api/users/${nowhere}`, () => ({ disabled: true })],
  ['admin', 'PUT',    () => `/api/users/${nowhere}/memberships/${w.orgs.cavA}`, () => ({ role: 'operator' })],
  ['admin', 'PUT',    () => `/api/users/${w.users.operatorA.id}/memberships/${nowhere}`, () => ({ role: 'operator' })],
  ['admin', 'DELETE', () => `/api/users/${w.users.operatorA.id}/memberships/${w.orgs.cavB}`],
  ['admin', 'POST',   () => `/api/users/${nowhere}/mfa-reset`],
  ['admin', 'POST',   () => `/api/users/${nowhere}/password-reset`],
  ['admin', 'POST',   () => '/api/users', () => ({ username: 'in.nowhere', displayName: 'Altra Persona', organisationId: nowhere, role: 'operator' })],
  ['admin', 'GET',    () => '/api/audit/2147483000'],
];

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  const u = w.users;
  agents = {
    admin: await login(t, u.admin),
    coord: await login(t, u.coordinator),
    headA: await login(t, u.headA),
    opA: await login(t, u.operatorA),
    swA: await login(t, u.socialWorkerA),
    help: await login(t, u.helpline),
    anal: await login(t, u.analyst),
    headB: await login(t, u.headB),
    opB: await login(t, u.operatorB),
  };
  actorIds = {
    admin: u.admin.id,
    coord: u.coordinator.id,
    headA: u.headA.id,
    opA: u.operatorA.id,
    swA: u.socialWorkerA.id,
    help: u.helpline.id,
    anal: u.analyst.id,
    headB: u.headB.id,
    opB: u.operatorB.id,
  };
  dual = (
    await createUser(t, {
      memberships: [
        { organisationId: w.orgs.cavA, role: 'operator' },
        { organisationId: w.orgs.cavB, role: 'operator' },
      ],
    })
  ).id;
  directory.reservedA = await createSportello(t, w.orgs.cavA, { name: 'Sportello riservato', visibility: 'reserved', comuneCode: '016024' });
  directory.secret = await createSportello(t, w.orgs.shelter, { name: 'Casa segreta', visibility: 'secret', comuneCode: '016024', address: 'Via Nascosta 1' });
  const rowOf = async (where: ReturnType<typeof and>) => (await t.db.select({ id: auditLog.id }).from(auditLog).where(where).orderBy(asc(auditLog.id)))[0]!.id;
  rows.ofA = await rowOf(and(eq(auditLog.actorOrganisationId, w.orgs.cavA), eq(auditLog.action, 'auth.mfa')));
  rows.ofB = await rowOf(and(eq(auditLog.actorOrganisationId, w.orgs.cavB), eq(auditLog.action, 'auth.mfa')));
  rows.ofAdmin = await rowOf(and(eq(auditLog.actorUserId, u.admin.id), isNull(auditLog.actorOrganisationId)));
});
afterAll(() => t.close());

/** The newest audit row's id. */
const lastAuditId = async () => (await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]?.id ?? 0;
/** The ids a request names (path and body): the audited resource must be one of them. */
const idsIn = (text: string) => text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<=\/api\/audit\/)\d+/g) ?? [];

describe('out of scope → 404, database unchanged, the probe audited', () => {
  it.each(OUTSIDE.map(([actor, method, url, body], i) => ({ i, actor, method, url, body })))(
    '#$i $actor $method',
    async ({ actor, method, url, body }) => {
      const before = await adminTablesDigest(t.db);
      const lastRow = await lastAuditId();
      const sent = body?.();
      const res = await agents[actor].request(method, url(), sent);
      expect(res.status, `${method} ${url()} ${JSON.stringify(res.body)}`).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found', status: 404 });
      expect(await adminTablesDigest(t.db)).toBe(before);
      // Exactly one audit row: the denial, naming who, the resource (type and id) and the route's action; never a value sent.
      const written = await t.db.select().from(auditLog).where(gt(auditLog.id, lastRow)).orderBy(asc(auditLog.id));
      expect(written, `${method} ${url()}`).toHaveLength(1);
      const [row] = written;
      expect(row).toMatchObject({ action: 'access.denied', outcome: 'denied', actorUserId: actorIds[actor] });
      expect(['user', 'organisation', 'network', 'sportello', 'audit_log', 'membership']).toContain(row!.resourceType);
      const named = idsIn(`${url()} ${JSON.stringify(sent ?? {})}`);
      const resourceIds = row!.resourceType === 'membership' ? row!.resourceId!.split('/') : [row!.resourceId];
      for (const id of resourceIds) expect(named, `${method} ${url()} → ${row!.resourceType} ${row!.resourceId}`).toContain(id);
      expect(row!.purpose).toMatch(/^[a-z_]+\.[a-z_]+$/);
      const values = Object.values((sent ?? {}) as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && !idsIn(v).length);
      for (const v of values) expect(JSON.stringify(row)).not.toContain(v);
    },
  );

  it('answers an existing record out of scope exactly as one that exists nowhere', async () => {
    const outside = await agents.headA.request('GET', `/api/users/${w.users.operatorB.id}`);
    const missing = await agents.headA.request('GET', `/api/users/${nowhere}`);
    expect(outside.status).toBe(missing.status);
    expect({ ...outside.body, instance: null }).toEqual({ ...missing.body, instance: null });
    expect(Object.keys(outside.headers).sort()).toEqual(Object.keys(missing.headers).sort());
  });
});

describe('lists leave out what is out of scope', () => {
  const ids = (body: { items: { id: string | number }[] }) => body.items.map((i) => i.id);

  it('organisations: her own only (outside a network)', async () => {
    const res = await agents.opB.request('GET', '/api/organisations');
    expect(ids(res.body)).toEqual([w.orgs.cavB]);
    expect(res.body.total).toBe(1);
    expect((await agents.opB.request('GET', '/api/networks')).body.items).toEqual([]);
  });

  it('accounts: those of her organisation, with only the memberships she may see', async () => {
    const res = await agents.headB.request('GET', '/api/users?pageSize=100');
    expect(ids(res.body).sort()).toEqual([w.users.headB.id, w.users.operatorB.id, dual].sort());
    const colleague = res.body.items.find((i: { id: string }) => i.id === dual);
    expect(colleague.memberships.map((m: { organisationId: string }) => m.organisationId)).toEqual([w.orgs.cavB]);
    const search = await agents.headA.request('GET', `/api/users?q=${w.users.operatorB.username}`);
    expect(search.body).toMatchObject({ items: [], total: 0 });
  });

  it('accounts: filtering by another organisation reveals nothing about it', async () => {
    const res = await agents.headA.request('GET', `/api/users?organisationId=${w.orgs.cavB}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [], total: 0 });
  });

  it('audit: the rows acted for her organisation only', async () => {
    // Read before the request: browsing writes its own audit row, after the count.
    const ofB = await t.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.actorOrganisationId, w.orgs.cavB)).orderBy(asc(auditLog.id));
    const res = await agents.headB.request('GET', '/api/audit?pageSize=200');
    expect(res.body.items.length).toBeGreaterThan(0);
    const allowed = new Set(ofB.map((r) => r.id));
    for (const id of ids(res.body)) expect(allowed.has(id as number), `row ${id}`).toBe(true);
    expect(res.body.total).toBe(allowed.size);
  });
});
