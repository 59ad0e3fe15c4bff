import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autonomyExpenses, autonomyProjectSteps } from '../../src/server/modules/autonomy/index.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { day, match } from '../support/http.js';
import { GOALS, approved, caseWithCpi, createAutonomyWorld, draft, move, signIn } from './autonomy-projects.world.js';

/** Personalised autonomy projects: intake, approval chain role by role, who sees what, caps and expenses (docs/autonomy.md, "Projects"). */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function setup(shares?: Parameters<typeof createAutonomyWorld>[1]) {
  const w = await createAutonomyWorld(t, shares);
  const a = await signIn(t, w);
  const caseId = await caseWithCpi(w, a);
  return { w, a, caseId };
}

describe('intake', () => {
  it("refers a case to the équipe once, shows it in the équipe's inbox, and records the decision with its reason", async () => {
    const { w, a, caseId } = await setup();
    const sent = await a.op.request('POST', '/api/autonomy/intakes', { programmeId: w.programmeId, equipeId: w.equipeId, caseId, note: 'Motivo riservato Ortensia' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ state: 'segnalata', note: 'Motivo riservato Ortensia', caseId });
    // One live referral per programme and case.
    expect((await a.op.request('POST', '/api/autonomy/intakes', { programmeId: w.programmeId, equipeId: w.equipeId, caseId })).status).toBe(409);
    const inbox = await a.equipe.request('GET', '/api/autonomy/intakes?box=inbox');
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toEqual([sent.body.id]);
    expect(inbox.body.items[0].caseCode).toMatch(/\S/);
    expect((await a.op.request('GET', '/api/autonomy/intakes?box=sent')).body.items).toHaveLength(1);
    // Nobody outside the équipe sees or decides it.
    expect((await a.foreign.request('GET', '/api/autonomy/intakes?box=inbox')).body.items).toEqual([]);
    expect((await a.foreign.request('POST', `/api/autonomy/intakes/${sent.body.id}/decision`, { decision: 'ammessa' }, match(1))).status).toBe(404);
    expect((await a.capofila.request('POST', `/api/autonomy/intakes/${sent.body.id}/decision`, { decision: 'ammessa' }, match(1))).status).toBe(404);
    // A refusal needs its coded reason; a stale version is refused.
    expect((await a.equipe.request('POST', `/api/autonomy/intakes/${sent.body.id}/decision`, { decision: 'non_ammessa' }, match(1))).status).toBe(400);
    expect((await a.equipe.request('POST', `/api/autonomy/intakes/${sent.body.id}/decision`, { decision: 'ammessa' }, match(7))).status).toBe(412);
    expect((await a.equipe.request('POST', `/api/autonomy/intakes/${sent.body.id}/decision`, { decision: 'ammessa' })).status).toBe(428);
    const decided = await a.social.request('POST', `/api/autonomy/intakes/${sent.body.id}/decision`, { decision: 'ammessa', note: 'Ragionamento Ibisco' }, match(1));
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ state: 'ammessa', decisionNote: 'Ragionamento Ibisco', note: 'Motivo riservato Ortensia', version: 2 });
    expect((await a.equipe.request('POST', `/api/autonomy/intakes/${sent.body.id}/decision`, { decision: 'ammessa' }, match(2))).body.code).toBe('autonomy_intake_not_pending');
    // The project starts from the admitted intake: programme and équipe come from it.
    const p = await a.op.request('POST', '/api/autonomy/projects', { intakeId: sent.body.id, caseId, areas: ['lavoro'], goals: GOALS });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    expect(p.body).toMatchObject({ state: 'bozza', view: 'team', programme: { id: w.programmeId }, equipe: { id: w.equipeId }, goals: GOALS });
    expect((await a.op.request('POST', '/api/autonomy/projects', { intakeId: sent.body.id, caseId, areas: ['lavoro'], goals: GOALS })).status).toBe(409);
    const raw = JSON.stringify((await t.db.execute(sql`select * from autonomy_intakes, autonomy_projects`)).rows);
    expect(raw).not.toContain('Ortensia');
    expect(raw).not.toContain('Glicine');
  });

  it('lets the referring team withdraw a referral awaiting the équipe, and nobody else', async () => {
    const { w, a, caseId } = await setup();
    const sent = await a.op.request('POST', '/api/autonomy/intakes', { programmeId: w.programmeId, equipeId: w.equipeId, caseId });
    expect((await a.equipe.request('POST', `/api/autonomy/intakes/${sent.body.id}/withdraw`, undefined, match(1))).status).toBe(404);
    expect((await a.foreign.request('POST', `/api/autonomy/intakes/${sent.body.id}/withdraw`, undefined, match(1))).status).toBe(404);
    expect((await a.op.request('POST', `/api/autonomy/intakes/${sent.body.id}/withdraw`, undefined, match(3))).status).toBe(412);
    const done = await a.op.request('POST', `/api/autonomy/intakes/${sent.body.id}/withdraw`, undefined, match(1));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ state: 'ritirata', version: 2 });
    expect((await a.op.request('POST', `/api/autonomy/intakes/${sent.body.id}/withdraw`, undefined, match(2))).body.code).toBe('autonomy_intake_not_pending');
    // Withdrawn, it is no longer live: the case may be referred again.
    expect((await a.op.request('POST', '/api/autonomy/intakes', { programmeId: w.programmeId, equipeId: w.equipeId, caseId })).status).toBe(201);
  });

  it('refuses a non-admitted intake as the source of a project', async () => {
    const { w, a, caseId } = await setup();
    const sent = await a.op.request('POST', '/api/autonomy/intakes', { programmeId: w.programmeId, equipeId: w.equipeId, caseId });
    await a.equipe.request('POST', `/api/autonomy/intakes/${sent.body.id}/decision`, { decision: 'non_ammessa', reason: 'non_pronta' }, match(1));
    const p = await a.op.request('POST', '/api/autonomy/projects', { intakeId: sent.body.id, caseId, areas: ['lavoro'], goals: GOALS });
    expect(p.status).toBe(400);
    expect(p.body.errors[0]).toMatchObject({ pointer: '/body/intakeId', code: 'not_allowed' });
  });
});

describe('the approval chain, role by role', () => {
  it('proposed by the team, validated by the équipe, approved by the capofila only after validation', async () => {
    const { w, a, caseId } = await setup();
    const p = await draft(w, a, caseId);
    // A draft is the team's own: the équipe and the capofila do not see it yet.
    expect((await a.equipe.request('GET', `/api/autonomy/projects/${p.id}`)).status).toBe(404);
    expect((await a.capofila.request('GET', `/api/autonomy/projects/${p.id}`)).status).toBe(404);
    // The CAV operator can neither validate nor approve.
    expect((await move(a.op, p.id, 1, { move: 'valida' })).status).toBe(403);
    expect((await move(a.op, p.id, 1, { move: 'approva' })).status).toBe(403);
    let r = await move(a.op, p.id, 1, { move: 'proponi' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('proposta');
    // The capofila approves only after validation.
    expect((await move(a.capofila, p.id, 2, { move: 'approva' })).body.code).toBe('autonomy_project_state');
    expect((await a.equipe.request('GET', '/api/autonomy/inbox')).body.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    expect((await a.capofila.request('GET', '/api/autonomy/inbox')).body.items).toEqual([]);
    // Sent back needs a reason.
    expect((await move(a.equipe, p.id, 2, { move: 'rimanda' })).status).toBe(400);
    r = await move(a.equipe, p.id, 2, { move: 'rimanda', reason: 'budget_da_rivedere', comment: 'Commento Verbena' });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('bozza');
    // Sent back, revised and proposed again; the équipe still sees it (it was proposed once).
    expect((await a.equipe.request('GET', `/api/autonomy/projects/${p.id}`)).status).toBe(200);
    r = await move(a.op, p.id, 3, { move: 'proponi' });
    r = await move(a.social, p.id, r.body.version, { move: 'valida' });
    expect(r.body.state).toBe('validata');
    expect((await a.capofila.request('GET', '/api/autonomy/inbox')).body.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    expect((await a.equipe.request('GET', '/api/autonomy/inbox')).body.items).toEqual([]);
    // The CAV operator still cannot approve; nor can the capofila's operator (the head or the coordinator approve).
    expect((await move(a.op, p.id, r.body.version, { move: 'approva' })).status).toBe(403);
    expect((await move(a.capofilaOp, p.id, r.body.version, { move: 'approva' })).status).toBe(403);
    expect((await move(a.capofila, p.id, r.body.version - 1, { move: 'approva' })).status).toBe(412);
    r = await move(a.capofila, p.id, r.body.version, { move: 'approva' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('approvata');
    r = await move(a.op, p.id, r.body.version, { move: 'avvia', on: day(0) });
    expect(r.body).toMatchObject({ state: 'in_corso', startedOn: day(0) });
    expect((await move(a.op, p.id, r.body.version, { move: 'interrompi' })).status).toBe(400);
    r = await move(a.op, p.id, r.body.version, { move: 'concludi' });
    expect(r.body.state).toBe('conclusa');
    expect(r.body.steps.map((s: { move: string }) => s.move)).toEqual(['proponi', 'rimanda', 'proponi', 'valida', 'approva', 'avvia', 'concludi']);
    expect(r.body.steps[1]).toMatchObject({ reason: 'budget_da_rivedere', comment: 'Commento Verbena', byOrganisation: { id: w.orgs.cavB } });
    expect(await t.db.select().from(autonomyProjectSteps).where(eq(autonomyProjectSteps.projectId, p.id))).toHaveLength(7);
    const moves = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'autonomy.project.move'), eq(auditLog.resourceId, p.id), eq(auditLog.outcome, 'success'))).orderBy(asc(auditLog.id));
    expect(moves).toHaveLength(7);
  });

  it('starts from validata only when the project spends no programme money', async () => {
    const { w, a, caseId } = await setup();
    const withMoney = await draft(w, a, caseId);
    let v = (await a.op.request('PUT', `/api/autonomy/projects/${withMoney.id}/budget`, { items: [{ categoryCode: 'formazione', plannedCents: 1 }] }, match(1))).body.version;
    v = (await move(a.op, withMoney.id, v, { move: 'proponi' })).body.version;
    v = (await move(a.equipe, withMoney.id, v, { move: 'valida' })).body.version;
    expect((await move(a.op, withMoney.id, v, { move: 'avvia' })).body.code).toBe('autonomy_project_state');
    const free = await draft(w, a, caseId, ['lavoro']);
    v = (await move(a.op, free.id, 1, { move: 'proponi' })).body.version;
    const validated = await move(a.equipe, free.id, v, { move: 'valida' });
    expect(validated.body.can.moves).toEqual([]);
    expect((await a.op.request('GET', `/api/autonomy/projects/${free.id}`)).body.can.moves).toEqual(['avvia', 'interrompi']);
    expect((await move(a.op, free.id, validated.body.version, { move: 'avvia' })).body.state).toBe('in_corso');
  });
});

describe('who sees what', () => {
  it('the team everything, the équipe and capofila the approval view, the CPI no budget nor expenses, a foreign organisation nothing', async () => {
    const { w, a, caseId } = await setup();
    const p = await approved(w, a, caseId);
    const spent = await a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 12_345, committedOn: day(0), note: 'Nota Mughetto' });
    expect(spent.status, JSON.stringify(spent.body)).toBe(201);
    const team = (await a.op.request('GET', `/api/autonomy/projects/${p.id}`)).body;
    expect(team).toMatchObject({ view: 'team', goals: GOALS, budget: { plannedCents: 300_000, usedCents: 12_345 } });
    expect(team.expenses[0]).toMatchObject({ amountCents: 12_345, note: 'Nota Mughetto' });
    for (const agent of [a.equipe, a.capofila]) {
      const seen = await agent.request('GET', `/api/autonomy/projects/${p.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ view: 'approval', goals: GOALS, budget: { plannedCents: 300_000 } });
      expect(seen.body.expenses[0]).toMatchObject({ amountCents: 12_345, note: null, documentId: null });
      expect(JSON.stringify(seen.body)).not.toContain('Mughetto');
    }
    // Work and housing only: no goals, budget, expenses or history (the reduced view), and no project list beyond that.
    const cpi = await a.cpi.request('GET', `/api/autonomy/projects/${p.id}`);
    expect(cpi.status).toBe(200);
    expect(cpi.body).toMatchObject({ view: 'work_housing', goals: null, budget: null, expenses: null, steps: null, can: { edit: false, budget: false, expense: false, moves: [] } });
    expect(JSON.stringify(cpi.body)).not.toContain('Glicine');
    const cpiList = await a.cpi.request('GET', `/api/cases/${caseId}/autonomy-projects`);
    expect(cpiList.body.items[0]).toMatchObject({ id: p.id, view: 'work_housing', plannedCents: null });
    expect((await a.cpi.request('POST', `/api/autonomy/projects/${p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 1, committedOn: day(0) })).status).toBe(403);
    // A foreign organisation: 404 on every id, audited as denied.
    const f = a.foreign;
    const answers = [
      await f.request('GET', `/api/autonomy/projects/${p.id}`),
      await f.request('PATCH', `/api/autonomy/projects/${p.id}`, { goals: 'x' }, match(p.version)),
      await f.request('PUT', `/api/autonomy/projects/${p.id}/budget`, { items: [] }, match(p.version)),
      await move(f, p.id, p.version, { move: 'interrompi', reason: 'altro' }),
      await f.request('POST', `/api/autonomy/projects/${p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 1, committedOn: day(0) }),
      await f.request('POST', `/api/autonomy/projects/${p.id}/expenses/${spent.body.expenses[0].id}/moves`, { move: 'annulla' }, match(1)),
      await f.request('GET', `/api/cases/${caseId}/autonomy-projects`),
    ];
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect((await f.request('GET', '/api/autonomy/inbox')).body.items).toEqual([]);
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.resourceId, p.id), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id));
    expect(denied.length).toBeGreaterThanOrEqual(6);
  });

  it('keeps goals, comments and notes sealed in the database', async () => {
    const { w, a, caseId } = await setup();
    const p = await approved(w, a, caseId);
    await a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 100, committedOn: day(0), note: 'Nota Mughetto' });
    const raw = JSON.stringify((await t.db.execute(sql`select p.*, e.* from autonomy_projects p left join autonomy_expenses e on e.project_id = p.id where p.id = ${p.id}`)).rows);
    expect(raw).not.toContain('Glicine');
    expect(raw).not.toContain('Mughetto');
  });
});

describe('budget and caps', () => {
  it('plans up to each cap exactly, refuses one cent over naming the cap, and only in a draft', async () => {
    const { w, a, caseId } = await setup();
    const p = await draft(w, a, caseId);
    const over = await a.op.request('PUT', `/api/autonomy/projects/${p.id}/budget`, { items: [{ categoryCode: 'tirocinio', plannedCents: 200_000 }, { categoryCode: 'trasporto', plannedCents: 100_001 }] }, match(1));
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('autonomy_cap_exceeded');
    expect(over.body.errors[0].params).toMatchObject({ cap: 'autonomia', capCents: 300_000 });
    const exact = await a.op.request('PUT', `/api/autonomy/projects/${p.id}/budget`, { items: [{ categoryCode: 'tirocinio', plannedCents: 200_000 }, { categoryCode: 'trasporto', plannedCents: 100_000 }, { categoryCode: 'canone', plannedCents: 150_000 }] }, match(1));
    expect(exact.status, JSON.stringify(exact.body)).toBe(200);
    expect(exact.body.budget.caps).toEqual([
      expect.objectContaining({ code: 'autonomia', capCents: 300_000, plannedCents: 300_000, usedCents: 0, leftCents: 300_000 }),
      expect.objectContaining({ code: 'abitare', capCents: 150_000, plannedCents: 150_000 }),
    ]);
    // A category outside the areas, a fraction of a cent, a stale version.
    const lavoro = await draft(w, a, caseId, ['lavoro']);
    expect((await a.op.request('PUT', `/api/autonomy/projects/${lavoro.id}/budget`, { items: [{ categoryCode: 'deposito', plannedCents: 1 }] }, match(1))).body.errors[0]).toMatchObject({ pointer: '/body/items/0/categoryCode', code: 'unknown_item' });
    expect((await a.op.request('PUT', `/api/autonomy/projects/${lavoro.id}/budget`, { items: [{ categoryCode: 'tirocinio', plannedCents: 10.5 }] }, match(1))).status).toBe(400);
    expect((await a.op.request('PUT', `/api/autonomy/projects/${lavoro.id}/budget`, { items: [] }, match(9))).status).toBe(412);
    const proposed = await move(a.op, p.id, exact.body.version, { move: 'proponi' });
    expect((await a.op.request('PUT', `/api/autonomy/projects/${p.id}/budget`, { items: [] }, match(proposed.body.version))).body.code).toBe('autonomy_project_state');
    expect((await a.op.request('PATCH', `/api/autonomy/projects/${p.id}`, { goals: 'Nuovo' }, match(proposed.body.version))).body.code).toBe('autonomy_project_state');
  });

  it('accepts an expense exactly at the cap, refuses one cent over with what is left, and frees the room of a cancelled one', async () => {
    const { w, a, caseId } = await setup();
    const p = await approved(w, a, caseId);
    const spend = (categoryCode: string, amountCents: number, extra: Record<string, unknown> = {}) =>
      a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses`, { categoryCode, partnerOrganisationId: w.orgs.cavA, amountCents, committedOn: day(0), ...extra });
    expect((await spend('tirocinio', 250_000)).status).toBe(201);
    const last = await spend('trasporto', 50_000);
    expect(last.status).toBe(201);
    const over = await spend('formazione', 1);
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('autonomy_cap_exceeded');
    expect(over.body.errors[0]).toMatchObject({ pointer: '/body/amountCents', code: 'cap_exceeded', params: { cap: 'autonomia', capCents: 300_000, usedCents: 300_000, leftCents: 0 } });
    // Another cap still has room.
    expect((await spend('deposito', 150_000)).status).toBe(201);
    expect((await spend('canone', 1)).body.errors[0].params).toMatchObject({ cap: 'abitare', leftCents: 0 });
    // Cancelled: its room comes back; paid: it still counts.
    const expense = last.body.expenses.find((e: { amountCents: number }) => e.amountCents === 50_000);
    expect((await a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses/${expense.id}/moves`, { move: 'annulla' }, match(5))).status).toBe(412);
    const cancelled = await a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses/${expense.id}/moves`, { move: 'annulla' }, match(1));
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect((await a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses/${expense.id}/moves`, { move: 'paga', paidOn: day(0) }, match(2))).body.code).toBe('autonomy_expense_state');
    const again = await spend('formazione', 50_000);
    expect(again.status).toBe(201);
    const tir = again.body.expenses.find((e: { categoryCode: string }) => e.categoryCode === 'tirocinio');
    const paid = await a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses/${tir.id}/moves`, { move: 'paga', paidOn: day(0) }, match(1));
    expect(paid.body.expenses.find((e: { id: string }) => e.id === tir.id)).toMatchObject({ state: 'pagata', paidOn: day(0) });
    expect((await spend('formazione', 1)).status).toBe(409);
    // Integer cents only; a receipt must be a document of this case; a partner must be the programme's.
    expect((await spend('formazione', 0.5)).status).toBe(400);
    expect((await spend('formazione', '100' as unknown as number)).status).toBe(400);
    expect((await spend('deposito', 1, { documentId: crypto.randomUUID() })).body.errors?.[0]?.pointer).toBeDefined();
    const notPartner = await a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses`, { categoryCode: 'canone', partnerOrganisationId: w.orgs.cavB, amountCents: 1, committedOn: day(0) });
    expect(notPartner.body.errors[0]).toMatchObject({ pointer: '/body/partnerOrganisationId', code: 'unknown_organisation' });
  });

  it("refuses an expense over the partner's share of the axis, and any expense before approval", async () => {
    const { w, a, caseId } = await setup([
      { axis: 'II', org: 'cavA', cents: 100_000 },
      { axis: 'IV', org: 'cavA', cents: 0 },
    ]);
    const d = await draft(w, a, caseId);
    expect((await a.op.request('POST', `/api/autonomy/projects/${d.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 1, committedOn: day(0) })).body.code).toBe('autonomy_project_state');
    const p = await approved(w, a, caseId, []);
    const spend = (categoryCode: string, amountCents: number) => a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses`, { categoryCode, partnerOrganisationId: w.orgs.cavA, amountCents, committedOn: day(0) });
    expect((await spend('tirocinio', 100_000)).status).toBe(201);
    const over = await spend('formazione', 1);
    expect(over.body.code).toBe('autonomy_budget_exceeded');
    expect(over.body.errors[0].params).toMatchObject({ axis: 'II', capCents: 100_000, usedCents: 100_000, leftCents: 0 });
    // No share at all on an axis (none recorded for axis III).
    expect((await spend('trasporto', 1)).body.code).toBe('autonomy_budget_exceeded');
  });

  it('records one expense for a repeated Idempotency-Key', async () => {
    const { w, a, caseId } = await setup();
    const p = await approved(w, a, caseId);
    const body = { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 1_000, committedOn: day(0) };
    const key = { 'idempotency-key': `spesa-${p.id}` };
    expect((await a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses`, body, key)).status).toBe(201);
    expect((await a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses`, body, key)).status).toBe(201);
    expect((await a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses`, { ...body, amountCents: 2_000 }, key)).status).toBe(422);
    expect(await t.db.select().from(autonomyExpenses).where(eq(autonomyExpenses.projectId, p.id))).toHaveLength(1);
  });
});

describe('caps under concurrency', () => {
  it('never lets concurrent expenses on one project go over the cap together', async () => {
    const { w, a, caseId } = await setup();
    const p = await approved(w, a, caseId);
    const N = 12;
    const each = 40_000; // 7 fit under €3,000 (280,000), the 8th would not
    const answers = await Promise.all(
      Array.from({ length: N }, () =>
        a.op.request('POST', `/api/autonomy/projects/${p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: each, committedOn: day(0) }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(7);
    expect(statuses.filter((s) => s === 409)).toHaveLength(N - 7);
    const [sum] = await t.db
      .select({ cents: sql<string>`coalesce(sum(${autonomyExpenses.amountCents}), 0)` })
      .from(autonomyExpenses)
      .where(and(eq(autonomyExpenses.projectId, p.id), ne(autonomyExpenses.state, 'annullata')));
    expect(Number(sum!.cents)).toBe(280_000);
    expect(Number(sum!.cents)).toBeLessThanOrEqual(300_000);
  });

  it("never lets concurrent expenses of two projects overspend the partner's share of an axis", async () => {
    const { w, a, caseId } = await setup([{ axis: 'II', org: 'cavA', cents: 100_000 }]);
    const other = await caseWithCpi(w, a);
    const p1 = await approved(w, a, caseId, []);
    const p2 = await approved(w, a, other, []);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        a.op.request('POST', `/api/autonomy/projects/${(i % 2 ? p1 : p2).id}/expenses`, { categoryCode: 'formazione', partnerOrganisationId: w.orgs.cavA, amountCents: 30_000, committedOn: day(0) }),
      ),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(3);
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.code === 'autonomy_budget_exceeded')).toBe(true);
    const [sum] = await t.db
      .select({ cents: sql<string>`coalesce(sum(${autonomyExpenses.amountCents}), 0)` })
      .from(autonomyExpenses)
      .where(and(eq(autonomyExpenses.programmeId, w.programmeId), ne(autonomyExpenses.state, 'annullata')));
    expect(Number(sum!.cents)).toBe(90_000);
  });
});

describe('bad input', () => {
  it('refuses NUL bytes, unknown areas, a stale or missing If-Match', async () => {
    const { w, a, caseId } = await setup();
    expect((await a.op.request('POST', '/api/autonomy/projects', { programmeId: w.programmeId, equipeId: w.equipeId, caseId, areas: ['lavoro'], goals: 'a\u0000b' })).status).toBe(400);
    const unknown = await a.op.request('POST', '/api/autonomy/projects', { programmeId: w.programmeId, equipeId: w.equipeId, caseId, areas: ['pesca'], goals: GOALS });
    expect(unknown.body.errors[0]).toMatchObject({ pointer: '/body/areas/0', code: 'unknown_item' });
    const p = await draft(w, a, caseId);
    expect((await a.op.request('PATCH', `/api/autonomy/projects/${p.id}`, { goals: 'Nuovo' }, match(2))).status).toBe(412);
    expect((await a.op.request('PATCH', `/api/autonomy/projects/${p.id}`, { goals: 'Nuovo' })).status).toBe(428);
    const ok = await a.op.request('PATCH', `/api/autonomy/projects/${p.id}`, { goals: 'Nuovo obiettivo' }, match(1));
    expect(ok.body).toMatchObject({ goals: 'Nuovo obiettivo', version: 2 });
    // Only the team leading the plan drafts: the CPI (work and housing) may not; nor may anyone outside the case.
    expect((await a.cpi.request('POST', '/api/autonomy/projects', { programmeId: w.programmeId, equipeId: w.equipeId, caseId, areas: ['lavoro'], goals: GOALS })).status).toBe(404);
    expect((await a.foreign.request('POST', '/api/autonomy/projects', { programmeId: w.programmeId, equipeId: w.equipeId, caseId, areas: ['lavoro'], goals: GOALS })).status).toBe(404);
  });
});
