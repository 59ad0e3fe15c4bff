import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autonomyFollowUps, projectReference } from '../../src/server/modules/autonomy/index.js';
import { caseMembers } from '../../src/server/modules/cases/index.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { DAY, day, match, morningOf } from '../support/http.js';
import { GOALS, approved, caseWithCpi, createAutonomyWorld, draft, move, signIn } from './autonomy-projects.world.js';

/**
 * The approval chain tells its next actor, and nobody else; a follow-up
 * due is told once to the team that coordinated the project
 * (docs/autonomy.md, "The approval chain", "Follow-ups after the end").
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function setup() {
  const w = await createAutonomyWorld(t);
  const a = await signIn(t, w);
  const caseId = await caseWithCpi(w, a);
  return { w, a, caseId };
}

/** Every autonomy notice of this project: kind, recipient, the organisation she was told as, params, case and section. */
async function told(projectId: string, kind?: string) {
  const rows = await t.db
    .select({ kind: notifications.kind, recipient: notifications.recipientUserId, organisationId: notifications.organisationId, params: notifications.params, caseId: notifications.caseId, section: notifications.caseSection })
    .from(notifications)
    .where(and(like(notifications.kind, 'autonomy_%'), sql`${notifications.params}->>'projectReference' = ${projectReference(projectId)}`, kind ? eq(notifications.kind, kind) : undefined));
  return rows;
}
const recipients = (rows: { recipient: string }[]) => rows.map((r) => r.recipient).sort();

describe('the approval chain tells the next actor', () => {
  it('proposed: the équipe members who may validate; validated: the capofila’s approvers; sent back and approved: the proposing team — nobody else', async () => {
    const { w, a, caseId } = await setup();
    const u = w.users;
    const p = await draft(w, a, caseId);
    // A draft's edits tell nobody.
    expect(await told(p.id)).toEqual([]);

    let r = await move(a.op, p.id, p.version, { move: 'proponi' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const proposed = await told(p.id, 'autonomy_project_proposed');
    // CAV B's head and operator, the social service's social worker: each told as a member of her organisation.
    expect(recipients(proposed)).toEqual([u.headB.id, u.operatorB.id, u.socialWorker.id].sort());
    expect(proposed.find((n) => n.recipient === u.socialWorker.id)!.organisationId).toBe(w.orgs.social);
    // No case, no goal: the project's reference only.
    for (const n of proposed) expect(n).toMatchObject({ caseId: null, params: { projectReference: projectReference(p.id) } });
    expect(JSON.stringify(proposed)).not.toContain(GOALS);
    // In her centre: it opens the projects awaiting her organisation, naming no case.
    const centre = await a.equipe.request('GET', '/api/notifications');
    const mine = centre.body.items.find((n: { kind: string }) => n.kind === 'autonomy_project_proposed');
    expect(mine).toMatchObject({ params: { projectReference: projectReference(p.id) }, target: { type: 'autonomy', box: 'progetti' } });
    expect(JSON.stringify(mine)).not.toMatch(/caseCode|caseId/);

    r = await move(a.equipe, p.id, r.body.version, { move: 'rimanda', reason: 'budget_da_rivedere', comment: 'Commento riservato Verbena' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const returned = await told(p.id, 'autonomy_project_returned');
    // The proposing team: CAV A's members of the case's team (the CPI on the team is not the proposing organisation).
    const teamA = (await t.db.select({ userId: caseMembers.userId }).from(caseMembers).where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.organisationId, w.orgs.cavA)))).map((m) => m.userId);
    expect(teamA).toContain(u.operatorA.id);
    expect(recipients(returned)).toEqual([...teamA].sort());
    for (const n of returned) expect(n).toMatchObject({ caseId, section: 'plan', organisationId: w.orgs.cavA, params: { projectReference: projectReference(p.id), reason: 'budget_da_rivedere', by: 'equipe' } });
    expect(JSON.stringify(returned)).not.toContain('Verbena');
    const opCentre = await a.op.request('GET', '/api/notifications');
    expect(opCentre.body.items.find((n: { kind: string }) => n.kind === 'autonomy_project_returned')).toMatchObject({ target: { type: 'case', caseId, tab: 'plan', caseCode: expect.any(String) } });

    r = await move(a.op, p.id, r.body.version, { move: 'proponi' });
    expect(recipients(await told(p.id, 'autonomy_project_proposed'))).toEqual([u.headB.id, u.operatorB.id, u.socialWorker.id, u.headB.id, u.operatorB.id, u.socialWorker.id].sort());
    r = await move(a.social, p.id, r.body.version, { move: 'valida' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const validated = await told(p.id, 'autonomy_project_validated');
    // The capofila's head and its network coordinator approve; its operator does not, and is not told.
    expect(recipients(validated)).toEqual([u.capofilaHead.id, u.coordinator.id].sort());
    for (const n of validated) expect(n).toMatchObject({ caseId: null, organisationId: w.orgs.capofila });

    r = await move(a.capofila, p.id, r.body.version, { move: 'approva' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const approvedNotices = await told(p.id, 'autonomy_project_approved');
    expect(recipients(approvedNotices)).toEqual([...teamA].sort());

    // Nobody else heard of it: not the CPI, the capofila's operator, the foreign CAV, CAV A's staff off the case.
    const everyone = new Set((await told(p.id)).map((n) => n.recipient));
    for (const other of [u.cpiOperator, u.capofilaOperator, u.foreignHead, u.admin, u.helpline, u.analyst]) expect(everyone.has(other.id)).toBe(false);
    // The later moves are the team's own: they tell nobody.
    const before = (await told(p.id)).length;
    r = await move(a.op, p.id, r.body.version, { move: 'avvia', on: day(0) });
    expect(r.status).toBe(200);
    expect((await told(p.id)).length).toBe(before);
  });

  it('the capofila sending it back tells the proposing team, with who sent it back', async () => {
    const { w, a, caseId } = await setup();
    const p = await draft(w, a, caseId);
    let r = await move(a.op, p.id, p.version, { move: 'proponi' });
    r = await move(a.equipe, p.id, r.body.version, { move: 'valida' });
    r = await move(a.coordinator, p.id, r.body.version, { move: 'rimanda', reason: 'documentazione_mancante' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const returned = await told(p.id, 'autonomy_project_returned');
    expect(returned.length).toBeGreaterThan(0);
    for (const n of returned) expect(n.params).toEqual({ projectReference: projectReference(p.id), reason: 'documentazione_mancante', by: 'capofila' });
    expect(returned.some((n) => n.recipient === w.users.coordinator.id)).toBe(false);
  });

  it('a refused move tells nobody', async () => {
    const { w, a, caseId } = await setup();
    const p = await draft(w, a, caseId);
    expect((await move(a.equipe, p.id, p.version, { move: 'valida' })).status).toBe(404);
    expect((await move(a.op, p.id, p.version + 1, { move: 'proponi' })).status).toBe(412);
    expect(await told(p.id)).toEqual([]);
  });
});

describe('follow-ups due', () => {
  it('tell the team that coordinated the project once, on the morning the check falls due', async () => {
    const { w, a, caseId } = await setup();
    const p = await approved(w, a, caseId);
    let v = (await move(a.op, p.id, p.version, { move: 'avvia', on: day(-400) })).body.version;
    v = (await move(a.op, p.id, v, { move: 'concludi', on: day(-200) })).body.version;
    // The six-month check falls due on the next morning.
    const firstMorning = new Date(Date.now() + DAY + 3_600_000);
    const morning = morningOf(firstMorning);
    await t.db
      .update(autonomyFollowUps)
      .set({ dueOn: morning })
      .where(and(eq(autonomyFollowUps.projectId, p.id), eq(autonomyFollowUps.months, 6)));
    const report = await t.ctx.jobs.runDue(firstMorning);
    expect(report.failed, JSON.stringify(report)).toBe(0);
    // The next morning still catches up on missed days: it is not told again.
    expect((await t.ctx.jobs.runDue(new Date(firstMorning.getTime() + DAY))).failed).toBe(0);
    const due = await told(p.id, 'autonomy_follow_up_due');
    const teamA = (await t.db.select({ userId: caseMembers.userId }).from(caseMembers).where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.organisationId, w.orgs.cavA)))).map((m) => m.userId);
    expect(recipients(due)).toEqual([...teamA].sort());
    for (const n of due) expect(n).toMatchObject({ caseId, section: 'plan', organisationId: w.orgs.cavA, params: { months: '6', projectReference: projectReference(p.id) } });
    // The CPI on the team (work and housing only), the équipe and the capofila are not told.
    for (const other of [w.users.cpiOperator, w.users.operatorB, w.users.capofilaHead, w.users.coordinator]) expect(due.some((n) => n.recipient === other.id)).toBe(false);
    expect(v).toBeGreaterThan(0);
    // A check already recorded is no longer due: nothing more.
    const [six] = await t.db.select().from(autonomyFollowUps).where(and(eq(autonomyFollowUps.projectId, p.id), eq(autonomyFollowUps.months, 6)));
    expect((await a.op.request('POST', `/api/autonomy/follow-ups/${six!.id}`, { state: 'non_consentito' }, match(six!.version))).status).toBe(200);
  });
});
