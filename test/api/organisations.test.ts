import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

let t: TestApp;
let w: World;
let admin: Agent;
let coordinator: Agent;
let headA: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  admin = await login(t, w.users.admin);
  coordinator = await login(t, w.users.coordinator);
  headA = await login(t, w.users.headA);
});
afterAll(() => t.close());

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);
const pointers = (body: { errors?: { pointer: string }[] }) => (body.errors ?? []).map((e) => e.pointer).sort();
/** The audit rows of one resource, oldest first. */
const auditOf = (resourceType: string, resourceId: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.resourceType, resourceType), eq(auditLog.resourceId, resourceId)))
    .orderBy(auditLog.id);

describe('GET /api/organisations', () => {
  it('gives the instance admin every organisation, with its networks', async () => {
    const res = await admin.request('GET', '/api/organisations?pageSize=100');
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(expect.arrayContaining(Object.values(w.orgs)));
    const cavA = res.body.items.find((o: { id: string }) => o.id === w.orgs.cavA);
    expect(cavA).toMatchObject({ type: 'cav', networks: [{ id: w.network }] });
    expect(Object.keys(cavA).sort()).toEqual(['createdAt', 'id', 'name', 'networks', 'type']);
  });

  it("gives a network coordinator her network's organisations — capofila, CAV A, shelter — but not CAV B", async () => {
    const res = await coordinator.request('GET', '/api/organisations');
    expect(ids(res.body).sort()).toEqual([w.orgs.capofila, w.orgs.cavA, w.orgs.shelter].sort());
    expect(res.body.total).toBe(3);
  });

  it('gives any other member her own organisation only', async () => {
    const res = await headA.request('GET', '/api/organisations');
    expect(ids(res.body)).toEqual([w.orgs.cavA]);
  });

  it('searches by name and pages', async () => {
    const [own] = (await headA.request('GET', '/api/organisations')).body.items;
    const found = await admin.request('GET', `/api/organisations?q=${encodeURIComponent(own.name.toUpperCase())}`);
    expect(ids(found.body)).toEqual([w.orgs.cavA]);
    const wildcard = await admin.request('GET', '/api/organisations?q=%25');
    expect(wildcard.body.total).toBe(0); // LIKE wildcards are literal text
    const page2 = await admin.request('GET', '/api/organisations?pageSize=1&page=2');
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.total).toBeGreaterThanOrEqual(4);
  });

  it('refuses a bad query with pointers', async () => {
    const res = await admin.request('GET', '/api/organisations?pageSize=0&page=abc');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(pointers(res.body)).toEqual(['/querystring/page', '/querystring/pageSize']);
  });
});

describe('GET /api/organisations/:id', () => {
  it('gives one organisation in scope; outside it, 404', async () => {
    expect((await coordinator.request('GET', `/api/organisations/${w.orgs.shelter}`)).body).toMatchObject({ id: w.orgs.shelter, type: 'casa_rifugio' });
    expect((await coordinator.request('GET', `/api/organisations/${w.orgs.cavB}`)).status).toBe(404);
    expect((await headA.request('GET', `/api/organisations/${w.orgs.shelter}`)).status).toBe(404);
  });

  it('refuses an id that is not a UUID', async () => {
    const res = await admin.request('GET', '/api/organisations/42');
    expect(res.status).toBe(400);
    expect(pointers(res.body)).toEqual(['/params/id']);
  });
});

describe('POST /api/organisations', () => {
  it('creates an organisation in a network, and audits it', async () => {
    const res = await admin.request('POST', '/api/organisations', { name: 'Centro Antiviolenza Nuovo', type: 'cav', networkIds: [w.network] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Centro Antiviolenza Nuovo', type: 'cav', networks: [{ id: w.network }] });
    const [row, ...more] = await auditOf('organisation', res.body.id);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ action: 'organisation.create', outcome: 'success', actorUserId: w.users.admin.id, actorOrganisationId: null });
    // The network's coordinator sees it at once.
    expect(ids((await coordinator.request('GET', '/api/organisations')).body)).toContain(res.body.id);
  });

  it('refuses bad input with a pointer per field, and creates nothing', async () => {
    const before = await adminTablesDigest(t.db);
    const res = await admin.request('POST', '/api/organisations', { name: ' x ', type: 'castello', networkIds: ['not-a-uuid'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(pointers(res.body)).toEqual(['/body/name', '/body/networkIds/0', '/body/type']);
    expect(JSON.stringify(res.body)).not.toContain('castello'); // the value is never echoed
    expect((await admin.request('POST', '/api/organisations', {})).body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/body/name');
    expect(await adminTablesDigest(t.db)).toBe(before);
  });

  it('refuses an unknown network by its position, and creates nothing', async () => {
    const before = await adminTablesDigest(t.db);
    const res = await admin.request('POST', '/api/organisations', {
      name: 'Centro Con Rete Fantasma',
      type: 'cav',
      networkIds: [w.network, '00000000-0000-4000-8000-000000000001'],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/networkIds/1', code: 'unknown_network' })]);
    const first = await admin.request('POST', '/api/organisations', { name: 'Altro Centro', type: 'cav', networkIds: ['00000000-0000-4000-8000-000000000001'] });
    expect(pointers(first.body)).toEqual(['/body/networkIds/0']);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });

  it('refuses a duplicate name with 409, and audits nothing', async () => {
    const [own] = (await headA.request('GET', '/api/organisations')).body.items;
    const before = await adminTablesDigest(t.db);
    const auditBefore = (await t.db.select().from(auditLog).where(eq(auditLog.action, 'organisation.create')).orderBy(asc(auditLog.id))).length;
    const res = await admin.request('POST', '/api/organisations', { name: own.name, type: 'cav' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict');
    expect(await adminTablesDigest(t.db)).toBe(before);
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, 'organisation.create')).orderBy(asc(auditLog.id))).length).toBe(auditBefore);
  });
});

describe('PATCH /api/organisations/:id', () => {
  it('renames and moves an organisation into a network; her coordinator then sees it; audited', async () => {
    const res = await admin.request('PATCH', `/api/organisations/${w.orgs.cavB}`, { name: 'CAV B Rinominato', networkIds: [w.network] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.orgs.cavB, name: 'CAV B Rinominato', type: 'cav', networks: [{ id: w.network }] });
    expect(ids((await coordinator.request('GET', '/api/organisations')).body)).toContain(w.orgs.cavB);
    const rows = await auditOf('organisation', w.orgs.cavB);
    expect(rows.at(-1)).toMatchObject({ action: 'organisation.update', actorUserId: w.users.admin.id });
    // …and out again: the coordinator's scope follows at once.
    expect((await admin.request('PATCH', `/api/organisations/${w.orgs.cavB}`, { networkIds: [] })).body.networks).toEqual([]);
    expect((await coordinator.request('GET', `/api/organisations/${w.orgs.cavB}`)).status).toBe(404);
  });

  it('refuses bad input, an unknown network and a duplicate name, changing nothing', async () => {
    const before = await adminTablesDigest(t.db);
    const bad = await admin.request('PATCH', `/api/organisations/${w.orgs.shelter}`, { name: '', type: 'castello' });
    expect(pointers(bad.body)).toEqual(['/body/name', '/body/type']);
    const unknown = await admin.request('PATCH', `/api/organisations/${w.orgs.shelter}`, {
      name: 'Nome Che Non Deve Restare',
      networkIds: ['00000000-0000-4000-8000-000000000002'],
    });
    expect(unknown.status).toBe(400);
    expect(pointers(unknown.body)).toEqual(['/body/networkIds/0']);
    const [own] = (await headA.request('GET', '/api/organisations')).body.items;
    const duplicate = await admin.request('PATCH', `/api/organisations/${w.orgs.shelter}`, { name: own.name });
    expect(duplicate.status).toBe(409);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });

  it('answers 404 for an organisation that does not exist', async () => {
    const res = await admin.request('PATCH', '/api/organisations/00000000-0000-4000-8000-000000000003', { name: 'Nessuno' });
    expect(res.status).toBe(404);
  });
});

describe('networks', () => {
  it('lists the networks in scope, with their capofila', async () => {
    const mine = await coordinator.request('GET', '/api/networks');
    expect(mine.body.items).toEqual([expect.objectContaining({ id: w.network, capofilaOrganisationId: w.orgs.capofila })]);
    expect((await headA.request('GET', '/api/networks')).body.items.map((n: { id: string }) => n.id)).toEqual([w.network]);
    expect((await admin.request('GET', '/api/networks')).body.items.map((n: { id: string }) => n.id)).toContain(w.network);
  });

  it('creates a network with its capofila, and audits it', async () => {
    const res = await admin.request('POST', '/api/networks', { name: 'Rete Provinciale Nuova', capofilaOrganisationId: w.orgs.cavB });
    expect(res.status).toBe(201);
    const listed = (await admin.request('GET', '/api/networks')).body.items.find((n: { id: string }) => n.id === res.body.id);
    expect(listed).toEqual({ id: res.body.id, name: 'Rete Provinciale Nuova', capofilaOrganisationId: w.orgs.cavB });
    const [row] = await auditOf('network', res.body.id);
    expect(row).toMatchObject({ action: 'network.create', outcome: 'success', actorUserId: w.users.admin.id });
    // CAV B's members now see the network; CAV A's do not.
    expect((await headA.request('GET', '/api/networks')).body.items.map((n: { id: string }) => n.id)).not.toContain(res.body.id);
  });

  it('refuses bad input, an unknown capofila and a duplicate name, creating nothing', async () => {
    const before = await adminTablesDigest(t.db);
    const bad = await admin.request('POST', '/api/networks', { name: 'R', capofilaOrganisationId: 'nope' });
    expect(pointers(bad.body)).toEqual(['/body/capofilaOrganisationId', '/body/name']);
    const unknown = await admin.request('POST', '/api/networks', { name: 'Rete Senza Capofila', capofilaOrganisationId: '00000000-0000-4000-8000-000000000004' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/body/capofilaOrganisationId', code: 'unknown_organisation' })]);
    const [net] = (await coordinator.request('GET', '/api/networks')).body.items;
    const duplicate = await admin.request('POST', '/api/networks', { name: net.name });
    expect(duplicate.status).toBe(409);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });
});
