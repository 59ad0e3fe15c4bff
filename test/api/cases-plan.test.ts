import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planActionTypes } from '../../src/shared/cases.js';
import { cases } from '../../src/server/modules/cases/index.js';
import { insertOrganisation } from '../../src/server/modules/organisations/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';
import { day } from '../support/http.js';

/** The individual plan (goals, actions, reviews, équipe meetings) and each operator's tasks. */

let t: TestApp;
const MINUTES = 'Verbale riservato Oleandro';

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/**
 * Each test's own world: its organisations and accounts (so no test sees
 * another's plans or tasks), operator A's case with a complaint filed
 * yesterday (its legal deadlines), and the signed-in agents.
 */
async function setup() {
  const w: World = await createWorld(t);
  const op: Agent = await login(t, w.users.operatorA);
  const head: Agent = await login(t, w.users.headA);
  const opB: Agent = await login(t, w.users.operatorB);
  const created = await op.request('POST', '/api/cases', {
    contactOn: day(-20),
    profile: { reports: [{ kind: 'querela', registeredOn: day(-1) }] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { w, op, head, opB, caseId: created.body.id as string };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** Two goals (safety, work) and the CAV's safety-plan action due in two days. */
async function plan({ w, op, caseId }: Setup) {
  const g1 = await op.request('POST', `/api/cases/${caseId}/plan/goals`, { area: 'sicurezza', description: 'Piano di sicurezza con la figlia' });
  const g2 = await op.request('POST', `/api/cases/${caseId}/plan/goals`, { area: 'lavoro' });
  expect([g1.status, g2.status]).toEqual([201, 201]);
  const action = await op.request('POST', `/api/cases/${caseId}/plan/actions`, { goalId: g1.body.id, type: 'piano_sicurezza', ownerOrganisationId: w.orgs.cavA, dueOn: day(2) });
  expect(action.status, JSON.stringify(action.body)).toBe(201);
  return { safety: g1.body.id as string, work: g2.body.id as string };
}

/** An équipe meeting whose decision is CAV B's work action, and a review with her agreement due again in five days. */
async function meetingAndReview({ w, op, caseId }: Setup, work: string) {
  const meeting = await op.request('POST', `/api/cases/${caseId}/meetings`, {
    on: day(0),
    participantUserIds: [w.users.operatorA.id, w.users.headA.id],
    minutes: MINUTES,
    decisions: [{ goalId: work, type: 'orientamento_lavoro', ownerOrganisationId: w.orgs.cavB, dueOn: day(10) }],
  });
  expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
  const review = await op.request('POST', `/api/cases/${caseId}/plan/reviews`, { on: day(0), herAgreement: true, nextReviewOn: day(5) });
  expect(review.status).toBe(201);
  return { meeting: meeting.body as { id: string; actions: number } };
}

/** Operator B joins the team through a sharing consent that covers work/housing only. */
async function shareWorkHousing({ w, op, head, caseId }: Setup) {
  expect((await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['work_housing'], givenOn: day(0), form: 'scritto' })).status).toBe(201);
  expect((await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id })).status).toBe(200);
}

describe('the individual plan', () => {
  it('keeps goals by area and actions with an owner organisation and a due date', async () => {
    const s = await setup();
    await plan(s);
    const plan_ = await s.op.request('GET', `/api/cases/${s.caseId}/plan`);
    expect(plan_.status).toBe(200);
    expect(plan_.body.goals.map((g: { area: string }) => g.area)).toEqual(['sicurezza', 'lavoro']);
    expect(plan_.body.goals[0].description).toBe('Piano di sicurezza con la figlia');
    expect(plan_.body.goals[0].actions[0]).toMatchObject({ type: 'piano_sicurezza', dueOn: day(2), status: 'prevista', owner: { id: s.w.orgs.cavA } });
  });

  it('has no mediation action: the type is refused with a precise problem, and none exists in the list', async () => {
    const s = await setup();
    const { safety } = await plan(s);
    expect(planActionTypes.some((type) => /mediaz|mediat/i.test(type))).toBe(false);
    const res = await s.op.request('POST', `/api/cases/${s.caseId}/plan/actions`, { goalId: safety, type: 'mediazione_familiare', ownerOrganisationId: s.w.orgs.cavA });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].pointer).toBe('/body/type');
  });

  it('refuses a stale goal (412) and an action on a goal of another case (400)', async () => {
    const s = await setup();
    const { safety } = await plan(s);
    const stale = await s.op.request('PUT', `/api/cases/${s.caseId}/plan/goals/${safety}`, { area: 'sicurezza', status: 'raggiunto' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    const other = await s.op.request('POST', '/api/cases', { contactOn: day(-3) });
    const wrong = await s.op.request('POST', `/api/cases/${other.body.id}/plan/actions`, { goalId: safety, type: 'altro', ownerOrganisationId: s.w.orgs.cavA });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ pointer: '/body/goalId', code: 'unknown_goal' });    // A perpetrator programme never owns an action of her plan (it would then read of her case).
    const cuav = await insertOrganisation(t.db, { name: `CUAV ${s.caseId}`, type: 'cuav' });
    const toCuav = await s.op.request('POST', `/api/cases/${s.caseId}/plan/actions`, { goalId: safety, type: 'altro', ownerOrganisationId: cuav });
    expect(toCuav.status).toBe(400);
    expect(toCuav.body.errors[0]).toMatchObject({ pointer: '/body/ownerOrganisationId', code: 'unknown_organisation' });
  });

  it('records an équipe meeting whose decisions become actions, and a review with her agreement', async () => {
    const s = await setup();
    const { work } = await plan(s);
    const { meeting } = await meetingAndReview(s, work);
    expect(meeting.actions).toBe(1);
    const plan_ = await s.op.request('GET', `/api/cases/${s.caseId}/plan`);
    expect(plan_.body.goals[1].actions[0]).toMatchObject({ type: 'orientamento_lavoro', meetingId: meeting.id });
    expect(plan_.body.meetings[0]).toMatchObject({ minutes: MINUTES });
    expect(plan_.body.meetings[0].participants).toHaveLength(2);
    expect(plan_.body.reviews[0]).toMatchObject({ herAgreement: true, nextReviewOn: day(5) });
    const raw = JSON.stringify((await t.db.execute(sql`select * from case_meetings`)).rows);
    expect(raw).not.toContain(MINUTES);
  });

  it('keeps her agreement as yes, no or not asked (null), and never assumes it', async () => {
    const s = await setup();
    const review = (herAgreement: unknown, on = day(0)) => s.op.request('POST', `/api/cases/${s.caseId}/plan/reviews`, { on, herAgreement });
    expect((await review(false, day(-2))).status).toBe(201);
    expect((await review(null, day(-1))).status).toBe(201);
    // Left out, it is not taken as either answer: the form must say which.
    const missing = await s.op.request('POST', `/api/cases/${s.caseId}/plan/reviews`, { on: day(0) });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ pointer: '/body/herAgreement' });
    expect((await review('yes')).status).toBe(400);
    const plan_ = await s.op.request('GET', `/api/cases/${s.caseId}/plan`);
    expect(plan_.body.reviews.map((r: { herAgreement: boolean | null }) => r.herAgreement)).toEqual([false, null]);
  });

  it('shows a work/housing member only those areas, and no reviews or meetings', async () => {
    const s = await setup();
    const { work } = await plan(s);
    await meetingAndReview(s, work);
    await shareWorkHousing(s);
    const { opB, caseId, w } = s;
    const plan_ = await opB.request('GET', `/api/cases/${caseId}/plan`);
    expect(plan_.status).toBe(200);
    expect(plan_.body.goals.map((g: { area: string }) => g.area)).toEqual(['lavoro']);
    expect(plan_.body).toMatchObject({ reviews: [], meetings: [] });
    expect((await opB.request('POST', `/api/cases/${caseId}/plan/goals`, { area: 'lavoro' })).status).toBe(403);
    expect((await opB.request('POST', `/api/cases/${caseId}/plan/actions`, { goalId: work, type: 'tirocinio', ownerOrganisationId: w.orgs.cavB })).status).toBe(403);
    const action = plan_.body.goals[0].actions[0];
    const done = await opB.request('PUT', `/api/cases/${caseId}/plan/actions/${action.id}`, { goalId: work, type: 'orientamento_lavoro', ownerOrganisationId: w.orgs.cavB, status: 'fatta' }, { 'if-match': `"${action.version}"` });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await opB.request('GET', `/api/cases/${caseId}/children`)).status).toBe(404);
  });
});

describe('tasks on the home page', () => {
  it('lists her organisation’s due actions, reviews, legal deadlines and stale pathways', async () => {
    const s = await setup();
    const { work } = await plan(s);
    await meetingAndReview(s, work);
    await shareWorkHousing(s);
    const { op, opB, caseId } = s;
    const stale = await op.request('POST', '/api/cases', { contactOn: day(-60) });
    await t.db.update(cases).set({ lastContactAt: new Date(Date.now() - 45 * 86_400_000) }).where(eq(cases.id, stale.body.id));
    const res = await op.request('GET', '/api/cases/tasks');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.actions.map((a: { type: string }) => a.type)).toEqual(['piano_sicurezza']); // the CPI's action is not hers
    expect(res.body.reviews).toEqual([{ case: { id: caseId, code: expect.any(String) }, dueOn: day(5) }]);
    expect(res.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['hearingBy']);
    expect(res.body.stale.map((s: { case: { id: string } }) => s.case.id)).toEqual([stale.body.id]);
    const wider = await op.request('GET', '/api/cases/tasks?horizonDays=60&staleDays=60');
    expect(wider.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['hearingBy', 'prosecutorBy', 'judgeBy']);
    expect(wider.body.stale).toEqual([]);
    // A member through a work/housing share sees no reminder of the sections she does not see: no review, no legal deadline, no stale pathway.
    // The shared case has had no contact for 45 days: stale for its CAV team, not a reminder for her.
    await t.db.update(cases).set({ lastContactAt: new Date(Date.now() - 45 * 86_400_000) }).where(eq(cases.id, caseId));
    expect((await op.request('GET', '/api/cases/tasks?staleDays=30')).body.stale.map((x: { case: { id: string } }) => x.case.id)).toContain(caseId);
    const other = await opB.request('GET', '/api/cases/tasks?horizonDays=60&staleDays=30');
    expect(other.status).toBe(200);
    // Her own organisation's work action is hers to see (work/housing is shared with her); nothing else.
    expect(other.body.actions.map((a: { type: string; case: { id: string } }) => [a.type, a.case.id])).toEqual([['orientamento_lavoro', caseId]]);
    expect(other.body).toMatchObject({ reviews: [], deadlines: [], stale: [] });
  });
});
