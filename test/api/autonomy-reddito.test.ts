import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { redditoApplications } from '../../src/server/modules/autonomy/index.js';
import { insertOrganisation } from '../../src/server/modules/organisations/index.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { DAY, day, expectOk, issues, match, morningOf } from '../support/http.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

/**
 * The Reddito di libertà (docs/autonomy.md): a checklist per case through
 * the cases' choke point (the `plan` section), If-Match, the step order,
 * the amount and months from the configuration fixed at acceptance, one
 * live application and its history, reminders and tasks, the coordinator's
 * counts with small cells suppressed; audited.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const ok = expectOk(200);
const url = (caseId: string) => `/api/cases/${caseId}/reddito-liberta`;

async function setup() {
  const w: World = await createWorld(t);
  const op: Agent = await login(t, w.users.operatorA);
  const head: Agent = await login(t, w.users.headA);
  const opB: Agent = await login(t, w.users.operatorB);
  const social = await insertOrganisation(t.db, { name: `Servizio sociale ${crypto.randomUUID().slice(0, 8)}`, type: 'servizio_sociale' });
  const caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-60) }), 201).id as string;
  return { w, op, head, opB, social, caseId };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** The checklist filled up to filing (statements 20 and 15 days ago, filed 10 days ago). */
const filed = (s: Setup, over: Record<string, unknown> = {}) => ({
  cavStatementOn: day(-20),
  cavOrganisationId: s.w.orgs.cavA,
  socialStatementOn: day(-15),
  socialOrganisationId: s.social,
  filedOn: day(-10),
  ...over,
});

describe('the Reddito di libertà checklist', () => {
  it('starts empty with the measure as configured, opens on If-Match "0" and follows the application to its months paid', async () => {
    const s = await setup();
    const empty = await s.op.request('GET', url(s.caseId));
    expect(ok(empty)).toEqual({ version: 0, config: { monthlyCents: 50_000, months: 12, stepDays: 30 }, current: null, due: null, history: [], mayOpen: true });
    expect(empty.headers.etag).toBe('"0"');

    const first = await s.op.request('PUT', url(s.caseId), { cavStatementOn: day(-20), cavOrganisationId: s.w.orgs.cavA }, match(0));
    expect(ok(first)).toMatchObject({ version: 1, current: { seq: 1, state: 'in_preparazione', cavOrganisation: { id: s.w.orgs.cavA }, openedOn: day(0) }, mayOpen: false });
    expect(first.headers.etag).toBe('"1"');
    // Waiting for the social service's statement, from the later of the opening (today) and the CAV's statement.
    expect(first.body.due).toEqual({ step: 'dichiarazione_servizio', dueOn: day(30) });

    const sent = ok(await s.op.request('PUT', url(s.caseId), filed(s), match(1)));
    expect(sent).toMatchObject({ version: 2, current: { state: 'presentata', filedOn: day(-10), socialOrganisation: { id: s.social } }, due: { step: 'esito', dueOn: day(20) } });

    const granted = ok(await s.op.request('PUT', url(s.caseId), filed(s, { outcome: 'accolta', outcomeOn: day(-5), monthsPaid: 2 }), match(2)));
    expect(granted.current).toMatchObject({ state: 'accolta', monthlyCents: 50_000, monthsGranted: 12, monthsPaid: 2, paidCents: 100_000 });
    expect(granted.mayOpen).toBe(true);
    // Two months paid: the third falls two months after the outcome, plus the days a step may wait.
    expect(granted.due.step).toBe('mensilita');

    // More months than granted: refused, naming the limit.
    const over = await s.op.request('PUT', url(s.caseId), filed(s, { outcome: 'accolta', outcomeOn: day(-5), monthsPaid: 13 }), match(3));
    expect(over.status).toBe(400);
    expect(over.body.errors).toContainEqual(expect.objectContaining({ pointer: '/body/monthsPaid', code: 'too_big', params: { maximum: 12 } }));

    // The law changes: an application granted before keeps its amount and months; the next one granted takes the new ones.
    const saved = { ...t.ctx.config.reddito };
    Object.assign(t.ctx.config.reddito, { monthlyCents: 62_500, months: 6 });
    try {
      const again = ok(await s.op.request('PUT', url(s.caseId), filed(s, { outcome: 'accolta', outcomeOn: day(-5), monthsPaid: 12 }), match(3)));
      expect(again.current).toMatchObject({ monthlyCents: 50_000, monthsGranted: 12, monthsPaid: 12, paidCents: 600_000 });
      expect(again.due).toBeNull();
      expect(again.config).toEqual({ monthlyCents: 62_500, months: 6, stepDays: 30 });
      const next = ok(await s.op.request('POST', url(s.caseId)), 201);
      expect(next).toMatchObject({ version: 5, current: { seq: 2, state: 'in_preparazione', monthlyCents: null }, history: [{ seq: 1, state: 'accolta' }] });
      const accepted = ok(await s.op.request('PUT', url(s.caseId), filed(s, { outcome: 'accolta', outcomeOn: day(-1) }), match(5)));
      expect(accepted.current).toMatchObject({ seq: 2, monthlyCents: 62_500, monthsGranted: 6 });
    } finally {
      Object.assign(t.ctx.config.reddito, saved);
    }
  });

  it('keeps one live application: a new one only after an outcome, the earlier kept as history; a stale or missing If-Match writes nothing', async () => {
    const s = await setup();
    ok(await s.op.request('PUT', url(s.caseId), filed(s), match(0)));
    const open = await s.op.request('POST', url(s.caseId));
    expect(open.status).toBe(409);
    expect(open.body.code).toBe('reddito_open');
    expect((await s.op.request('PUT', url(s.caseId), filed(s))).status).toBe(428);
    const stale = await s.op.request('PUT', url(s.caseId), filed(s, { outcome: 'respinta', outcomeOn: day(-1) }), match(0));
    expect(stale.status).toBe(412);

    ok(await s.op.request('PUT', url(s.caseId), filed(s, { outcome: 'respinta', outcomeOn: day(-1) }), match(1)));
    const second = ok(await s.op.request('POST', url(s.caseId)), 201);
    expect(second).toMatchObject({ version: 3, current: { seq: 2, state: 'in_preparazione' }, history: [{ seq: 1, state: 'respinta', outcome: 'respinta' }], mayOpen: false });
    // A form still open on the first application (version 2) can never overwrite the second.
    expect((await s.op.request('PUT', url(s.caseId), filed(s), match(2))).status).toBe(412);
    const [rows] = await t.db.select({ n: count() }).from(redditoApplications).where(eq(redditoApplications.caseId, s.caseId));
    expect(rows!.n).toBe(2);
  });

  it('checks the steps’ order, the days and the signatories, each with its pointer and code', async () => {
    const s = await setup();
    const bad: [Record<string, unknown>, string][] = [
      [{ cavStatementOn: day(-3) }, '/body/cavOrganisationId required'],
      [{ filedOn: day(-1), cavStatementOn: day(-3), cavOrganisationId: s.w.orgs.cavA }, '/body/filedOn reddito_statements_first'],
      [filed(s, { filedOn: day(-30) }), '/body/filedOn reddito_step_order'],
      [{ cavStatementOn: day(-3), cavOrganisationId: s.w.orgs.cavA, outcome: 'respinta', outcomeOn: day(-1) }, '/body/outcome reddito_not_filed'],
      [filed(s, { outcome: 'accolta' }), '/body/outcomeOn required'],
      [filed(s, { outcome: 'accolta', outcomeOn: day(-11) }), '/body/outcomeOn reddito_step_order'],
      [filed(s, { monthsPaid: 1 }), '/body/monthsPaid not_allowed'],
      [filed(s, { filedOn: day(2), outcome: null }), '/body/filedOn in_future'],
      // The CAV's statement by a social service, the social service's by a CAV: refused.
      [filed(s, { cavOrganisationId: s.social, socialOrganisationId: s.w.orgs.cavB }), '/body/cavOrganisationId unknown_organisation'],
      [{ cavStatementOn: day(-3), cavOrganisationId: crypto.randomUUID() }, '/body/cavOrganisationId unknown_organisation'],
      [{ comune: '019036' }, '/body unrecognized_keys'],
      [{ monthsPaid: 1.5 }, '/body/monthsPaid invalid_type'],
    ];
    for (const [body, issue] of bad) {
      const res = await s.op.request('PUT', url(s.caseId), body, match(0));
      expect(res.status, issue).toBe(400);
      expect(issues(res.body), issue).toContain(issue);
    }
    const [rows] = await t.db.select({ n: count() }).from(redditoApplications).where(eq(redditoApplications.caseId, s.caseId));
    expect(rows!.n).toBe(0);
  });

  it('is under the plan section: another organisation, or a share of work and housing only, gets 404; every attempt is audited', async () => {
    const s = await setup();
    ok(await s.op.request('PUT', url(s.caseId), filed(s), match(0)));
    // Not on the team.
    for (const [method, body, headers] of [['GET'], ['PUT', filed(s), match(1)], ['POST']] as const) {
      expect((await s.opB.request(method, url(s.caseId), body, headers)).status, method).toBe(404);
    }
    // On the team through a share of work and housing only.
    ok(await s.op.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: s.w.orgs.cavB, sections: ['plan', 'work_housing'], givenOn: day(0), form: 'scritto' }), 201);
    ok(await s.head.request('POST', `/api/cases/${s.caseId}/team`, { userId: s.w.users.operatorB.id, sections: ['work_housing'] }));
    expect((await s.opB.request('GET', url(s.caseId))).status).toBe(404);
    expect((await s.opB.request('PUT', url(s.caseId), filed(s, { outcome: 'respinta', outcomeOn: day(0) }), match(1))).status).toBe(404);
    // With the plan: she reads and writes.
    ok(await s.head.request('POST', `/api/cases/${s.caseId}/team`, { userId: s.w.users.operatorB.id, sections: ['plan'] }));
    expect(ok(await s.opB.request('GET', url(s.caseId))).current.state).toBe('presentata');
    ok(await s.opB.request('PUT', url(s.caseId), filed(s, { outcome: 'in_attesa_fondi', outcomeOn: day(0) }), match(1)));
    // A random case id: 404 as well.
    expect((await s.op.request('GET', url(crypto.randomUUID()))).status).toBe(404);

    const audit = await t.db
      .select({ action: auditLog.action, outcome: auditLog.outcome, purpose: auditLog.purpose, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.resourceId, s.caseId)))
      .orderBy(asc(auditLog.id));
    const mine = audit.filter((a) => a.action.startsWith('autonomy.reddito'));
    expect(mine.filter((a) => a.outcome === 'denied' && a.actor === s.w.users.operatorB.id).length).toBe(5);
    expect(mine).toContainEqual(expect.objectContaining({ action: 'autonomy.reddito.write', outcome: 'success', purpose: 'state:in_attesa_fondi', actor: s.w.users.operatorB.id }));
    expect(mine).toContainEqual(expect.objectContaining({ action: 'autonomy.reddito.read', outcome: 'success', actor: s.w.users.operatorB.id }));
  });
});

describe('reminders and tasks', () => {
  it('lists a step waiting too long among the team’s tasks and tells the team once, on the morning it falls due', async () => {
    const s = await setup();
    ok(await s.op.request('PUT', url(s.caseId), { cavStatementOn: day(-40), cavOrganisationId: s.w.orgs.cavA }, match(0)));
    // Opened 40 days ago (the row's day: the API opens today).
    await t.db.update(redditoApplications).set({ openedOn: day(-40) }).where(eq(redditoApplications.caseId, s.caseId));
    const tasks = ok(await s.op.request('GET', '/api/cases/tasks'));
    expect(tasks.redditoSteps).toEqual([{ case: { id: s.caseId, code: expect.any(String) }, dueOn: day(-10), step: 'dichiarazione_servizio' }]);
    // CAV B's operator, not on the team, sees nothing of it.
    expect(ok(await s.opB.request('GET', '/api/cases/tasks')).redditoSteps).toEqual([]);

    // Due on the next morning: the reminder job tells the team, once.
    const firstMorning = new Date(Date.now() + DAY + 3_600_000);
    const morning = morningOf(firstMorning);
    const dueFrom = new Date(Date.parse(`${morning}T12:00:00Z`) - 30 * DAY).toISOString().slice(0, 10);
    await t.db.update(redditoApplications).set({ openedOn: dueFrom, cavStatementOn: dueFrom }).where(eq(redditoApplications.caseId, s.caseId));
    const report = await t.ctx.jobs.runDue(firstMorning);
    expect(report.failed, JSON.stringify(report)).toBe(0);
    await t.ctx.jobs.runDue(new Date(firstMorning.getTime() + 60_000));
    const told = await t.db
      .select({ kind: notifications.kind, params: notifications.params, recipient: notifications.recipientUserId })
      .from(notifications)
      .where(eq(notifications.kind, 'reddito_step_due'));
    const forCase = told.filter((n) => n.recipient === s.w.users.operatorA.id);
    expect(forCase).toEqual([{ kind: 'reddito_step_due', params: { step: 'dichiarazione_servizio' }, recipient: s.w.users.operatorA.id }]);
    expect(told.some((n) => n.recipient === s.w.users.operatorB.id)).toBe(false);
  });
});

describe('the coordinator’s counts', () => {
  it('count the applications of the network’s cases by state and outcome, small cells suppressed; only for the coordinator', async () => {
    const s = await setup();
    const coord = await login(t, s.w.users.coordinator);
    const before = ok(await coord.request('GET', '/api/autonomy/reddito/stats'));
    expect(before.networks).toEqual([{ id: s.w.network, name: expect.any(String) }]);
    expect(before.threshold).toBe(5);
    // Six applications in CAV A (in the network): five granted with 3 months paid, one filed.
    const ids = [s.caseId];
    for (let i = 0; i < 5; i++) ids.push(ok(await s.op.request('POST', '/api/cases', { contactOn: day(-60) }), 201).id);
    for (const [i, id] of ids.entries()) {
      const body = i === 0 ? filed(s) : filed(s, { outcome: 'accolta', outcomeOn: day(-5), monthsPaid: 3 });
      ok(await s.op.request('PUT', url(id), body, match(0)));
    }
    // CAV B is outside the network: its application is not counted.
    const caseB = ok(await s.opB.request('POST', '/api/cases', { contactOn: day(-60) }), 201).id as string;
    ok(await s.opB.request('PUT', url(caseB), { cavStatementOn: day(-1), cavOrganisationId: s.w.orgs.cavB }, match(0)));

    const stats = ok(await coord.request('GET', '/api/autonomy/reddito/stats'));
    const state = (k: string) => stats.byState.find((c: { state: string }) => c.state === k).count;
    // One filed: hidden, and the granted five with it (a lone hidden cell is derivable from the total).
    expect(state('presentata')).toBeNull();
    expect(state('accolta')).toBeNull();
    expect(state('in_preparazione')).toBe(0);
    expect(stats.total).toBe(6);
    expect(stats.outcomes.find((c: { outcome: string }) => c.outcome === 'accolta').count).toBe(5);
    expect(stats.monthsPaid).toBe(15);
    expect(stats.paidCents).toBe(15 * 50_000);

    expect((await s.op.request('GET', '/api/autonomy/reddito/stats')).status).toBe(403);
    const [row] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'autonomy.reddito.stats'), eq(auditLog.actorUserId, s.w.users.coordinator.id)));
    expect(row!.n).toBe(2);
  });
});
