import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardCache } from '../../src/server/modules/shelters/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { COMUNI } from '../support/directory.js';
import { expectOk, issues, match, ok } from '../support/http.js';
import { type ShelterWorld, createShelterWorld, holdPlace, releasePlace, structureBody } from '../support/shelters.js';
import { type Agent, login } from '../support/world.js';

/**
 * The vacancy board (docs/shelters.md, "The vacancy board"): the structures
 * serving one of the reader's networks, their free places counted as places
 * change state, the filters, and distance bands from an area she gives —
 * never an address, a comune or who is there.
 */

let t: TestApp;
let w: ShelterWorld;
let head: Agent;
let cavA: Agent;
let cavB: Agent;
let coordinator: Agent;
let socialWorker: Agent;
let helpline: Agent;
beforeAll(async () => {
  t = await buildTestApp();
  w = await createShelterWorld(t);
  [head, cavA, cavB, coordinator, socialWorker, helpline] = await Promise.all([
    login(t, w.users.shelterHead),
    login(t, w.users.operatorA),
    login(t, w.users.operatorB),
    login(t, w.users.coordinator),
    login(t, w.users.socialWorkerA),
    login(t, w.users.helpline),
  ]);
});
afterAll(() => t.close());

const created = expectOk(201);
type Item = { id: string; free: number; capacity: number; largestUnitFree: number; unitsFree: number[]; distanceBand: string | null };

/** A structure of the shelter with units of the given sizes (all free). */
async function structure(units: number[], over: Parameters<typeof structureBody>[1] = {}) {
  let s = created(await head.request('POST', '/api/shelters/structures', structureBody([w.network], over)));
  for (const [i, places] of units.entries()) s = created(await head.request('POST', `/api/shelters/structures/${s.id}/units`, { label: `U${i + 1}`, places }));
  return s;
}

/** Places written directly in SQL (holdPlace, releasePlace) reach the kept board with their notice (board.cache.ts). */
const heard = () => boardCache(t.ctx).heardAll();
const board = async (agent: Agent, query = '') => ok(await agent.request('GET', `/api/shelters/board${query}`)) as { items: Item[]; totals: { structures: number; free: number } };
const itemOf = async (agent: Agent, id: string, query = '') => (await board(agent, query)).items.find((i) => i.id === id);

describe('counts', () => {
  it('follow the places as they go out of service, are held, and come back', async () => {
    const s = await structure([3, 2]);
    expect(await itemOf(cavA, s.id)).toMatchObject({ free: 5, capacity: 5, largestUnitFree: 3, unitsFree: [3, 2] });
    const [u1, u2] = s.units;
    const out = ok(await head.request('POST', `/api/shelters/structures/${s.id}/places/${u1.places[0].id}/service`, { outOfService: true }, match(1)));
    expect(out.counts.fuori_servizio).toBe(1);
    expect(await itemOf(cavA, s.id)).toMatchObject({ free: 4, capacity: 4, largestUnitFree: 2, unitsFree: [2, 2] });
    await holdPlace(t, w.orgs.cavA, s.id, u2.places[0].id);
    await heard();
    expect(await itemOf(cavA, s.id)).toMatchObject({ free: 3, capacity: 4, largestUnitFree: 2, unitsFree: [2, 1] });
    await holdPlace(t, w.orgs.cavA, s.id, u2.places[1].id);
    await heard();
    expect(await itemOf(cavA, s.id)).toMatchObject({ free: 2, capacity: 4, largestUnitFree: 2, unitsFree: [2] });
    await releasePlace(t, u2.places[0].id);
    await releasePlace(t, u2.places[1].id);
    await heard();
    ok(await head.request('POST', `/api/shelters/structures/${s.id}/places/${u1.places[0].id}/service`, { outOfService: false }, match(2)));
    expect(await itemOf(cavA, s.id)).toMatchObject({ free: 5, capacity: 5, largestUnitFree: 3 });
  });

  it('a structure with no unit shows zero; a deactivated one is gone', async () => {
    const empty = await structure([]);
    expect(await itemOf(cavA, empty.id)).toMatchObject({ free: 0, capacity: 0, largestUnitFree: 0, unitsFree: [] });
    ok(await head.request('POST', `/api/shelters/structures/${empty.id}/deactivate`, undefined, match(1)));
    expect(await itemOf(cavA, empty.id)).toBeUndefined();
  });

  it('totals add up the structures shown', async () => {
    const b = await board(cavA);
    expect(b.totals).toEqual({ structures: b.items.length, free: b.items.reduce((n, i) => n + i.free, 0) });
  });
});

describe('who sees which structures', () => {
  it("only structures serving one of the reader's networks: CAV A, its social worker, the coordinator and the shelter itself do; CAV B (outside) does not", async () => {
    const s = await structure([2]);
    for (const agent of [cavA, socialWorker, coordinator, head]) expect(await itemOf(agent, s.id)).toBeDefined();
    expect(await itemOf(cavB, s.id)).toBeUndefined();
    // Serving no network: on nobody's board.
    ok(await head.request('PUT', `/api/shelters/structures/${s.id}/networks`, { networkIds: [] }, match(1)));
    expect(await itemOf(cavA, s.id)).toBeUndefined();
  });

  it('the helpline operator is refused by the policy (403)', async () => {
    expect((await helpline.request('GET', '/api/shelters/board')).status).toBe(403);
  });

  it('an item carries counts and features, never the address, the comune or a place', async () => {
    const s = await structure([2], { address: { street: 'Via Nascosta 77', comuneIstat: COMUNI.treviglio, postcode: '24047', notes: 'Citofono Bianchi' } });
    const res = await cavA.request('GET', '/api/shelters/board');
    const item = (res.body.items as Item[]).find((i) => i.id === s.id) as unknown as Record<string, unknown>;
    expect(Object.keys(item).sort()).toEqual(['capacity', 'distanceBand', 'features', 'free', 'id', 'largestUnitFree', 'level', 'name', 'province', 'unitsFree']);
    expect(item.province).toEqual({ code: '016', name: 'Bergamo' });
    expect(JSON.stringify(res.body)).not.toMatch(/Nascosta|Treviglio|24047|Bianchi/);
    expect(JSON.stringify(res.body)).not.toContain(s.units[0].places[0].id);
    expect(JSON.stringify(res.body)).not.toContain(s.units[0].id);
  });
});

describe('filters', () => {
  it('level, province, features, language and household size', async () => {
    const big = await structure([4, 1], { level: 'comunita', petsAllowed: true, wheelchairAccessible: false, languages: ['uk'], staffed24h: false });
    const bari = await structure([1], { level: 'pronto_intervento', address: { street: 'Via Bari 1', comuneIstat: COMUNI.bari, postcode: '70121' }, acceptsChildren: false });
    const ids = async (query: string) => (await board(cavA, query)).items.map((i) => i.id);
    expect(await ids('?level=comunita')).toContain(big.id);
    expect(await ids('?level=comunita')).not.toContain(bari.id);
    expect(await ids('?province=072')).toEqual([bari.id]);
    expect(await ids('?pets=true')).toContain(big.id);
    expect(await ids('?pets=true')).not.toContain(bari.id);
    expect(await ids('?wheelchair=true')).not.toContain(big.id);
    expect(await ids('?children=true')).not.toContain(bari.id);
    expect(await ids('?staffed24h=true')).not.toContain(big.id);
    expect(await ids('?language=uk')).toEqual([big.id]);
    // Four together fit in one unit of `big` only; five fit nowhere (its units are 4 and 1).
    expect(await ids('?household=4')).toContain(big.id);
    expect(await ids('?household=4')).not.toContain(bari.id);
    expect(await ids('?household=5')).not.toContain(big.id);
    expect(await ids('?pets=false')).toContain(bari.id);
  });

  it('bad filters are 400 with pointers', async () => {
    const res = await cavA.request('GET', '/api/shelters/board?level=castello&household=0&language=Italiano&province=BG');
    expect(res.status).toBe(400);
    expect(issues(res.body)).toEqual(['/querystring/household too_small', '/querystring/language language_code', '/querystring/level invalid_value', '/querystring/province invalid_format']);
  });
});

describe('area', () => {
  it('adds a distance band per structure, nearest first; an unknown comune is 400', async () => {
    const bergamo = await structure([1]);
    const bari = await structure([1], { address: { street: 'Via Bari 2', comuneIstat: COMUNI.bari, postcode: '70121' } });
    expect((await itemOf(cavA, bergamo.id))!.distanceBand).toBeNull();
    const near = await board(cavA, `?area=${COMUNI.seriate}`);
    expect(near.items.find((i) => i.id === bergamo.id)!.distanceBand).toBe('lt20');
    expect(near.items.find((i) => i.id === bari.id)!.distanceBand).toBe('gt100');
    const bands = near.items.map((i) => i.distanceBand);
    expect(bands.indexOf('gt100')).toBeGreaterThan(bands.lastIndexOf('lt20'));
    expect((await itemOf(cavA, bergamo.id, `?area=${COMUNI.milano}`))!.distanceBand).toBe('20_50');
    const unknown = await cavA.request('GET', '/api/shelters/board?area=999999');
    expect(unknown.status).toBe(400);
    expect(issues(unknown.body)).toEqual(['/querystring/area unknown_comune']);
  });
});
