import { readFileSync } from 'node:fs';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { caseEvents, cases } from '../../src/server/modules/cases/index.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { DEMO_RISK_ANSWERS } from '../../seeds/demo/cases.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { DAY, day, expectOk, issues, morningOf } from '../support/http.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

/**
 * The case's emergency, derived (docs/cases.md, "Emergency"): set by the
 * opening, a timeline event marked `inizio`, an `imminente` assessment;
 * cleared by an event marked `fine` (with its reason) or a later assessment
 * below `imminente`; never by PATCH. And the safety plan's review among the
 * tasks and the morning reminders (docs/safety-plan.md).
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const example = JSON.parse(readFileSync(new URL('../../src/shared/risk-instruments/example.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const ok = expectOk(201);

interface Setup {
  w: World;
  op: Agent;
  head: Agent;
  sw: Agent;
  opB: Agent;
  instrumentId: string;
  caseId: string;
}

async function setup(create: Record<string, unknown> = {}): Promise<Setup> {
  const w = await createWorld(t);
  const [op, head, sw, opB, coord] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.socialWorkerA), login(t, w.users.operatorB), login(t, w.users.coordinator)]);
  const instrumentId = ok(await coord.request('POST', `/api/networks/${w.network}/risk-instruments`, example)).id as string;
  const caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-30), ...create })).id as string;
  ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.socialWorkerA.id }), 200);
  return { w, op, head, sw, opB, instrumentId, caseId };
}

/** A member of CAV B on the team, with the sections her share names. */
async function partner(s: Setup, sections: string[]) {
  ok(await s.op.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: s.w.orgs.cavB, sections, givenOn: day(0), form: 'scritto' }));
  ok(await s.head.request('POST', `/api/cases/${s.caseId}/team`, { userId: s.w.users.operatorB.id, sections }), 200);
}

const detail = async (s: Setup, agent = s.op) => ok(await agent.request('GET', `/api/cases/${s.caseId}`), 200);
const event = (s: Setup, body: Record<string, unknown> = {}, agent = s.op) =>
  agent.request('POST', `/api/cases/${s.caseId}/events`, { at: new Date().toISOString(), channel: 'telefono', type: 'ascolto', ...body });
const assessing = (s: Setup, level: keyof typeof DEMO_RISK_ANSWERS, assessedOn = day(0)) =>
  s.op.request('POST', `/api/cases/${s.caseId}/risk/assessments`, { instrumentId: s.instrumentId, answers: DEMO_RISK_ANSWERS[level], occasion: 'programmata', assessedOn });
const auditPurposes = async (caseId: string, action: string) =>
  (await t.db.select({ purpose: auditLog.purpose }).from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, caseId), eq(auditLog.outcome, 'success'))).orderBy(asc(auditLog.id))).map(
    (r) => r.purpose,
  );

describe('the emergency, derived', () => {
  it('opening a case as an emergency marks its first contact, or the opening itself', async () => {
    const s = await setup({ emergency: true, firstEvent: { channel: 'telefono' } });
    const record = await detail(s);
    const events = ok(await s.op.request('GET', `/api/cases/${s.caseId}/events`), 200).items;
    expect(events).toEqual([expect.objectContaining({ emergency: 'inizio' })]);
    expect(record).toMatchObject({ emergency: true, emergencyBy: { source: 'evento', id: events[0].id, on: true } });
    const bare = ok(await s.op.request('POST', '/api/cases', { contactOn: day(0), emergency: true }));
    expect(bare).toMatchObject({ emergency: true, emergencyBy: { source: 'apertura', id: null, on: true } });
    const calm = ok(await s.op.request('POST', '/api/cases', { contactOn: day(0) }));
    expect(calm).toMatchObject({ emergency: false, emergencyBy: null });
  });

  it('an event marked inizio sets it, one marked fine with its reason clears it; both audited', async () => {
    const s = await setup();
    const started = ok(await event(s, { emergency: 'inizio', notes: 'Accesso al pronto soccorso' })).id as string;
    expect(await detail(s)).toMatchObject({ emergency: true, emergencyBy: { source: 'evento', id: started, on: true } });
    // A second start while in emergency is recorded, and changes nothing of what set it.
    ok(await event(s, { emergency: 'inizio' }));
    expect((await detail(s)).emergencyBy.id).toBe(started);
    const ended = ok(await event(s, { emergency: 'fine', notes: 'Accolta in casa rifugio, al sicuro' })).id as string;
    expect(await detail(s)).toMatchObject({ emergency: false, emergencyBy: { source: 'evento', id: ended, on: false } });
    expect(await auditPurposes(s.caseId, 'case.event_create')).toEqual(['emergency_on', null, 'emergency_off']);
    // The caseload's filter follows it.
    const listed = ok(await s.op.request('GET', '/api/cases?emergency=true'), 200);
    expect(listed.items.map((c: { id: string }) => c.id)).not.toContain(s.caseId);
  });

  it('ending it needs a reason, an emergency to end and the owning organisation; a refused event changes nothing', async () => {
    const s = await setup();
    expect(issues((await event(s, { emergency: 'fine', notes: 'Finita' })).body)).toEqual(['/body/emergency not_in_emergency']);
    ok(await event(s, { emergency: 'inizio' }));
    const before = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, s.caseId));
    const [row] = await t.db.select().from(cases).where(eq(cases.id, s.caseId));
    // Without its reason (blank is no reason: refused at the edge), or with a time to come: refused, nothing written.
    for (const [body, issue] of [
      [{}, '/body/notes required'],
      [{ notes: '   ' }, '/body/notes too_small'],
      [{ notes: 'Finita', at: new Date(Date.now() + DAY).toISOString() }, '/body/at in_future'],
    ] as const) {
      const refused = await event(s, { emergency: 'fine', ...body });
      expect(refused.status).toBe(400);
      expect(issues(refused.body)).toEqual([issue]);
    }
    // A partner on the team with the timeline may report one starting, not end it.
    await partner(s, ['timeline']);
    expect(issues((await event(s, { emergency: 'fine', notes: 'Per noi è finita' }, s.opB)).body)).toEqual(['/body/emergency not_allowed']);
    expect(await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, s.caseId))).toHaveLength(before.length);
    const [after] = await t.db.select().from(cases).where(eq(cases.id, s.caseId));
    expect({ emergency: after!.emergency, source: after!.emergencySourceId }).toEqual({ emergency: row!.emergency, source: row!.emergencySourceId });
    expect(after!.emergency).toBe(true);
    // Her partner holds the timeline: she sees what set it, the event's id too.
    expect((await detail(s, s.opB)).emergencyBy).toMatchObject({ source: 'evento', on: true, id: row!.emergencySourceId });
  });

  it('is derived in the event’s transaction: a write failing after it leaves neither the event nor the emergency', async () => {
    const s = await setup();
    // The audit row is the last write of the transaction: made to fail, after the event and the emergency were written.
    await t.db.execute(sql`create function h2_refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`);
    await t.db.execute(sql`create trigger h2_refuse_audit before insert on audit_log for each row when (new.purpose = 'emergency_on') execute function h2_refuse_audit()`);
    try {
      expect((await event(s, { emergency: 'inizio' })).status).toBe(500);
    } finally {
      await t.db.execute(sql`drop trigger h2_refuse_audit on audit_log`);
      await t.db.execute(sql`drop function h2_refuse_audit()`);
    }
    expect(await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, s.caseId))).toEqual([]);
    expect(await detail(s)).toMatchObject({ emergency: false, emergencyBy: null });
    ok(await event(s, { emergency: 'inizio' }));
    expect((await detail(s)).emergency).toBe(true);
  });

  it('the latest assessment sets it at imminente and clears it below; an older one changes nothing', async () => {
    const s = await setup();
    const imminent = ok(await assessing(s, 'imminente')).id as string;
    expect(await detail(s)).toMatchObject({ riskLevel: 'imminente', emergency: true, emergencyBy: { source: 'valutazione', id: imminent, on: true } });
    // Dated before the latest: joins the history, the case keeps the latest's level and emergency.
    ok(await assessing(s, 'basso', day(-5)));
    expect(await detail(s)).toMatchObject({ riskLevel: 'imminente', emergency: true });
    const medium = ok(await assessing(s, 'medio')).id as string;
    expect(await detail(s)).toMatchObject({ riskLevel: 'medio', emergency: false, emergencyBy: { source: 'valutazione', id: medium, on: false } });
    expect(await auditPurposes(s.caseId, 'case.risk_write')).toEqual(['triggered;emergency_on', null, 'emergency_off']);
    // A partner without the risk section sees the flag and its source, never the assessment's id.
    await partner(s, ['plan']);
    ok(await assessing(s, 'imminente'));
    expect((await detail(s, s.opB)).emergencyBy).toEqual({ source: 'valutazione', id: null, on: true, at: expect.any(String) });
    // An event may end what an assessment set.
    ok(await event(s, { emergency: 'fine', notes: 'Lui è in custodia cautelare' }));
    expect((await detail(s)).emergency).toBe(false);
  });

  it('an assessment below imminente does not end an emergency the team declared', async () => {
    const s = await setup({ emergency: true });
    ok(await assessing(s, 'elevato'));
    expect(await detail(s)).toMatchObject({ riskLevel: 'elevato', emergency: true, emergencyBy: { source: 'apertura', on: true } });
    const started = ok(await event(s, { emergency: 'fine', notes: 'Accolta in casa rifugio' })).id as string;
    ok(await event(s, { emergency: 'inizio', notes: 'Lui la cerca di nuovo' }));
    ok(await assessing(s, 'medio'));
    expect(await detail(s)).toMatchObject({ emergency: true, emergencyBy: { source: 'evento', on: true } });
    expect((await detail(s)).emergencyBy.id).not.toBe(started);
  });

  it('is never edited by PATCH: an unknown field of the strict schema, nothing written', async () => {
    const s = await setup();
    const { version } = await detail(s);
    for (const body of [{ emergency: true }, { emergency: false, comuneCode: null }]) {
      const res = await s.op.request('PATCH', `/api/cases/${s.caseId}`, body, { 'if-match': `"${version}"` });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    }
    expect(await detail(s)).toMatchObject({ version, emergency: false, emergencyBy: null });
  });
});

describe('the safety plan review', () => {
  const plan = (w: World, nextReviewOn: string) => ({ safePlaces: [{ kind: 'familiari' }], agreedOn: day(-20), agreedWithUserId: w.users.operatorA.id, nextReviewOn });

  it('is among the tasks of who holds the risk section, overdue until a new version moves it', async () => {
    const s = await setup();
    await partner(s, ['plan', 'timeline']);
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/safety-plan`, plan(s.w, day(-3)), { 'if-match': '"0"' }), 200);
    for (const agent of [s.op, s.sw]) {
      expect(ok(await agent.request('GET', '/api/cases/tasks'), 200).safetyPlanReviews).toEqual([{ case: { id: s.caseId, code: expect.any(String) }, dueOn: day(-3), version: 1 }]);
    }
    expect(ok(await s.opB.request('GET', '/api/cases/tasks'), 200).safetyPlanReviews).toEqual([]);
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/safety-plan`, plan(s.w, day(60)), { 'if-match': '"1"' }), 200);
    expect(ok(await s.op.request('GET', '/api/cases/tasks'), 200).safetyPlanReviews).toEqual([]);
  });

  it('is told once by the morning reminders, only to team members holding the risk section', async () => {
    const s = await setup();
    await partner(s, ['plan', 'timeline']);
    const morning = new Date(Date.now() + DAY + 3_600_000);
    // Due on the last morning that runs (tomorrow's, or today's after midnight before 06:30).
    const dueOn = morningOf(morning);
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/safety-plan`, plan(s.w, dueOn), { 'if-match': '"0"' }), 200);
    expect((await t.ctx.jobs.runDue(morning)).failed).toBe(0);
    await t.ctx.jobs.runDue(morning);
    // A new version keeping the date is not told again.
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/safety-plan`, plan(s.w, dueOn), { 'if-match': '"1"' }), 200);
    await t.ctx.jobs.runDue(new Date(morning.getTime() + 60_000));
    for (const agent of [s.op, s.sw]) {
      const told = ok(await agent.request('GET', '/api/notifications?status=all&kind=safety_plan_review_due'), 200).items;
      expect(told).toEqual([expect.objectContaining({ params: {}, target: expect.objectContaining({ caseId: s.caseId, tab: 'risk' }) })]);
    }
    const rowsB = await t.db.select().from(notifications).where(and(eq(notifications.recipientUserId, s.w.users.operatorB.id), eq(notifications.kind, 'safety_plan_review_due')));
    expect(rowsB).toEqual([]);
  });
});
