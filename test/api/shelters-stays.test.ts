import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { planActions } from '../../src/server/modules/cases/index.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { placementProposals, placementRequests, shelterAuthorisations, shelterStays } from '../../src/server/modules/shelters/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { day, expectOk, match } from '../support/http.js';
import type { Agent } from '../support/world.js';
import { agents, createStaysWorld, heldRequest, placeStates, type StaysWorld } from './shelters-stays.world.js';

/**
 * Stays through the API (docs/shelters.md, "Stays, agreement and emergency
 * authorisation"): the agreement path, the emergency path from a proposal
 * and without a request, the social service's decision, exit and move,
 * rule 4 on the case's plan, foreign ids and stale versions.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  if (process.env.DEBUG_LOGS) console.log(t.logs.lines.filter((l) => l.includes("\"level\":50")).slice(0, 5).join("\n"));
  await t.close();
});
const created = expectOk(201);
const ok = expectOk(200);

async function setup() {
  const s = await createStaysWorld(t);
  return { s, a: await agents(t, s) };
}

async function agree(s: StaysWorld, a: Awaited<ReturnType<typeof agents>>, requestId: string, payer = s.orgs.social) {
  const asked = created(await a.cav.request('POST', '/api/shelters/authorisations', { requestId, socialServiceId: s.orgs.social }));
  return ok(await a.social.request('POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: 'autorizza', payerOrganisationId: payer }, match(asked.version)));
}

const audits = (action: string, resourceId: string) => t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, resourceId))).orderBy(asc(auditLog.id));
const params = async (userId: string, kind: string) => (await t.db.select({ params: notifications.params }).from(notifications).where(and(eq(notifications.recipientUserId, userId), eq(notifications.kind, kind)))).map((n) => n.params);
const kinds = async (userId: string) => (await t.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.recipientUserId, userId))).map((n) => n.kind).sort();

describe('the agreement path', () => {
  it('admits only once the competent social service agreed, naming the payer', async () => {
    const { s, a } = await setup();
    const { requestId, proposalId } = await heldRequest(t, s.orgs.cavA, s.structure, 2, s.orgs.social);
    // Without the agreement: refused, nothing written.
    const early = await a.shelter.request('POST', '/api/shelters/stays', { proposalId, path: 'accordo', children: [{ age: 6, sex: 'M' }] });
    expect([early.status, early.body.code]).toEqual([409, 'stay_not_agreed']);
    expect(await t.db.select().from(shelterStays).where(eq(shelterStays.proposalId, proposalId))).toEqual([]);

    const asked = created(await a.cav.request('POST', '/api/shelters/authorisations', { requestId }));
    expect(asked).toMatchObject({ subject: 'richiesta', state: 'in_attesa', acts: { decide: false } });
    expect(await kinds(s.users.socialWorker.id)).toEqual(['shelter_authorisation_requested']);
    // A second ask while one is open: 409.
    expect((await a.cav.request('POST', '/api/shelters/authorisations', { requestId })).body.code).toBe('authorisation_not_pending');

    // The requester follows the agreements it asked; another social service sees none of them.
    expect(ok(await a.cav.request('GET', '/api/shelters/authorisations')).items.map((i: { id: string }) => i.id)).toEqual([asked.id]);
    expect(ok(await a.otherSocial.request('GET', '/api/shelters/authorisations')).items).toEqual([]);
    expect((await a.otherSocial.request('GET', `/api/shelters/authorisations/${asked.id}`)).status).toBe(404);
    const inbox = ok(await a.social.request('GET', '/api/shelters/authorisations?state=in_attesa'));
    expect(inbox.items.map((i: { id: string }) => i.id)).toEqual([asked.id]);
    expect(inbox.items[0].structure).toEqual({ id: s.structure.id, name: expect.any(String), level: 'casa_rifugio' });
    const one = ok(await a.social.request('GET', `/api/shelters/authorisations/${asked.id}`));
    expect(one.acts.decide).toBe(true);
    expect(one.payers.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([s.orgs.social, s.orgs.capofila]));
    // A payer outside the public bodies of her networks: refused.
    const bad = await a.social.request('POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: 'autorizza', payerOrganisationId: s.orgs.cavB }, match(asked.version));
    expect(bad.status).toBe(400);
    const decided = ok(await a.social.request('POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: 'autorizza', payerOrganisationId: s.orgs.capofila }, match(asked.version)));
    expect(decided).toMatchObject({ state: 'autorizzata', payer: { id: s.orgs.capofila } });
    expect(await kinds(s.users.operatorA.id)).toContain('shelter_authorisation_decided');
    // The notices name the request by its code: the ask to the social service, the answer to the requester.
    const [{ code }] = (await t.db.select({ code: placementRequests.code }).from(placementRequests).where(eq(placementRequests.id, requestId))) as [{ code: string }];
    expect(await params(s.users.socialWorker.id, 'shelter_authorisation_requested')).toEqual([{ requestCode: code }]);
    expect(await params(s.users.operatorA.id, 'shelter_authorisation_decided')).toEqual([{ decision: 'autorizzata', requestCode: code }]);

    // A household larger than the two places held (she and two children): refused, the places still held, nothing written.
    const crowded = await a.shelter.request('POST', '/api/shelters/stays', { proposalId, path: 'accordo', children: [{ age: 6, sex: 'M' }, { age: 9, sex: 'F' }] });
    expect([crowded.status, crowded.body.code]).toEqual([409, 'stay_household_too_large']);
    expect(await t.db.select().from(shelterStays).where(eq(shelterStays.proposalId, proposalId))).toEqual([]);
    expect(await placeStates(t, s.structure.unitId)).toEqual({ trattenuto: 2, libero: 2 });

    const stay = created(await a.shelter.request('POST', '/api/shelters/stays', { proposalId, path: 'accordo', children: [{ age: 6, sex: 'M' }], note: 'Arrivata con il figlio' }));
    expect(stay).toMatchObject({ side: 'struttura', path: 'accordo', state: 'in_corso', payer: { id: s.orgs.capofila }, socialService: { id: s.orgs.social }, dailyFeeCents: 8500, note: 'Arrivata con il figlio' });
    expect(await placeStates(t, s.structure.unitId)).toEqual({ occupato: 2, libero: 2 });
    const [proposal] = await t.db.select().from(placementProposals).where(eq(placementProposals.id, proposalId));
    const [request] = await t.db.select().from(placementRequests).where(eq(placementRequests.id, requestId));
    expect([proposal!.state, request!.state]).toEqual(['ammessa', 'ammessa']);
    expect(await audits('shelter.stay.admit', stay.id)).toHaveLength(1);
    // The refused payer wrote nothing; the decision, one row.
    expect(await audits('shelter.authorisation.decide', asked.id)).toHaveLength(1);

    // The social service sees the stay without the note, the unit or the request.
    const seen = ok(await a.social.request('GET', `/api/shelters/stays/${stay.id}`));
    expect(seen).toMatchObject({ side: 'servizio_sociale', note: null, unit: null, requestId: null, caseId: null });
    // The proposal is used: admitting again is refused.
    expect((await a.shelter.request('POST', '/api/shelters/stays', { proposalId, path: 'accordo' })).body.code).toBe('stay_proposal_not_held');
  });
});

describe('the emergency path', () => {
  it('admits at once from a proposal and the authorisation makes the stay run', async () => {
    const { s, a } = await setup();
    const { proposalId } = await heldRequest(t, s.orgs.cavA, s.structure, 1);
    const missing = await a.shelter.request('POST', '/api/shelters/stays', { proposalId, path: 'emergenza' });
    expect(missing.status).toBe(400);
    const stay = created(await a.shelter.request('POST', '/api/shelters/stays', { proposalId, path: 'emergenza', socialServiceId: s.orgs.social }));
    expect(stay).toMatchObject({ state: 'in_autorizzazione', payer: null, authorisation: { state: 'in_attesa' } });
    const due = new Date(stay.authorisation.dueAt).getTime() - Date.now();
    expect(due).toBeGreaterThan(71 * 3_600_000);
    expect(due).toBeLessThanOrEqual(72 * 3_600_000);
    const auth = ok(await a.social.request('GET', `/api/shelters/authorisations/${stay.authorisation.id}`));
    expect(auth).toMatchObject({ subject: 'permanenza', stayId: stay.id, overdue: false });
    // Not the competent social service: 404.
    expect((await a.otherSocial.request('POST', `/api/shelters/authorisations/${auth.id}/decide`, { decision: 'rifiuta' }, match(auth.version))).status).toBe(404);
    // Stale: 412.
    expect((await a.social.request('POST', `/api/shelters/authorisations/${auth.id}/decide`, { decision: 'rifiuta' }, match(auth.version + 1))).status).toBe(412);
    ok(await a.social.request('POST', `/api/shelters/authorisations/${auth.id}/decide`, { decision: 'autorizza', payerOrganisationId: s.orgs.social }, match(auth.version)));
    const after = ok(await a.shelter.request('GET', `/api/shelters/stays/${stay.id}`));
    expect(after).toMatchObject({ state: 'in_corso', payer: { id: s.orgs.social }, authorisation: { state: 'autorizzata' } });
  });

  it('admits without any request into free places, and refusing it tells the structure and the coordinator; the exit frees the places', async () => {
    const { s, a } = await setup();
    // More people than any unit has free: nothing taken.
    const full = await a.shelter.request('POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social, adults: 1, children: [{ age: 1, sex: 'F' }, { age: 2, sex: 'F' }, { age: 3, sex: 'M' }, { age: 4, sex: 'M' }] });
    expect([full.status, full.body.code]).toEqual([409, 'stay_no_free_place']);
    expect(await placeStates(t, s.structure.unitId)).toEqual({ libero: 4 });
    // Another organisation's structure: 404.
    expect((await a.shelter2.request('POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social })).status).toBe(404);

    // With an Idempotency-Key: a retry (a second click, an answer lost at night) answers the same stay and takes no more beds;
    // the key with another household is 422.
    const body = { structureId: s.structure.id, socialServiceId: s.orgs.social, children: [{ age: 4, sex: 'F' }] };
    const key = { 'idempotency-key': 'night-admission-0001' };
    const stay = created(await a.shelter.request('POST', '/api/shelters/stays/emergency', body, key));
    expect(stay).toMatchObject({ path: 'emergenza', state: 'in_autorizzazione', requestId: null, adults: 1 });
    expect(created(await a.shelter.request('POST', '/api/shelters/stays/emergency', body, key)).id).toBe(stay.id);
    const reused = await a.shelter.request('POST', '/api/shelters/stays/emergency', { ...body, children: [] }, key);
    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect(await placeStates(t, s.structure.unitId)).toEqual({ occupato: 2, libero: 2 });
    expect(await audits('shelter.stay.emergency', stay.id)).toHaveLength(1);

    const auth = ok(await a.social.request('GET', `/api/shelters/authorisations/${stay.authorisation.id}`));
    ok(await a.social.request('POST', `/api/shelters/authorisations/${auth.id}/decide`, { decision: 'rifiuta', note: 'Non residente nel comune' }, match(auth.version)));
    const refused = ok(await a.shelter.request('GET', `/api/shelters/stays/${stay.id}`));
    expect(refused).toMatchObject({ state: 'non_autorizzata', exitedOn: null, acts: { exit: true } });
    // She is not put out by software: the places stay hers until the exit is recorded.
    expect(await placeStates(t, s.structure.unitId)).toEqual({ occupato: 2, libero: 2 });
    expect(await kinds(s.users.shelterOp.id)).toEqual(['shelter_authorisation_refused']);
    expect(await kinds(s.users.coordinator.id)).toEqual(['shelter_authorisation_refused']);
    // No request: the notices name the stay by its reference.
    expect(await params(s.users.coordinator.id, 'shelter_authorisation_refused')).toEqual([{ stayReference: stay.reference }]);
    expect(await params(s.users.socialWorker.id, 'shelter_authorisation_requested')).toEqual([{ stayReference: stay.reference }]);
    // The note is the social service's alone.
    expect(ok(await a.social.request('GET', `/api/shelters/authorisations/${auth.id}`)).note).toBe('Non residente nel comune');
    expect(ok(await a.shelter.request('GET', `/api/shelters/authorisations/${auth.id}`)).note).toBeNull();

    const exited = ok(await a.shelter.request('POST', `/api/shelters/stays/${stay.id}/exit`, { exitedOn: day(0), reason: 'altro' }, match(refused.version)));
    expect(exited).toMatchObject({ state: 'non_autorizzata', exitedOn: day(0), exitReason: 'altro', acts: { exit: false } });
    expect(await placeStates(t, s.structure.unitId)).toEqual({ libero: 4 });
  });
});

describe('no double booking', () => {
  it('two emergency admissions racing for the last places: exactly one takes them, the other takes nothing', async () => {
    const { s, a } = await setup();
    // Two of the four places are held by a proposal: two free beds remain.
    await heldRequest(t, s.orgs.cavA, s.structure, 2);
    const body = { structureId: s.structure.id, socialServiceId: s.orgs.social, children: [{ age: 3, sex: 'F' }] };
    const [one, two] = await Promise.all([a.shelter.request('POST', '/api/shelters/stays/emergency', body), a.shelter.request('POST', '/api/shelters/stays/emergency', body)]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    expect([one, two].find((r) => r.status === 409)!.body.code).toBe('stay_no_free_place');
    expect(await placeStates(t, s.structure.unitId)).toEqual({ occupato: 2, trattenuto: 2 });
    expect(await t.db.select().from(shelterStays).where(eq(shelterStays.structureId, s.structure.id))).toHaveLength(1);
    expect(await t.db.select().from(shelterAuthorisations).where(eq(shelterAuthorisations.socialServiceId, s.orgs.social))).toHaveLength(1);
  });
});

describe('the deadline', () => {
  it('tells the coordinator once when the authorisation is overdue, and reminds the social service before', async () => {
    const { s, a } = await setup();
    const stay = created(await a.shelter.request('POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social }));
    const dueAt = new Date(stay.authorisation.dueAt).getTime();
    expect((await t.ctx.jobs.runDue(new Date(dueAt - 6 * 3_600_000))).failed).toBe(0);
    expect(await kinds(s.users.socialWorker.id)).toEqual(['shelter_authorisation_due', 'shelter_authorisation_requested']);
    expect(await kinds(s.users.coordinator.id)).toEqual([]);
    expect((await t.ctx.jobs.runDue(new Date(dueAt + 60_000))).failed).toBe(0);
    const [row] = await t.db.select().from(shelterAuthorisations).where(eq(shelterAuthorisations.id, stay.authorisation.id));
    expect(row!.escalatedAt).not.toBeNull();
    expect(await kinds(s.users.coordinator.id)).toEqual(['shelter_authorisation_overdue']);
    expect(await params(s.users.coordinator.id, 'shelter_authorisation_overdue')).toEqual([{ hours: '72', stayReference: stay.reference }]);
    expect(await params(s.users.socialWorker.id, 'shelter_authorisation_due')).toEqual([{ hours: '12', stayReference: stay.reference }]);
    // Later sweeps change nothing more.
    await t.ctx.jobs.runDue(new Date(dueAt + 3 * 3_600_000));
    expect(await kinds(s.users.coordinator.id)).toEqual(['shelter_authorisation_overdue']);
    expect(await audits('shelter.authorisation.escalate', stay.authorisation.id)).toHaveLength(1);
    // The coordinator sees it escalated in her view of the authorisations (overdue is read on the real clock: not yet).
    const view = ok(await a.coordinator.request('GET', '/api/shelters/authorisations'));
    expect(view.items).toEqual([expect.objectContaining({ id: stay.authorisation.id, overdue: false, escalatedAt: expect.any(String) })]);
  });
});

describe('exit and move', () => {
  it('an exit frees the places once; a stale version is 412; another organisation gets 404', async () => {
    const { s, a } = await setup();
    const { requestId, proposalId } = await heldRequest(t, s.orgs.cavA, s.structure, 1, s.orgs.social);
    await agree(s, a, requestId);
    const stay = created(await a.shelter.request('POST', '/api/shelters/stays', { proposalId, path: 'accordo' }));
    expect((await a.shelter2.request('POST', `/api/shelters/stays/${stay.id}/exit`, { exitedOn: day(0), reason: 'abbandono' }, match(stay.version))).status).toBe(404);
    expect((await a.shelter2.request('GET', `/api/shelters/stays/${stay.id}`)).status).toBe(404);
    expect((await a.cavB.request('GET', `/api/shelters/stays/${stay.id}`)).status).toBe(404);
    expect((await a.shelter.request('POST', `/api/shelters/stays/${stay.id}/exit`, { exitedOn: day(0), reason: 'abbandono' }, match(stay.version + 1))).status).toBe(412);
    expect((await a.shelter.request('POST', `/api/shelters/stays/${stay.id}/exit`, { exitedOn: day(0), reason: 'abbandono' })).status).toBe(428);
    const done = ok(await a.shelter.request('POST', `/api/shelters/stays/${stay.id}/exit`, { exitedOn: day(0), reason: 'rientro_maltrattante' }, match(stay.version)));
    expect(done).toMatchObject({ state: 'conclusa', exitReason: 'rientro_maltrattante' });
    expect(await placeStates(t, s.structure.unitId)).toEqual({ libero: 4 });
    expect((await a.shelter.request('POST', `/api/shelters/stays/${stay.id}/exit`, { exitedOn: day(0), reason: 'altro' }, match(done.version))).body.code).toBe('stay_not_active');
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'shelter.stay.exit'), eq(auditLog.resourceId, stay.id), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id));
    expect(denied).toHaveLength(1);
  });

  it('moves her to another level: the stay ends as a transfer and the next begins with the same social service and payer', async () => {
    const { s, a } = await setup();
    const { requestId, proposalId } = await heldRequest(t, s.orgs.cavA, s.structure, 1, s.orgs.social);
    await agree(s, a, requestId);
    const first = created(await a.shelter.request('POST', '/api/shelters/stays', { proposalId, path: 'accordo', admittedOn: day(-30) }));
    // The casa rifugio asks for the second-level flat; the flat accepted (places held).
    const next = await heldRequest(t, s.orgs.shelter, s.structure2, 1, s.orgs.social);
    // The move's choices: her organisation's held proposals at another structure (a CAV's held request is not one); another organisation gets 404.
    const cavHeld = await heldRequest(t, s.orgs.cavA, s.structure2, 1, s.orgs.social);
    const choices = ok(await a.shelter.request('GET', `/api/shelters/stays/${first.id}/moves`));
    expect(choices.items).toEqual([{ proposalId: next.proposalId, requestCode: expect.any(String), structure: { id: s.structure2.id, name: expect.any(String), level: 'seconda_accoglienza' }, places: 1, holdExpiresAt: expect.any(String) }]);
    expect(choices.items.map((c: { proposalId: string }) => c.proposalId)).not.toContain(cavHeld.proposalId);
    expect(JSON.stringify(choices)).not.toMatch(/street|comune|unit/i);
    expect((await a.shelter2.request('GET', `/api/shelters/stays/${first.id}/moves`)).status).toBe(404);
    expect((await a.cav.request('GET', `/api/shelters/stays/${first.id}/moves`)).status).toBe(403);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'shelter.stay.read'), eq(auditLog.resourceId, first.id), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id))).toHaveLength(1);
    const moved = created(await a.shelter.request('POST', `/api/shelters/stays/${first.id}/move`, { proposalId: next.proposalId, movedOn: day(0) }, match(first.version)));
    // The new stay is the flat's organisation's: she sees the one she ended, which names it.
    expect(moved).toMatchObject({ id: first.id, state: 'conclusa', exitReason: 'trasferimento', exitedOn: day(0), nextStayId: expect.any(String) });
    const second = ok(await a.shelter2.request('GET', `/api/shelters/stays/${moved.nextStayId}`));
    expect(second).toMatchObject({ side: 'struttura', previousStayId: first.id, state: 'in_corso', structure: { level: 'seconda_accoglienza' }, payer: { id: s.orgs.social }, socialService: { id: s.orgs.social }, dailyFeeCents: 3000, contributionCents: 15000 });
    expect(await placeStates(t, s.structure.unitId)).toEqual({ libero: 4 });
    expect(await placeStates(t, s.structure2.unitId)).toEqual({ occupato: 1, trattenuto: 1, libero: 2 });
    expect(await audits('shelter.stay.move', moved.nextStayId)).toHaveLength(1);
    // Once moved, the ended stay has nothing left to move into.
    expect(ok(await a.shelter.request('GET', `/api/shelters/stays/${first.id}/moves`)).items).toEqual([]);
  });
});

describe('rule 4: the shelter action of a plan moves only through a stay', () => {
  it('refuses it by hand and moves it through the stay linked to it', async () => {
    const { s, a } = await setup();
    const op: Agent = a.shelter;
    const caseId = created(await op.request('POST', '/api/cases', { contactOn: day(-5) })).id as string;
    const goal = created(await op.request('POST', `/api/cases/${caseId}/plan/goals`, { area: 'casa', status: 'aperto' }));
    const action = { goalId: goal.id, type: 'ospitalita_casa_rifugio', ownerOrganisationId: s.orgs.shelter };
    const byHand = await op.request('POST', `/api/cases/${caseId}/plan/actions`, { ...action, status: 'fatta' });
    expect([byHand.status, byHand.body.code]).toEqual([409, 'plan_action_needs_stay']);
    const planned = created(await op.request('POST', `/api/cases/${caseId}/plan/actions`, { ...action, status: 'prevista' }));
    const started = await op.request('PUT', `/api/cases/${caseId}/plan/actions/${planned.id}`, { ...action, status: 'in_corso' }, match(planned.version));
    expect(started.body.code).toBe('plan_action_needs_stay');

    // Another organisation's case cannot be linked: 404, nothing written.
    const foreign = created(await a.cavB.request('POST', '/api/cases', { contactOn: day(-5) })).id as string;
    const { requestId, proposalId } = await heldRequest(t, s.orgs.cavA, s.structure, 1, s.orgs.social);
    await agree(s, a, requestId);
    expect((await op.request('POST', '/api/shelters/stays', { proposalId, path: 'accordo', caseId: foreign })).status).toBe(404);
    expect(await placeStates(t, s.structure.unitId)).toEqual({ trattenuto: 1, libero: 3 });

    const stay = created(await op.request('POST', '/api/shelters/stays', { proposalId, path: 'accordo', caseId }));
    expect(stay.caseId).toBe(caseId);
    const [linked] = await t.db.select().from(shelterStays).where(eq(shelterStays.id, stay.id));
    expect(linked!.planActionId).toBe(planned.id);
    const status = async () => (await t.db.select({ status: planActions.status }).from(planActions).where(eq(planActions.id, planned.id)))[0]!.status;
    expect(await status()).toBe('in_corso');
    ok(await op.request('POST', `/api/shelters/stays/${stay.id}/exit`, { exitedOn: day(0), reason: 'percorso_concluso' }, match(stay.version)));
    expect(await status()).toBe('fatta');
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'shelter.stay.plan'), eq(auditLog.resourceId, caseId))).orderBy(asc(auditLog.id))).toHaveLength(2);
  });
});
