import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { directoryChanges, networkComuni, sportelli } from '../../src/server/modules/directory/index.js';
import { insertNetwork, insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { COMUNI, createSportello, setTerritory } from '../support/directory.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';

/**
 * The heart of the directory: public sportelli for every member, reserved
 * ones for the organisation's networks (and their coordinator, the admin),
 * secret ones for the owning organisation's staff ONLY — absent for
 * everybody else from lists, reads, counts, writes and the history.
 */

const SECRET_ADDRESS = 'Via delle Camelie Nascoste 17';
const SECRET_TRANSFER = '+39 035 771 9043';
const RESERVED_ADDRESS = 'Vicolo Riservato 3';
const MOVED_ADDRESS = 'Piazzetta Spostata 88';

let t: TestApp;
let w: World;
let net2: string;
let cavC: string;
const s = {} as Record<'pubA' | 'resA' | 'secret' | 'resShelter' | 'pubB' | 'resB', string>;
const a = {} as Record<'admin' | 'coordinator' | 'headA' | 'operatorA' | 'headB' | 'shelterHead' | 'shelterOperator' | 'coordinator2', Agent>;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  // A second network: CAV B and a CAV C, led by another capofila.
  const capofila2 = await insertOrganisation(t.db, { name: `Comune Capofila Due ${w.network}`, type: 'ente_capofila' });
  cavC = await insertOrganisation(t.db, { name: `CAV C ${w.network}`, type: 'cav' });
  net2 = await insertNetwork(t.db, { name: `Rete Due ${w.network}`, capofilaOrganisationId: capofila2 });
  await setOrganisationNetworks(t.db, w.orgs.cavB, [net2]);
  await setOrganisationNetworks(t.db, cavC, [net2]);

  s.pubA = await createSportello(t, w.orgs.cavA, { name: 'A pubblico', comuneCode: COMUNI.bergamo, transferPhone: '+39 035 000 0001', openingHours: 'Mo-Fr 09:00-13:00' });
  s.resA = await createSportello(t, w.orgs.cavA, { name: 'A riservato', comuneCode: COMUNI.seriate, visibility: 'reserved', address: RESERVED_ADDRESS });
  s.secret = await createSportello(t, w.orgs.shelter, {
    name: 'Casa segreta',
    comuneCode: COMUNI.treviglio,
    visibility: 'secret',
    address: SECRET_ADDRESS,
    lat: 45.52,
    lon: 9.59,
    transferPhone: SECRET_TRANSFER,
  });
  s.resShelter = await createSportello(t, w.orgs.shelter, { name: 'Rifugio sportello', comuneCode: COMUNI.treviglio, visibility: 'reserved', address: 'Via Vecchia 1' });
  s.pubB = await createSportello(t, w.orgs.cavB, { name: 'B pubblico', comuneCode: COMUNI.bari });
  s.resB = await createSportello(t, w.orgs.cavB, { name: 'B riservato', comuneCode: COMUNI.bari, visibility: 'reserved' });
  await setTerritory(t, w.network, [COMUNI.bergamo, COMUNI.seriate], s.pubA);

  const shelterHead = await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'organisation_head' }] });
  const shelterOperator = await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'operator' }] });
  const coordinator2 = await createUser(t, { memberships: [{ organisationId: capofila2, role: 'network_coordinator' }] });
  a.admin = await login(t, w.users.admin);
  a.coordinator = await login(t, w.users.coordinator);
  a.headA = await login(t, w.users.headA);
  a.operatorA = await login(t, w.users.operatorA);
  a.headB = await login(t, w.users.headB);
  a.shelterHead = await login(t, shelterHead);
  a.shelterOperator = await login(t, shelterOperator);
  a.coordinator2 = await login(t, coordinator2);
});
afterAll(() => t.close());

const listIds = async (agent: Agent, query = '') => {
  const res = await agent.request('GET', `/api/directory/sportelli?pageSize=100${query}`);
  expect(res.status).toBe(200);
  return { ids: res.body.items.map((i: { id: string }) => i.id) as string[], total: res.body.total as number, items: res.body.items };
};
/** Everything the directory stores, to prove a refused request changed nothing. */
const directoryDigest = async () =>
  JSON.stringify([
    await adminTablesDigest(t.db),
    await t.db.select().from(sportelli).orderBy(asc(sportelli.id)),
    await t.db.select().from(directoryChanges).orderBy(asc(directoryChanges.id)),
    await t.db.select().from(networkComuni).orderBy(asc(networkComuni.istatCode)),
  ]);

describe('who sees which sportello', () => {
  it.each([
    ['admin', ['pubA', 'resA', 'resShelter', 'pubB', 'resB'], ['secret']],
    ['coordinator', ['pubA', 'resA', 'resShelter', 'pubB'], ['secret', 'resB']],
    ['headA', ['pubA', 'resA', 'resShelter', 'pubB'], ['secret', 'resB']],
    ['operatorA', ['pubA', 'resA', 'resShelter', 'pubB'], ['secret', 'resB']],
    ['headB', ['pubA', 'pubB', 'resB'], ['secret', 'resA', 'resShelter']],
    ['coordinator2', ['pubA', 'pubB', 'resB'], ['secret', 'resA', 'resShelter']],
    ['shelterOperator', ['pubA', 'resA', 'resShelter', 'secret', 'pubB'], ['resB']],
  ] as const)('%s: lists, reads and counts exactly what her circle allows', async (who, sees, never) => {
    const agent = a[who];
    const { ids, total } = await listIds(agent);
    for (const k of sees) expect(ids).toContain(s[k]);
    for (const k of never) expect(ids).not.toContain(s[k]);
    expect(total).toBe(ids.length);
    for (const k of never) expect((await agent.request('GET', `/api/directory/sportelli/${s[k]}`)).status).toBe(404);
    for (const k of sees) expect((await agent.request('GET', `/api/directory/sportelli/${s[k]}`)).status).toBe(200);
    // Filters never widen the circle: asking for secret ones or for the shelter directly.
    const secretOnly = await listIds(agent, '&visibility=secret');
    expect(secretOnly.ids).toEqual(who === 'shelterOperator' ? [s.secret] : []);
    const byShelter = await listIds(agent, `&organisation=${w.orgs.shelter}&comune=${COMUNI.treviglio}`);
    expect(byShelter.ids.includes(s.secret)).toBe(who === 'shelterOperator');
  });

  it('never counts a secret sportello for anyone but its staff (organisation profile sportelliCount)', async () => {
    const count = async (agent: Agent) => (await agent.request('GET', `/api/directory/organisations/${w.orgs.shelter}`)).body.sportelliCount;
    expect(await count(a.admin)).toBe(1);
    expect(await count(a.coordinator)).toBe(1);
    expect(await count(a.headA)).toBe(1);
    expect(await count(a.shelterOperator)).toBe(2);
    // CAV B does not share a network with the shelter: the profile itself is absent.
    expect((await a.headB.request('GET', `/api/directory/organisations/${w.orgs.shelter}`)).status).toBe(404);
    const listed = (await a.admin.request('GET', `/api/directory/organisations?pageSize=100&q=${encodeURIComponent('casa_rifugio')}`)).body.items;
    for (const o of listed) if (o.id === w.orgs.shelter) expect(o.sportelliCount).toBe(1);
  });

  it('shows the transfer number to the owning staff, its coordinator and the admin only', async () => {
    const transfer = async (agent: Agent) => (await agent.request('GET', `/api/directory/sportelli/${s.pubA}`)).body.transferPhone;
    expect(await transfer(a.operatorA)).toBe('+39 035 000 0001');
    expect(await transfer(a.coordinator)).toBe('+39 035 000 0001');
    expect(await transfer(a.admin)).toBe('+39 035 000 0001');
    expect(await transfer(a.headB)).toBeNull();
    expect(await transfer(a.shelterOperator)).toBeNull();
    expect(await transfer(a.coordinator2)).toBeNull();
  });
});

describe('a secret sportello', () => {
  it('is stored sealed: the plain columns are empty and the blob does not contain the address', async () => {
    const [row] = await t.db.select().from(sportelli).where(eq(sportelli.id, s.secret));
    expect(row).toMatchObject({ address: null, lat: null, lon: null, visibility: 'secret' });
    expect(row!.secretLocation).toBeTruthy();
    expect(row!.secretLocation).not.toContain('Camelie');
  });

  it('is shown decrypted to its own staff, each read audited', async () => {
    const res = await a.shelterOperator.request('GET', `/api/directory/sportelli/${s.secret}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ address: SECRET_ADDRESS, lat: 45.52, lon: 9.59, transferPhone: SECRET_TRANSFER, visibility: 'secret' });
    const reads = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'directory.sportello_read_secret'), eq(auditLog.resourceId, s.secret))).orderBy(asc(auditLog.id));
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.every((r) => r.resourceType === 'sportello')).toBe(true);
    const before = reads.length;
    await a.shelterOperator.request('GET', `/api/directory/sportelli?pageSize=100&organisation=${w.orgs.shelter}`);
    const after = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'directory.sportello_read_secret'), eq(auditLog.resourceId, s.secret))).orderBy(asc(auditLog.id));
    expect(after.length).toBe(before + 1);
  });

  it('cannot be changed or removed by the admin or the coordinator: 404, nothing written', async () => {
    const before = await directoryDigest();
    for (const agent of [a.admin, a.coordinator, a.headA]) {
      expect((await agent.request('PATCH', `/api/directory/sportelli/${s.secret}`, { notes: 'x' }, { 'if-match': '"1"' })).status).toBe(404);
      expect((await agent.request('DELETE', `/api/directory/sportelli/${s.secret}`, undefined, { 'if-match': '"1"' })).status).toBe(404);
    }
    expect(await directoryDigest()).toBe(before);
  });

  it('cannot become a 1522 referent', async () => {
    const before = await directoryDigest();
    const res = await a.coordinator.request('PATCH', `/api/directory/networks/${w.network}`, { referentSportelloId: s.secret }, { 'if-match': '"1"' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/referentSportelloId', code: 'invalid_referent' })]);
    expect(await directoryDigest()).toBe(before);
  });

  it('is changed by its own head: the location stays sealed and the history keeps no location', async () => {
    const res = await a.shelterHead.request('PATCH', `/api/directory/sportelli/${s.secret}`, { address: MOVED_ADDRESS, notes: 'Citofono blu' }, { 'if-match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ address: MOVED_ADDRESS, version: 2, notes: 'Citofono blu' });
    const [row] = await t.db.select().from(sportelli).where(eq(sportelli.id, s.secret));
    expect(row).toMatchObject({ address: null, lat: null, lon: null });
    const [entry] = await t.db.select().from(directoryChanges).where(eq(directoryChanges.entityId, s.secret));
    expect(entry!.fields).toEqual([
      { field: 'address', from: null, to: null },
      { field: 'notes', from: null, to: 'Citofono blu' },
    ]);
    expect(JSON.stringify(entry)).not.toContain('Spostata');
  });
});

describe('a secret sportello created by the coordinator for a shelter', () => {
  it('is sealed at once: she gets no location back and cannot read it afterwards; the shelter staff can', async () => {
    const res = await a.coordinator.request('POST', '/api/directory/sportelli', {
      organisationId: w.orgs.shelter,
      name: 'Casa nuova',
      comuneCode: COMUNI.seriate,
      visibility: 'secret',
      address: 'Via del Glicine Celato 9',
      lat: 45.68,
      lon: 9.72,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ visibility: 'secret', address: null, lat: null, lon: null });
    const [row] = await t.db.select().from(sportelli).where(eq(sportelli.id, res.body.id));
    expect(row).toMatchObject({ address: null, lat: null, lon: null });
    expect((await a.coordinator.request('GET', `/api/directory/sportelli/${res.body.id}`)).status).toBe(404);
    expect((await a.shelterOperator.request('GET', `/api/directory/sportelli/${res.body.id}`)).body).toMatchObject({ address: 'Via del Glicine Celato 9', lat: 45.68 });
    expect(t.logs.text).not.toContain('Glicine');
    // Back to the shape the other tests expect: only its staff can remove it.
    expect((await a.coordinator.request('DELETE', `/api/directory/sportelli/${res.body.id}`, undefined, { 'if-match': '"1"' })).status).toBe(404);
    expect((await a.shelterHead.request('DELETE', `/api/directory/sportelli/${res.body.id}`, undefined, { 'if-match': '"1"' })).status).toBe(204);
  });
});

describe('changing visibility', () => {
  it('to secret moves the location into the sealed blob, and the sportello vanishes for everybody else', async () => {
    const res = await a.shelterHead.request('PATCH', `/api/directory/sportelli/${s.resShelter}`, { visibility: 'secret' }, { 'if-match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ visibility: 'secret', address: 'Via Vecchia 1' });
    const [row] = await t.db.select().from(sportelli).where(eq(sportelli.id, s.resShelter));
    expect(row).toMatchObject({ address: null, lat: null, lon: null });
    expect(row!.secretLocation).toBeTruthy();
    expect((await listIds(a.coordinator)).ids).not.toContain(s.resShelter);
    expect((await a.admin.request('GET', `/api/directory/sportelli/${s.resShelter}`)).status).toBe(404);
    expect((await a.admin.request('GET', `/api/directory/organisations/${w.orgs.shelter}`)).body.sportelliCount).toBe(0);
  });

  it('back to reserved restores the plain columns and drops the blob', async () => {
    const res = await a.shelterHead.request('PATCH', `/api/directory/sportelli/${s.resShelter}`, { visibility: 'reserved' }, { 'if-match': '"2"' });
    expect(res.status).toBe(200);
    const [row] = await t.db.select().from(sportelli).where(eq(sportelli.id, s.resShelter));
    expect(row).toMatchObject({ address: 'Via Vecchia 1', secretLocation: null, visibility: 'reserved' });
    expect((await a.coordinator.request('GET', `/api/directory/sportelli/${s.resShelter}`)).status).toBe(200);
  });

  it("is refused for a network's 1522 referent (it would silently lose its transfer target)", async () => {
    const before = await directoryDigest();
    const res = await a.headA.request('PATCH', `/api/directory/sportelli/${s.pubA}`, { visibility: 'secret' }, { 'if-match': '"1"' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/visibility', code: 'referent_in_use' })]);
    expect(await directoryDigest()).toBe(before);
  });
});

describe('history of secret sportelli', () => {
  const entitiesIn = async (agent: Agent, query = '') => {
    const res = await agent.request('GET', `/api/directory/history?pageSize=100${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((i: { entityId: string }) => i.entityId) as string[];
  };

  it('is shown to the shelter staff only — not to the coordinator, the admin or anyone else, even once it is no longer secret', async () => {
    expect(await entitiesIn(a.shelterHead)).toEqual(expect.arrayContaining([s.secret, s.resShelter]));
    for (const agent of [a.coordinator, a.admin, a.headA]) {
      const seen = await entitiesIn(agent);
      expect(seen).not.toContain(s.secret);
      expect(seen).not.toContain(s.resShelter);
      expect(await entitiesIn(agent, `&entityId=${s.secret}`)).toEqual([]);
    }
    const total = (await a.admin.request('GET', `/api/directory/history?entityId=${s.resShelter}`)).body.total;
    expect(total).toBe(0);
  });
});

describe('logs', () => {
  it('never contain a secret address or a transfer number', () => {
    const text = t.logs.text;
    expect(text.length).toBeGreaterThan(0);
    for (const planted of [SECRET_ADDRESS, MOVED_ADDRESS, 'Camelie', SECRET_TRANSFER, '771 9043', '+39 035 000 0001', RESERVED_ADDRESS]) {
      expect(text).not.toContain(planted);
    }
  });
});
