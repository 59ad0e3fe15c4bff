import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';

const SECRET_MESSAGE = 'Zelinda Canarina lives at via Nascosta 3';

/** Test-only routes (public, like /healthz) that fail in the ways a bug would. */
function failingRoutes(ctx: () => TestApp) {
  return (app: FastifyInstance) => {
    const config = { access: { public: true as const, reason: 'test-only failing route' } };
    app.get('/api/test/throws', { config }, async () => {
      throw new Error(SECRET_MESSAGE);
    });
    app.get('/api/test/throws-object', { config }, async () => {
      throw { message: SECRET_MESSAGE, stack: `Error: ${SECRET_MESSAGE}\n    at handler (/srv/trama/src/x.ts:1:1)` };
    });
    app.get('/api/test/bad-sql', { config }, async () => {
      await ctx().db.execute(sql.raw(`select * from table_zelinda_does_not_exist`));
      return {};
    });
  };
}

let t: TestApp;
/** Every response of this file, for the "never a stack trace" check at the end. */
const seen: LightMyRequestResponse[] = [];
async function inject(opts: InjectOptions, app = t.app) {
  const res = await app.inject(opts);
  seen.push(res);
  return res;
}

beforeAll(async () => {
  t = await buildTestApp({ extraRoutes: failingRoutes(() => t) });
});
afterAll(() => t.close());

const PROBLEM = /^application\/problem\+json/;

describe('errors are RFC 9457 problem+json', () => {
  it('unknown route → 404 with type, title, status and code, in Italian by default', async () => {
    const res = await inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.headers['content-language']).toBe('it');
    expect(res.json()).toMatchObject({ type: 'urn:trama:problem:not_found', title: 'Risorsa non trovata.', status: 404, code: 'not_found' });
    expect(res.json().instance).toEqual(expect.any(String));
  });

  it('answers in English when asked, in Italian when Italian is preferred', async () => {
    const en = await inject({ method: 'GET', url: '/api/no-such-thing', headers: { 'accept-language': 'en' } });
    expect(en.json().title).toBe('Resource not found.');
    expect(en.headers['content-language']).toBe('en');
    const prefersIt = await inject({ method: 'GET', url: '/api/no-such-thing', headers: { 'accept-language': 'en;q=0.5, it-IT;q=0.9' } });
    expect(prefersIt.json().title).toBe('Risorsa non trovata.');
    const other = await inject({ method: 'GET', url: '/api/no-such-thing', headers: { 'accept-language': 'de-DE' } });
    expect(other.json().title).toBe('Risorsa non trovata.');
  });

  it('malformed JSON → 400 malformed_json', async () => {
    const res = await inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "anna", ' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json()).toMatchObject({ code: 'malformed_json', status: 400 });
    expect(res.body).not.toContain('anna');
  });

  it('an unsupported content type → 415', async () => {
    const res = await inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_media_type');
  });

  it('validation errors → 400 with a pointer per field and no echo of the values', async () => {
    const echo = `EchoCanary-${'y'.repeat(120)}`;
    const res = await inject({ method: 'POST', url: '/api/auth/login', payload: { username: echo, password: 4711_4711 } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    const body = res.json();
    expect(body).toMatchObject({ code: 'validation_failed', status: 400, title: 'Alcuni dati inviati non sono validi.' });
    const pointers = (body.errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/body/password', '/body/username']);
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer: '/body/username', code: 'too_big' }));
    expect(res.body).not.toContain('EchoCanary');
    expect(res.body).not.toContain('47114711');
    const en = await inject({ method: 'POST', url: '/api/auth/login', headers: { 'accept-language': 'en-GB' }, payload: {} });
    expect(en.json().title).toBe('Some of the data sent are not valid.');
    expect(en.json().errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/body/password', '/body/username']);
  });

  it('an unexpected error → 500 internal, with nothing of the error in the answer', async () => {
    for (const url of ['/api/test/throws', '/api/test/throws-object', '/api/test/bad-sql']) {
      const res = await inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(500);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['code', 'instance', 'status', 'title', 'type']);
      expect(body).toMatchObject({ code: 'internal', status: 500, title: 'Errore interno. Il problema è stato registrato.' });
      expect(res.body).not.toMatch(/Zelinda|Nascosta|table_zelinda|select|\.ts:/);
    }
  });
});

describe('too large bodies', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await buildTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => small.close());

  it('a body over BODY_LIMIT_BYTES → 413 payload_too_large', async () => {
    const res = await inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'anna', password: 'x'.repeat(3000) } }, small.app);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json()).toMatchObject({ code: 'payload_too_large', status: 413 });
    // Under the limit the same route answers normally (a failed login, not 413).
    const ok = await inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'anna', password: 'x'.repeat(1000) } }, small.app);
    expect(ok.statusCode).toBe(401);
  });
});

describe('security headers', () => {
  it('API answers carry a strict CSP, no referrer and no caching', async () => {
    for (const url of ['/api/public/instance', '/api/no-such-thing', '/healthz']) {
      const res = await inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/https?:|\*/); // no third-party origin, no wildcard
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toBeUndefined(); // plain HTTP here
    }
  });
});

describe('health, readiness and API documentation', () => {
  it('/healthz and /readyz answer 200', async () => {
    const health = await inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('/readyz answers 503 once the database is gone, while /healthz stays up', async () => {
    const other = await buildTestApp();
    try {
      await other.ctx.database.close();
      const ready = await inject({ method: 'GET', url: '/readyz' }, other.app);
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['content-type']).toMatch(PROBLEM);
      expect(ready.json()).toMatchObject({ code: 'unavailable', status: 503 });
      expect((await inject({ method: 'GET', url: '/healthz' }, other.app)).statusCode).toBe(200);
    } finally {
      await other.app.close();
    }
  });

  it('/api/openapi.json is OpenAPI 3 and lists the login', async () => {
    const res = await inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Trama API');
    expect(doc.paths['/api/auth/login'].post).toBeDefined();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/api/test/'))).toBe(true); // every route is documented…
    expect(JSON.stringify(doc)).not.toContain(SECRET_MESSAGE); // …but nothing of their errors
  });

  it('/api/docs answers an HTML page', async () => {
    const res = await inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
  });
});

describe('every answer of this file', () => {
  it('never answers with a stack trace', () => {
    expect(seen.length).toBeGreaterThan(10);
    for (const res of seen) {
      expect(res.body).not.toMatch(/\bat .+:\d+:\d+/);
      expect(res.body).not.toMatch(/node_modules|\/src\/server\//);
    }
  });
});
