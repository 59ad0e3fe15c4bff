import { geoArea, geoContains } from 'd3-geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundariesAnswer, maxMapComuni } from '../../src/shared/boundaries.api.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { COMUNI } from '../support/directory.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

let t: TestApp;
let w: World;
let operator: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  operator = await login(t, w.users.operatorA);
});
afterAll(() => t.close());

const url = (codes: string[]) => `/api/comuni/boundaries?comuni=${codes.join(',')}`;
const asFeature = (geometry: object) => ({ type: 'Feature' as const, properties: {}, geometry }) as Parameters<typeof geoArea>[0];

describe('GET /api/comuni/boundaries', () => {
  it('answers the shapes of the comuni asked for and the outline of their provinces', async () => {
    const res = await operator.request('GET', url([COMUNI.seriate, COMUNI.bergamo, COMUNI.bergamo, COMUNI.bari]));
    expect(res.status).toBe(200);
    const body = boundariesAnswer.parse(res.body);
    expect(body.comuni.map((c) => [c.istatCode, c.name, c.provinceCode])).toEqual([
      [COMUNI.bergamo, 'Bergamo', '016'],
      [COMUNI.seriate, 'Seriate', '016'],
      [COMUNI.bari, 'Bari', '072'],
    ]);
    expect(body.provinces.map((p) => [p.code, p.name, p.sigla])).toEqual([
      ['016', 'Bergamo', 'BG'],
      ['072', 'Bari', 'BA'],
    ]);
    // Real places: Bergamo's town hall (Piazza Matteotti) is inside Bergamo, not inside Seriate; the province holds both.
    const [bergamo, seriate] = body.comuni.map((c) => asFeature(c.shape!));
    const townHall: [number, number] = [9.6686, 45.6946];
    expect(geoContains(bergamo!, townHall)).toBe(true);
    expect(geoContains(seriate!, townHall)).toBe(false);
    expect(geoContains(asFeature(body.provinces[0]!.shape!), townHall)).toBe(true);
    // Rings wound as d3-geo expects: a comune is small, not the world but itself.
    for (const c of body.comuni) expect(geoArea(asFeature(c.shape!))).toBeLessThan(0.001);
  });

  it('keys the shapes by the 2026 codes: Sardinia renumbered, merged comuni dissolved', async () => {
    // Sassari (112050, 090064 until 2025), Setteville (025075, from Alano di Piave and Quero Vas).
    const res = await operator.request('GET', url(['112050', '025075']));
    expect(res.status).toBe(200);
    const body = boundariesAnswer.parse(res.body);
    const [setteville, sassari] = body.comuni;
    expect([setteville?.name, sassari?.name]).toEqual(['Setteville', 'Sassari']);
    // Both old centres (Alano di Piave, Quero) are in the one shape of Setteville; Sassari's town hall in Sassari's.
    expect(geoContains(asFeature(setteville!.shape!), [11.9094, 45.9067])).toBe(true);
    expect(geoContains(asFeature(setteville!.shape!), [11.9281, 45.9233])).toBe(true);
    expect(geoContains(asFeature(sassari!.shape!), [8.5603, 40.7259])).toBe(true);
    expect(body.provinces.map((p) => p.sigla)).toEqual(['BL', 'SS']);
  });

  it('says which comuni have no shape in the source (created after it) instead of inventing one', async () => {
    const res = await operator.request('GET', url(['005122', COMUNI.bergamo]));
    expect(res.status).toBe(200);
    const body = boundariesAnswer.parse(res.body);
    expect(body.comuni.map((c) => [c.name, c.shape === null])).toEqual([
      ['Moransengo-Tonengo', true],
      ['Bergamo', false],
    ]);
    expect(body.provinces.every((p) => p.shape !== null)).toBe(true);
  });

  it('refuses bad input with a 400 pointing at the code', async () => {
    const notACode = await operator.request('GET', url([COMUNI.bergamo, '16024']));
    expect(notACode.status).toBe(400);
    expect(notACode.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([['/querystring/comuni/1', 'istat_code']]);

    const unknown = await operator.request('GET', url([COMUNI.bergamo, '999999']));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([['/querystring/comuni/1', 'unknown_comune']]);

    const none = await operator.request('GET', '/api/comuni/boundaries?comuni=');
    expect(none.status).toBe(400);
    const missing = await operator.request('GET', '/api/comuni/boundaries');
    expect(missing.status).toBe(400);

    const many = Array.from({ length: maxMapComuni + 1 }, (_, i) => String(100000 + i));
    const tooMany = await operator.request('GET', url(many));
    expect(tooMany.status).toBe(400);
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: url([COMUNI.bergamo]) });
    expect(res.statusCode).toBe(401);
  });
});
