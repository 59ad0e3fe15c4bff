import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { directoryChanges, networkComuni, sportelli } from '../../src/server/modules/directory/index.js';
import { insertNetwork, insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { COMUNI, createSportello, setTerritory } from '../support/directory.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';

let t: TestApp;
let w: World;
let net2: string;
let capofila2: string;
let admin: Agent;
let coordinator: Agent;
let coordinator2: Agent;
let headA: Agent;
let operatorA: Agent;
let headB: Agent;
const s = {} as Record<'mainA' | 'deskA' | 'shelterSecret' | 'shelterDesk' | 'mainB', string>;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  capofila2 = await insertOrganisation(t.db, { name: `Capofila Bassa ${w.network}`, type: 'ente_capofila' });
  net2 = await insertNetwork(t.db, { name: `Rete Bassa ${w.network}`, capofilaOrganisationId: capofila2 });
  await setOrganisationNetworks(t.db, w.orgs.cavB, [net2]);
  s.mainA = await createSportello(t, w.orgs.cavA, { name: 'Sede A', comuneCode: COMUNI.bergamo, transferPhone: '+39 035 200 3000' });
  s.deskA = await createSportello(t, w.orgs.cavA, { name: 'Sportello A Seriate', comuneCode: COMUNI.seriate, visibility: 'reserved' });
  s.shelterSecret = await createSportello(t, w.orgs.shelter, { name: 'Casa', comuneCode: COMUNI.seriate, visibility: 'secret', address: 'Via Nascosta 5' });
  s.shelterDesk = await createSportello(t, w.orgs.shelter, { name: 'Ingresso rifugio', comuneCode: COMUNI.seriate });
  s.mainB = await createSportello(t, w.orgs.cavB, { name: 'Sede B', comuneCode: COMUNI.treviglio });
  await setTerritory(t, w.network, [COMUNI.bergamo, COMUNI.seriate], s.mainA, { [COMUNI.seriate]: s.deskA });
  await setTerritory(t, net2, [COMUNI.treviglio], s.mainB);
  admin = await login(t, w.users.admin);
  coordinator = await login(t, w.users.coordinator);
  coordinator2 = await login(t, await createUser(t, { memberships: [{ organisationId: capofila2, role: 'network_coordinator' }] }));
  headA = await login(t, w.users.headA);
  operatorA = await login(t, w.users.operatorA);
  headB = await login(t, w.users.headB);
});
afterAll(() => t.close());

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);
const pointers = (body: { errors?: { pointer: string }[] }) => (body.errors ?? []).map((e) => e.pointer).sort();
const directoryDigest = async () =>
  JSON.stringify([
    await adminTablesDigest(t.db),
    await t.db.select().from(sportelli).orderBy(asc(sportelli.id)),
    await t.db.select().from(directoryChanges).orderBy(asc(directoryChanges.id)),
    await t.db.select().from(networkComuni).orderBy(asc(networkComuni.istatCode)),
  ]);
const lastAudit = (type: string, id: string) =>
  t.db.select().from(auditLog).where(and(eq(auditLog.resourceType, type), eq(auditLog.resourceId, id))).orderBy(auditLog.id).then((rows) => rows.at(-1));

describe('GET /api/directory/networks', () => {
  it("lists her organisation's networks with capofila, comuni count and referent; the admin all", async () => {
    const mine = await headA.request('GET', '/api/directory/networks');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      { id: w.network, name: expect.any(String), externalId: null, capofila: { id: w.orgs.capofila, name: expect.any(String) }, comuniCount: 2, referent: { id: s.mainA, name: 'Sede A' }, version: 1 },
    ]);
    expect(ids((await coordinator.request('GET', '/api/directory/networks')).body)).toEqual([w.network]);
    expect(ids((await headB.request('GET', '/api/directory/networks')).body)).toEqual([net2]);
    expect(ids((await admin.request('GET', '/api/directory/networks')).body)).toEqual(expect.arrayContaining([w.network, net2]));
  });

  it('gives the detail with each comune and its override; another network is 404', async () => {
    const res = await operatorA.request('GET', `/api/directory/networks/${w.network}`);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body.comuni).toEqual([
      { istatCode: COMUNI.bergamo, name: 'Bergamo', provinceSigla: 'BG', referentOverride: null },
      { istatCode: COMUNI.seriate, name: 'Seriate', provinceSigla: 'BG', referentOverride: { id: s.deskA, name: 'Sportello A Seriate' } },
    ]);
    expect((await operatorA.request('GET', `/api/directory/networks/${net2}`)).status).toBe(404);
    // A member of another network does not see this one at all.
    expect((await headB.request('GET', `/api/directory/networks/${w.network}`)).status).toBe(404);
  });
});

describe('PATCH /api/directory/networks/:id', () => {
  it('needs If-Match (428) and a current one (412)', async () => {
    const before = await directoryDigest();
    expect((await coordinator.request('PATCH', `/api/directory/networks/${w.network}`, { name: 'Rete X' })).status).toBe(428);
    expect((await coordinator.request('PATCH', `/api/directory/networks/${w.network}`, { name: 'Rete X' }, { 'if-match': '"9"' })).status).toBe(412);
    expect(await directoryDigest()).toBe(before);
  });

  it('is 404 for the coordinator of another network, 403 for a head, and changes nothing', async () => {
    const before = await directoryDigest();
    expect((await coordinator2.request('PATCH', `/api/directory/networks/${w.network}`, { name: 'Presa' }, { 'if-match': '"1"' })).status).toBe(404);
    expect((await coordinator.request('PATCH', `/api/directory/networks/${net2}`, { name: 'Presa' }, { 'if-match': '"1"' })).status).toBe(404);
    expect((await headA.request('PATCH', `/api/directory/networks/${w.network}`, { name: 'Presa' }, { 'if-match': '"1"' })).status).toBe(403);
    expect(await directoryDigest()).toBe(before);
  });

  it('validates every comune and referent with a pointer, and writes nothing', async () => {
    const before = await directoryDigest();
    const res = await coordinator.request(
      'PATCH',
      `/api/directory/networks/${w.network}`,
      {
        comuni: [COMUNI.bergamo, '999999', COMUNI.treviglio, COMUNI.bergamo, COMUNI.seriate],
        referentSportelloId: s.mainB,
        referentOverrides: [
          { comune: COMUNI.milano, sportelloId: s.deskA },
          { comune: COMUNI.seriate, sportelloId: s.shelterSecret },
        ],
      },
      { 'if-match': '"1"' },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['/body/comuni/1', 'unknown_comune'],
      ['/body/comuni/2', 'comune_taken'],
      ['/body/comuni/3', 'duplicate'],
      ['/body/referentSportelloId', 'invalid_referent'],
      ['/body/referentOverrides/0/comune', 'comune_not_in_network'],
      ['/body/referentOverrides/1/sportelloId', 'invalid_referent'],
    ]);
    const shape = await coordinator.request('PATCH', `/api/directory/networks/${w.network}`, { comuni: ['16024'], referentSportelloId: 'x', extra: 1 }, { 'if-match': '"1"' });
    expect(pointers(shape.body)).toEqual(['/body', '/body/comuni/0', '/body/referentSportelloId']);
    expect(await directoryDigest()).toBe(before);
  });

  it('refuses as 1522 referent a sportello that cannot receive a call (a shelter, not a CAV or a network line)', async () => {
    const before = await directoryDigest();
    const res = await coordinator.request(
      'PATCH',
      `/api/directory/networks/${w.network}`,
      { referentSportelloId: s.shelterDesk, referentOverrides: [{ comune: COMUNI.seriate, sportelloId: s.shelterDesk }] },
      { 'if-match': '"1"' },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['/body/referentSportelloId', 'referent_not_a_service'],
      ['/body/referentOverrides/0/sportelloId', 'referent_not_a_service'],
    ]);
    expect(await directoryDigest()).toBe(before);
  });

  it('replaces comuni and referents, bumps the version, records the diff and audits', async () => {
    const res = await coordinator.request(
      'PATCH',
      `/api/directory/networks/${w.network}`,
      { name: 'Rete Bergamo Est', comuni: [COMUNI.seriate, COMUNI.milano], referentSportelloId: s.deskA },
      { 'if-match': '"1"' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({ name: 'Rete Bergamo Est', version: 2, comuniCount: 2, referent: { id: s.deskA } });
    // The Seriate override stays (its comune stays); Bergamo left the network.
    expect(res.body.comuni.map((c: { istatCode: string; referentOverride: { id: string } | null }) => [c.istatCode, c.referentOverride?.id ?? null])).toEqual([
      [COMUNI.milano, null],
      [COMUNI.seriate, s.deskA],
    ]);
    const [entry] = await t.db.select().from(directoryChanges).where(eq(directoryChanges.entityId, w.network));
    expect(entry).toMatchObject({ entityType: 'network', change: 'update', networkId: w.network, actorUserId: w.users.coordinator.id });
    expect(entry!.fields).toEqual([
      { field: 'comuni', from: [COMUNI.bergamo, COMUNI.seriate], to: [COMUNI.milano, COMUNI.seriate] },
      { field: 'name', from: expect.any(String), to: 'Rete Bergamo Est' },
      { field: 'referentSportelloId', from: s.mainA, to: s.deskA },
    ]);
    expect(await lastAudit('network', w.network)).toMatchObject({ action: 'directory.network_update', actorUserId: w.users.coordinator.id });
  });

  it('lets the admin replace the overrides and clear the referent', async () => {
    const res = await admin.request('PATCH', `/api/directory/networks/${w.network}`, { referentSportelloId: null, referentOverrides: [{ comune: COMUNI.milano, sportelloId: s.mainA }] }, { 'if-match': '"2"' });
    expect(res.status).toBe(200);
    expect(res.body.referent).toBeNull();
    expect(res.body.comuni).toEqual([
      expect.objectContaining({ istatCode: COMUNI.milano, referentOverride: { id: s.mainA, name: 'Sede A' } }),
      expect.objectContaining({ istatCode: COMUNI.seriate, referentOverride: null }),
    ]);
  });
});

describe('directory profiles of organisations', () => {
  it('lists her own organisation and those sharing a network with it, with visible sportelli counts', async () => {
    const res = await headA.request('GET', '/api/directory/organisations?pageSize=100');
    expect(res.status).toBe(200);
    expect(ids(res.body).sort()).toEqual([w.orgs.capofila, w.orgs.cavA, w.orgs.shelter].sort());
    const shelter = res.body.items.find((o: { id: string }) => o.id === w.orgs.shelter);
    expect(shelter).toMatchObject({ type: 'casa_rifugio', sportelliCount: 1, networks: [{ id: w.network }], albo: { status: null, date: null }, version: 1 });
    expect(ids((await headB.request('GET', '/api/directory/organisations')).body).sort()).toEqual([capofila2, w.orgs.cavB].sort());
    const cavs = await admin.request('GET', `/api/directory/organisations?type=cav&network=${w.network}`);
    expect(ids(cavs.body)).toEqual([w.orgs.cavA]);
    expect((await headB.request('GET', `/api/directory/organisations/${w.orgs.cavA}`)).status).toBe(404);
  });

  it('lets the head change her own profile (If-Match), records and audits; others 404', async () => {
    expect((await headA.request('PATCH', `/api/directory/organisations/${w.orgs.cavA}`, { legalName: 'Associazione A' })).status).toBe(428);
    const res = await headA.request(
      'PATCH',
      `/api/directory/organisations/${w.orgs.cavA}`,
      { legalName: 'Associazione Donne A APS', albo: { status: 'iscritta', date: '2024-03-01' }, website: 'https://cav-a.example.org', services: ['ascolto'], languages: ['it', 'fr'] },
      { 'if-match': '"1"' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ legalName: 'Associazione Donne A APS', albo: { status: 'iscritta', date: '2024-03-01' }, version: 2, sportelliCount: 2 });
    const [entry] = await t.db.select().from(directoryChanges).where(eq(directoryChanges.entityId, w.orgs.cavA));
    expect(entry!.fields).toContainEqual({ field: 'alboStatus', from: null, to: 'iscritta' });
    expect(entry).toMatchObject({ entityType: 'organisation', organisationId: w.orgs.cavA });
    expect(await lastAudit('organisation', w.orgs.cavA)).toMatchObject({ action: 'directory.organisation_update', actorUserId: w.users.headA.id });
    const before = await directoryDigest();
    expect((await headA.request('PATCH', `/api/directory/organisations/${w.orgs.shelter}`, { legalName: 'Non mia' }, { 'if-match': '"1"' })).status).toBe(404);
    expect((await headB.request('PATCH', `/api/directory/organisations/${w.orgs.cavA}`, { legalName: 'Non mia' }, { 'if-match': '"2"' })).status).toBe(404);
    expect((await coordinator.request('PATCH', `/api/directory/organisations/${w.orgs.cavB}`, { legalName: 'Non mia' }, { 'if-match': '"1"' })).status).toBe(404);
    expect((await coordinator.request('PATCH', `/api/directory/organisations/${w.orgs.cavA}`, { legalName: 'Vecchia' }, { 'if-match': '"1"' })).status).toBe(412);
    expect((await operatorA.request('PATCH', `/api/directory/organisations/${w.orgs.cavA}`, { legalName: 'Non mia' }, { 'if-match': '"2"' })).status).toBe(403);
    expect(await directoryDigest()).toBe(before);
  });

  it('refuses bad values and the admin-only fields with pointers', async () => {
    const before = await directoryDigest();
    const res = await coordinator.request(
      'PATCH',
      `/api/directory/organisations/${w.orgs.shelter}`,
      { website: 'ftp://x.example.org', albo: { status: null, date: '2024-01-01' }, email: 'non-email', services: ['mediazione'], name: 'Nuovo nome' },
      { 'if-match': '"1"' },
    );
    expect(res.status).toBe(400);
    expect(pointers(res.body)).toEqual(['/body', '/body/albo/date', '/body/email', '/body/services/0', '/body/website']);
    expect(await directoryDigest()).toBe(before);
    const ok = await coordinator.request('PATCH', `/api/directory/organisations/${w.orgs.shelter}`, { accessibility: ['step_free'] }, { 'if-match': '"1"' });
    expect(ok.status).toBe(200);
  });
});
