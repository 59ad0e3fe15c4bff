import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/server/access/access.tables.js';
import { CHAIN_LOCK } from '../../src/server/audit/audit.chain.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { auditActions } from '../../src/server/audit/catalogue.js';
import { MAX_UNCHAINED_SECONDS, verifyAuditChain } from '../../src/server/audit/audit.verify.js';
import { auditActionLabels, auditFamilies, auditFamilyLabels } from '../../src/shared/audit.labels.js';
import { buildTestApp, type TestApp, usePostgres } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

/** The audit log API: browsing her scope's rows, filters, one row. Chain and tampering: test/platform/audit.test.ts. */
let t: TestApp;
let w: World;
let admin: Agent;
let headA: Agent;
let headB: Agent;
let caseId: string;
let caseCode: string;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  admin = await login(t, w.users.admin);
  headA = await login(t, w.users.headA);
  headB = await login(t, w.users.headB);
  const operatorA = await login(t, w.users.operatorA);
  await operatorA.request('GET', `/api/users/${w.users.helpline.id}`); // a user.read acted for CAV A
  await operatorA.request('GET', '/api/audit'); // a denial acted for CAV A
  await headA.request('GET', `/api/users/${w.users.operatorB.id}`); // a probe of an account she does not manage (404, denied)
  const opened = await operatorA.request('POST', '/api/cases', { contactOn: romeDay(-3) }); // a case.create acted for CAV A
  caseId = opened.body.id;
  caseCode = opened.body.code;
});
const displayNameOf = async (id: string) => (await t.db.select({ n: users.displayName }).from(users).where(eq(users.id, id)))[0]!.n;
afterAll(() => t.close());

/** A calendar day in Europe/Rome, about `days` from today (±2 stays clear of 23- and 25-hour days). */
const romeDay = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
type Row = { id: number; action: string; organisationName: string | null; outcome: string };

describe('GET /api/audit', () => {
  it("gives the head her organisation's rows, newest first, and records that she browsed", async () => {
    const ofA = await t.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.actorOrganisationId, w.orgs.cavA)).orderBy(asc(auditLog.id));
    const res = await headA.request('GET', '/api/audit?pageSize=200');
    expect(res.status).toBe(200);
    const got: number[] = res.body.items.map((r: Row) => r.id);
    expect(got.sort((a, b) => b - a)).toEqual(ofA.map((r) => r.id).sort((a, b) => b - a));
    expect(res.body.items.map((r: Row) => r.id)).toEqual(got); // already newest first
    expect(res.body.total).toBe(ofA.length);
    expect(Object.keys(res.body.items[0]).sort()).toEqual(
      ['action', 'actorDisplayName', 'actorUsername', 'at', 'id', 'organisationName', 'outcome', 'purpose', 'resourceId', 'resourceLabel', 'resourceType'].sort(),
    );
    const [browsed] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'audit.read'), eq(auditLog.actorUserId, w.users.headA.id))).orderBy(asc(auditLog.id));
    expect(browsed).toMatchObject({ outcome: 'success', actorOrganisationId: w.orgs.cavA });
  });

  it('filters by action, outcome and day (Europe/Rome, `to` inclusive)', async () => {
    const reads = await headA.request('GET', '/api/audit?action=user.read');
    expect(reads.body.items.length).toBeGreaterThan(0);
    expect(reads.body.items.every((r: Row) => r.action === 'user.read')).toBe(true);
    const denied = await headA.request('GET', '/api/audit?outcome=denied');
    expect([...new Set(denied.body.items.map((r: Row) => r.action))]).toEqual(['access.denied']);
    const today = await headA.request('GET', `/api/audit?from=${romeDay(-1)}&to=${romeDay(0)}`);
    expect(today.body.total).toBeGreaterThan(0);
    expect((await headA.request('GET', `/api/audit?from=${romeDay(2)}`)).body.total).toBe(0);
    expect((await headA.request('GET', `/api/audit?to=${romeDay(-2)}`)).body.total).toBe(0);
  });

  it('filters by family of actions (sign-in, accounts, directory, pathways, …)', async () => {
    const accounts = await headA.request('GET', '/api/audit?family=accounts&pageSize=200');
    expect(accounts.status).toBe(200);
    const actions: string[] = accounts.body.items.map((r: Row) => r.action);
    expect(actions).toContain('user.read');
    expect(actions.every((a) => a.startsWith('user.') || a.startsWith('membership.'))).toBe(true);
    const auth = await admin.request('GET', '/api/audit?family=auth&pageSize=200');
    const authActions = new Set<string>(auth.body.items.map((r: Row) => r.action));
    expect([...authActions].sort()).toEqual(expect.arrayContaining(['access.denied', 'auth.login', 'auth.mfa']));
    expect([...authActions].every((a) => a.startsWith('auth.') || a === 'access.denied')).toBe(true);
    const bad = await headA.request('GET', '/api/audit?family=everything');
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/querystring/family']);
  });

  it('names the actor, and the record where she may see it: her own accounts, her own cases by code only', async () => {
    const items: { action: string; actorDisplayName: string | null; resourceType: string | null; resourceId: string | null; resourceLabel: string | null }[] = (
      await headA.request('GET', '/api/audit?pageSize=200')
    ).body.items;
    const read = items.find((r) => r.action === 'user.read' && r.resourceId === w.users.helpline.id)!;
    expect(read).toMatchObject({ actorDisplayName: await displayNameOf(w.users.operatorA.id), resourceLabel: await displayNameOf(w.users.helpline.id) });
    // An account of another organisation stays an id for her; the instance admin sees the name.
    const probe = items.find((r) => r.action === 'access.denied' && r.resourceId === w.users.operatorB.id)!;
    expect(probe).toMatchObject({ resourceType: 'user', resourceLabel: null });
    const all = (await admin.request('GET', '/api/audit?pageSize=200&family=auth')).body.items as typeof items;
    expect(all.find((r) => r.resourceId === w.users.operatorB.id)?.resourceLabel).toBe(await displayNameOf(w.users.operatorB.id));
    // A case: its pseudonymous code for her organisation; nothing more for the instance admin, who never reaches case data.
    expect(items.find((r) => r.action === 'case.create' && r.resourceId === caseId)?.resourceLabel).toBe(caseCode);
    const cases = (await admin.request('GET', '/api/audit?pageSize=200&family=cases')).body.items as typeof items;
    expect(cases.find((r) => r.action === 'case.create' && r.resourceId === caseId)?.resourceLabel).toBeNull();
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

describe('the labels of the audited actions', () => {
  it('give every action of the catalogue a label in Italian and in English, and no action outside it', () => {
    for (const action of Object.keys(auditActions)) {
      expect(auditActionLabels[action]?.it, action).toMatch(/\S/);
      expect(auditActionLabels[action]?.en, action).toMatch(/\S/);
    }
    expect(Object.keys(auditActionLabels).sort()).toEqual(Object.keys(auditActions).sort());
    for (const family of auditFamilies) expect(auditFamilyLabels[family].it && auditFamilyLabels[family].en).toBeTruthy();
  });
});

describe('GET /api/audit/:id', () => {
  it('gives one row of her organisation, naming the actor and the account read, never a secret', async () => {
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.read'), eq(auditLog.actorOrganisationId, w.orgs.cavA))).orderBy(asc(auditLog.id));
    const res = await headA.request('GET', `/api/audit/${row!.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: row!.id,
      action: 'user.read',
      actorUsername: w.users.operatorA.username,
      actorDisplayName: await displayNameOf(w.users.operatorA.id),
      resourceType: 'user',
      resourceId: w.users.helpline.id,
      resourceLabel: await displayNameOf(w.users.helpline.id),
      outcome: 'success',
    });
    expect(res.body).not.toHaveProperty('hash');
    expect(res.body).not.toHaveProperty('requestId');
  });

  it('records the reading of one row (audit.read naming the row), like the browsing of the list', async () => {
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.actorOrganisationId, w.orgs.cavA)).orderBy(asc(auditLog.id));
    const res = await headA.request('GET', `/api/audit/${row!.id}`);
    expect(res.status).toBe(200);
    const read = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'audit.read'), eq(auditLog.resourceType, 'audit_log'), eq(auditLog.resourceId, String(row!.id)))).orderBy(asc(auditLog.id));
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
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.actorOrganisationId, w.orgs.cavA)).orderBy(asc(auditLog.id));
    const before = await adminTablesDigest(t.db);
    expect((await headB.request('GET', `/api/audit/${row!.id}`)).status).toBe(404);
    expect((await admin.request('GET', `/api/audit/${row!.id}`)).status).toBe(200);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });
});

describe('GET /api/audit/chain (the chainer\'s lag)', () => {
  it('tells the administrator how many committed rows wait to be chained; once chained, the whole log verifies', async () => {
    await t.chained();
    const res = await admin.request('GET', '/api/audit/chain');
    expect(res.status).toBe(200);
    // Reading the figure writes no row: nothing waits. With it, the age past which a waiting row is a fault (audit:verify's).
    expect(res.body).toEqual({ unchained: 0, oldestSeconds: 0, maxUnchainedSeconds: MAX_UNCHAINED_SECONDS });
    expect(MAX_UNCHAINED_SECONDS).toBe(60);
    await t.chained();
    // Every row the requests above wrote is chained: none left waiting.
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: expect.any(Number) as number, checkpoints: 0 });
  });

  // Another chainer holding the lock needs a second connection: PostgreSQL only (PGlite is one connection).
  it.skipIf(!usePostgres)('counts the rows left unchained while the chainer is held back, and the oldest one\'s age', async () => {
    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Whoever holds the chain's lock holds the chainer's role: the app's chainer skips its rounds meanwhile.
    const holder = t.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
      locked();
      await held;
    });
    try {
      await isLocked;
      await t.db.insert(auditLog).values({ at: new Date(Date.now() - 125_000), action: 'auth.logout', outcome: 'success' });
      const res = await admin.request('GET', '/api/audit/chain');
      expect(res.status).toBe(200);
      expect(res.body.unchained).toBeGreaterThanOrEqual(1);
      expect(res.body.oldestSeconds).toBeGreaterThanOrEqual(125);
      expect(res.body.oldestSeconds).toBeGreaterThan(res.body.maxUnchainedSeconds);
      // What the page warns of is what audit:verify fails on.
      expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, reason: 'unchained' });
    } finally {
      release();
      await holder;
    }
    await t.chained();
    expect((await admin.request('GET', '/api/audit/chain')).body).toMatchObject({ unchained: 0, oldestSeconds: 0 });
  });
});
