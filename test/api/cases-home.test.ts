import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { cases } from '../../src/server/modules/cases/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login } from '../support/world.js';
import { setRiskLevel } from '../support/risk.js';
import { expectOk, day, DAY } from '../support/http.js';

/**
 * The home pages: an operator's tasks (overdue first, then today, then the
 * week; stale pathways ranked, counted and paged) and the head's workload of
 * her centre (counts only, her organisation's cases only, each the total of
 * the caseload its link opens).
 */

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const ok = expectOk(201);

/** A pathway with a safety goal and actions of her organisation due on the given days. */
async function caseWithActions(op: Agent, ownerOrganisationId: string, dues: number[], create: Record<string, unknown> = {}) {
  const created = ok(await op.request('POST', '/api/cases', { contactOn: day(-60), ...create }));
  const goal = ok(await op.request('POST', `/api/cases/${created.id}/plan/goals`, { area: 'sicurezza' }));
  for (const due of dues) ok(await op.request('POST', `/api/cases/${created.id}/plan/actions`, { goalId: goal.id, type: 'piano_sicurezza', ownerOrganisationId, dueOn: day(due) }));
  return created.id as string;
}

describe('an operator’s tasks', () => {
  it('lists the overdue first, then today, then the week, with legal deadlines passed within the window', async () => {
    const w = await createWorld(t);
    const op = await login(t, w.users.operatorA);
    // A Codice Rosso hearing due two days ago (report five days ago), and a report of 40 days ago: its hearing is past the window, its prosecutor's deadline (ten days ago) is not.
    const profile = { reports: [{ kind: 'denuncia', registeredOn: day(-5) }, { kind: 'querela', registeredOn: day(-40) }] };
    const id = await caseWithActions(op, w.orgs.cavA, [3, 0, -4], { profile });
    const res = await op.request('GET', '/api/cases/tasks');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.today).toBe(day(0));
    expect(res.body.actions.map((a: { dueOn: string }) => a.dueOn)).toEqual([day(-4), day(0), day(3)]);
    expect(res.body.deadlines.map((d: { kind: string; dueOn: string }) => [d.kind, d.dueOn])).toEqual([
      ['prosecutorBy', day(-10)],
      ['hearingBy', day(-2)],
    ]);
    expect(res.body.deadlines.every((d: { case: { id: string } }) => d.case.id === id)).toBe(true);
    expect(res.body.overdueDeadlineDays).toBe(30);
    expect(res.body.omitted).toBe(0);
  });

  it('ranks the stale pathways by the oldest contact, counts them all and pages them', async () => {
    const w = await createWorld(t);
    const [op, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.operatorB)]);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const created = ok(await op.request('POST', '/api/cases', { contactOn: day(-90) }));
      // The i-th case: no contact for 31 + 3i days (the last one the oldest).
      await t.db.update(cases).set({ lastContactAt: new Date(Date.now() - (31 + 3 * i) * DAY) }).where(eq(cases.id, created.id));
      ids.push(created.id);
    }
    const recent = ok(await op.request('POST', '/api/cases', { contactOn: day(-1) }));
    const elsewhere = ok(await opB.request('POST', '/api/cases', { contactOn: day(-90) }));
    await t.db.update(cases).set({ lastContactAt: new Date(Date.now() - 200 * DAY) }).where(eq(cases.id, elsewhere.id));

    const first = (await op.request('GET', '/api/cases/tasks')).body;
    expect(first).toMatchObject({ staleDays: 30, staleTotal: 12, stalePage: 1, stalePageSize: 10 });
    const oldestFirst = [...ids].reverse();
    expect(first.stale.map((s: { case: { id: string } }) => s.case.id)).toEqual(oldestFirst.slice(0, 10));
    const second = (await op.request('GET', '/api/cases/tasks?stalePage=2')).body;
    expect(second.stale.map((s: { case: { id: string } }) => s.case.id)).toEqual(oldestFirst.slice(10));
    expect(second.staleTotal).toBe(12);
    expect([...first.stale, ...second.stale].map((s: { case: { id: string } }) => s.case.id)).not.toContain(recent.id);
    expect((await op.request('GET', '/api/cases/tasks?stalePage=3')).body.stale).toEqual([]);
    expect((await op.request('GET', '/api/cases/tasks?stalePage=0')).status).toBe(400);
    // Only the cases on the page are audited as listed by the tasks.
    const listed = await t.db
      .select({ ids: auditLog.subjectIds })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.listed'), eq(auditLog.actorUserId, w.users.operatorA.id), eq(auditLog.purpose, 'tasks'))).orderBy(asc(auditLog.id));
    expect(new Set(listed.flatMap((r) => r.ids ?? []))).toEqual(new Set(ids));
  });
});

describe('the head’s workload of her centre', () => {
  async function centre() {
    const w = await createWorld(t);
    const [op, head, opB, headB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB), login(t, w.users.headB)]);
    const emergency = ok(await op.request('POST', '/api/cases', { contactOn: day(-10), emergency: true })).id as string;
    await setRiskLevel(t, emergency, 'elevato');
    // Imminente counts as high risk too.
    await setRiskLevel(t, ok(await op.request('POST', '/api/cases', { contactOn: day(-10) })).id, 'imminente');
    const overdue = ok(await op.request('POST', '/api/cases', { contactOn: day(-10), profile: { reports: [{ kind: 'denuncia', registeredOn: day(-5) }] } })).id as string;
    const unstaffed = ok(await op.request('POST', '/api/cases', { contactOn: day(-10) })).id as string;
    ok(await head.request('DELETE', `/api/cases/${unstaffed}/team/${w.users.operatorA.id}`), 200);
    const closed = ok(await op.request('POST', '/api/cases', { contactOn: day(-10), emergency: true }));
    await setRiskLevel(t, closed.id, 'elevato');
    ok(await op.request('POST', `/api/cases/${closed.id}/stage`, { stage: 'concluso', on: day(0), outcome: 'abbandono' }, { 'if-match': '"1"' }), 200);
    // CAV B's pathways: an emergency, and an overdue action on a case it shares nothing of.
    await setRiskLevel(t, ok(await opB.request('POST', '/api/cases', { contactOn: day(-10), emergency: true })).id, 'elevato');
    await caseWithActions(opB, w.orgs.cavB, [-3]);
    return { w, op, head, opB, headB, emergency, overdue, unstaffed };
  }

  it('counts her organisation’s open pathways, each number the total of the caseload its link opens', async () => {
    const { w, head, headB, emergency, overdue } = await centre();
    const res = await head.request('GET', '/api/cases/workload');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ today: day(0), open: 4, emergencies: 1, highRisk: 2, unstaffed: 1, overdue: 1 });
    const staff = Object.fromEntries(res.body.staff.map((s: { userId: string; open: number }) => [s.userId, s.open]));
    expect(staff).toEqual({ [w.users.headA.id]: 0, [w.users.operatorA.id]: 3, [w.users.socialWorkerA.id]: 0 });
    expect(JSON.stringify(res.body)).not.toContain(emergency);

    const total = async (query: string) => {
      const list = await head.request('GET', `/api/cases?${query}`);
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      return list.body.total as number;
    };
    expect(await total('open=true')).toBe(4);
    expect(await total('open=true&emergency=true')).toBe(1);
    expect(await total('open=true&highRisk=true')).toBe(2);
    expect(await total('open=true&riskLevel=elevato')).toBe(1);
    expect(await total('open=true&unstaffed=true')).toBe(1);
    expect(await total('overdue=true')).toBe(1);
    expect((await head.request('GET', '/api/cases?overdue=true')).body.items[0].id).toBe(overdue);
    expect(await total(`open=true&member=${w.users.operatorA.id}`)).toBe(3);
    expect((await head.request('GET', '/api/cases?member=nobody')).status).toBe(400);

    // The other centre's head counts hers only.
    const other = await headB.request('GET', '/api/cases/workload');
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ open: 2, emergencies: 1, highRisk: 1, unstaffed: 0, overdue: 1 });
    expect(other.body.staff.map((s: { userId: string }) => s.userId).sort()).toEqual([w.users.headB.id, w.users.operatorB.id].sort());
  });

  it('is the head’s alone, and audited as one read of her organisation, not of each case', async () => {
    const { w, op, head, opB } = await centre();
    expect((await op.request('GET', '/api/cases/workload')).status).toBe(403);
    expect((await opB.request('GET', '/api/cases/workload')).status).toBe(403);
    for (const who of [w.users.socialWorkerA, w.users.analyst, w.users.helpline, w.users.admin]) {
      expect((await (await login(t, who)).request('GET', '/api/cases/workload')).status).toBe(403);
    }
    const rows = () =>
      t.db
        .select({ action: auditLog.action, resourceType: auditLog.resourceType, resourceId: auditLog.resourceId })
        .from(auditLog)
        .where(and(eq(auditLog.actorUserId, w.users.headA.id), sql`${auditLog.action} in ('case.workload_read', 'case.listed', 'case.read')`))
        .orderBy(auditLog.id);
    const before = (await rows()).length;
    expect((await head.request('GET', '/api/cases/workload')).status).toBe(200);
    const after = await rows();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toEqual({ action: 'case.workload_read', resourceType: 'organisation', resourceId: w.orgs.cavA });
  });
});

describe('the caseload’s order', () => {
  it('orders by risk, stage, code or last contact, either way, and refuses an order it does not know', async () => {
    const w = await createWorld(t);
    const op = await login(t, w.users.operatorA);
    const ids: Record<string, string> = {};
    for (const riskLevel of ['medio', 'elevato', 'basso'] as const) {
      ids[riskLevel] = ok(await op.request('POST', '/api/cases', { contactOn: day(-10) })).id;
      await setRiskLevel(t, ids[riskLevel]!, riskLevel);
    }
    const unassessed = ok(await op.request('POST', '/api/cases', { contactOn: day(-3) })).id;
    const order = async (query: string) => ok(await op.request('GET', `/api/cases?pageSize=50&${query}`), 200).items.map((c: { id: string }) => c.id);

    // Highest risk first by default; a pathway never assessed comes last either way.
    expect(await order('sort=risk')).toEqual([ids.elevato, ids.medio, ids.basso, unassessed]);
    expect(await order('sort=risk&order=asc')).toEqual([ids.basso, ids.medio, ids.elevato, unassessed]);
    // The longest silence first: the first contacts ten days ago, in creation order as the tie-break, then three days ago.
    expect((await order('sort=lastContact')).at(-1)).toBe(unassessed);
    const codes = ok(await op.request('GET', '/api/cases?pageSize=50&sort=code&order=desc'), 200).items.map((c: { code: string }) => c.code);
    expect(codes).toEqual([...codes].sort().reverse());
    for (const bad of ['sort=alias', 'sort=risk&order=up']) expect((await op.request('GET', `/api/cases?${bad}`)).status).toBe(400);
  });
});
