import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { referrals } from '../../src/server/modules/referrals/index.js';
import { sweepReferrals } from '../../src/server/modules/referrals/referrals.jobs.js';
import { quantile } from '../../src/server/modules/referrals/referrals.stats.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, type World, createUser, createWorld, login } from '../support/world.js';
import { expectOk, day } from '../support/http.js';

/**
 * Everything around a referral's core (docs/referrals.md): the notices each
 * side gets (codes only, shown only to who may see the referral), the
 * hourly job that reminds once and expires, and the counters — her
 * organisation's, and a network's with small cells suppressed. Time is
 * driven by the jobs platform's runDue or by moving a referral's sending
 * time back, never waited for.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const ok = expectOk(201);
type Item = { kind: string; params: Record<string, string>; target: { type: string; referralId?: string; caseId?: string | null; caseCode?: string | null } };
const noticesOf = async (a: Agent) => (ok(await a.request('GET', '/api/notifications?status=all&pageSize=100'), 200).items as Item[]).filter((n) => n.kind.startsWith('referral_'));
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** A case of CAV A, shared with `to` for a referral, and the referral sent. */
async function refer(op: Agent, to: string, code?: { caseId: string; consentId: string }) {
  const caseId = code?.caseId ?? (ok(await op.request('POST', '/api/cases', { contactOn: day(-10) })).id as string);
  let consentId = code?.consentId;
  if (!consentId) {
    const ledger = ok(await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: to, sections: ['plan'], givenOn: day(-1), form: 'scritto', referralPurposes: ['presa_in_carico'] })) as { id: string; purpose: string }[];
    consentId = ledger.find((c) => c.purpose === 'condivisione')!.id;
  }
  const referral = ok(await op.request('POST', `/api/cases/${caseId}/referrals`, { consentId, purpose: 'presa_in_carico', urgency: 'ordinaria', sections: ['plan'] }));
  return { caseId, consentId, id: referral.id as string, version: referral.version as number };
}

describe('referral notifications', () => {
  it('tell the other side of each step, in codes only, and only who may see the referral', async () => {
    const w = await createWorld(t);
    const op2 = await createUser(t, { memberships: [{ organisationId: w.orgs.cavA, role: 'operator' }] });
    const [opA, headA, opB, headB, coordinator, opA2] = await Promise.all([
      login(t, w.users.operatorA),
      login(t, w.users.headA),
      login(t, w.users.operatorB),
      login(t, w.users.headB),
      login(t, w.users.coordinator),
      login(t, op2),
    ]);
    const first = await refer(opA, w.orgs.cavB);
    const caseCode = ok(await opA.request('GET', `/api/cases/${first.caseId}`), 200).code as string;
    ok(await headA.request('POST', `/api/cases/${first.caseId}/team`, { userId: op2.id }), 200);

    // Received: CAV B's staff who may answer, naming no case; the sender is not told of her own act.
    for (const b of [opB, headB]) {
      expect(await noticesOf(b)).toEqual([{ kind: 'referral_received', params: {}, target: { type: 'referral', referralId: first.id, caseId: null, caseCode: null }, createdAt: expect.any(String), readAt: null, id: expect.any(String) }]);
    }
    expect(await noticesOf(opA)).toEqual([]);
    expect(await noticesOf(coordinator)).toEqual([]);

    // Declined: the sender's case team hears, with the reason's code and the case's code; her head (not on the team) does not.
    ok(await opB.request('POST', `/api/referrals/${first.id}/decline`, { reason: 'no_capacity', note: 'Maria Rossi non risponde' }, ifMatch(first.version)), 200);
    for (const a of [opA, opA2]) {
      expect((await noticesOf(a)).map((n) => [n.kind, n.params, n.target])).toEqual([['referral_declined', { reason: 'no_capacity' }, { type: 'referral', referralId: first.id, caseId: first.caseId, caseCode }]]);
    }
    expect(await noticesOf(headA)).toEqual([]);
    // The decider is not told of her own answer; nothing of the note is anywhere in a notification.
    expect((await noticesOf(opB)).map((n) => n.kind)).toEqual(['referral_received']);
    const rows = await t.db.select({ params: notifications.params, kind: notifications.kind }).from(notifications).where(eq(notifications.referralId, first.id));
    expect(JSON.stringify(rows)).not.toMatch(/Maria|Rossi|risponde/);

    // Withdrawn: the recipient's staff hear of it.
    const second = await refer(opA, w.orgs.cavB, first);
    ok(await opA.request('POST', `/api/referrals/${second.id}/withdraw`, undefined, ifMatch(second.version)), 200);
    expect((await noticesOf(headB)).filter((n) => n.target.referralId === second.id).map((n) => n.kind).sort()).toEqual(['referral_received', 'referral_withdrawn']);

    // Accepted: the sender's team hears.
    const third = await refer(opA, w.orgs.cavB, first);
    ok(await headB.request('POST', `/api/referrals/${third.id}/accept`, undefined, ifMatch(third.version)), 200);
    expect((await noticesOf(opA)).filter((n) => n.target.referralId === third.id).map((n) => n.kind)).toEqual(['referral_accepted']);

    // Taken off the case's team, she no longer sees its referral notices, nor counts them.
    ok(await headA.request('DELETE', `/api/cases/${first.caseId}/team/${op2.id}`), 200);
    expect(await noticesOf(opA2)).toEqual([]);
    expect(ok(await opA2.request('GET', '/api/notifications/unread-count'), 200).unread).toBe(0);
    // The list that showed the case's code audited that it showed the case.
    const [listed] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.listed'), eq(auditLog.actorUserId, w.users.operatorA.id), sql`${first.caseId} = any(${auditLog.subjectIds})`));
    expect(listed!.n).toBeGreaterThan(0);
  });
});

describe('the hourly referrals job', () => {
  it('reminds both sides once after REFERRAL_REMIND_HOURS, then expires the referral after REFERRAL_EXPIRE_DAYS', async () => {
    const w = await createWorld(t);
    const [opA, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.operatorB)]);
    const waiting = await refer(opA, w.orgs.cavB);
    const answered = await refer(opA, w.orgs.cavB);
    ok(await opB.request('POST', `/api/referrals/${answered.id}/accept`, undefined, ifMatch(answered.version)), 200);
    const { remindHours, expireDays } = t.ctx.config.referrals;
    const hours = String(remindHours);

    // Not yet: nothing.
    expect((await t.ctx.jobs.runDue(new Date(Date.now() + (remindHours - 2) * HOUR))).failed).toBe(0);
    expect((await noticesOf(opA)).filter((n) => n.kind === 'referral_unanswered')).toEqual([]);

    const late = new Date(Date.now() + (remindHours + 2) * HOUR);
    expect((await t.ctx.jobs.runDue(late)).failed).toBe(0);
    const reminded = (a: Agent, kind: string) => noticesOf(a).then((ns) => ns.filter((n) => n.kind === kind));
    expect((await reminded(opA, 'referral_unanswered')).map((n) => [n.params, n.target.referralId])).toEqual([[{ hours }, waiting.id]]);
    expect((await reminded(opB, 'referral_waiting')).map((n) => [n.params, n.target])).toEqual([[{ hours }, { type: 'referral', referralId: waiting.id, caseId: null, caseCode: null }]]);

    // Once: later hours, a direct sweep, tell nobody twice; the referral answered is never reminded.
    await t.ctx.jobs.runDue(new Date(late.getTime() + 3 * HOUR));
    await sweepReferrals(t.ctx, new Date(late.getTime() + 4 * HOUR));
    expect(await reminded(opA, 'referral_unanswered')).toHaveLength(1);
    expect(await reminded(opB, 'referral_waiting')).toHaveLength(1);

    // Expired: the state moves, the sender's team is told, once; the answered one stays accepted.
    const expiry = new Date(Date.now() + (expireDays * 24 + 2) * HOUR);
    expect((await t.ctx.jobs.runDue(expiry)).failed).toBe(0);
    await sweepReferrals(t.ctx, new Date(expiry.getTime() + HOUR));
    const states = await t.db.select({ id: referrals.id, state: referrals.state, decidedAt: referrals.decidedAt }).from(referrals).where(eq(referrals.caseId, waiting.caseId));
    expect(states[0]).toMatchObject({ state: 'scaduta', decidedAt: expect.any(Date) });
    expect((await t.db.select({ state: referrals.state }).from(referrals).where(eq(referrals.id, answered.id)))[0]!.state).toBe('accettata');
    expect((await reminded(opA, 'referral_expired')).map((n) => n.target.referralId)).toEqual([waiting.id]);
    expect(ok(await opA.request('GET', `/api/referrals/${waiting.id}`), 200).state).toBe('scaduta');
    const audit = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(and(eq(auditLog.action, 'referral.expire'), eq(auditLog.purpose, `referral:${waiting.id}`)));
    expect(audit[0]!.n).toBe(1);
    // An expired referral no longer blocks a new one to the same organisation.
    await refer(opA, w.orgs.cavB, waiting);
  });
});

describe('referral counters', () => {
  /** Nine referrals from CAV A: six accepted by the shelter (first contacts 2…12 h later), one declined by it, one withdrawn and one expired at CAV B. */
  async function history(w: World) {
    const shelterOp = await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'operator' }] });
    const [opA, opB, opS] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.operatorB), login(t, shelterOp)]);
    for (let i = 1; i <= 7; i++) {
      const r = await refer(opA, w.orgs.shelter);
      if (i === 7) {
        ok(await opS.request('POST', `/api/referrals/${r.id}/decline`, { reason: 'not_appropriate' }, ifMatch(r.version)), 200);
        continue;
      }
      ok(await opS.request('POST', `/api/referrals/${r.id}/accept`, undefined, ifMatch(r.version)), 200);
      await t.db.update(referrals).set({ firstContactAt: sql`${referrals.referredAt} + make_interval(hours => ${2 * i})` }).where(eq(referrals.id, r.id));
    }
    const withdrawn = await refer(opA, w.orgs.cavB);
    ok(await opA.request('POST', `/api/referrals/${withdrawn.id}/withdraw`, undefined, ifMatch(withdrawn.version)), 200);
    const expiring = await refer(opA, w.orgs.cavB);
    // Sent long enough ago to expire, yet within the period counted (the last 365 days).
    await t.db.update(referrals).set({ referredAt: sql`now() - interval '20 days'` }).where(eq(referrals.id, expiring.id));
    await sweepReferrals(t.ctx, new Date());
    void opB;
  }

  it("count her organisation's referrals as sender and as recipient, and time the first contacts", async () => {
    const w = await createWorld(t);
    await history(w);
    const headA = await login(t, w.users.headA);
    const mine = ok(await headA.request('GET', '/api/referrals/stats'), 200);
    expect(mine.period.to).toBe(day(0));
    expect(mine.organisation.id).toBe(w.orgs.cavA);
    expect(mine.asSender).toMatchObject({ requested: 9, pending: 0, accepted: 6, declined: 1, withdrawn: 1, annulled: 0, expired: 1 });
    expect(mine.asSender.declineReasons).toContainEqual({ reason: 'not_appropriate', count: 1 });
    expect(mine.asSender.declineReasons.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(1);
    // Median of 2,4,…,12 hours is 7; the 90th percentile 11 (interpolated, as percentile_cont).
    expect(mine.asSender.firstContact).toEqual([{ organisation: { id: w.orgs.shelter, name: expect.any(String) }, count: 6, medianHours: 7, p90Hours: 11 }]);
    expect(mine.asRecipient).toMatchObject({ requested: 0, firstContact: { count: 0, medianHours: null, p90Hours: null } });

    // CAV B as recipient: one withdrawn, one expired.
    const headB = await login(t, w.users.headB);
    expect(ok(await headB.request('GET', '/api/referrals/stats'), 200).asRecipient).toMatchObject({ requested: 2, withdrawn: 1, expired: 1, accepted: 0 });
    // A period before any of it counts nothing; a period backwards is a 400 on `to`.
    expect(ok(await headA.request('GET', '/api/referrals/stats?from=2020-01-01&to=2020-12-31'), 200).asSender.requested).toBe(0);
    const backwards = await headA.request('GET', '/api/referrals/stats?from=2026-02-01&to=2026-01-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toContainEqual(expect.objectContaining({ pointer: '/querystring/to', code: 'from_after_to' }));
    expect((await headA.request('GET', '/api/referrals/stats?from=2001-01-01')).status).toBe(400);

    // Operators and the coordinator do not read an organisation's counters; the read is audited, naming no case.
    expect((await (await login(t, w.users.operatorA)).request('GET', '/api/referrals/stats')).status).toBe(403);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'referral.stats'), eq(auditLog.actorUserId, w.users.headA.id))).orderBy(asc(auditLog.id));
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((a) => a.resourceType === 'organisation' && a.resourceId === w.orgs.cavA && !a.subjectIds?.length)).toBe(true);
  });

  it("give a network's coordinator each member's counters with small cells suppressed, and nobody else's", async () => {
    const w = await createWorld(t);
    await history(w);
    const coordinator = await login(t, w.users.coordinator);
    const net = ok(await coordinator.request('GET', `/api/referrals/stats/network?network=${w.network}`), 200);
    expect(net.threshold).toBe(5);
    const of = (id: string) => net.organisations.find((o: { organisation: { id: string } }) => o.organisation.id === id);
    // CAV B is not of the network: not listed.
    expect(of(w.orgs.cavB)).toBeUndefined();
    // CAV A sent 9: accepted 6 shown; declined, withdrawn, expired (1 each) hidden.
    expect(of(w.orgs.cavA).asSender).toMatchObject({ requested: 9, pending: 0, accepted: 6, declined: null, withdrawn: null, expired: null, annulled: 0 });
    // The shelter received 7: the one declined is hidden, and so is the accepted 6 (else 7 - 6 would give it away).
    const shelter = of(w.orgs.shelter).asRecipient;
    expect(shelter).toMatchObject({ requested: 7, accepted: null, declined: null });
    expect(shelter.declineReasons.find((r: { reason: string }) => r.reason === 'not_appropriate').count).toBeNull();
    expect(shelter.firstContact).toEqual({ count: 6, medianHours: 7, p90Hours: 11 });
    // Numbers only: no case, no code in the answer.
    expect(JSON.stringify(net)).not.toMatch(/caseId|code/);

    // Another network's coordinator, an unknown network: 404, audited as denied.
    const other = await createWorld(t);
    const stranger = await login(t, other.users.coordinator);
    expect((await stranger.request('GET', `/api/referrals/stats/network?network=${w.network}`)).status).toBe(404);
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorUserId, other.users.coordinator.id), eq(auditLog.resourceId, w.network))).orderBy(asc(auditLog.id));
    expect(denied).toHaveLength(1);
    // The head of an organisation reads no network's counters.
    expect((await (await login(t, w.users.headA)).request('GET', `/api/referrals/stats/network?network=${w.network}`)).status).toBe(403);
  });

  it('interpolates percentiles as PostgreSQL does', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});
