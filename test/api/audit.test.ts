import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

/** The audit log API: browsing her scope's rows, filters, one row. Chain and tampering: test/platform/audit.test.ts. */
let t: TestApp;
let w: World;
let admin: Agent;
let headA: Agent;
let headB: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  admin = await login(t, w.users.admin);
  headA = await login(t, w.users.headA);
  headB = await login(t, w.users.headB);
  const operatorA = await login(t, w.users.operatorA);
  await operatorA.request('GET', `/api/users/${w.users.helpline.id}`); // a user.read acted for CAV A
  await operatorA.request('GET', '/api/audit'); // a denial acted for CAV A
});
afterAll(() => t.close());

/** A calendar day in Europe/Rome, about `days` from today (±2 stays clear of 23- and 25-hour days). */
const romeDay = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
type Row = { id: number; action: string; organisationName: string | null; outcome: string };

describe('GET /api/audit', () => {
  it("gives the head her organisation's rows, newest first, and records that she browsed", async () => {
    const ofA = await t.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.actorOrganisationId, w.orgs.cavA));
    const res = await headA.request('GET', '/api/audit?pageSize=200');
    expect(res.status).toBe(200);
    const got: number[] = res.body.items.map((r: Row) => r.id);
    expect(got.sort((a, b) => b - a)).toEqual(ofA.map((r) => r.id).sort((a, b) => b - a));
    expect(res.body.items.map((r: Row) => r.id)).toEqual(got); // already newest first
    expect(res.body.total).toBe(ofA.length);
    expect(Object.keys(res.body.items[0]).sort()).toEqual(
      ['action', 'actorUsername', 'at', 'id', 'organisationName', 'outcome', 'purpose', 'resourceId', 'resourceType'].sort(),
    );
    const [browsed] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'audit.read'), eq(auditLog.actorUserId, w.users.headA.id)));
    expect(browsed).toMatchObject({ outcome: 'success', actorOrganisationId: w.orgs.cavA });
  });

  it('filters by action, outcome and day (Europe/Rome, `to` inclusive)', async () => {
    const reads = await headA.request('GET', '/api/audit?action=user.read');
    expect(reads.body.items.length).toBeGreaterThan(0);
    expect(reads.body.items.every((r: Row) => r.action === 'user.read')).toBe(true);
    const denied = await headA.request('GET', '/api/audit?outcome=denied');
    expect(denied.body.items.map((r: Row) => r.action)).toEqual(['access.denied']);
    const today = await headA.request('GET', `/api/audit?from=${romeDay(-1)}&to=${romeDay(0)}`);
    expect(today.body.total).toBeGreaterThan(0);
    expect((await headA.request('GET', `/api/audit?from=${romeDay(2)}`)).body.total).toBe(0);
    expect((await headA.request('GET', `/api/audit?to=${romeDay(-2)}`)).body.total).toBe(0);
  });

  it('gives the instance admin every organisation’s rows', async () => {
    const res = await admin.request('GET', '/api/audit?pageSize=200');
    const orgs = new Set(res.body.items.map((r: Row) => r.organisationName));
    expect(orgs.size).toBeGreaterThanOrEqual(3); // CAV A, CAV B, and rows acted for no organisation
    expect(orgs.has(null)).toBe(true);
  });

  it('refuses bad filters with pointers', async () => {
    const res = await headA.request('GET', '/api/audit?action=user.steal&outcome=maybe&from=2026-02-30&pageSize=201');
    expect(res.status).toBe(400);
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer).sort();
    expect(pointers).toEqual(['/querystring/action', '/querystring/from', '/querystring/outcome', '/querystring/pageSize']);
  });
});

describe('GET /api/audit/:id', () => {
  it('gives one row of her organisation, naming the actor by username only', async () => {
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.read'), eq(auditLog.actorOrganisationId, w.orgs.cavA)));
    const res = await headA.request('GET', `/api/audit/${row!.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: row!.id,
      action: 'user.read',
      actorUsername: w.users.operatorA.username,
      resourceType: 'user',
      resourceId: w.users.helpline.id,
      outcome: 'success',
    });
    expect(res.body).not.toHaveProperty('hash');
    expect(res.body).not.toHaveProperty('requestId');
  });

  it('records the reading of one row (audit.read naming the row), like the browsing of the list', async () => {
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.actorOrganisationId, w.orgs.cavA));
    const res = await headA.request('GET', `/api/audit/${row!.id}`);
    expect(res.status).toBe(200);
    const read = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'audit.read'), eq(auditLog.resourceType, 'audit_log'), eq(auditLog.resourceId, String(row!.id))));
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ outcome: 'success', actorUserId: w.users.headA.id, actorOrganisationId: w.orgs.cavA });
  });

  it('refuses an id that is not a positive integer', async () => {
    for (const id of ['abc', '0', '-3', '1.5']) {
      const res = await headA.request('GET', `/api/audit/${id}`);
      expect(res.status, id).toBe(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/params/id']);
    }
  });

  it("answers 404 for another organisation's row, changing nothing", async () => {
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.actorOrganisationId, w.orgs.cavA));
    const before = await adminTablesDigest(t.db);
    expect((await headB.request('GET', `/api/audit/${row!.id}`)).status).toBe(404);
    expect((await admin.request('GET', `/api/audit/${row!.id}`)).status).toBe(200);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });
});
