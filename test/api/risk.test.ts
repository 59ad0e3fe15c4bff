import { readFileSync } from 'node:fs';
import { and, asc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { riskAssessments } from '../../src/server/modules/risk/index.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { planActions, planGoals } from '../../src/server/modules/cases/plan.tables.js';
import { levelRank, type InstrumentLevel } from '../../src/shared/risk/instrument.js';
import { DEMO_RISK_ANSWERS } from '../../seeds/demo/cases.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';
import { expectOk, calendarDay, issues, DAY } from '../support/http.js';

/**
 * Risk assessment through the API (docs/risk.md): a network's instruments,
 * assessments scored by the server, the judgement's rule, the high-risk
 * response in the assessment's transaction, the `risk` section at the choke
 * point, and the re-assessment due. The engine's own rules (scoring,
 * thresholds at their edges) are test/platform/risk-instrument.test.ts.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const example = JSON.parse(readFileSync(new URL('../../src/shared/risk-instruments/example.json', import.meta.url), 'utf8')) as Record<string, any>;
const ok = expectOk(201);

/** Answers of the example instrument that compute each level (the demo's too). */
const ANSWERS = DEMO_RISK_ANSWERS;

interface Setup {
  w: World;
  op: Agent;
  head: Agent;
  sw: Agent;
  opB: Agent;
  coord: Agent;
  instrumentId: string;
  caseId: string;
}

async function setup(): Promise<Setup> {
  const w = await createWorld(t);
  const [op, head, sw, opB, coord] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.socialWorkerA), login(t, w.users.operatorB), login(t, w.users.coordinator)]);
  const instrumentId = ok(await coord.request('POST', `/api/networks/${w.network}/risk-instruments`, example)).id as string;
  const caseId = ok(await op.request('POST', '/api/cases', { contactOn: calendarDay(-30) })).id as string;
  ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.socialWorkerA.id }), 200);
  return { w, op, head, sw, opB, coord, instrumentId, caseId };
}

const assessing = (s: Setup, body: Record<string, unknown>, agent = s.op, caseId = s.caseId) =>
  agent.request('POST', `/api/cases/${caseId}/risk/assessments`, { instrumentId: s.instrumentId, occasion: 'iniziale', assessedOn: calendarDay(0), ...body });

describe('instruments', () => {
  it('are loaded by the network’s coordinator, checked by the engine, listed to the network’s staff only', async () => {
    const s = await setup();
    const { w, op, opB, coord } = s;
    // Refused with pointers and codes, nothing stored: a gap between two bands, a typo'd field.
    const gap = structuredClone(example);
    gap.scoring.thresholds[1].from = 6;
    gap.sections[0].items[0].wieght = 2;
    const refused = await coord.request('POST', `/api/networks/${w.network}/risk-instruments`, { ...gap, version: 2 });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation_failed');
    expect(issues(refused.body)).toEqual(['/body/scoring/thresholds/1/from threshold_gap', '/body/sections/0/items/0 unrecognized_keys']);
    // Not a JSON object at all.
    expect(issues((await coord.request('POST', `/api/networks/${w.network}/risk-instruments`, [1, 2])).body)).toEqual(['/body invalid_type']);
    // The same code and version twice.
    expect(issues((await coord.request('POST', `/api/networks/${w.network}/risk-instruments`, example)).body)).toEqual(['/body/version duplicate']);
    // An operator does not load instruments.
    expect((await op.request('POST', `/api/networks/${w.network}/risk-instruments`, { ...example, version: 3 })).status).toBe(403);

    const list = ok(await op.request('GET', '/api/risk/instruments'), 200) as { id: string; code: string; version: number; example: boolean; items: number }[];
    expect(list).toEqual([expect.objectContaining({ id: s.instrumentId, code: 'trama-esempio', version: 1, example: true, items: 12 })]);
    const detail = ok(await op.request('GET', `/api/risk/instruments/${s.instrumentId}`), 200);
    expect(detail.definition.sections).toHaveLength(example.sections.length);
    // CAV B is not in the network: it neither lists nor reads it.
    expect(ok(await opB.request('GET', '/api/risk/instruments'), 200)).toEqual([]);
    expect((await opB.request('GET', `/api/risk/instruments/${s.instrumentId}`)).status).toBe(404);

    // Retired: no new assessment uses it, and it leaves the default list.
    expect((await coord.request('POST', `/api/risk/instruments/${s.instrumentId}/retire`, undefined)).status).toBe(204);
    expect(ok(await op.request('GET', '/api/risk/instruments'), 200)).toEqual([]);
    expect(ok(await op.request('GET', '/api/risk/instruments?retired=true'), 200)).toHaveLength(1);
    expect(issues((await assessing(s, { answers: ANSWERS.basso })).body)).toEqual(['/body/instrumentId unknown_instrument']);
    const audit = await t.db.select({ action: auditLog.action, purpose: auditLog.purpose }).from(auditLog).where(eq(auditLog.resourceId, w.network)).orderBy(asc(auditLog.id));
    expect(audit.filter((a) => a.action === 'network.risk_instrument_load').map((a) => a.purpose)).toEqual(['trama-esempio:1']);
  });
});

describe('assessments', () => {
  it('are scored by the server, sealed at rest, and set the case’s level', async () => {
    const s = await setup();
    const { op, caseId } = s;
    // A score from the client is not part of the request at all.
    expect((await assessing(s, { answers: ANSWERS.medio, score: 0, computedLevel: 'basso' })).status).toBe(400);
    // Answers checked against the instrument, each at its pointer.
    expect(issues((await assessing(s, { answers: { armi: 'presente', ignota: 'si', paura: 99 } })).body)).toEqual([
      '/body/answers/armi invalid_value',
      '/body/answers/ignota unknown_risk_item',
      '/body/answers/paura too_big',
    ]);
    // A judgement that changes the level needs a reason.
    expect(issues((await assessing(s, { answers: ANSWERS.medio, judgementLevel: 'basso' })).body)).toEqual(['/body/reason reason_required']);
    expect(await t.db.select().from(riskAssessments).where(eq(riskAssessments.caseId, caseId))).toEqual([]);

    const created = ok(await assessing(s, { answers: ANSWERS.medio, assessedOn: calendarDay(-1) }));
    expect(created).toMatchObject({ finalLevel: 'medio', triggered: false, actionIds: [] });
    const [first] = ok(await op.request('GET', `/api/cases/${caseId}/risk/assessments`), 200);
    expect(first).toMatchObject({ answers: ANSWERS.medio, score: 6, maxScore: expect.any(Number), computedLevel: 'medio', judgementLevel: null, finalLevel: 'medio', lowered: false, reason: null, occasion: 'iniziale', assessedOn: calendarDay(-1) });
    expect(first.instrument).toMatchObject({ code: 'trama-esempio', version: 1, example: true });
    expect(first.assessor.organisation.id).toBe(s.w.orgs.cavA);
    expect(ok(await op.request('GET', `/api/cases/${caseId}`), 200).riskLevel).toBe('medio');
    // At rest the answers exist only sealed.
    const [row] = await t.db.select().from(riskAssessments).where(eq(riskAssessments.caseId, caseId));
    expect(row!.answersSealed).not.toContain('separazione');

    // A judgement raising it, with its reason; the trend lists both, oldest first.
    ok(await assessing(s, { answers: ANSWERS.basso, judgementLevel: 'medio', reason: 'Racconto reticente', occasion: 'programmata' }));
    const summary = ok(await op.request('GET', `/api/cases/${caseId}/risk`), 200);
    expect(summary.latest).toMatchObject({ computedLevel: 'basso', judgementLevel: 'medio', finalLevel: 'medio', reason: 'Racconto reticente' });
    expect(summary.history.map((h: { finalLevel: string; occasion: string }) => [h.occasion, h.finalLevel])).toEqual([
      ['iniziale', 'medio'],
      ['programmata', 'medio'],
    ]);
    expect(summary).toMatchObject({ reassessmentDueOn: expect.any(String), reassessmentReason: 'interval', reassessWeeks: t.ctx.config.riskReassessWeeks });
    // The case's level can no longer be set by hand.
    const version = `"${ok(await op.request('GET', `/api/cases/${caseId}`), 200).version}"`;
    expect((await op.request('PATCH', `/api/cases/${caseId}`, { riskLevel: 'basso' }, { 'if-match': version })).status).toBe(400);
  });

  it('never store a final level below the computed one unless a reason was given and the lowering audited (property)', async () => {
    const s = await setup();
    const levels = ['basso', 'medio', 'elevato', 'imminente'] as const;
    const answer = fc.record(
      {
        escalation: fc.constantFrom('assente', 'parziale', 'presente', 'non_noto'),
        'minacce-di-morte': fc.constantFrom('si', 'no', 'non_noto'),
        armi: fc.constantFrom('si', 'no'),
        separazione: fc.constantFrom('si', 'no'),
        persecuzione: fc.constantFrom('assente', 'parziale', 'presente'),
        'violazione-provvedimenti': fc.constantFrom('si', 'no'),
        paura: fc.integer({ min: 0, max: 4 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(answer, fc.option(fc.constantFrom(...levels), { nil: undefined }), fc.option(fc.constantFrom('Valutazione dell’équipe'), { nil: undefined }), async (answers, judgementLevel, reason) => {
        const res = await assessing(s, { answers, ...(judgementLevel ? { judgementLevel } : {}), ...(reason ? { reason } : {}) });
        if (res.status !== 201) {
          // Refused only for a change of level without a reason.
          expect(issues(res.body)).toEqual(['/body/reason reason_required']);
          expect(reason).toBeUndefined();
          return;
        }
        const [row] = await t.db.select().from(riskAssessments).where(eq(riskAssessments.id, res.body.id));
        const [audit] = await t.db
          .select({ purpose: auditLog.purpose })
          .from(auditLog)
          .where(and(eq(auditLog.action, 'case.risk_write'), eq(auditLog.resourceId, s.caseId), eq(auditLog.outcome, 'success')))
          .orderBy(asc(auditLog.id))
          .then((rows) => rows.slice(-1));
        const below = row!.computedLevel !== null && levelRank(row!.finalLevel as InstrumentLevel) < levelRank(row!.computedLevel as InstrumentLevel);
        expect(row!.lowered).toBe(below);
        if (below) {
          expect(reason).toBeDefined();
          expect(row!.reasonSealed).not.toBeNull();
          expect(audit!.purpose ?? '').toContain('lowered');
        } else {
          expect(audit!.purpose ?? '').not.toContain('lowered');
        }
      }),
      {
        numRuns: 25,
        // Always among the runs: a lowering with its reason (stored, audited) and one without (refused).
        examples: [
          [{ 'minacce-di-morte': 'si' }, 'basso', 'Valutazione dell’équipe'],
          [{ 'minacce-di-morte': 'si' }, 'medio', undefined],
        ],
      },
    );
  });

  it('rising to elevato creates the three actions and tells the team, in its transaction, and not again on a second elevato', async () => {
    const s = await setup();
    const { op, sw, caseId, w } = s;
    ok(await assessing(s, { answers: ANSWERS.medio, assessedOn: calendarDay(-3) }));
    const first = ok(await assessing(s, { answers: ANSWERS.elevato }));
    expect(first).toMatchObject({ finalLevel: 'elevato', triggered: true });
    expect(first.actionIds).toHaveLength(3);
    const actions = await t.db.select({ type: planActions.type, owner: planActions.ownerOrganisationId, dueOn: planActions.dueOn, status: planActions.status, area: planGoals.area }).from(planActions).innerJoin(planGoals, eq(planGoals.id, planActions.goalId)).where(eq(planActions.caseId, caseId));
    expect(actions.map((a) => a.type).sort()).toEqual(['piano_sicurezza', 'proporre_revisione_multiagenzia', 'valutare_casa_rifugio']);
    expect(actions.every((a) => a.owner === w.orgs.cavA && a.dueOn === calendarDay(0) && a.status === 'prevista' && a.area === 'sicurezza')).toBe(true);
    // The team of the owning organisation hears of it (not who assessed); the notice carries a level code, nothing else.
    const told = ok(await sw.request('GET', '/api/notifications?status=all&kind=risk_high'), 200).items;
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ params: { level: 'elevato' }, target: { caseId, tab: 'risk' } });
    expect(ok(await op.request('GET', '/api/notifications?status=all&kind=risk_high'), 200).items).toEqual([]);
    // The plan shows them to the team.
    const plan = ok(await op.request('GET', `/api/cases/${caseId}/plan`), 200);
    expect(plan.goals.filter((g: { area: string }) => g.area === 'sicurezza')).toHaveLength(1);

    // A second elevato: nothing new.
    expect(ok(await assessing(s, { answers: ANSWERS.elevato, occasion: 'programmata' }))).toMatchObject({ triggered: false, actionIds: [] });
    expect(await t.db.select().from(planActions).where(eq(planActions.caseId, caseId))).toHaveLength(3);
    const rows = await t.db.select().from(notifications).where(and(eq(notifications.caseId, caseId), eq(notifications.kind, 'risk_high')));
    expect(rows).toHaveLength(1);
    // Down to medio and up again: a new rise, a new response, on the same open safety goal.
    ok(await assessing(s, { answers: ANSWERS.medio, occasion: 'programmata' }));
    expect(ok(await assessing(s, { answers: ANSWERS.imminente, occasion: 'nuova_violenza' }))).toMatchObject({ finalLevel: 'imminente', triggered: true });
    expect(await t.db.select().from(planActions).where(eq(planActions.caseId, caseId))).toHaveLength(6);
    expect(await t.db.select().from(planGoals).where(and(eq(planGoals.caseId, caseId), eq(planGoals.area, 'sicurezza')))).toHaveLength(1);
    expect(ok(await op.request('GET', `/api/cases/${caseId}`), 200).riskLevel).toBe('imminente');
    // An assessment dated before the latest joins the history: the level stays, nothing is triggered.
    expect(ok(await assessing(s, { answers: ANSWERS.basso, assessedOn: calendarDay(-10) }))).toMatchObject({ triggered: false });
    expect(ok(await op.request('GET', `/api/cases/${caseId}`), 200).riskLevel).toBe('imminente');
  });

  it('are refused (404) to another organisation whose share lacks the risk section, and allowed with it', async () => {
    const s = await setup();
    const { op, head, opB, caseId, w } = s;
    ok(await assessing(s, { answers: ANSWERS.medio }));
    ok(await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['plan', 'risk'], givenOn: calendarDay(0), form: 'scritto' }));
    ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id, sections: ['plan'] }), 200);
    const before = await t.db.select().from(riskAssessments).where(eq(riskAssessments.caseId, caseId));
    for (const [method, path, body] of [
      ['GET', '/risk', undefined],
      ['GET', '/risk/assessments', undefined],
      ['POST', '/risk/assessments', { instrumentId: s.instrumentId, answers: ANSWERS.basso, occasion: 'programmata', assessedOn: calendarDay(0) }],
    ] as const) {
      const res = await opB.request(method, `/api/cases/${caseId}${path}`, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await t.db.select().from(riskAssessments).where(eq(riskAssessments.caseId, caseId))).toEqual(before);
    const denied = await t.db.select({ outcome: auditLog.outcome }).from(auditLog).where(and(eq(auditLog.resourceId, caseId), eq(auditLog.actorUserId, w.users.operatorB.id), eq(auditLog.action, 'case.risk_write'))).orderBy(asc(auditLog.id));
    expect(denied).toEqual([{ outcome: 'denied' }]);

    ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id, sections: ['plan', 'risk'] }), 200);
    expect(ok(await opB.request('GET', `/api/cases/${caseId}/risk/assessments`), 200)).toHaveLength(1);
    ok(await assessing(s, { answers: ANSWERS.basso, occasion: 'programmata' }, opB));
    const [latest] = ok(await opB.request('GET', `/api/cases/${caseId}/risk/assessments`), 200);
    expect(latest.assessor.organisation.id).toBe(w.orgs.cavB);
  });
});

describe('re-assessment due', () => {
  it('appears in the team’s tasks: the interval after the latest assessment, at once after a risk event', async () => {
    const s = await setup();
    const { op, opB, head, w } = s;
    const weeks = t.ctx.config.riskReassessWeeks;
    // Assessed long ago: due `weeks` after it, already passed.
    ok(await assessing(s, { answers: ANSWERS.medio, assessedOn: calendarDay(-weeks * 7 - 2) }));
    // Assessed today, then a breach recorded on the timeline: due at once.
    const breached = ok(await op.request('POST', '/api/cases', { contactOn: calendarDay(-5) })).id as string;
    ok(await assessing(s, { answers: ANSWERS.basso }, op, breached));
    // Assessed today, nothing since: not due within the week.
    const quiet = ok(await op.request('POST', '/api/cases', { contactOn: calendarDay(-5) })).id as string;
    ok(await assessing(s, { answers: ANSWERS.basso }, op, quiet));
    // An event that is not a risk event changes nothing; a risk event does.
    ok(await op.request('POST', `/api/cases/${quiet}/events`, { at: new Date().toISOString(), channel: 'telefono', type: 'ascolto' }));
    ok(await op.request('POST', `/api/cases/${breached}/events`, { at: new Date().toISOString(), channel: 'telefono', type: 'ascolto', riskEvent: 'violazione_misura' }));

    const tasks = ok(await op.request('GET', '/api/cases/tasks'), 200);
    expect(tasks.reassessments).toEqual([
      { case: { id: s.caseId, code: expect.any(String) }, dueOn: calendarDay(-2), reason: 'interval' },
      { case: { id: breached, code: expect.any(String) }, dueOn: calendarDay(0), reason: 'event' },
    ]);
    expect(ok(await op.request('GET', `/api/cases/${breached}/risk`), 200)).toMatchObject({ reassessmentDueOn: calendarDay(0), reassessmentReason: 'event' });
    // A new assessment answers it.
    ok(await assessing(s, { answers: ANSWERS.basso, occasion: 'violazione_misura' }, op, breached));
    expect(ok(await op.request('GET', '/api/cases/tasks'), 200).reassessments.map((r: { case: { id: string } }) => r.case.id)).toEqual([s.caseId]);

    // A member of another organisation on the team without the risk section is not told.
    ok(await op.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['plan'], givenOn: calendarDay(0), form: 'scritto' }));
    ok(await head.request('POST', `/api/cases/${s.caseId}/team`, { userId: w.users.operatorB.id, sections: ['plan'] }), 200);
    expect(ok(await opB.request('GET', '/api/cases/tasks'), 200).reassessments).toEqual([]);
  });

  it('is told once by the morning reminders to the team members who hold the risk section', async () => {
    const s = await setup();
    const { op, sw, head, w } = s;
    ok(await assessing(s, { answers: ANSWERS.medio }));
    ok(await op.request('POST', `/api/cases/${s.caseId}/events`, { at: new Date().toISOString(), channel: 'di_persona', type: 'ascolto', riskEvent: 'separazione' }));
    ok(await op.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['plan'], givenOn: calendarDay(0), form: 'scritto' }));
    ok(await head.request('POST', `/api/cases/${s.caseId}/team`, { userId: w.users.operatorB.id, sections: ['plan'] }), 200);
    const morning = new Date(Date.now() + DAY + 3_600_000);
    expect((await t.ctx.jobs.runDue(morning)).failed).toBe(0);
    await t.ctx.jobs.runDue(morning);
    for (const agent of [op, sw]) {
      const told = ok(await agent.request('GET', '/api/notifications?status=all&kind=reassessment_due'), 200).items;
      expect(told).toEqual([expect.objectContaining({ params: { reason: 'event' }, target: expect.objectContaining({ caseId: s.caseId, tab: 'risk' }) })]);
    }
    const rowsB = await t.db.select().from(notifications).where(and(eq(notifications.recipientUserId, w.users.operatorB.id), eq(notifications.kind, 'reassessment_due')));
    expect(rowsB).toEqual([]);
  });
});
