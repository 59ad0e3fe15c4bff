import { count, eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { sessions } from '../../src/server/access/access.tables.js';
import { helpRoutes } from '../../src/server/modules/help/index.js';
import { networks } from '../../src/server/modules/organisations/index.js';
import { registerProblemHandlers } from '../../src/server/platform/http.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { CANARIES, HELP_COMUNI as C, createHelpWorld, type HelpWorld, nextAddress } from '../support/help-world.js';

let t: TestApp;
let w: HelpWorld;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createHelpWorld(t);
});
afterAll(() => t.close());

async function get(url: string, headers: Record<string, string> = {}, remoteAddress = nextAddress()) {
  const res = await t.app.inject({ method: 'GET', url, headers, remoteAddress });
  const json = /json/.test(String(res.headers['content-type']));
  return { status: res.statusCode, headers: res.headers, text: res.body, body: json ? JSON.parse(res.body) : null };
}
const help = (comune: string, at: string, lang?: string) =>
  get(`/api/public/help?comune=${comune}&at=${encodeURIComponent(at)}${lang ? `&lang=${lang}` : ''}`);

function expectNoLeak(text: string) {
  for (const canary of CANARIES) expect(text, canary).not.toContain(canary);
  expect(text).not.toMatch(/transfer/i);
  expect(text).not.toMatch(/secret_location|secretLocation/);
}

const MONDAY_10 = '2026-11-23T10:00:00+01:00';
const TUESDAY_10 = '2026-11-24T10:00:00+01:00';

describe('GET /api/public/help', () => {
  it('answers for a covered comune: 1522, 112, the network, the public referent open now, public sportelli by distance', async () => {
    const res = await help(C.bari, MONDAY_10);
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const a = res.body;
    expect(Object.keys(a).sort()).toEqual(['at', 'comune', 'emergency', 'helpline', 'lang', 'nearestNetwork', 'network', 'nextOpening', 'referent', 'sportelli']);
    expect(a.comune).toEqual({ istatCode: C.bari, name: 'Bari', provinceSigla: 'BA' });
    expect(a.at).toBe('2026-11-23T09:00:00.000Z');
    expect(a.helpline).toMatchObject({ number: '1522', free: true, h24: true, anonymous: true, chat: 'https://www.1522.eu' });
    // Exactly the eleven languages 1522's operators answer in — not the page's own languages.
    expect(a.helpline.languages).toEqual(['it', 'en', 'fr', 'es', 'ar', 'fa', 'sq', 'ru', 'uk', 'pt', 'pl']);
    expect(a.helpline.text).toContain('1522');
    expect(a.emergency).toEqual({ number: '112', text: 'Se sei in pericolo adesso, chiama il 112.' });
    expect(a.network).toEqual({ id: w.network, name: expect.any(String) });
    expect(a.nearestNetwork).toBeNull();
    expect(a.referent).toMatchObject({
      name: 'CAV Bari Centro',
      organisation: { type: 'cav' },
      address: 'Via Fittizia 1',
      comune: { istatCode: C.bari, name: 'Bari' },
      phones: ['080 000 1111'],
      email: 'cav.bari@example.org',
      openingHours: 'Mo,We,Fr 09:00-13:00',
      openNow: true,
      closesAt: '2026-11-23T12:00:00.000Z',
      nextOpening: null,
      phoneOpenNow: true,
      languages: ['it', 'en', 'ar'],
      services: ['ascolto', 'consulenza_legale'],
      accessibility: ['step_free'],
    });
    expect(Object.keys(a.referent)).not.toContain('id');
    expect(Object.keys(a.referent.organisation).sort()).toEqual(['name', 'type']);
    expect(a.nextOpening).toBeNull();
    expect(a.sportelli.map((s: { name: string }) => s.name)).toEqual(['CAV Bari Centro', 'Sportello Modugno']);
    expect(a.sportelli[0].distanceKm).toBeLessThan(a.sportelli[1].distanceKm);
    expect(a.sportelli[1]).toMatchObject({ openNow: false, nextOpening: '2026-11-24T14:00:00.000Z', closesAt: null });
    expectNoLeak(res.text);
  });

  it('on Tuesday at 10:00 the referent is closed, next opening Wednesday 09:00; Tuesday 16:00 Modugno is open', async () => {
    const a = (await help(C.bari, TUESDAY_10)).body;
    expect(a.referent).toMatchObject({ openNow: false, closesAt: null, nextOpening: '2026-11-25T08:00:00.000Z', phoneOpenNow: true });
    // The next opening is in person (the phone is answered now): the answer says which.
    expect(a.nextOpening).toEqual({ at: '2026-11-25T08:00:00.000Z', sportello: { name: 'CAV Bari Centro' }, kind: 'in_person' });
    const later = (await help(C.bari, '2026-11-24T16:00:00+01:00')).body;
    expect(later.sportelli.find((s: { name: string }) => s.name === 'Sportello Modugno')).toMatchObject({ openNow: true, closesAt: '2026-11-24T17:00:00.000Z' });
  });

  it('is closed on a public holiday (Christmas, a Friday), in person and by phone', async () => {
    const a = (await help(C.bari, '2026-12-25T10:00:00+01:00')).body;
    expect(a.referent).toMatchObject({ openNow: false, phoneOpenNow: false });
    expect(a.nextOpening).toEqual({ at: '2026-12-28T08:00:00.000Z', sportello: { name: 'CAV Bari Centro' }, kind: 'in_person' });
  });

  it('crosses the daylight-saving weekends at local 09:00', async () => {
    // Spring forward (29 March 2026): Monday 09:00 is 07:00Z.
    expect((await help(C.bari, '2026-03-27T14:00:00+01:00')).body.nextOpening.at).toBe('2026-03-30T07:00:00.000Z');
    expect((await help(C.bari, '2026-03-30T10:00:00+02:00')).body.referent.closesAt).toBe('2026-03-30T11:00:00.000Z');
    // Fall back (25 October 2026): Monday 09:00 is 08:00Z.
    expect((await help(C.bari, '2026-10-23T14:00:00+02:00')).body.nextOpening.at).toBe('2026-10-26T08:00:00.000Z');
  });

  it('hides a reserved referent: referent null, next opening of the first public sportello that opens', async () => {
    const open = (await help(C.milano, TUESDAY_10)).body;
    expect(open.network).toEqual({ id: w.networkM, name: 'Rete Milanese di Prova' });
    expect(open.referent).toBeNull();
    expect(open.sportelli.map((s: { name: string }) => s.name)).toEqual(['Sportello Milano Pubblico']);
    expect(open.nextOpening).toBeNull(); // a public sportello is open now
    const saturday = await help(C.milano, '2026-11-28T10:00:00+01:00');
    expect(saturday.body.nextOpening).toEqual({ at: '2026-11-30T08:00:00.000Z', sportello: { name: 'Sportello Milano Pubblico' }, kind: 'in_person' });
    expectNoLeak(saturday.text);
  });

  it('gives network null for a comune outside every network, and the nearest network only through public points', async () => {
    const palermo = await help(C.palermo, MONDAY_10);
    expect(palermo.status).toBe(200);
    expect(palermo.body.network).toBeNull();
    // The nearest network (A), at the distance of its nearest public point (Modugno, on the Palermo side of Bari).
    const distances = palermo.body.sportelli.map((s: { distanceKm: number }) => s.distanceKm);
    const [networkA] = await t.db.select({ name: networks.name }).from(networks).where(eq(networks.id, w.network));
    // The same shape as the 1522 routing answer: network null, the nearest network with its id.
    expect(palermo.body.nearestNetwork).toEqual({ id: w.network, name: networkA!.name, distanceKm: Math.min(...distances) });
    expect(palermo.body.sportelli[0].name).toBe('Sportello Modugno');
    // A centre hundreds of kilometres away is not her "referent": it is listed among the nearest points.
    expect(palermo.body.referent).toBeNull();
    expect(palermo.body.sportelli.map((s: { name: string }) => s.name)).toContain('CAV Bari Centro');
    expect(palermo.body.nearestNetwork.distanceKm).toBeGreaterThan(400);
    expectNoLeak(palermo.text);

    // Muggia's nearest network (Trieste) has only a reserved referent: nothing of it is shown, not even its name.
    const muggia = await help(C.muggia, MONDAY_10);
    expect(muggia.body).toMatchObject({ network: null, nearestNetwork: null, referent: null, nextOpening: null, sportelli: [] });
    expect(muggia.text).not.toContain('Rete Giuliana Nascosta');
    expectNoLeak(muggia.text);
  });

  it('shows the covering network of Trieste but not its reserved referent', async () => {
    const res = await help(C.trieste, MONDAY_10);
    expect(res.body).toMatchObject({ network: { id: w.networkT, name: 'Rete Giuliana Nascosta' }, referent: null, sportelli: [], nextOpening: null });
    expectNoLeak(res.text);
  });

  it('speaks the asked language in its fixed texts; the default is Italian and "now"', async () => {
    const en = (await help(C.bari, MONDAY_10, 'en')).body;
    expect(en.lang).toBe('en');
    expect(en.emergency.text).toBe('If you are in danger now, call 112.');
    const ar = (await help(C.bari, MONDAY_10, 'ar')).body;
    expect(ar.helpline.text).toMatch(/1522/);
    expect(ar.helpline.text).not.toBe(en.helpline.text);
    const before = Date.now();
    const now = await get(`/api/public/help?comune=${C.bari}`);
    expect(now.status).toBe(200);
    expect(now.body.lang).toBe('it');
    expect(Date.parse(now.body.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(now.body.at)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses bad input with precise problems, never a 500', async () => {
    const unknown = await help('999999', MONDAY_10);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 404, code: 'comune_not_found', title: 'Comune non trovato.' });
    expect((await get(`/api/public/help?comune=999999`, { 'accept-language': 'en' })).body.title).toBe('Comune (municipality) not found.');

    for (const at of ['garbage', '2026-11-23', '2026-11-23T10:00:00', '2026-02-30T10:00:00Z', '2026-13-01T10:00:00Z', '1850-01-01T10:00:00Z', '9999-12-31T23:59:59Z']) {
      const res = await help(C.bari, at);
      expect(res.status, at).toBe(400);
      expect(res.body.code, at).toBe('validation_failed');
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer), at).toEqual(['/querystring/at']);
      expect(res.text, at).not.toContain(at); // the value is never echoed
    }
    for (const [url, pointer] of [
      ['/api/public/help', '/querystring/comune'],
      ['/api/public/help?comune=72006', '/querystring/comune'],
      ['/api/public/help?comune=abcdef', '/querystring/comune'],
      [`/api/public/help?comune=${C.bari}&comune=${C.milano}`, '/querystring/comune'],
      [`/api/public/help?comune=${C.bari}&lang=de`, '/querystring/lang'],
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer), url).toEqual([pointer]);
    }
  });

  it('writes nothing, audits nothing, sets no cookie — even for a visitor who carries a session cookie', async () => {
    const digest = await adminTablesDigest(t.db);
    const [audits] = await t.db.select({ n: count() }).from(auditLog);
    const [sessionRows] = await t.db.select({ n: count() }).from(sessions);
    const res = await get(`/api/public/help?comune=${C.bari}`, { cookie: 'trama_session=not-a-real-session' });
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const comuni = await get('/api/public/comuni?q=bari', { cookie: 'trama_session=not-a-real-session' });
    expect(comuni.headers['set-cookie']).toBeUndefined();
    expect((await help('999999', MONDAY_10)).headers['set-cookie']).toBeUndefined();
    expect(await adminTablesDigest(t.db)).toBe(digest);
    expect((await t.db.select({ n: count() }).from(auditLog))[0]!.n).toBe(audits!.n);
    expect((await t.db.select({ n: count() }).from(sessions))[0]!.n).toBe(sessionRows!.n);
  });

  it('never logs a reserved or secret value, what she searched for, or her address', async () => {
    await get('/api/public/comuni?q=zqcanaryx', {}, '10.123.45.67');
    await get('/aiuto?q=zqcanaryx', {}, '10.123.45.67');
    await get(`/aiuto?comune=${C.bari}&at=zqcanaryx`, {}, '10.123.45.67');
    await get(`/api/public/help?comune=${C.bari}&at=zqcanaryx`, {}, '10.123.45.67');
    expect(t.logs.lines.length).toBeGreaterThan(0);
    expect(t.logs.text).not.toContain('zqcanaryx');
    expect(t.logs.text).not.toContain('10.123.45.67');
    // The code as a value of its own: the same six digits may occur by chance inside a request id or a timing.
    expect(t.logs.text).not.toMatch(new RegExp(`(?<![0-9a-f.])${C.bari}(?![0-9a-f])`));
    expectNoLeak(t.logs.text);
  });
});

describe('GET /api/public/comuni', () => {
  const names = async (q: string, limit?: number) => {
    const res = await get(`/api/public/comuni?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`);
    expect(res.status, q).toBe(200);
    return res.body as { istatCode: string; name: string; nameAlt: string | null; provinceSigla: string; regionName: string }[];
  };

  it('finds comuni without accents, by the second-language name and by a word of the name', async () => {
    const forli = await names('forli');
    expect(forli[0]).toMatchObject({ name: 'Forlì', provinceSigla: 'FC' });
    expect(Object.keys(forli[0]!).sort()).toEqual(['istatCode', 'name', 'nameAlt', 'provinceSigla', 'regionName']);
    expect((await names('FORLÌ'))[0]!.name).toBe('Forlì');
    expect((await names('bozen'))[0]).toMatchObject({ name: 'Bolzano', nameAlt: 'Bozen', provinceSigla: 'BZ' });
    const santAngelo = await names('sant angelo');
    expect(santAngelo.length).toBeGreaterThan(3);
    for (const c of santAngelo) expect(c.name).toMatch(/^Sant'Angelo/);
    expect((await names("Sant'Angelo")).map((c) => c.istatCode)).toEqual(santAngelo.map((c) => c.istatCode));
  });

  it('ranks exact, then prefix, then word prefix, bigger comuni first; at most 10', async () => {
    const bari = await names('bari');
    expect(bari[0]!.name).toBe('Bari');
    const prefix = bari.findIndex((c) => !c.name.toLowerCase().startsWith('bari'));
    const lastPrefix = bari.map((c) => c.name.toLowerCase().startsWith('bari')).lastIndexOf(true);
    // Both kinds are there (Bariano, Baricella… start with it; Castelnovo Bariano has it as a word): every prefix match comes first.
    expect(prefix).toBeGreaterThan(0);
    expect(bari.map((c) => c.name)).toContain('Castelnovo Bariano');
    expect(lastPrefix).toBeLessThan(prefix);
    const milano = await names('milano');
    expect(milano[0]!.name).toBe('Milano');
    const sa = await names('sa');
    expect(sa).toHaveLength(10);
    expect(await names('sa', 3)).toEqual(sa.slice(0, 3));
    // "angelo": only word prefixes; larger comuni first.
    expect((await names('angelo')).every((c) => /\bangelo/i.test(c.name.replace(/'/g, ' ')))).toBe(true);
    expect(await names('zzzz')).toEqual([]);
    expect(await names('%_')).toEqual([]); // LIKE wildcards are literal
  });

  it('refuses a query shorter than 2 letters and a bad limit', async () => {
    for (const url of ['/api/public/comuni', '/api/public/comuni?q=a', '/api/public/comuni?q=%20a%20', "/api/public/comuni?q=''", '/api/public/comuni?q=ab&limit=11', '/api/public/comuni?q=ab&limit=0']) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.code, url).toBe('validation_failed');
    }
  });
});

describe('OpenAPI', () => {
  it('documents the public API, not the page and its files', async () => {
    const res = await get('/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/public/help', '/api/public/comuni']));
    expect(paths.filter((p) => p.startsWith('/aiuto'))).toEqual([]);
    const params = res.body.paths['/api/public/help'].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(params).toEqual(['at', 'comune', 'lang']);
  });
});

describe('rate limit', () => {
  it('answers 429 problem+json with Retry-After after 60 requests a minute from one address, only on the public area', async () => {
    const ip = '10.200.0.1';
    for (let i = 0; i < 60; i++) expect((await get('/api/public/comuni?q=ba', {}, ip)).status).toBe(200);
    const limited = await get('/api/public/comuni?q=ba', {}, ip);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['set-cookie']).toBeUndefined();
    // Another address is not affected; the rest of the app is not limited by this plugin.
    expect((await get('/api/public/comuni?q=ba', {}, '10.200.0.2')).status).toBe(200);
    expect((await get('/healthz', {}, ip)).status).toBe(200);
    expect((await get('/api/public/instance', {}, ip)).status).toBe(200);
    // Each public route has its own counter.
    expect((await get(`/api/public/help?comune=${C.bari}`, {}, ip)).status).toBe(200);
  });

  it('takes its limits from the plugin options', async () => {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerProblemHandlers(app);
    await app.register(helpRoutes(t.ctx, { rateLimit: { max: 2, timeWindowMs: 60_000 } }));
    await app.ready();
    try {
      const call = (url: string) => app.inject({ method: 'GET', url, remoteAddress: '10.201.0.1' });
      expect((await call(`/api/public/help?comune=${C.bari}`)).statusCode).toBe(200);
      expect((await call(`/api/public/help?comune=${C.bari}`)).statusCode).toBe(200);
      const third = await call(`/api/public/help?comune=${C.bari}`);
      expect(third.statusCode).toBe(429);
      expect(third.json()).toMatchObject({ code: 'rate_limited' });
      expect(third.headers['retry-after']).toBeDefined();
      // The page stays a page when limited: 1522 and 112 are still there.
      await call('/aiuto');
      await call('/aiuto');
      const page = await call('/aiuto?lang=en');
      expect(page.statusCode).toBe(429);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['retry-after']).toBeDefined();
      expect(page.body).toContain('href="tel:1522"');
      expect(page.body).toContain('href="tel:112"');
      expect(page.body).toContain('Too many requests');
      // Its own files are not limited.
      for (let i = 0; i < 5; i++) expect((await call('/aiuto/assets/help.css')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
