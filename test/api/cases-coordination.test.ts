import { addDays, formatISO } from 'date-fns';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { caseConsents, caseMembers } from '../../src/server/modules/cases/index.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { caseCoordination } from '../../src/server/schema.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';

/**
 * Coordination of a case's plan and team (docs/cases.md, "Coordination"):
 * the owning organisation's head hands it to the organisation of an
 * accepted referral whose sections include the plan, takes it back, and
 * the consent's revocation takes it back by itself; the coordinating
 * organisation leads the plan and staffs its own share, never beyond it.
 * On PGlite and PostgreSQL (TRAMA_TEST_DB=pg).
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const day = (n: number) => formatISO(addDays(new Date(), n), { representation: 'date' });
const ok = (res: { status: number; body: any }, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};
const match = (version: number) => ({ 'if-match': `"${version}"` });
const NAME = 'Gelsomina-Coordinata';

interface Setup {
  w: World;
  op: Agent;
  head: Agent;
  opB: Agent;
  headB: Agent;
  caseId: string;
  consentId: string;
}

async function consent(agent: Agent, caseId: string, body: Record<string, unknown>): Promise<string> {
  const ledger = ok(await agent.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', givenOn: day(-1), form: 'scritto', ...body }), 201) as { id: string }[];
  return ledger.at(-1)!.id;
}

/** CAV A's case, a sharing consent for CAV B (identity, timeline, plan, work/housing), and a referral to B accepted with `sections`. */
async function setup(sections: string[] = ['timeline', 'plan']): Promise<Setup> {
  const w = await createWorld(t);
  const [op, head, opB, headB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB), login(t, w.users.headB)]);
  const caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-10), identity: { firstName: NAME } }), 201).id as string;
  const consentId = await consent(op, caseId, { recipientOrganisationId: w.orgs.cavB, sections: ['identity', 'timeline', 'plan', 'work_housing'], referralPurposes: ['presa_in_carico'] });
  const sent = ok(await op.request('POST', `/api/cases/${caseId}/referrals`, { consentId, purpose: 'presa_in_carico', urgency: 'ordinaria', sections }), 201);
  ok(await opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(1)));
  return { w, op, head, opB, headB, caseId, consentId };
}

const version = async (s: Setup) => ok(await s.op.request('GET', `/api/cases/${s.caseId}`)).version as number;
const handTo = async (s: Setup, organisationId: string | null, v?: number, agent = s.head) =>
  agent.request('PUT', `/api/cases/${s.caseId}/coordination`, { organisationId }, match(v ?? (await version(s))));

describe('handing the coordination over', () => {
  it('goes to an accepted referral’s organisation whose share includes the plan; the case shows it to whoever holds it', async () => {
    const s = await setup();
    const before = ok(await s.op.request('GET', `/api/cases/${s.caseId}`));
    expect(before.coordination).toEqual({ organisation: { id: s.w.orgs.cavA, name: expect.any(String) }, since: null });
    const options = ok(await s.head.request('GET', `/api/cases/${s.caseId}/coordination`));
    expect(options.candidates).toEqual([expect.objectContaining({ organisation: expect.objectContaining({ id: s.w.orgs.cavB }), sections: ['timeline', 'plan'], eligible: true })]);

    // If-Match: missing 428, stale 412; nothing written.
    expect((await s.head.request('PUT', `/api/cases/${s.caseId}/coordination`, { organisationId: s.w.orgs.cavB })).status).toBe(428);
    expect((await handTo(s, s.w.orgs.cavB, before.version + 5)).status).toBe(412);
    expect(await t.db.select().from(caseCoordination).where(eq(caseCoordination.caseId, s.caseId))).toEqual([]);

    const handed = await handTo(s, s.w.orgs.cavB, before.version);
    expect(ok(handed).coordination).toMatchObject({ organisation: { id: s.w.orgs.cavB }, since: expect.any(String) });
    expect(handed.headers.etag).toBe(`"${before.version + 1}"`);
    // Both sides see it on the case.
    for (const agent of [s.op, s.opB]) expect(ok(await agent.request('GET', `/api/cases/${s.caseId}`)).coordination.organisation.id).toBe(s.w.orgs.cavB);
    const mine = ok(await s.opB.request('GET', `/api/cases/${s.caseId}`));
    expect(mine.access).toMatchObject({ owner: false, sections: ['timeline', 'plan'], acts: { leadPlan: true, manageOwnColleagues: true, editRecord: false } });
    expect(JSON.stringify(mine)).not.toContain(NAME);
    // Audited; B's members on the team are told, with the case at most.
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.coordination'), eq(auditLog.resourceId, s.caseId), eq(auditLog.purpose, `coordination:${s.w.orgs.cavB}`))).orderBy(asc(auditLog.id));
    expect(audit).toMatchObject({ outcome: 'success', actorUserId: s.w.users.headA.id });
    const told = await t.db.select().from(notifications).where(eq(notifications.kind, 'case_coordination_received'));
    expect(told.filter((n) => n.caseId === s.caseId).map((n) => n.recipientUserId)).toEqual([s.w.users.operatorB.id]);
    expect(JSON.stringify(told)).not.toContain(NAME);
  });

  it('is refused without an accepted referral, when its sections lack the plan, and to anyone but the owning organisation’s head', async () => {
    const s = await setup(['timeline']);
    const v = await version(s);
    expect((await handTo(s, s.w.orgs.cavB, v)).body.code).toBe('coordination_sections');
    expect((await handTo(s, s.w.orgs.shelter, v)).body.code).toBe('coordination_not_referred');
    expect((await handTo(s, '00000000-0000-4000-8000-000000000000', v)).status).toBe(409);
    // Not the head: the operator on the team (403, the team's rule), B's head and operator (404), the other side's staff.
    expect((await handTo(s, s.w.orgs.cavB, v, s.op)).status).toBe(403);
    expect((await handTo(s, s.w.orgs.cavB, v, s.headB)).status).toBe(404);
    expect((await s.headB.request('GET', `/api/cases/${s.caseId}/coordination`)).status).toBe(404);
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.coordination'), eq(auditLog.resourceId, s.caseId), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id));
    expect(denied.length).toBeGreaterThanOrEqual(2);
    // Bad input.
    expect((await s.head.request('PUT', `/api/cases/${s.caseId}/coordination`, { organisationId: 'x' }, match(v))).status).toBe(400);
    expect((await s.head.request('PUT', `/api/cases/${s.caseId}/coordination`, { organisationId: null, extra: 1 }, match(v))).status).toBe(400);
    expect(await version(s)).toBe(v);
  });
});

describe('two handovers at once', () => {
  it('on the same version: one is done, the other finds it stale and writes nothing', async () => {
    const s = await setup();
    const v = await version(s);
    const answers = await Promise.all([handTo(s, s.w.orgs.cavB, v), handTo(s, null, v), handTo(s, s.w.orgs.cavB, v)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((x) => x === 412).length, JSON.stringify(answers.map((a) => a.body))).toBeGreaterThanOrEqual(1);
    expect(statuses.every((x) => x === 200 || x === 412)).toBe(true);
    // At most one change went through: the version moved on once, or not at all (taking back what the owner holds changes nothing).
    expect(await version(s)).toBeLessThanOrEqual(v + 1);
  });
});

describe('what coordination grants', () => {
  it('lets the coordinating organisation lead the plan, never read beyond its share', async () => {
    const s = await setup();
    const goal = () => s.opB.request('POST', `/api/cases/${s.caseId}/plan/goals`, { area: 'lavoro' });
    // Holding the plan, B updates actions but leads nothing before the handover.
    expect((await goal()).status).toBe(403);
    expect(ok(await s.opB.request('GET', `/api/cases/${s.caseId}`)).access.acts.leadPlan).toBe(false);
    ok(await handTo(s, s.w.orgs.cavB));
    const g = ok(await goal(), 201);
    ok(await s.opB.request('POST', `/api/cases/${s.caseId}/plan/actions`, { goalId: g.id, type: 'orientamento_lavoro', ownerOrganisationId: s.w.orgs.cavA, dueOn: day(3) }), 201);
    ok(await s.opB.request('POST', `/api/cases/${s.caseId}/plan/reviews`, { on: day(0), herAgreement: true, nextReviewOn: day(30) }), 201);
    // CAV A (its action) is told; the owner still leads the plan too.
    ok(await s.op.request('POST', `/api/cases/${s.caseId}/plan/goals`, { area: 'sicurezza' }), 201);
    // Never beyond the share: the sections it was not given, the record, the ledger, the team's head acts.
    for (const path of ['children', 'documents', 'authors', 'consents', 'risk']) expect((await s.opB.request('GET', `/api/cases/${s.caseId}/${path}`)).status, path).toBe(404);
    expect((await s.opB.request('PATCH', `/api/cases/${s.caseId}`, { comuneCode: null }, match(await version(s)))).status).toBe(404);
    expect((await s.headB.request('POST', `/api/cases/${s.caseId}/team`, { userId: s.w.users.operatorB.id })).status).toBe(404);
    expect(ok(await s.opB.request('GET', `/api/cases/${s.caseId}`)).identity).toBeNull();
  });

  it('lets the coordinating organisation staff its own share: colleagues only, within the referral’s sections', async () => {
    const s = await setup();
    const colleague = await createUser(t, { memberships: [{ organisationId: s.w.orgs.cavB, role: 'social_worker' }] });
    const path = `/api/cases/${s.caseId}/coordination/team`;
    // Not coordinating yet: 404 (audited as denied), as for anyone else.
    expect((await s.opB.request('GET', path)).status).toBe(404);
    expect((await s.op.request('GET', path)).status).toBe(404);
    ok(await handTo(s, s.w.orgs.cavB));
    const list = ok(await s.opB.request('GET', path));
    expect(list).toMatchObject({ share: ['timeline', 'plan'], members: [{ userId: s.w.users.operatorB.id, self: true }] });
    expect(list.candidates.map((c: { userId: string }) => c.userId)).toEqual(expect.arrayContaining([colleague.id, s.w.users.headB.id]));
    // Beyond the share, someone of another organisation, herself: refused.
    expect((await s.opB.request('POST', path, { userId: colleague.id, sections: ['identity'] })).body.errors[0]).toMatchObject({ pointer: '/body/sections', code: 'sections_not_consented' });
    expect((await s.opB.request('POST', path, { userId: s.w.users.socialWorkerA.id })).body.errors[0]).toMatchObject({ pointer: '/body/userId', code: 'not_allowed' });
    expect((await s.opB.request('POST', path, { userId: s.w.users.operatorB.id })).status).toBe(403);
    const added = ok(await s.opB.request('POST', path, { userId: colleague.id, sections: ['plan'] }));
    expect(added.members.map((m: { userId: string }) => m.userId)).toContain(colleague.id);
    const [row] = await t.db.select().from(caseMembers).where(and(eq(caseMembers.caseId, s.caseId), eq(caseMembers.userId, colleague.id)));
    expect(row).toMatchObject({ organisationId: s.w.orgs.cavB, sections: ['plan'], consentId: s.consentId });
    const agent = await login(t, colleague);
    expect(ok(await agent.request('GET', `/api/cases/${s.caseId}`)).access.sections).toEqual(['plan']);
    expect((await s.opB.request('POST', path, { userId: colleague.id })).body.errors[0]).toMatchObject({ code: 'duplicate' });
    // Removes her own organisation's members only.
    expect((await s.opB.request('DELETE', `${path}/${s.w.users.operatorA.id}`)).status).toBe(404);
    ok(await s.opB.request('DELETE', `${path}/${colleague.id}`));
    expect((await agent.request('GET', `/api/cases/${s.caseId}`)).status).toBe(404);
  });
});

describe('taking it back', () => {
  it('the owner’s head takes it back at any time; the coordinating organisation no longer leads', async () => {
    const s = await setup();
    ok(await handTo(s, s.w.orgs.cavB));
    const back = ok(await handTo(s, null));
    expect(back.coordination).toMatchObject({ organisation: { id: s.w.orgs.cavA }, since: null });
    expect((await s.opB.request('POST', `/api/cases/${s.caseId}/plan/goals`, { area: 'lavoro' })).status).toBe(403);
    const ended = await t.db.select().from(notifications).where(and(eq(notifications.kind, 'case_coordination_ended'), eq(notifications.caseId, s.caseId)));
    expect(ended.map((n) => n.recipientUserId)).toEqual([s.w.users.operatorB.id]);
    // The owner's own id means the same.
    ok(await handTo(s, s.w.orgs.cavB));
    expect(ok(await handTo(s, s.w.orgs.cavA)).coordination.since).toBeNull();
  });

  it('revoking the consent returns it to the owner in the same transaction, and the case’s version moves on', async () => {
    const s = await setup();
    ok(await handTo(s, s.w.orgs.cavB));
    const v = await version(s);
    ok(await s.op.request('POST', `/api/cases/${s.caseId}/consents/${s.consentId}/revoke`));
    expect(await t.db.select().from(caseCoordination).where(eq(caseCoordination.caseId, s.caseId))).toEqual([]);
    const after = ok(await s.op.request('GET', `/api/cases/${s.caseId}`));
    expect(after.coordination.organisation.id).toBe(s.w.orgs.cavA);
    expect(after.version).toBe(v + 1);
    expect((await s.opB.request('GET', `/api/cases/${s.caseId}`)).status).toBe(404);
    // A handover on the old version is stale.
    expect((await handTo(s, s.w.orgs.cavB, v)).status).toBe(412);
  });

  it('an expired consent ends it without a write', async () => {
    const s = await setup();
    ok(await handTo(s, s.w.orgs.cavB));
    await t.db.update(caseConsents).set({ expiresOn: day(-1) }).where(eq(caseConsents.id, s.consentId));
    expect(ok(await s.op.request('GET', `/api/cases/${s.caseId}`)).coordination.since).toBeNull();
    expect(ok(await s.head.request('GET', `/api/cases/${s.caseId}/coordination`)).candidates).toEqual([]);
  });
});
