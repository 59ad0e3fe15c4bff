import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { comuni, directoryChanges, directoryImportFile, importDirectory, networkComuni, sportelli } from '../../src/server/modules/directory/index.js';
import { openLocation } from '../../src/server/modules/directory/sportello.location.js';
import { insertNetwork, insertOrganisation, networkMembers, networks, organisations } from '../../src/server/modules/organisations/index.js';
import type { Db } from '../../src/server/platform/db.js';
import { childEnv, repoRoot, runCli, useTempDir } from '../platform/processes.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { COMUNI, createSportello, setTerritory } from '../support/directory.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

const EXAMPLE = path.join(repoRoot, 'docs/examples/directory-import.example.json');
const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8'));
const SECRET_ADDRESS = 'Indirizzo segreto di prova 3 (DEMO)';

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

/** Every table an import may write, history included: equal digests prove nothing was written. */
async function directoryDigest(db: Db): Promise<string> {
  const parts = await Promise.all([
    adminTablesDigest(db),
    db.select().from(sportelli).orderBy(asc(sportelli.id)),
    db.select().from(networkComuni).orderBy(asc(networkComuni.istatCode)),
    db.select().from(directoryChanges).orderBy(asc(directoryChanges.id)),
  ]);
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

const importAs = (agent: Agent, file: unknown, query = '') => agent.request('POST', `/api/directory/import${query}`, file);
const lastAudit = async () => (await t.db.select().from(auditLog).where(eq(auditLog.action, 'directory.import')).orderBy(asc(auditLog.id))).at(-1)!;
const byExternal = async (externalIds: string[]) =>
  new Map((await t.db.select().from(sportelli).where(inArray(sportelli.externalId, externalIds))).map((s) => [s.externalId!, s]));
const counts = (n: number, o: number, s: number) => ({ networks: n, organisations: o, sportelli: s });
const slim = (errors: { pointer: string; code: string; item?: string }[]) => errors.map(({ pointer, code, item }) => ({ pointer, code, item }));

describe('POST /api/directory/import (instance admin)', () => {
  it('imports the documented example: network, territory, referents, members, sealed secret location, history, audit', async () => {
    const res = await importAs(admin, example());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: counts(1, 3, 3), updated: counts(0, 0, 0), unchanged: counts(0, 0, 0), warnings: [], dryRun: false });

    const [network] = await t.db.select().from(networks).where(eq(networks.externalId, 'demo-rete-valle-umbra'));
    const sp = await byExternal(['demo-cav-sede-assisi', 'demo-cav-sportello-bastia', 'demo-rifugio-casa-1']);
    expect(network!.referentSportelloId).toBe(sp.get('demo-cav-sede-assisi')!.id);
    const territory = await t.db.select().from(networkComuni).where(eq(networkComuni.networkId, network!.id)).orderBy(asc(networkComuni.istatCode));
    expect(territory.map((c) => [c.istatCode, c.referentSportelloId])).toEqual([
      ['054001', null],
      ['054002', sp.get('demo-cav-sportello-bastia')!.id],
      ['054003', null],
      ['054004', null],
      ['054006', null],
    ]);
    const members = await t.db
      .select({ externalId: organisations.externalId, isCapofila: networkMembers.isCapofila })
      .from(networkMembers)
      .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
      .where(eq(networkMembers.networkId, network!.id));
    expect(members.sort((a, b) => a.externalId!.localeCompare(b.externalId!))).toEqual([
      { externalId: 'demo-capofila-valle-umbra', isCapofila: true },
      { externalId: 'demo-cav-tessitrici', isCapofila: false },
      { externalId: 'demo-rifugio-telaio', isCapofila: false },
    ]);
    const [cav] = await t.db.select().from(organisations).where(eq(organisations.externalId, 'demo-cav-tessitrici'));
    expect(cav).toMatchObject({ type: 'cav', alboStatus: 'iscritta', alboDate: '2024-03-01', languages: ['it', 'en', 'fr'], version: 1 });
    expect(sp.get('demo-cav-sede-assisi')).toMatchObject({ transferPhone: '+39 075 000 1999', lat: 43.0712, visibility: 'public' });

    // The shelter's location exists only sealed.
    const secret = sp.get('demo-rifugio-casa-1')!;
    expect(secret).toMatchObject({ visibility: 'secret', address: null, lat: null, lon: null });
    expect(secret.secretLocation).not.toContain('segreto');
    expect(await openLocation(t.ctx.crypto, t.db, secret.id, secret.secretLocation!)).toEqual({ address: SECRET_ADDRESS, lat: 43.0101, lon: 12.4902 });

    const history = await t.db.select().from(directoryChanges).orderBy(asc(directoryChanges.id));
    expect(history).toHaveLength(7);
    expect(history.every((h) => h.source === 'import' && h.change === 'create' && h.actorUserId === w.users.admin.id)).toBe(true);
    const secretHistory = history.find((h) => h.entityId === secret.id)!;
    expect(secretHistory.fields.filter((f) => ['address', 'lat', 'lon'].includes(f.field))).toEqual([
      { field: 'address', from: null, to: null },
      { field: 'lat', from: null, to: null },
      { field: 'lon', from: null, to: null },
    ]);
    expect(JSON.stringify(history)).not.toContain('segreto');
    // The whole number, spaced or not: a bare '1999' also occurs by chance inside random ids.
    expect(JSON.stringify(history)).not.toMatch(/075 000 1999|0750001999/);

    expect(await lastAudit()).toMatchObject({ outcome: 'success', actorUserId: w.users.admin.id, purpose: 'created 1/3/3 updated 0/0/0 unchanged 0/0/0' });
  });

  it('re-importing the same file changes nothing: no version bump, no history row', async () => {
    const before = await directoryDigest(t.db);
    const res = await importAs(admin, example());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: counts(0, 0, 0), updated: counts(0, 0, 0), unchanged: counts(1, 3, 3) });
    expect(await directoryDigest(t.db)).toBe(before);
    expect(await lastAudit()).toMatchObject({ purpose: 'created 0/0/0 updated 0/0/0 unchanged 1/3/3' });
  });

  it('accepts a file larger than the default body limit', async () => {
    const body = JSON.stringify(example()) + ' '.repeat(1_200_000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/directory/import',
      payload: body,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().unchanged).toEqual(counts(1, 3, 3));
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const file = example();
    file.sportelli[0].name = 'Sede DEMO Le Tessitrici - Assisi centro';
    file.sportelli.push({ externalId: 'demo-new', organisation: 'demo-cav-tessitrici', name: 'Nuovo DEMO', comuneCode: '054001' });
    const before = await directoryDigest(t.db);
    const res = await importAs(admin, file, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: counts(0, 0, 1), updated: counts(0, 0, 1), unchanged: counts(1, 3, 2), warnings: [], dryRun: true });
    expect(await directoryDigest(t.db)).toBe(before);
    expect((await lastAudit()).purpose).toBe('dry-run created 0/0/1 updated 0/0/1 unchanged 1/3/2');
  });

  it('a changed file updates in place: same ids, versions bumped only where something changed, history of the fields', async () => {
    const ids = await byExternal(['demo-cav-sede-assisi', 'demo-cav-sportello-bastia', 'demo-rifugio-casa-1']);
    const file = example();
    file.sportelli[0].openingHours = 'Mo-Fr 09:00-13:00';
    delete file.sportelli[1].transferPhone; // absent: the stored number stays
    file.sportelli[2].address = 'Un altro indirizzo (DEMO)'; // an admin through the API never replaces a secret location
    file.organisations[1].languages = ['it', 'en', 'fr', 'es'];
    file.networks[0].comuni = ['054001', '054002', '054003', '054004', '054005'];
    const res = await importAs(admin, file);
    expect(res.body).toMatchObject({ created: counts(0, 0, 0), updated: counts(1, 1, 1), unchanged: counts(0, 2, 2) });

    const after = await byExternal([...ids.keys()]);
    for (const [key, row] of ids) expect(after.get(key)!.id).toBe(row.id);
    expect(after.get('demo-cav-sede-assisi')).toMatchObject({ version: 2, openingHours: 'Mo-Fr 09:00-13:00' });
    expect(after.get('demo-cav-sportello-bastia')).toMatchObject({ version: 1, transferPhone: '+39 075 000 2999' });
    const secret = after.get('demo-rifugio-casa-1')!;
    expect(secret.version).toBe(1);
    expect(secret.secretLocation).toBe(ids.get('demo-rifugio-casa-1')!.secretLocation);
    const [network] = await t.db.select().from(networks).where(eq(networks.externalId, 'demo-rete-valle-umbra'));
    expect(network!.version).toBe(2);
    const codes = await t.db.select({ c: networkComuni.istatCode }).from(networkComuni).where(eq(networkComuni.networkId, network!.id));
    expect(codes.map((c) => c.c).sort()).toEqual(['054001', '054002', '054003', '054004', '054005']);

    const updates = await t.db.select().from(directoryChanges).where(eq(directoryChanges.change, 'update')).orderBy(asc(directoryChanges.id));
    expect(updates.map((u) => [u.entityType, u.fields.map((f) => f.field)])).toEqual([
      ['organisation', ['languages']],
      ['sportello', ['openingHours']],
      ['network', ['comuni']],
    ]);
    expect(updates[1]!.fields[0]).toEqual({ field: 'openingHours', from: 'Mo-Fr 09:00-13:00; Tu,Th 15:00-18:00', to: 'Mo-Fr 09:00-13:00' });
  });

  it('a null transferPhone removes the number', async () => {
    const file = example();
    file.networks[0].comuni = ['054001', '054002', '054003', '054004', '054005'];
    file.organisations[1].languages = ['it', 'en', 'fr', 'es'];
    file.sportelli[0].openingHours = 'Mo-Fr 09:00-13:00';
    file.sportelli[1].transferPhone = null;
    const res = await importAs(admin, file);
    expect(res.body).toMatchObject({ updated: counts(0, 0, 1), unchanged: counts(1, 3, 2) });
    expect((await byExternal(['demo-cav-sportello-bastia'])).get('demo-cav-sportello-bastia')!.transferPhone).toBeNull();
    const [change] = (await t.db.select().from(directoryChanges).orderBy(asc(directoryChanges.id))).slice(-1);
    expect(change!.fields).toEqual([{ field: 'transferPhone', from: null, to: null }]); // the reserved number is never kept
  });
});

describe('a bad file is rejected as a whole', () => {
  it('with every format error, located by pointer and item, values never echoed, nothing written', async () => {
    const file = example();
    file.networks[0].comuni.push('54001');
    file.organisations[2].type = 'canary-type-9931';
    file.sportelli[0].openingHours = 'Canarino 99:99';
    file.sportelli[1].lat = 45.1; // lon missing
    file.sportelli[2].surprise = true;
    const before = await directoryDigest(t.db);
    const res = await importAs(admin, file);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('import_invalid');
    expect(slim(res.body.errors)).toEqual([
      { pointer: '/networks/0/comuni/5', code: 'istat_code', item: 'demo-rete-valle-umbra' },
      { pointer: '/organisations/2/type', code: 'invalid_value', item: 'demo-rifugio-telaio' },
      { pointer: '/sportelli/0/openingHours', code: 'opening_hours', item: 'demo-cav-sede-assisi' },
      { pointer: '/sportelli/1/lon', code: 'coordinates_pair', item: 'demo-cav-sportello-bastia' },
      { pointer: '/sportelli/2/surprise', code: 'unrecognized_keys', item: 'demo-rifugio-casa-1' },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/canary|Canarino/);
    expect(await directoryDigest(t.db)).toBe(before);
    expect(await lastAudit()).toMatchObject({ outcome: 'failure', purpose: 'rejected: 5 errors' });
  });

  it('with every cross-check error at once, nothing written', async () => {
    const cavB = (await t.db.select().from(organisations).where(eq(organisations.id, w.orgs.cavB)))[0]!;
    await setTerritory(t, w.network, [COMUNI.milano], null);
    const outsider = await createSportello(t, w.orgs.cavB, { name: 'Sportello fuori rete', comuneCode: COMUNI.milano });
    await t.db.update(sportelli).set({ externalId: 'outsider-sp' }).where(eq(sportelli.id, outsider));

    const file = example();
    file.networks[0].comuni.push('000000', COMUNI.milano);
    file.networks[0].referent = 'demo-rifugio-casa-1'; // secret
    file.networks[0].referentOverrides = [
      { comune: '015146', referent: 'outsider-sp' }, // not one of the network's comuni... and not a member's sportello
      { comune: '054003', referent: 'no-such-sportello' },
    ];
    file.organisations[1].networks.push('no-such-network');
    file.organisations[2].name = cavB.name;
    file.sportelli[1].organisation = 'no-such-organisation';
    file.sportelli.push({ ...file.sportelli[0] });
    file.sportelli.push({ externalId: 'trama:00000000-0000-4000-8000-000000000000', organisation: 'demo-cav-tessitrici', name: 'X DEMO', comuneCode: '054001' });
    const before = await directoryDigest(t.db);
    const res = await importAs(admin, file);
    expect(res.status).toBe(422);
    expect(slim(res.body.errors)).toEqual([
      { pointer: '/networks/0/comuni/5', code: 'unknown_comune', item: 'demo-rete-valle-umbra' },
      { pointer: '/networks/0/comuni/6', code: 'comune_taken', item: 'demo-rete-valle-umbra' },
      { pointer: '/networks/0/referentOverrides/1/referent', code: 'unknown_sportello', item: 'demo-rete-valle-umbra' },
      { pointer: '/networks/0/referent', code: 'referent_secret', item: 'demo-rete-valle-umbra' },
      { pointer: '/networks/0/referentOverrides/0/referent', code: 'referent_not_member', item: 'demo-rete-valle-umbra' },
      { pointer: '/organisations/1/networks/1', code: 'unknown_network', item: 'demo-cav-tessitrici' },
      { pointer: '/organisations/2/name', code: 'name_taken', item: 'demo-rifugio-telaio' },
      { pointer: '/sportelli/1/organisation', code: 'unknown_organisation', item: 'demo-cav-sportello-bastia' },
      { pointer: '/sportelli/3/externalId', code: 'duplicate_id', item: 'demo-cav-sede-assisi' },
      { pointer: '/sportelli/4/externalId', code: 'unknown_item', item: 'trama:00000000-0000-4000-8000-000000000000' },
    ]);
    expect(res.body.errors[0].detail).toBe('Comune inesistente (codice ISTAT).');
    expect(await directoryDigest(t.db)).toBe(before);
  });
});

describe('the 1522 referent', () => {
  it('must be a service that takes calls: a shelter line (or the police, an emergency room) is refused', async () => {
    const file = example();
    file.sportelli.push({ externalId: 'demo-rifugio-inserimenti', organisation: 'demo-rifugio-telaio', name: 'Reperibilità inserimenti DEMO', comuneCode: '054001', visibility: 'reserved' });
    file.networks[0].referent = 'demo-rifugio-inserimenti';
    const before = await directoryDigest(t.db);
    const res = await importAs(admin, file);
    expect(res.status).toBe(422);
    expect(slim(res.body.errors)).toEqual([{ pointer: '/networks/0/referent', code: 'referent_not_a_service', item: 'demo-rete-valle-umbra' }]);
    expect(await directoryDigest(t.db)).toBe(before);
  });
});

describe('one answer for the whole file', () => {
  it('lists format errors and cross-checks together; items that failed the format raise no false cross-check', async () => {
    const file = example();
    file.networks[0].comuni.push('054001'); // repeated
    file.networks[0].referent = 'demo-rifugio-casa-1'; // secret
    file.organisations[1].networks.push('no-such-network');
    file.organisations[2].type = 'canary-type-9931'; // format: sportelli[2] still names it, without "unknown organisation"
    file.sportelli[0].openingHours = 'Canarino 99:99'; // format
    const before = await directoryDigest(t.db);
    const res = await importAs(admin, file);
    expect(res.status).toBe(422);
    expect(slim(res.body.errors).map(({ pointer, item }) => ({ pointer, item }))).toEqual([
      { pointer: '/networks/0/comuni/5', item: 'demo-rete-valle-umbra' },
      { pointer: '/networks/0/referent', item: 'demo-rete-valle-umbra' },
      { pointer: '/organisations/1/networks/1', item: 'demo-cav-tessitrici' },
      { pointer: '/organisations/2/type', item: 'demo-rifugio-telaio' },
      { pointer: '/sportelli/0/openingHours', item: 'demo-cav-sede-assisi' },
    ]);
    expect(res.body.errors.map((e: { code: string }) => e.code).slice(0, 4)).toEqual(['comune_repeated', 'referent_secret', 'unknown_network', 'invalid_value']);
    expect(JSON.stringify(res.body)).not.toMatch(/canary|Canarino/);
    expect(await directoryDigest(t.db)).toBe(before);
  });

  it('refuses 1522 and the emergency numbers as a transfer number', async () => {
    const file = example();
    file.sportelli[0].transferPhone = '1522';
    file.sportelli[1].transferPhone = '+39 112';
    file.sportelli[2].transferPhone = '118';
    const before = await directoryDigest(t.db);
    const res = await importAs(admin, file);
    expect(res.status).toBe(422);
    expect(slim(res.body.errors)).toEqual([
      { pointer: '/sportelli/0/transferPhone', code: 'transfer_emergency_number', item: 'demo-cav-sede-assisi' },
      { pointer: '/sportelli/1/transferPhone', code: 'transfer_emergency_number', item: 'demo-cav-sportello-bastia' },
      { pointer: '/sportelli/2/transferPhone', code: 'transfer_emergency_number', item: 'demo-rifugio-casa-1' },
    ]);
    expect(await directoryDigest(t.db)).toBe(before);
    // Ordinary numbers that merely contain those digits pass.
    const fine = example();
    fine.sportelli[0].transferPhone = '+39 075 1522 112';
    expect((await importAs(admin, fine, '?dryRun=true')).status).toBe(200);
  });

  it('carries what a CAV declares for the minimum standard (line linked with emergency rooms and police, women-only staff)', async () => {
    const file = example();
    Object.assign(file.organisations[1], { lineLinkedEmergencyRoom: true, lineLinkedPolice: false, womenOnlyStaff: true });
    expect((await importAs(admin, file)).status).toBe(200);
    const [cav] = await t.db.select().from(organisations).where(eq(organisations.externalId, 'demo-cav-tessitrici'));
    expect(cav).toMatchObject({ lineLinkedEmergencyRoom: true, lineLinkedPolice: false, womenOnlyStaff: true });
    const bad = example();
    bad.organisations[1].womenOnlyStaff = 'sì';
    expect(slim((await importAs(admin, bad)).body.errors)).toEqual([{ pointer: '/organisations/1/womenOnlyStaff', code: 'invalid_type', item: 'demo-cav-tessitrici' }]);
    expect((await importAs(admin, example())).status).toBe(200); // back as the example says (not declared)
  });

  it('warns, without refusing, about hours in a non-canonical form or inside the hour skipped in spring', async () => {
    const file = example();
    file.sportelli[0].openingHours = 'Mo-Fr 9-17';
    file.sportelli[1].phoneHours = 'Su 02:30-04:00';
    file.sportelli[2].openingHours = 'Fr 20:00-02:00'; // ends at 02:00 on Saturday: no warning
    const res = await importAs(admin, file, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(slim(res.body.warnings)).toEqual([
      { pointer: '/sportelli/0/openingHours', code: 'hours_not_canonical', item: 'demo-cav-sede-assisi' },
      { pointer: '/sportelli/1/phoneHours', code: 'hours_dst_gap', item: 'demo-cav-sportello-bastia' },
    ]);
    expect(res.body.warnings[0].detail).toBeUndefined();
  });
});

describe('access', () => {
  it('publishes the JSON Schema of the format to anyone', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/schemas/directory-import.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/schema+json');
    const schema = res.json();
    expect(schema).toMatchObject({ $id: 'urn:trama:schema:directory-import:1', type: 'object' });
    expect(Object.keys(schema.properties)).toEqual(['format', 'networks', 'organisations', 'sportelli']);
  });

  it('refuses other roles (403) and anonymous callers (401), writing nothing', async () => {
    const before = await directoryDigest(t.db);
    expect((await importAs(headA, example())).status).toBe(403);
    const anon = await t.app.inject({ method: 'POST', url: '/api/directory/import', payload: example() });
    expect(anon.statusCode).toBe(401);
    expect(await directoryDigest(t.db)).toBe(before);
  });
});

describe('POST /api/directory/import (network coordinator)', () => {
  let other: { network: string; capofila: string; network2: string };
  let networkName: string;
  beforeAll(async () => {
    const capofila = await insertOrganisation(t.db, { name: 'Capofila di un altra rete', type: 'ente_capofila' });
    other = {
      capofila,
      network: await insertNetwork(t.db, { name: 'Un altra rete', capofilaOrganisationId: capofila }),
      network2: await insertNetwork(t.db, { name: 'Una terza rete', capofilaOrganisationId: capofila }),
    };
    networkName = (await t.db.select().from(networks).where(eq(networks.id, w.network)))[0]!.name;
  });

  const ownFile = (shelterAddress: string) => ({
    format: 'trama-directory/1',
    networks: [
      {
        externalId: `trama:${w.network}`,
        name: networkName,
        capofila: `trama:${w.orgs.capofila}`,
        comuni: [COMUNI.bergamo, COMUNI.seriate],
        referent: 'coord-cav-a-1',
      },
    ],
    sportelli: [
      { externalId: 'coord-cav-a-1', organisation: `trama:${w.orgs.cavA}`, name: 'Sportello CAV A Bergamo', comuneCode: COMUNI.bergamo, openingHours: 'Mo-Fr 09:00-12:00' },
      { externalId: 'coord-shelter-1', organisation: `trama:${w.orgs.shelter}`, name: 'Casa del rifugio', visibility: 'secret', address: shelterAddress, comuneCode: COMUNI.seriate },
    ],
  });

  it('imports into the network she leads, including a shelter sportello whose location she can never overwrite', async () => {
    const res = await importAs(coordinator, ownFile('Via del Rifugio 1'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: counts(0, 0, 2), updated: counts(1, 0, 0) });
    const territory = await t.db.select().from(networkComuni).where(eq(networkComuni.networkId, w.network));
    expect(territory.map((c) => c.istatCode).sort()).toEqual([COMUNI.bergamo, COMUNI.seriate].sort()); // milano, set earlier, is gone
    const shelter = (await byExternal(['coord-shelter-1'])).get('coord-shelter-1')!;
    expect(shelter).toMatchObject({ organisationId: w.orgs.shelter, address: null });

    const again = await importAs(coordinator, ownFile('Via Indovinata 7'));
    expect(again.body).toMatchObject({ updated: counts(0, 0, 0), unchanged: counts(1, 0, 2) });
    const kept = (await byExternal(['coord-shelter-1'])).get('coord-shelter-1')!;
    expect(await openLocation(t.ctx.crypto, t.db, kept.id, kept.secretLocation!)).toMatchObject({ address: 'Via del Rifugio 1' });
    expect((await lastAudit()).actorUserId).toBe(w.users.coordinator.id);

    const reveal = ownFile('Via del Rifugio 1');
    reveal.sportelli[1]!.visibility = 'public';
    const refused = await importAs(coordinator, reveal);
    expect(slim(refused.body.errors)).toEqual([{ pointer: '/sportelli/1/visibility', code: 'secret_visibility', item: 'coord-shelter-1' }]);
  });

  it('refuses what lies outside her networks, without telling whether it exists', async () => {
    const file = {
      format: 'trama-directory/1',
      networks: [
        { externalId: `trama:${other.network}`, name: 'Un altra rete', capofila: `trama:${other.capofila}` },
        { externalId: 'coord-new-net', name: 'Rete nuova della coordinatrice', capofila: `trama:${w.orgs.cavA}` },
      ],
      organisations: [
        { externalId: `trama:${w.orgs.cavB}`, name: 'CAV B rinominato', type: 'cav', networks: [`trama:${w.network}`] },
        { externalId: 'coord-new-org-1', name: 'Nuova organizzazione 1', type: 'cav', networks: [`trama:${other.network2}`] },
        { externalId: 'coord-new-org-2', name: 'Nuova organizzazione 2', type: 'cav', networks: ['coord-no-such-network'] },
        { externalId: 'coord-new-org-3', name: 'Nuova organizzazione 3', type: 'cav', networks: [] },
      ],
      sportelli: [{ externalId: 'coord-sp-b', organisation: `trama:${other.capofila}`, name: 'Sportello altrui', comuneCode: COMUNI.milano }],
    };
    const before = await directoryDigest(t.db);
    const res = await importAs(coordinator, file);
    expect(res.status).toBe(422);
    expect(slim(res.body.errors)).toEqual([
      { pointer: '/networks/0/externalId', code: 'out_of_scope', item: `trama:${other.network}` },
      { pointer: '/networks/0/capofila', code: 'unknown_organisation', item: `trama:${other.network}` },
      { pointer: '/networks/1/capofila', code: 'out_of_scope', item: 'coord-new-net' },
      { pointer: '/organisations/0/externalId', code: 'out_of_scope', item: `trama:${w.orgs.cavB}` },
      { pointer: '/organisations/1/networks/0', code: 'unknown_network', item: 'coord-new-org-1' },
      { pointer: '/organisations/2/networks/0', code: 'unknown_network', item: 'coord-new-org-2' },
      { pointer: '/organisations/3/networks', code: 'out_of_scope', item: 'coord-new-org-3' },
      { pointer: '/sportelli/0/organisation', code: 'unknown_organisation', item: 'coord-sp-b' },
    ]);
    // An existing network she does not lead reads exactly like one that does not exist.
    expect(res.body.errors[4].detail).toBe(res.body.errors[5].detail);
    expect(res.body.errors[4].detail).toMatch(/non tra le tue reti|not one of your networks/);
    expect(await directoryDigest(t.db)).toBe(before);
    expect(await lastAudit()).toMatchObject({ outcome: 'denied', actorUserId: w.users.coordinator.id });
  });
});

describe('the documented example stays valid', () => {
  it('parses with the published format', () => {
    expect(directoryImportFile.safeParse(example()).success).toBe(true);
  });
});

describe('npm run trama -- directory:import', () => {
  const data = useTempDir('trama-import-');
  const env = () => childEnv(data.dir);

  it('lists every error of a bad file (exit 1, nothing written), then imports the example and prints the counts (exit 0)', async () => {
    const usage = await runCli(['directory:import'], env());
    expect(usage.code).toBe(2);

    const notJson = path.join(data.dir, 'not.json');
    writeFileSync(notJson, '{ "format": ');
    const broken = await runCli(['directory:import', notJson], env());
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('The file is not valid JSON.');

    const bad = example();
    bad.networks[0].comuni.push('000000');
    bad.sportelli[0].organisation = 'no-such-organisation';
    const badFile = path.join(data.dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify(bad));
    const refused = await runCli(['directory:import', badFile], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The file has 2 error(s); nothing was written.');
    expect(refused.stderr).toContain('/networks/0/comuni/5 [demo-rete-valle-umbra]: Unknown comune (ISTAT code). (unknown_comune)');
    expect(refused.stderr).toContain('/sportelli/0/organisation [demo-cav-sede-assisi]: Unknown organisation, or not valid here. (unknown_organisation)');

    // Nothing was written by the refused run: the example creates everything.
    const created = await runCli(['directory:import', EXAMPLE], env());
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created    1 networks, 3 organisations, 3 sportelli');
    expect(created.stdout).toContain('Unchanged  0 networks, 0 organisations, 0 sportelli');
  }, 180_000);
});

describe('national scale', () => {
  let big: TestApp;
  beforeAll(async () => {
    big = await buildTestApp();
  });
  afterAll(() => big.close());

  it('imports all comuni, 27 networks, 400 organisations and 1,000 sportelli, then re-imports them unchanged', async () => {
    const codes = (await big.db.select({ c: comuni.istatCode }).from(comuni)).map((r) => r.c).sort();
    const N = 27;
    const file = {
      format: 'trama-directory/1',
      networks: Array.from({ length: N }, (_, i) => ({ externalId: `n${i}`, name: `Rete ${i}`, capofila: `o${i}`, comuni: codes.filter((_, j) => j % N === i), referent: `s${i}` })),
      organisations: Array.from({ length: 400 }, (_, i) => ({
        externalId: `o${i}`,
        name: `Organizzazione ${i}`,
        type: i < N ? 'ente_capofila' : 'cav',
        networks: i < N ? [`n${i}`] : [`n${i % N}`, `n${(i + 1) % N}`],
      })),
      sportelli: Array.from({ length: 1000 }, (_, i) => ({
        externalId: `s${i}`,
        organisation: `o${i % 400}`,
        name: `Sportello ${i}`,
        visibility: i >= 980 ? 'secret' : 'public',
        address: `Via ${i}`,
        comuneCode: codes[i * 7]!,
        openingHours: 'Mo-Fr 09:00-13:00',
        transferPhone: '+39 02 000 0000',
      })),
    };
    expect(await importDirectory(big.ctx, { kind: 'system' }, file)).toEqual({ created: counts(27, 400, 1000), updated: counts(0, 0, 0), unchanged: counts(0, 0, 0), warnings: [] });
    const [covered] = await big.db.select({ n: count() }).from(networkComuni);
    expect(covered!.n).toBe(codes.length);
    expect(await importDirectory(big.ctx, { kind: 'system' }, file)).toEqual({ created: counts(0, 0, 0), updated: counts(0, 0, 0), unchanged: counts(27, 400, 1000), warnings: [] });
    const [history] = await big.db.select({ n: count() }).from(directoryChanges).where(and(eq(directoryChanges.source, 'import')));
    expect(history!.n).toBe(27 + 400 + 1000);
  }, 120_000);
});
