import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { shelterStructures } from '../../src/server/modules/shelters/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseDigest } from '../support/digest.js';
import { COMUNI } from '../support/directory.js';
import { expectOk, issues, match, ok } from '../support/http.js';
import { type ShelterWorld, createShelterWorld, holdPlace, releasePlace, structureBody } from '../support/shelters.js';
import { type Agent, login } from '../support/world.js';

/**
 * Structures, units and places through the API (docs/shelters.md,
 * "Structures and places"): the head writes, her staff read, the address is
 * sealed and opened only for them; another organisation's structure is 404
 * with nothing written; stale edits 412; bad input 400 with pointers; a
 * held place is never touched.
 */

let t: TestApp;
let w: ShelterWorld;
let head: Agent;
let operator: Agent;
let head2: Agent;
let cavOperator: Agent;
beforeAll(async () => {
  t = await buildTestApp();
  w = await createShelterWorld(t);
  [head, operator, head2, cavOperator] = await Promise.all([
    login(t, w.users.shelterHead),
    login(t, w.users.shelterOperator),
    login(t, w.users.shelter2Head),
    login(t, w.users.operatorA),
  ]);
});
afterAll(() => t.close());

const created = expectOk(201);
const auditOf = (requestId: string) => t.db.select().from(auditLog).where(eq(auditLog.requestId, requestId)).orderBy(asc(auditLog.id));
/** The request id of an answer (problem answers carry it as `instance`; others in the header). */
const lastAudit = async (action: string, resourceId: string) =>
  (await t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, resourceId))).orderBy(asc(auditLog.id))).at(-1);

async function newStructure(over = {}) {
  const s = created(await head.request('POST', '/api/shelters/structures', structureBody([w.network], over)));
  return created(await head.request('POST', `/api/shelters/structures/${s.id}/units`, { label: 'Camera A', places: 3, wheelchairAccessible: true }));
}

describe('the head creates and edits a structure', () => {
  it('creates it with its address sealed in the row and opened in the answer; the audit row names no value', async () => {
    const body = structureBody([w.network], { address: { street: 'Via Sigillata 12', comuneIstat: COMUNI.seriate, postcode: '24068', notes: 'Suonare due volte' } });
    const res = await head.request('POST', '/api/shelters/structures', body);
    const s = created(res);
    expect(res.headers.etag).toBe('"1"');
    expect(s).toMatchObject({ name: body.name, level: 'casa_rifugio', active: true, version: 1, province: { code: '016', name: 'Bergamo' }, comuneName: 'Seriate' });
    expect(s.address).toEqual(body.address);
    expect(s.networks).toEqual([{ id: w.network, name: expect.any(String) }]);
    expect(s.counts).toEqual({ libero: 0, trattenuto: 0, occupato: 0, fuori_servizio: 0 });
    expect(s.acts).toEqual({ manage: true, deactivate: true });
    const [row] = await t.db.select().from(shelterStructures).where(eq(shelterStructures.id, s.id));
    expect(row!.addressSealed).not.toContain('Sigillata');
    expect(row!.provinceCode).toBe('016');
    // Rounded to a tenth of a degree: never a street's coordinates.
    expect(Math.round(row!.areaLat * 10) / 10).toBe(row!.areaLat);
    const audit = await lastAudit('shelter.structure.create', s.id);
    expect(audit).toMatchObject({ outcome: 'success', resourceType: 'shelter_structure', actorOrganisationId: w.orgs.shelter });
    expect(JSON.stringify(audit)).not.toMatch(/Sigillata|Seriate|24068/);
  });

  it('adds a unit with its places, all free, labelled 1…n', async () => {
    const s = await newStructure();
    expect(s.units).toHaveLength(1);
    expect(s.units[0]).toMatchObject({ label: 'Camera A', wheelchairAccessible: true });
    expect(s.units[0].places.map((p: { label: string; state: string }) => `${p.label}:${p.state}`)).toEqual(['1:libero', '2:libero', '3:libero']);
    expect(s.counts.libero).toBe(3);
    const more = ok(await head.request('POST', `/api/shelters/structures/${s.id}/units/${s.units[0].id}/places`, { label: '4' }), 201);
    expect(more.counts.libero).toBe(4);
  });

  it('edits with If-Match: 200 and a new version; stale 412, none 428, nothing changed', async () => {
    const s = await newStructure();
    const edited = ok(await head.request('PATCH', `/api/shelters/structures/${s.id}`, { petsAllowed: true, languages: ['it', 'ar'] }, match(1)));
    expect(edited).toMatchObject({ version: 2, petsAllowed: true, languages: ['it', 'ar'] });
    const before = await databaseDigest(t.db);
    const stale = await head.request('PATCH', `/api/shelters/structures/${s.id}`, { petsAllowed: false }, match(1));
    expect(stale.status).toBe(412);
    expect((await head.request('PATCH', `/api/shelters/structures/${s.id}`, { petsAllowed: false })).status).toBe(428);
    expect(await databaseDigest(t.db)).toBe(before);
    const audit = await lastAudit('shelter.structure.update', s.id);
    expect(audit!.purpose).toBe('languages,petsAllowed');
  });

  it('a new address is sealed again and moves the province', async () => {
    const s = await newStructure();
    const moved = ok(await head.request('PATCH', `/api/shelters/structures/${s.id}`, { address: { street: 'Via Nuova 1', comuneIstat: COMUNI.bari, postcode: '70121' } }, match(1)));
    expect(moved.province).toEqual({ code: '072', name: 'Bari' });
    expect(moved.address.street).toBe('Via Nuova 1');
  });

  it('sets the networks it serves among her organisation’s only', async () => {
    const s = await newStructure();
    const none = ok(await head.request('PUT', `/api/shelters/structures/${s.id}/networks`, { networkIds: [] }, match(1)));
    expect(none).toMatchObject({ version: 2, networks: [] });
    const foreign = await head.request('PUT', `/api/shelters/structures/${s.id}/networks`, { networkIds: [crypto.randomUUID()] }, match(2));
    expect(foreign.status).toBe(400);
    expect(issues(foreign.body)).toEqual(['/body/networkIds unknown_network']);
    const back = ok(await head.request('PUT', `/api/shelters/structures/${s.id}/networks`, { networkIds: [w.network] }, match(2)));
    expect(back.networks.map((n: { id: string }) => n.id)).toEqual([w.network]);
  });

  it('renames a unit and a place with their own versions; a duplicate label is 409', async () => {
    const s = await newStructure();
    const unit = s.units[0];
    const renamed = ok(await head.request('PATCH', `/api/shelters/structures/${s.id}/units/${unit.id}`, { label: 'Stanza blu' }, match(unit.version)));
    expect(renamed.units[0]).toMatchObject({ label: 'Stanza blu', version: unit.version + 1 });
    expect((await head.request('PATCH', `/api/shelters/structures/${s.id}/units/${unit.id}`, { label: 'X' }, match(unit.version))).status).toBe(412);
    const place = unit.places[0];
    const p = ok(await head.request('PATCH', `/api/shelters/structures/${s.id}/places/${place.id}`, { label: 'Letto 1' }, match(place.version)));
    expect(p.units[0].places.map((x: { label: string }) => x.label)).toContain('Letto 1');
    const dup = await head.request('PATCH', `/api/shelters/structures/${s.id}/places/${unit.places[1].id}`, { label: 'Letto 1' }, match(unit.places[1].version));
    expect(dup.status).toBe(409);
  });
});

describe('places out of service and back', () => {
  it('a free place goes out of service and comes back; the counts follow; each change audited', async () => {
    const s = await newStructure();
    const place = s.units[0].places[0];
    const out = ok(await head.request('POST', `/api/shelters/structures/${s.id}/places/${place.id}/service`, { outOfService: true }, match(place.version)));
    expect(out.counts).toEqual({ libero: 2, trattenuto: 0, occupato: 0, fuori_servizio: 1 });
    expect((await head.request('POST', `/api/shelters/structures/${s.id}/places/${place.id}/service`, { outOfService: true }, match(place.version + 1))).body.code).toBe('shelter_place_state');
    const back = ok(await head.request('POST', `/api/shelters/structures/${s.id}/places/${place.id}/service`, { outOfService: false }, match(place.version + 1)));
    expect(back.counts.libero).toBe(3);
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'shelter.place.service'), eq(auditLog.resourceId, s.id))).orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.purpose)).toEqual([`place:${place.id} fuori_servizio`, `place:${place.id} libero`]);
  });

  it('a held place is never touched: 409 and the hold stays', async () => {
    const s = await newStructure();
    const place = s.units[0].places[1];
    const proposalId = await holdPlace(t, w.orgs.cavA, s.id, place.id);
    const before = await databaseDigest(t.db);
    const res = await head.request('POST', `/api/shelters/structures/${s.id}/places/${place.id}/service`, { outOfService: true }, match(place.version));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('shelter_place_state');
    expect((await head.request('POST', `/api/shelters/structures/${s.id}/places/${place.id}/service`, { outOfService: false }, match(place.version))).status).toBe(409);
    expect(await databaseDigest(t.db)).toBe(before);
    const read = ok(await operator.request('GET', `/api/shelters/structures/${s.id}`));
    expect(read.counts.trattenuto).toBe(1);
    expect(JSON.stringify(read)).not.toContain(proposalId);
  });
});

describe('deactivating a structure', () => {
  it('is refused while a place is held (409), allowed once free, and reversible', async () => {
    const s = await newStructure();
    const place = s.units[0].places[0];
    await holdPlace(t, w.orgs.cavA, s.id, place.id);
    const held = ok(await head.request('GET', `/api/shelters/structures/${s.id}`));
    expect(held.acts.deactivate).toBe(false);
    const refused = await head.request('POST', `/api/shelters/structures/${s.id}/deactivate`, undefined, match(1));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('shelter_structure_in_use');
    await releasePlace(t, place.id);
    const off = ok(await head.request('POST', `/api/shelters/structures/${s.id}/deactivate`, undefined, match(1)));
    expect(off).toMatchObject({ active: false, version: 2 });
    const on = ok(await head.request('POST', `/api/shelters/structures/${s.id}/reactivate`, undefined, match(2)));
    expect(on).toMatchObject({ active: true, version: 3 });
  });
});

describe('head and operator', () => {
  it('the operator reads the list and one structure (audited as a read of a secret address), and may write nothing (403)', async () => {
    const s = await newStructure();
    const list = ok(await operator.request('GET', '/api/shelters/structures'));
    const item = list.items.find((i: { id: string }) => i.id === s.id);
    expect(item).toMatchObject({ name: s.name, province: { code: '016', name: 'Bergamo' }, counts: { libero: 3 } });
    expect(JSON.stringify(list)).not.toContain('Via delle Rose');
    const one = await operator.request('GET', `/api/shelters/structures/${s.id}`);
    expect(ok(one)).toMatchObject({ id: s.id, acts: { manage: false, deactivate: false } });
    expect(one.body.address.street).toBe('Via delle Rose 3');
    const read = await lastAudit('shelter.structure.read', s.id);
    expect(read).toMatchObject({ actorUserId: w.users.shelterOperator.id, outcome: 'success', purpose: 'address' });
    const before = await databaseDigest(t.db);
    for (const [method, url, body] of [
      ['POST', '/api/shelters/structures', structureBody([w.network])],
      ['PATCH', `/api/shelters/structures/${s.id}`, { petsAllowed: true }],
      ['POST', `/api/shelters/structures/${s.id}/units`, { label: 'Z', places: 1 }],
      ['POST', `/api/shelters/structures/${s.id}/places/${s.units[0].places[0].id}/service`, { outOfService: true }],
    ] as const) {
      expect((await operator.request(method, url, body, match(1))).status, url).toBe(403);
    }
    expect(await databaseDigest(t.db)).toBe(before);
  });
});

describe("another organisation's structure", () => {
  it('is 404 for every route, nothing written, and each probe audited as denied', async () => {
    const s = await newStructure();
    const unit = s.units[0];
    const place = unit.places[0];
    const base = `/api/shelters/structures/${s.id}`;
    const calls: [string, string, unknown?][] = [
      ['GET', base],
      ['PATCH', base, { petsAllowed: true }],
      ['PUT', `${base}/networks`, { networkIds: [] }],
      ['POST', `${base}/deactivate`],
      ['POST', `${base}/reactivate`],
      ['POST', `${base}/units`, { label: 'Intrusa', places: 1 }],
      ['PATCH', `${base}/units/${unit.id}`, { label: 'Intrusa' }],
      ['POST', `${base}/units/${unit.id}/places`, { label: '9' }],
      ['PATCH', `${base}/places/${place.id}`, { label: '9' }],
      ['POST', `${base}/places/${place.id}/service`, { outOfService: true }],
    ];
    const before = await databaseDigest(t.db);
    for (const [method, url, body] of calls) {
      const res = await head2.request(method, url, body, match(1));
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Via delle Rose');
      const denied = await auditOf(res.body.instance);
      expect(denied, `${method} ${url}`).toMatchObject([{ action: 'access.denied', outcome: 'denied', resourceType: 'shelter_structure', resourceId: s.id }]);
    }
    expect(await databaseDigest(t.db)).toBe(before);
    const list = ok(await head2.request('GET', '/api/shelters/structures'));
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(s.id);
  });

  it("a unit or place of another structure of hers is 404 too (ids don't cross structures)", async () => {
    const a = await newStructure();
    const b = await newStructure();
    const res = await head.request('POST', `/api/shelters/structures/${a.id}/places/${b.units[0].places[0].id}/service`, { outOfService: true }, match(1));
    expect(res.status).toBe(404);
    expect((await head.request('PATCH', `/api/shelters/structures/${a.id}/units/${b.units[0].id}`, { label: 'x' }, match(1))).status).toBe(404);
  });

  it('a CAV (not a housing organisation) is refused by the policy: 403', async () => {
    expect((await cavOperator.request('GET', '/api/shelters/structures')).status).toBe(403);
  });
});

describe('bad input', () => {
  it('is 400 with a pointer per field, nothing written', async () => {
    const before = await databaseDigest(t.db);
    const res = await head.request('POST', '/api/shelters/structures', {
      ...structureBody([w.network]),
      name: '',
      level: 'castello',
      languages: ['IT'],
      address: { street: 'Via 1', comuneIstat: '12', postcode: 'abc' },
    });
    expect(res.status).toBe(400);
    expect(issues(res.body)).toEqual([
      '/body/address/comuneIstat istat_code',
      '/body/address/postcode invalid_format',
      '/body/languages/0 language_code',
      '/body/level invalid_value',
      '/body/name too_small',
    ]);
    const unknown = await head.request('POST', '/api/shelters/structures', structureBody([crypto.randomUUID()], { address: { street: 'Via 1', comuneIstat: '999999', postcode: '00100' }, contributionCents: 100 }));
    expect(issues(unknown.body)).toEqual(['/body/address/comuneIstat unknown_comune', '/body/contributionCents not_allowed', '/body/networkIds unknown_network']);
    const nul = await head.request('POST', '/api/shelters/structures', structureBody([w.network], { address: { street: 'Via\u0000 1', comuneIstat: COMUNI.bergamo, postcode: '24121' } }));
    expect(nul.status).toBe(400);
    expect(issues(nul.body)).toEqual(['/body/address/street invalid_text']);
    expect(JSON.stringify(nul.body)).not.toContain('Via');
    expect((await head.request('POST', '/api/shelters/structures', { ...structureBody([w.network]), extra: 1 })).status).toBe(400);
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('a contribution is allowed at the second level only; a duplicate name is 409', async () => {
    const second = created(await head.request('POST', '/api/shelters/structures', structureBody([w.network], { level: 'seconda_accoglienza', contributionCents: 15000 })));
    expect(second.contributionCents).toBe(15000);
    const toRifugio = await head.request('PATCH', `/api/shelters/structures/${second.id}`, { level: 'casa_rifugio' }, match(1));
    expect(issues(toRifugio.body)).toEqual(['/body/contributionCents not_allowed']);
    const dup = await head.request('POST', '/api/shelters/structures', structureBody([w.network], { name: second.name }));
    expect(dup.status).toBe(409);
  });
});
