import { and, asc, desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiTokens } from '../../src/server/access/access.tables.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { shredCase } from '../../src/server/modules/cases/index.js';
import { createLogger } from '../../src/server/platform/log.js';
import { Jobs } from '../../src/server/platform/jobs/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseDigest } from '../support/digest.js';
import { type Agent, createUser, createWorld, login, PASSWORD, type TestUser, type World } from '../support/world.js';

/**
 * Issue 11, tried as its enemy: the instance administrator's new routes
 * (API tokens, dead letters) and the routes every role reaches (comuni
 * boundaries, the hours preview), attacked with other people's ids, bad
 * input and rights they must not carry; and an erased case probed from
 * outside. Refused: a 4xx problem, never a 500, and not one row changed.
 */

let t: TestApp;
let w: World;
let admin: Agent;
let helpline: Agent;
let opA: Agent;
let opB: Agent;
/** A helpline operator who is also an instance administrator: her token must not carry the second. */
let both: TestUser;
const NAME = 'Ermenegilda';

const ok = (res: { status: number; body: any }, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};

async function lastAuditId() {
  const [last] = await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return last?.id ?? 0;
}

/** A refused request: the status, a problem+json answer (naming the field if given), nothing changed. */
async function refused(send: () => Promise<{ status: number; body: any; headers: Record<string, unknown> }>, status: number, pointer?: string) {
  const before = await databaseDigest(t.db);
  const res = await send();
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  if (pointer) expect(((res.body.errors ?? []) as { pointer: string }[]).map((e) => e.pointer), JSON.stringify(res.body).slice(0, 300)).toContain(pointer);
  expect(await databaseDigest(t.db)).toBe(before);
  return res;
}

const bearer = (token: string, method: string, url: string, payload?: object) =>
  t.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) }).then((r) => ({
    status: r.statusCode,
    body: (() => { try { return r.json(); } catch { return r.body; } })(),
    headers: r.headers as Record<string, unknown>,
  }));

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  both = await createUser(t, { admin: true, memberships: [{ organisationId: w.orgs.cavA, role: 'helpline_operator' }] });
  [admin, helpline, opA, opB] = await Promise.all([login(t, w.users.admin), login(t, w.users.helpline), login(t, w.users.operatorA), login(t, w.users.operatorB)]);
});
afterAll(() => t.close());

describe('API tokens', () => {
  it('no one but the instance admin manages them (403, nothing changed)', async () => {
    for (const agent of [helpline, opA, opB]) {
      await refused(() => agent.request('GET', '/api/routing/tokens'), 403);
      await refused(() => agent.request('POST', '/api/routing/tokens', { userId: w.users.helpline.id, organisationId: w.orgs.cavA, name: 'mio', validForDays: 365 }), 403);
    }
  });

  it('a token made for an account that is also instance admin carries none of the admin’s rights, nor any case right', async () => {
    const { token } = ok(await admin.request('POST', '/api/routing/tokens', { userId: both.id, organisationId: w.orgs.cavA, name: 'centralino', validForDays: 30 }), 201);
    for (const [method, url, body] of [
      ['GET', '/api/routing/tokens'],
      ['GET', '/api/routing/tokens/accounts'],
      ['POST', '/api/routing/tokens', { userId: both.id, organisationId: w.orgs.cavA, name: 'altro', validForDays: 365 }],
      ['GET', '/api/admin/jobs/dead-letters'],
      ['GET', '/api/cases'],
      ['GET', '/api/notifications'],
      ['PUT', '/api/notifications/preferences', { frequency: 'none', email: null }],
      ['GET', '/api/comuni/boundaries?comuni=016024'],
      // The account's own routes: a token must not become a session, a new password or another organisation.
      ['POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Nuova-Parola-Lunga-2026!' }],
      ['POST', '/api/auth/organisation', { organisationId: w.orgs.cavB }],
      ['GET', '/api/auth/mfa/enrolment'],
      ['POST', '/api/auth/mfa', { code: '123456' }],
      ['GET', '/api/auth/me'],
    ] as const) {
      const res = await refused(() => bearer(token, method, url, body), 403);
      expect(JSON.stringify(res.body), url).not.toContain('"items"');
    }
  });

  it('is made only for a helpline operator of that organisation: not a head, not one of another organisation', async () => {
    for (const body of [
      { userId: w.users.headA.id, organisationId: w.orgs.cavA, name: 'capo', validForDays: 30 },
      { userId: w.users.helpline.id, organisationId: w.orgs.cavB, name: 'altrove', validForDays: 30 },
      { userId: w.users.admin.id, organisationId: w.orgs.cavA, name: 'admin', validForDays: 30 },
    ]) {
      await refused(() => admin.request('POST', '/api/routing/tokens', body), 400, '/body/userId');
    }
  });

  it('bad input in every field: a 400 naming the field', async () => {
    const good = { userId: w.users.helpline.id, organisationId: w.orgs.cavA, name: 'centralino', validForDays: 30 };
    for (const [patch, pointer] of [
      [{ validForDays: 366 }, '/body/validForDays'],
      [{ validForDays: 0 }, '/body/validForDays'],
      [{ validForDays: 1.5 }, '/body/validForDays'],
      [{ validForDays: '30' }, '/body/validForDays'],
      [{ validForDays: 1e308 }, '/body/validForDays'],
      [{ name: 'ab\u0000cd' }, '/body/name'],
      [{ name: 'x'.repeat(100_000) }, '/body/name'],
      [{ name: ['centralino'] }, '/body/name'],
      [{ userId: `${w.users.helpline.id}\u0000` }, '/body/userId'],
      [{ organisationId: 42 }, '/body/organisationId'],
      [{ scopes: ['routing.tokens', 'case.read'] }, '/body'],
      [{ isInstanceAdmin: true }, '/body'],
      [{ expiresAt: '2999-01-01T00:00:00Z' }, '/body'],
    ] as const) {
      await refused(() => admin.request('POST', '/api/routing/tokens', { ...good, ...patch }), 400, pointer);
    }
  });

  it('revoking: a bad id is a 400, an unknown or already revoked one a 404 with a denied audit row', async () => {
    for (const id of ['not-a-uuid', '%00', encodeURIComponent(`${w.users.helpline.id}\u0000`)]) {
      await refused(() => admin.request('DELETE', `/api/routing/tokens/${id}`), 400, '/params/id');
    }
    const { id } = ok(await admin.request('POST', '/api/routing/tokens', { userId: w.users.helpline.id, organisationId: w.orgs.cavA, name: 'breve', validForDays: 1 }), 201);
    ok(await admin.request('DELETE', `/api/routing/tokens/${id}`), 204);
    const [revoked] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    for (const probe of [id, '00000000-0000-4000-8000-000000000000']) {
      const since = await lastAuditId();
      await refused(() => admin.request('DELETE', `/api/routing/tokens/${probe}`), 404);
      const rows = await t.db.select().from(auditLog).where(and(gt(auditLog.id, since), eq(auditLog.actorUserId, w.users.admin.id))).orderBy(asc(auditLog.id));
      expect(rows.filter((r) => r.outcome === 'denied'), probe).toHaveLength(1);
    }
    // Revoked once: the second DELETE did not move its revocation time.
    expect((await t.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]!.revokedAt).toEqual(revoked!.revokedAt);
  });
});

describe('dead letters: the admin never reads personal data in them', () => {
  it('a job cannot be enqueued with a name in it, and a failure keeps no message, code or name that quotes one', async () => {
    const real = new Jobs(t.ctx.database, { log: createLogger('trace', t.logs), workers: false, pollSeconds: 5 });
    const payload = z.object({ caseId: z.uuid() });
    const failures: unknown[] = [
      new Error(`${NAME} Zappacosta, via Roma 1`),
      Object.assign(new Error('x'), { code: NAME }),
      Object.assign(new Error('x'), { code: 'ermenegilda_zappacosta' }),
      Object.assign(new Error('x'), { name: NAME }),
      { name: 'RSSMRA80A01H501U' },
      `${NAME} Zappacosta`,
    ];
    failures.forEach((f, i) => real.define({ name: `test.enemy-${i}`, payload, retry: { limit: 0 }, handler: async () => Promise.reject(f) }));
    real.define({ name: 'test.enemy-named', payload: z.object({ caseId: z.uuid(), name: z.string() }), handler: async () => undefined });
    await real.start();
    try {
      const caseId = '11111111-1111-4111-8111-111111111111';
      await expect(real.enqueue('test.enemy-named', { caseId, name: NAME })).rejects.toThrow(/not an id/);
      await expect(real.enqueue('test.enemy-0', { caseId }, { key: `${NAME} Zappacosta` })).rejects.toThrow(/key/);
      for (let i = 0; i < failures.length; i++) await real.enqueue(`test.enemy-${i}`, { caseId });
      await real.runDue();
    } finally {
      await real.stop();
    }
    const res = ok(await admin.request('GET', '/api/admin/jobs/dead-letters'));
    const mine = (res.items as { name: string; error: string }[]).filter((d) => d.name.startsWith('test.enemy-'));
    expect(mine).toHaveLength(failures.length);
    const whole = JSON.stringify(mine);
    for (const secret of [NAME, NAME.toLowerCase(), 'Zappacosta', 'zappacosta', 'RSSMRA80A01H501U', 'Roma']) expect(whole).not.toContain(secret);
  });
});

describe('comuni boundaries', () => {
  const url = (comuni: string) => `/api/comuni/boundaries?comuni=${comuni}`;
  it('10,000 codes, malformed or unknown codes: a 400 naming the field, never a 500', async () => {
    await refused(() => opB.request('GET', url(Array.from({ length: 10_000 }, () => '016024').join(','))), 400, '/querystring/comuni');
    await refused(() => opB.request('GET', url(Array.from({ length: 801 }, (_, i) => String(100000 + i)).join(','))), 400, '/querystring/comuni');
    for (const bad of ['abc', '01602', '0160245', '016024%00', "016024'--", '%2C%2C%2C', '', '016024,%00', '-16024', '1e5000', encodeURIComponent('０１６０２４')]) {
      const res = await refused(() => opB.request('GET', url(bad)), 400);
      expect(res.body.errors?.[0]?.pointer ?? '', bad).toMatch(/^\/querystring\/comuni/);
    }
    await refused(() => opB.request('GET', url('999999')), 400, '/querystring/comuni/0');
    await refused(() => opB.request('GET', '/api/comuni/boundaries?comuni=016024&comuni=016203'), 400, '/querystring/comuni');
    await refused(() => opB.request('GET', '/api/comuni/boundaries'), 400, '/querystring/comuni');
  });

  it('800 unknown codes: one 400 naming each, not a scan per code', async () => {
    const codes = Array.from({ length: 800 }, (_, i) => String(900000 + i));
    const res = await refused(() => opB.request('GET', url(codes.join(','))), 400);
    expect(res.body.errors).toHaveLength(800);
  });
});

describe('hours preview', () => {
  it('odd, huge or typed-wrong hours: a 400 naming the field, never a 500', async () => {
    for (const [body, pointer] of [
      [{ openingHours: 'Mo-Fr 09:00-13:00'.padEnd(501, ' ') }, '/body/openingHours'],
      [{ openingHours: 'Mo-Fr 09:00\u0000-13:00' }, '/body/openingHours'],
      [{ openingHours: 42 }, '/body/openingHours'],
      [{ openingHours: ['Mo-Fr 09:00-13:00'] }, '/body/openingHours'],
      [{ openingHours: 'Mo-Fr 09:00-13:00', at: 'ieri' }, '/body/at'],
      [{ openingHours: 'Mo-Fr 09:00-13:00', owner: NAME }, '/body'],
      [{ openingHours: 'Mo-Fr 09:00-13:00', closures: 'tutte' }, '/body/closures'],
    ] as const) {
      await refused(() => opB.request('POST', '/api/directory/hours/preview', body), 400, pointer);
    }
  });

  it('expressions built to be slow or strange still answer (a preview, a schedule or null), never a 500', async () => {
    for (const openingHours of [
      'Mo-Su 00:00-24:00; '.repeat(26).slice(0, 500),
      'week 1-53/1 Mo-Su 00:00-00:01,00:02-00:03,00:04-00:05,00:06-00:07,00:08-00:09',
      'sunrise-sunset',
      'Mo-Fr 09:00-13:00 || "su appuntamento"',
      '2026 Jan 01-2099 Dec 31 Mo-Su 00:00+',
      'PH off; PH 10:00-11:00; SH off',
      '24/7; Mo 25:00-26:00',
      '((((((((((',
    ]) {
      const res = await opB.request('POST', '/api/directory/hours/preview', { openingHours });
      expect(res.status, openingHours).toBeLessThan(500);
      if (res.status === 200) expect(res.body.schedule === null || Array.isArray(res.body.schedule) || typeof res.body.schedule === 'object', openingHours).toBe(true);
    }
  });
});

describe('an erased case', () => {
  it('answers 410 to her own team only: to anyone else it looks like a case that never was', async () => {
    const caseId = ok(await opA.request('POST', '/api/cases', { contactOn: '2026-02-02', identity: { firstName: NAME } }), 201).id;
    await t.db.transaction((tx) => shredCase(t.ctx, tx, caseId, { actorUserId: null, reason: 'erasure_request' }));
    expect((await opA.request('GET', `/api/cases/${caseId}`)).status).toBe(410);
    // Her own team writing to it, with the right version or a stale one: 410 both, nothing written (a 412 would say the case still moves).
    for (const version of ['"1"', '"0"']) {
      const res = await refused(() => opA.request('PATCH', `/api/cases/${caseId}`, { identity: { firstName: 'Ottavia' }, comuneCode: null }, { 'if-match': version }), 410);
      expect(res.body.code).toBe('case_erased');
    }
    // Another organisation's operator: 404. Roles with no case right at all (the admin, the helpline) are stopped by the route guard (403) before any record is looked up.
    for (const [agent, status] of [[opB, 404], [admin, 403], [helpline, 403]] as const) {
      const erased = await refused(() => agent.request('GET', `/api/cases/${caseId}`), status);
      const never = await refused(() => agent.request('GET', '/api/cases/00000000-0000-4000-8000-000000000000'), status);
      expect({ ...erased.body, instance: null }).toEqual({ ...never.body, instance: null });
      await refused(() => agent.request('POST', `/api/cases/${caseId}/children`, { age: 4 }), status);
    }
  });
});

describe('the logs', () => {
  it('hold none of the personal values the attacks above sent or made jobs fail with', () => {
    const text = t.logs.text;
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [NAME, 'Zappacosta', 'RSSMRA80A01H501U', PASSWORD]) expect(text).not.toContain(secret);
  });
});
