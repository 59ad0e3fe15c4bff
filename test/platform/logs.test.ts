import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

/**
 * The PII canary: a fictitious woman's name and phone number planted in
 * every part of a request. None of it may reach a log line.
 */
const NAME = 'Zelinda Canarina';
const PHONE = '+39 347 000 1122';
const FORBIDDEN = /zelinda|canarina|347 000 1122|3470001122|347-000-1122/i;

/** Test-only routes whose failures quote personal data in their error messages. */
function leakyRoutes(ctx: () => TestApp) {
  return (app: FastifyInstance) => {
    const config = { access: { public: true as const, reason: 'test-only failing route' } };
    app.get('/api/test/throws', { config }, async () => {
      throw new Error(`could not save ${NAME}\nphone ${PHONE}`);
    });
    app.get('/api/test/bad-param', { config }, async () => {
      // The driver's error quotes the parameters of the failed query.
      await ctx().db.execute(sql`select ${`${NAME} ${PHONE}`}::int`);
      return {};
    });
  };
}

let t: TestApp;
let w: World;
let admin: Agent;
const responses: LightMyRequestResponse[] = [];
/** The status of every planted request, with the one it should have. */
const statuses: { n: number; got: number; expected: number }[] = [];
const expectStatus = (got: number, expected: number) => statuses.push({ n: statuses.length + 1, got, expected });
const send = async (opts: InjectOptions) => {
  const res = await t.app.inject(opts);
  responses.push(res);
  return res;
};
const asAdmin = async (method: string, url: string, body?: unknown, headers?: Record<string, string>) => {
  const res = await admin.request(method, url, body, headers);
  responses.push({ statusCode: res.status, body: typeof res.body === 'string' ? res.body : JSON.stringify(res.body), headers: res.headers } as never);
  return res;
};

/**
 * Plants the canary in bodies, query strings, headers, paths and failures,
 * once for the file: every test below reads what this left (logs, answers,
 * audit rows), whichever runs alone or first.
 */
async function plantCanary(): Promise<void> {
  // Login: name as username, phone as password (a failed login).
  expectStatus((await send({ method: 'POST', url: '/api/auth/login', payload: { username: NAME, password: PHONE } })).statusCode, 401);
  // Validation failures: an invalid username, an extra phone field, a too-long name.
  const invalid = await asAdmin('POST', '/api/users', { username: NAME, displayName: NAME, phone: PHONE, organisationId: w.orgs.cavA, role: 'operator' });
  expectStatus(invalid.status, 400);
  const tooLong = await asAdmin('POST', '/api/organisations', { name: `${NAME} ${PHONE} ${'x'.repeat(300)}`, type: 'cav' });
  expectStatus(tooLong.status, 400);
  // Successful writes carrying the canary, then a duplicate (409 from a unique index).
  const created = await asAdmin('POST', '/api/users', { username: 'zelinda.canarina', displayName: NAME, organisationId: w.orgs.cavA, role: 'operator' });
  expectStatus(created.status, 201);
  const again = await asAdmin('POST', '/api/users', { username: 'zelinda.canarina', displayName: NAME, organisationId: w.orgs.cavA, role: 'operator' });
  expectStatus(again.status, 409);
  expectStatus((await asAdmin('PATCH', `/api/users/${created.body.user.id}`, { displayName: `${NAME} ${PHONE}` })).status, 200);
  expectStatus((await asAdmin('POST', '/api/organisations', { name: `CAV ${NAME}`, type: 'cav' })).status, 201);
  expectStatus((await asAdmin('POST', '/api/organisations', { name: `CAV ${NAME}`, type: 'cav' })).status, 409);
  // Query strings.
  expectStatus((await asAdmin('GET', `/api/organisations?q=${encodeURIComponent(NAME)}`)).status, 200);
  expectStatus((await asAdmin('GET', `/api/users?q=${encodeURIComponent(PHONE)}`)).status, 200);
  expectStatus((await asAdmin('GET', `/api/users?page=${encodeURIComponent(NAME)}`)).status, 400);
  expectStatus((await send({ method: 'GET', url: `/api/users?q=${encodeURIComponent(NAME)}` })).statusCode, 401);
  // Headers, including a forged session cookie and an authorization header.
  const headers = { 'user-agent': `${NAME} ${PHONE}`, referer: `https://example.org/?n=${encodeURIComponent(NAME)}`, 'x-note': PHONE };
  expectStatus((await asAdmin('GET', '/api/auth/me', undefined, headers)).status, 200);
  const forged = await send({ method: 'GET', url: '/api/auth/me', headers: { ...headers, cookie: `trama_session=${encodeURIComponent(NAME)}`, authorization: `Basic ${NAME}` } });
  expectStatus(forged.statusCode, 401);
  // Paths that match no route.
  expectStatus((await send({ method: 'GET', url: `/api/persone/${encodeURIComponent(NAME)}/${encodeURIComponent(PHONE)}` })).statusCode, 404);
  expectStatus((await send({ method: 'DELETE', url: `/${encodeURIComponent(NAME)}?tel=3470001122` })).statusCode, 404);
  expectStatus((await asAdmin('GET', `/api/users/${encodeURIComponent(NAME)}`)).status, 400);
  // Malformed JSON quoting the canary.
  const malformed = await send({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: `{"username": "${NAME}", "password": ${PHONE}}` });
  expectStatus(malformed.statusCode, 400);
  // Unexpected errors whose messages (and the driver's) quote the canary.
  expectStatus((await send({ method: 'GET', url: '/api/test/throws' })).statusCode, 500);
  expectStatus((await send({ method: 'GET', url: '/api/test/bad-param' })).statusCode, 500);
}

beforeAll(async () => {
  t = await buildTestApp({ extraRoutes: leakyRoutes(() => t) });
  w = await createWorld(t);
  admin = await login(t, w.users.admin);
  await plantCanary();
});
afterAll(() => t.close());

describe('PII canary: logs carry ids, never people', () => {
  it('planted the canary in bodies, query strings, headers, paths and failures, each request answered as expected', () => {
    expect(statuses).toHaveLength(20);
    expect(statuses.filter((s) => s.got !== s.expected)).toEqual([]);
  });

  it('no log line contains the canary', () => {
    const leaks = t.logs.lines.filter((l) => FORBIDDEN.test(l));
    expect(leaks).toEqual([]);
  });

  it('the log is not empty: requests are logged by route pattern and status, errors by kind', () => {
    const entries = t.logs.lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(entries.length).toBeGreaterThan(20);
    const routes = entries.map((e) => e.req?.route).filter(Boolean);
    expect(routes).toContain('/api/users');
    expect(routes).toContain('/api/users/:id');
    expect(routes).toContain('/api/organisations');
    expect(routes).toContain('(unmatched)');
    expect(entries.some((e) => e.res?.statusCode === 409)).toBe(true);
    const unexpected = entries.filter((e) => e.msg === 'unexpected error');
    expect(unexpected).toHaveLength(2);
    for (const e of unexpected) {
      expect(e.err.type).toEqual(expect.any(String));
      expect(e.err.frames).toMatch(/^\s+at /); // where it failed, for the maintainer
    }
  });

  it('no problem answer echoes the canary', () => {
    const problems = responses.filter((r) => r.statusCode >= 400);
    expect(problems.length).toBeGreaterThan(10);
    for (const r of problems) expect(r.body).not.toMatch(FORBIDDEN);
  });

  it('the audit log records ids, never the canary', async () => {
    const rows = await t.db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['user.create', 'user.update', 'organisation.create', 'access.denied']));
    expect(JSON.stringify(rows)).not.toMatch(FORBIDDEN);
  });
});
