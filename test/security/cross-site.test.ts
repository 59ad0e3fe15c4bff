import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

/**
 * State-changing requests are refused when the browser says they come from
 * another site (`Sec-Fetch-Site`) or from another origin (`Origin`), even
 * with a valid session and CSRF token; requests without either header (API
 * clients, the command line, these tests) keep working.
 */

let t: TestApp;
let w: World;
let admin: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  admin = await login(t, w.users.admin);
});
afterAll(() => t.close());

let n = 0;
const newOrganisation = () => ({ name: `Centro prova ${++n}`, type: 'cav' });
const organisationCount = async () => (await admin.request('GET', '/api/organisations?pageSize=100')).body.total as number;

async function auditOf(instance: string) {
  return t.db.select().from(auditLog).where(eq(auditLog.requestId, instance)).orderBy(desc(auditLog.id));
}

describe('cross-site state-changing requests', () => {
  it.each([
    [{ 'sec-fetch-site': 'cross-site' }],
    [{ 'sec-fetch-site': 'same-site' }],
    [{ origin: 'https://evil.example' }],
    [{ origin: 'http://localhost.evil.example' }],
    [{ origin: 'http://localhost:8080' }],
    [{ origin: 'null' }],
    [{ origin: 'not a url' }],
    [{ origin: 'http://localhost', 'sec-fetch-site': 'cross-site' }],
  ])('are refused with 403 cross_site_refused, change nothing, and are audited as denied: %j', async (headers) => {
    const before = await organisationCount();
    const res = await admin.request('POST', '/api/organisations', newOrganisation(), headers);
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.code).toBe('cross_site_refused');
    expect(await organisationCount()).toBe(before);
    const rows = await auditOf(res.body.instance);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'access.denied',
      outcome: 'denied',
      actorUserId: w.users.admin.id,
      resourceType: 'route',
      resourceId: 'POST /api/organisations',
      purpose: 'cross_site_refused',
    });
  });

  it('are refused for every unsafe method, and before the login (no login CSRF)', async () => {
    const evil = { origin: 'https://evil.example' };
    expect((await admin.request('PATCH', `/api/organisations/${w.orgs.cavB}`, { name: 'Altro nome' }, evil)).status).toBe(403);
    expect((await admin.request('DELETE', `/api/users/${w.users.operatorB.id}/memberships/${w.orgs.cavB}`, undefined, evil)).status).toBe(403);
    expect((await admin.request('PUT', `/api/users/${w.users.operatorB.id}/memberships/${w.orgs.cavB}`, { role: 'operator' }, evil)).status).toBe(403);
    const loginRes = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'sec-fetch-site': 'cross-site' },
      payload: { username: w.users.operatorA.username, password: w.users.operatorA.password },
    });
    expect(loginRes.statusCode).toBe(403);
    expect(loginRes.json().code).toBe('cross_site_refused');
    expect(loginRes.cookies.find((c) => c.name === 'trama_session')).toBeUndefined();
  });

  it('reading is not refused (safe methods)', async () => {
    const res = await admin.request('GET', '/api/organisations', undefined, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(res.status).toBe(200);
  });
});

describe('same-origin requests and requests without either header keep working', () => {
  it.each([
    [{}],
    [{ 'sec-fetch-site': 'same-origin' }],
    [{ 'sec-fetch-site': 'none' }],
    [{ origin: 'http://localhost' }],
    [{ origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' }],
    [{ origin: 'http://LOCALHOST' }],
  ])('%j', async (headers) => {
    const res = await admin.request('POST', '/api/organisations', newOrganisation(), headers);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('behind a proxy port: the Origin matches the Host the browser used', async () => {
    const res = await admin.request('POST', '/api/organisations', newOrganisation(), { host: 'trama.example.org:8443', origin: 'https://trama.example.org:8443' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const other = await admin.request('POST', '/api/organisations', newOrganisation(), { host: 'trama.example.org:8443', origin: 'https://trama.example.org' });
    expect(other.status).toBe(403);
  });
});

describe('a missing or wrong CSRF token', () => {
  it('is refused and audited as denied, naming who', async () => {
    const res = await admin.request('POST', '/api/organisations', newOrganisation(), { 'x-csrf-token': 'wrong' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf_failed');
    const rows = await auditOf(res.body.instance);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'access.denied', outcome: 'denied', actorUserId: w.users.admin.id, resourceId: 'POST /api/organisations', purpose: 'csrf_failed' });
  });
});
