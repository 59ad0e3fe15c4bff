import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Candidate, type MatchNeed, explain, rank } from '../../src/server/modules/shelters/matching.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { COMUNI } from '../support/directory.js';
import { expectOk } from '../support/http.js';
import { createPlacementWorld, insertStructure, requestBody } from '../support/shelters-requests.js';
import { login } from '../support/world.js';

/**
 * The matching (docs/shelters.md, "Matching"): each structure's rank comes
 * with its reasons — codes and params the web words, never an address or a
 * comune. Precise cases on the pure ranking, then the route on a real world.
 */

const need = (over: Partial<MatchNeed> = {}): MatchNeed => ({
  adults: 1,
  children: [],
  level: null,
  wheelchair: false,
  pets: false,
  languages: [],
  criteria: {},
  avoid: null,
  minDistanceKm: null,
  ...over,
});
// Bergamo's area, and Bari's (about 700 km away), rounded as stored.
const BERGAMO = { provinceCode: '016', lat: 45.7, lon: 9.7 };
const structure = (over: Partial<Candidate> = {}): Candidate => ({
  id: crypto.randomUUID(),
  name: 'Casa',
  level: 'casa_rifugio',
  protectionLevel: 'alta',
  provinceCode: '072',
  areaLat: 41.1,
  areaLon: 16.9,
  acceptsChildren: true,
  maxChildren: null,
  boysMaxAge: null,
  petsAllowed: false,
  wheelchairAccessible: false,
  languages: [],
  staffed24h: true,
  units: [{ id: crypto.randomUUID(), wheelchairAccessible: false, free: 3 }],
  ...over,
});
const reasons = (r: ReturnType<typeof explain>) => Object.fromEntries(r.explanation.map((e) => [e.criterion, [e.fits, e.params]]));

describe('matching reasons', () => {
  it('high danger favours a protected casa rifugio staffed day and night, away from the avoided area', () => {
    const n = need({ level: 'casa_rifugio', criteria: { pericolosita: 'alto' }, avoid: BERGAMO, minDistanceKm: 100 });
    const far = explain(n, structure());
    expect(reasons(far)).toEqual({
      household_fits: [true, { needed: 1, bestUnit: 3 }],
      level: [true, { sought: 'casa_rifugio', level: 'casa_rifugio' }],
      level_for_danger: [true, { level: 'casa_rifugio', protection: 'alta' }],
      distance: [true, { band: 'gt100', minKm: 100 }],
      avoided_province: [true, { province: '072' }],
      staffed_for_danger: [true, {}],
    });
    expect(far.excluded).toBe(false);
    // The same structure in the avoided province, a community with ordinary protection, not staffed at night.
    const near = explain(n, structure({ provinceCode: '016', areaLat: 45.7, areaLon: 9.7, level: 'comunita', protectionLevel: 'ordinaria', staffed24h: false }));
    expect(reasons(near)).toMatchObject({
      level: ['partial', { sought: 'casa_rifugio', level: 'comunita' }],
      level_for_danger: [false, { level: 'comunita', protection: 'ordinaria' }],
      distance: [false, { band: 'lt20', minKm: 100 }],
      avoided_province: [false, { province: '016' }],
      staffed_for_danger: [false, {}],
    });
    expect(near.score).toBeLessThan(far.score);
  });

  it('children: count, boys’ age and a single unit for the whole household are hard constraints, ranked last with their reasons', () => {
    const n = need({ children: [{ age: 15, sex: 'M' }, { age: 3, sex: 'F' }] });
    const boysTooOld = explain(n, structure({ boysMaxAge: 12, maxChildren: 1, units: [{ id: 'u', wheelchairAccessible: false, free: 2 }] }));
    expect(reasons(boysTooOld)).toEqual({
      household_fits: [false, { needed: 3, bestUnit: 2 }],
      children_accepted: [true, {}],
      children_count: [false, { children: 2, max: 1 }],
      boys_age: [false, { oldestBoy: 15, maxAge: 12 }],
    });
    expect(boysTooOld.excluded).toBe(true);
    const fits = structure({ name: 'Zeta', boysMaxAge: 18 });
    const ranked = rank(n, [structure({ name: 'Alfa', boysMaxAge: 12 }), fits]);
    expect(ranked.map((r) => [r.rank, r.structure.name, r.excluded])).toEqual([
      [1, 'Zeta', false],
      [2, 'Alfa', true],
    ]);
  });

  it('wheelchair: an accessible unit or structure with room; high autonomy favours second-level flats; languages in part', () => {
    const n = need({ wheelchair: true, criteria: { autonomia: 'alto' }, languages: ['ar', 'fr'], pets: true });
    const flat = explain(n, structure({ level: 'seconda_accoglienza', wheelchairAccessible: true, languages: ['fr'], petsAllowed: true }));
    expect(reasons(flat)).toMatchObject({
      wheelchair: [true, { structure: true }],
      level_for_autonomy: [true, { level: 'seconda_accoglienza' }],
      languages: ['partial', { matched: 1, asked: 2 }],
      pets: [true, {}],
    });
    const noAccess = explain(n, structure({ units: [{ id: 'u', wheelchairAccessible: true, free: 0 }, { id: 'v', wheelchairAccessible: false, free: 2 }] }));
    expect(reasons(noAccess).wheelchair).toEqual([false, { structure: false }]);
    expect(noAccess.excluded).toBe(true);
  });

  it('no support network favours a staffed structure', () => {
    const n = need({ criteria: { rete_supporto: 'basso' } });
    expect(reasons(explain(n, structure({ staffed24h: true }))).support_network).toEqual([true, { staffed24h: true }]);
    expect(reasons(explain(n, structure({ staffed24h: false }))).support_network).toEqual(['partial', { staffed24h: false }]);
  });
});

describe('GET /api/shelters/requests/:id/matches', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('ranks the structures of her networks with a free place, with reasons and bands, never an address; another organisation 404', async () => {
    const w = await createPlacementWorld(t);
    const near = await insertStructure(t, w.orgs.shelter, { name: 'Vicina', networks: [w.network], comune: COMUNI.seriate, units: [{ places: 2 }] });
    const far = await insertStructure(t, w.orgs.shelter, { name: 'Lontana', networks: [w.network], comune: COMUNI.bari, units: [{ places: 2 }] });
    await insertStructure(t, w.orgs.shelter, { name: 'Piena', networks: [w.network], units: [{ places: 0 }] });
    await insertStructure(t, w.orgs.shelter, { name: 'Altra rete', networks: [], units: [{ places: 2 }] });
    const [opA, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.operatorB)]);
    const request = expectOk(201)(await opA.request('POST', '/api/shelters/requests', requestBody({ avoidComune: COMUNI.bergamo, minDistanceKm: 50, level: 'casa_rifugio' })));
    const res = await opA.request('GET', `/api/shelters/requests/${request.id}/matches`);
    const { items } = expectOk(200)(res);
    expect(items.map((i: { structure: { id: string; distanceBand: string } }) => [i.structure.id, i.structure.distanceBand])).toEqual([
      [far.id, 'gt100'],
      [near.id, 'lt20'],
    ]);
    expect(items[1].explanation).toEqual(expect.arrayContaining([{ criterion: 'avoided_province', fits: false, params: { province: '016' } }]));
    expect(JSON.stringify(res.body)).not.toMatch(/Via di Prova|016198|072006|addressSealed/);
    expect((await opB.request('GET', `/api/shelters/requests/${request.id}/matches`)).status).toBe(404);
  });
});
