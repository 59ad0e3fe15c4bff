import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/server/modules/cases/index.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login } from '../support/world.js';
import { expectOk, day, DAY, morningOf } from '../support/http.js';

/**
 * The morning reminders: a daily job raises, once, a notification for each
 * legal deadline, plan review and plan action falling due and each pathway
 * gone stale, to the team members who hold the section it tells of — and
 * the centre shows it only while the choke point grants that section. Time
 * is driven by the jobs platform's runDue, never waited for.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** Past the first 06:30 after the app started (the schedule starts at registration). */
const firstMorning = new Date(Date.now() + DAY + 3_600_000);
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const ok = expectOk(201);
const kindsOf = async (a: Agent) => (ok(await a.request('GET', '/api/notifications?status=all&pageSize=100'), 200).items as { kind: string; params: Record<string, string>; target: { caseId: string; tab: string } }[]);

describe('the morning reminders', () => {
  it('tell the team once what falls due, each member only what her share of the case shows', async () => {
    const w = await createWorld(t);
    const [op, head, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB)]);
    // A report three days before that morning: its Codice Rosso hearing is due then, as are a review and an action.
    const morning = morningOf(firstMorning);
    const caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-20), profile: { reports: [{ kind: 'denuncia', registeredOn: shift(morning, -3) }] } })).id as string;
    const goal = ok(await op.request('POST', `/api/cases/${caseId}/plan/goals`, { area: 'sicurezza' }));
    ok(await op.request('POST', `/api/cases/${caseId}/plan/actions`, { goalId: goal.id, type: 'piano_sicurezza', ownerOrganisationId: w.orgs.cavA, dueOn: morning }));
    ok(await op.request('POST', `/api/cases/${caseId}/plan/reviews`, { on: day(-30), herAgreement: true, nextReviewOn: morning }));
    // CAV B's operator shares the plan only: she hears of the review, never of the report's deadline.
    ok(await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['plan'], givenOn: day(-1), form: 'scritto' }));
    ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id }), 200);

    const report = await t.ctx.jobs.runDue(firstMorning);
    expect(report.failed).toBe(0);
    const mine = (await kindsOf(op)).filter((n) => n.kind !== 'case_team_added');
    expect(mine.map((n) => [n.kind, n.params, n.target.tab]).sort()).toEqual(
      [
        ['action_due', { type: 'piano_sicurezza' }, 'plan'],
        ['deadline_due', { deadline: 'hearing' }, 'profile'],
        ['review_due', {}, 'plan'],
      ].sort(),
    );
    expect(mine.every((n) => n.target.caseId === caseId)).toBe(true);
    // The action is CAV A's: CAV B hears of the review only.
    expect((await kindsOf(opB)).map((n) => n.kind).filter((k) => k !== 'case_team_added')).toEqual(['review_due']);
    // No row tells CAV B's operator of the deadline, not even a hidden one.
    const rowsB = await t.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.recipientUserId, w.users.operatorB.id));
    expect(rowsB.map((r) => r.kind)).not.toContain('deadline_due');

    // Once: the same morning again, and the next morning, tell nobody twice.
    await t.ctx.jobs.runDue(firstMorning);
    await t.ctx.jobs.runDue(new Date(firstMorning.getTime() + DAY));
    expect((await kindsOf(op)).filter((n) => n.kind !== 'case_team_added')).toHaveLength(3);
    expect((await kindsOf(opB)).filter((n) => n.kind !== 'case_team_added')).toHaveLength(1);
  });

  it('hides a reminder whose section the choke point no longer grants (a consent revoked)', async () => {
    const w = await createWorld(t);
    const [op, head, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB)]);
    const caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-20) })).id as string;
    const at = new Date(firstMorning.getTime() + 2 * DAY);
    ok(await op.request('POST', `/api/cases/${caseId}/plan/reviews`, { on: day(-30), herAgreement: true, nextReviewOn: morningOf(at) }));
    ok(await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['plan'], givenOn: day(-1), form: 'scritto' }));
    ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id }), 200);
    await t.ctx.jobs.runDue(at);
    expect((await kindsOf(opB)).map((n) => n.kind)).toContain('review_due');
    const share = (ok(await op.request('GET', `/api/cases/${caseId}/consents`), 200) as { id: string; purpose: string }[]).find((c) => c.purpose === 'condivisione')!;
    ok(await op.request('POST', `/api/cases/${caseId}/consents/${share.id}/revoke`, undefined), 200);
    // Only the notice that her share ended is left: no case, no code, pointing to her caseload.
    expect(await kindsOf(opB)).toMatchObject([{ kind: 'case_share_ended', params: {}, target: { type: 'caseload' } }]);
    expect(ok(await opB.request('GET', '/api/notifications/unread-count'), 200).unread).toBe(1);
  });

  it('tells the team of a pathway the day it goes the stale period without contact', async () => {
    const w = await createWorld(t);
    const op = await login(t, w.users.operatorA);
    const caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-40) })).id as string;
    const staleDays = t.ctx.config.caseStaleDays;
    const at = new Date(firstMorning.getTime() + 3 * DAY);
    await t.db.update(cases).set({ lastContactAt: new Date(`${shift(morningOf(at), -staleDays)}T10:00:00Z`) }).where(eq(cases.id, caseId));
    await t.ctx.jobs.runDue(at);
    const stale = (await kindsOf(op)).filter((n) => n.kind === 'pathway_stale');
    expect(stale).toEqual([expect.objectContaining({ params: { days: String(staleDays) }, target: expect.objectContaining({ caseId, tab: 'timeline' }) })]);
  });
});
