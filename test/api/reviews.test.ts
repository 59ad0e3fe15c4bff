import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { caseReviewItems, caseReviews } from '../../src/server/modules/reviews/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';
import { expectOk, day, issues } from '../support/http.js';

/**
 * Multi-agency case reviews through the API (docs/reviews.md): called by
 * the network's coordinator, each case brought by its owning organisation
 * on a basis for sharing with a brief, read by the participants as that
 * brief only; actions in the owner organisation's review tasks, notified,
 * and carried to the next review while open.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const ok = expectOk(201);

interface Setup {
  w: World;
  coord: Agent;
  opA: Agent;
  opShelter: Agent;
  opB: Agent;
  shelterUserId: string;
  caseId: string;
  reviewId: string;
}

const BRIEF = 'Minacce ripetute dopo la separazione; misura cautelare violata.';

async function setup(): Promise<Setup> {
  const w = await createWorld(t);
  const shelterUser = await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'operator' }] });
  const [coord, opA, opShelter, opB] = await Promise.all([login(t, w.users.coordinator), login(t, w.users.operatorA), login(t, shelterUser), login(t, w.users.operatorB)]);
  const caseId = ok(await opA.request('POST', '/api/cases', { contactOn: day(-30) })).id as string;
  const review = ok(await coord.request('POST', '/api/reviews', { networkId: w.network, heldOn: day(-7), mode: 'in_presenza', place: 'Sala riunioni', participantOrganisationIds: [w.orgs.cavA, w.orgs.shelter] }));
  return { w, coord, opA, opShelter, opB, shelterUserId: shelterUser.id, caseId, reviewId: review.id };
}

const bring = (s: Setup, body: Record<string, unknown>, agent = s.opA, reviewId = s.reviewId) =>
  agent.request('POST', `/api/reviews/${reviewId}/items`, { caseId: s.caseId, brief: BRIEF, ...body });

const audits = (action: string, resourceId: string) =>
  t.db
    .select({ outcome: auditLog.outcome, actor: auditLog.actorUserId, purpose: auditLog.purpose })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.resourceId, resourceId))).orderBy(asc(auditLog.id));

describe('calling a review', () => {
  it('is the network coordinator’s; participants are the network’s organisations, never a CUAV', async () => {
    const s = await setup();
    const { w, coord, opA } = s;
    const review = ok(await coord.request('GET', `/api/reviews/${s.reviewId}`), 200);
    expect(review.participants.map((p: { id: string }) => p.id).sort()).toEqual([w.orgs.capofila, w.orgs.cavA, w.orgs.shelter].sort());
    expect(review.chair.id).toBe(w.orgs.capofila);
    expect(review.status).toBe('planned');
    expect(review.manage).toBe(true);
    // An operator does not call reviews.
    expect((await opA.request('POST', '/api/reviews', { networkId: w.network, heldOn: day(0), mode: 'online' })).status).toBe(403);
    // Outside the network, and a perpetrator programme inside it.
    const cuav = await insertOrganisation(t.db, { name: `cuav-${Date.now()}`, type: 'cuav' });
    await setOrganisationNetworks(t.db, cuav, [w.network]);
    const refused = await coord.request('POST', '/api/reviews', { networkId: w.network, heldOn: day(0), mode: 'online', participantOrganisationIds: [w.orgs.cavB, cuav] });
    expect(refused.status).toBe(400);
    expect(issues(refused.body)).toEqual(['/body/participantOrganisationIds/0 unknown_organisation', '/body/participantOrganisationIds/1 cuav_never']);
    // The eligible list never offers the CUAV.
    expect(review.eligible.map((o: { id: string }) => o.id)).not.toContain(cuav);
    // Another network's coordinator: 404, audited as denied.
    const other = await createWorld(t);
    const otherCoord = await login(t, other.users.coordinator);
    expect((await otherCoord.request('POST', '/api/reviews', { networkId: w.network, heldOn: day(0), mode: 'online' })).status).toBe(404);
    expect((await audits('review.create', w.network)).map((a) => a.outcome)).toEqual(['denied']);
  });
});

describe('the agenda', () => {
  it('takes a case from its owning organisation only on a basis for sharing', async () => {
    const s = await setup();
    const { w, opA } = s;
    // No consent covers the participants: refused, nothing written.
    expect(issues((await bring(s, { basis: 'consenso' })).body)).toEqual(['/body/basis consent_not_covering']);
    // Without her consent, only with a legal basis and a reason.
    expect(issues((await bring(s, { basis: 'tutela_vita' })).body)).toEqual(['/body/legalBasis required', '/body/reason required']);
    expect(await t.db.select().from(caseReviewItems).where(eq(caseReviewItems.caseId, s.caseId))).toEqual([]);
    // A consent naming one participant but not the other is not enough.
    ok(await opA.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.shelter, sections: ['plan'], givenOn: day(-1), form: 'scritto' }));
    expect(issues((await bring(s, { basis: 'consenso' })).body)).toEqual(['/body/basis consent_not_covering']);
    ok(await opA.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.capofila, sections: ['plan'], givenOn: day(-1), form: 'scritto' }));
    const item = ok(await bring(s, { basis: 'consenso' }));
    expect(item.id).toBeTruthy();
    // Twice: refused.
    expect(issues((await bring(s, { basis: 'consenso' })).body)).toEqual(['/body/caseId duplicate']);
    // The brief and reason are sealed at rest.
    const [row] = await t.db.select().from(caseReviewItems).where(eq(caseReviewItems.id, item.id));
    expect(row!.briefSealed).not.toContain('separazione');
    const [bringing] = await audits('case.review_bring', s.caseId).then((rows) => rows.filter((r) => r.outcome === 'success'));
    expect(bringing!.purpose).toBe(`review:${s.reviewId};basis:consenso`);
  });

  it('shows participants the brief, the code and the risk level — never the case', async () => {
    const s = await setup();
    const { opShelter, opA } = s;
    ok(await bring(s, { basis: 'tutela_vita', legalBasis: 'interessi_vitali', reason: 'Rischio imminente, non raggiungibile per il consenso.' }));
    const seen = ok(await opShelter.request('GET', `/api/reviews/${s.reviewId}`), 200);
    expect(seen.agenda).toHaveLength(1);
    const [item] = seen.agenda;
    expect(item.brief).toBe(BRIEF);
    expect(item.caseCode).toMatch(/^P\d\d-/);
    expect(item.basis).toBe('tutela_vita');
    expect(item.legalBasis).toBe('interessi_vitali');
    // The reason is the bringing organisation's; the case is not hers to open.
    expect(item.reason).toBeNull();
    expect(item.caseId).toBeNull();
    expect(item.own).toBe(false);
    expect((await opShelter.request('GET', `/api/cases/${s.caseId}`)).status).toBe(404);
    // Her read of the brief is audited on the case.
    const reads = (await audits('case.review_brief_read', s.caseId)).filter((r) => r.actor === s.shelterUserId);
    expect(reads).toEqual([{ outcome: 'success', actor: s.shelterUserId, purpose: `review:${s.reviewId}` }]);
    // The bringing organisation sees its reason and its case.
    const own = ok(await opA.request('GET', `/api/reviews/${s.reviewId}`), 200).agenda[0];
    expect(own.reason).toBe('Rischio imminente, non raggiungibile per il consenso.');
    expect(own.caseId).toBe(s.caseId);
    expect(own.own).toBe(true);
  });

  it('stops showing a consent-based brief, and which case it is, to an organisation once her consent is revoked', async () => {
    const s = await setup();
    const { w, opA, opShelter } = s;
    const consents = ok(await opA.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.shelter, sections: ['plan'], givenOn: day(-1), form: 'scritto' }));
    ok(await opA.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.capofila, sections: ['plan'], givenOn: day(-1), form: 'scritto' }));
    ok(await bring(s, { basis: 'consenso' }));
    expect(ok(await opShelter.request('GET', `/api/reviews/${s.reviewId}`), 200).agenda[0].brief).toBe(BRIEF);
    const shelterConsent = consents.find((c: { recipient: { id: string } | null }) => c.recipient?.id === w.orgs.shelter);
    ok(await opA.request('POST', `/api/cases/${s.caseId}/consents/${shelterConsent.id}/revoke`), 200);
    const after = ok(await opShelter.request('GET', `/api/reviews/${s.reviewId}`), 200).agenda[0];
    expect(after.brief).toBeNull();
    expect(after.caseCode).toBeNull();
    expect(after.riskLevel).toBeNull();
  });

  it('keeps the brief to its bringing organisation (If-Match) and lets it withdraw the case while planned', async () => {
    const s = await setup();
    const { opA, opShelter } = s;
    const { id } = ok(await bring(s, { basis: 'tutela_vita', legalBasis: 'interesse_pubblico_rilevante', reason: 'Protocollo di rete, rischio elevato.' }));
    const url = `/api/reviews/${s.reviewId}/items/${id}`;
    expect((await opA.request('PUT', url, { brief: 'Nuova sintesi.' })).status).toBe(428);
    expect((await opA.request('PUT', url, { brief: 'Nuova sintesi.' }, { 'if-match': '"7"' })).status).toBe(412);
    expect(ok(await opA.request('PUT', url, { brief: 'Nuova sintesi.' }, { 'if-match': '"1"' }), 200).version).toBe(2);
    // A participant of another organisation cannot rewrite it: 404, audited on the case as denied.
    expect((await opShelter.request('PUT', url, { brief: 'x' }, { 'if-match': '"2"' })).status).toBe(404);
    expect((await audits('case.review_brief_update', s.caseId)).map((a) => a.outcome).sort()).toEqual(['denied', 'success']);
    expect((await opShelter.request('DELETE', url)).status).toBe(404);
    expect((await opA.request('DELETE', url)).status).toBe(204);
    expect(ok(await opA.request('GET', `/api/reviews/${s.reviewId}`), 200).agenda).toEqual([]);
  });
});

describe('reading a review', () => {
  it('is for its participants and managers only: anyone else gets 404, audited', async () => {
    const s = await setup();
    const { opB, w } = s;
    expect((await opB.request('GET', `/api/reviews/${s.reviewId}`)).status).toBe(404);
    expect((await audits('review.read', s.reviewId)).filter((a) => a.outcome === 'denied')).toHaveLength(1);
    expect(ok(await opB.request('GET', '/api/reviews'), 200).items).toEqual([]);
    // The instance administrator never reads a review: the policy refuses her.
    const admin = await login(t, w.users.admin);
    expect((await admin.request('GET', `/api/reviews/${s.reviewId}`)).status).toBe(403);
    expect((await admin.request('GET', '/api/reviews')).status).toBe(403);
  });

  it('keeps its minutes sealed, changed by its managers with If-Match; a closed review changes no more', async () => {
    const s = await setup();
    const { coord, opA } = s;
    const url = `/api/reviews/${s.reviewId}`;
    expect((await coord.request('PATCH', url, { minutes: 'Verbale.' })).status).toBe(428);
    expect((await coord.request('PATCH', url, { minutes: 'Verbale.' }, { 'if-match': '"9"' })).status).toBe(412);
    const held = ok(await coord.request('PATCH', url, { minutes: 'Verbale della riunione.', status: 'held' }, { 'if-match': '"1"' }), 200);
    expect(held.minutes).toBe('Verbale della riunione.');
    expect(held.version).toBe(2);
    // An operator of a participant organisation reads them, does not change them.
    expect(ok(await opA.request('GET', url), 200).minutes).toBe('Verbale della riunione.');
    expect((await opA.request('PATCH', url, { minutes: 'x' }, { 'if-match': '"2"' })).status).toBe(403);
    const [row] = await t.db.select({ minutes: caseReviews.minutesSealed }).from(caseReviews).where(eq(caseReviews.id, s.reviewId));
    expect(row!.minutes).not.toContain('Verbale');
    ok(await coord.request('PATCH', url, { status: 'closed' }, { 'if-match': '"2"' }), 200);
    expect(issues((await coord.request('PATCH', url, { minutes: 'x' }, { 'if-match': '"3"' })).body)).toEqual(['/body review_closed']);
    expect(issues((await bring(s, { basis: 'tutela_vita', legalBasis: 'interessi_vitali', reason: 'Motivo.' })).body)).toEqual(['/body review_closed']);
  });
});

describe('actions', () => {
  it('go to the owner organisation’s review tasks and notifications, naming the case by its code only', async () => {
    const s = await setup();
    const { w, coord, opA, opShelter } = s;
    const { id: itemId } = ok(await bring(s, { basis: 'tutela_vita', legalBasis: 'interessi_vitali', reason: 'Motivo documentato.' }));
    // The owner takes part; an organisation that does not is refused.
    expect(issues((await coord.request('POST', `/api/reviews/${s.reviewId}/actions`, { text: 'x', ownerOrganisationId: w.orgs.cavB })).body)).toEqual(['/body/ownerOrganisationId not_participant']);
    // An operator does not decide actions: the policy refuses her (the managers are the coordinator and the chair's head).
    expect((await opA.request('POST', `/api/reviews/${s.reviewId}/actions`, { text: 'x', ownerOrganisationId: w.orgs.shelter })).status).toBe(403);
    const { id } = ok(await coord.request('POST', `/api/reviews/${s.reviewId}/actions`, { text: 'Verificare disponibilità di un posto in casa rifugio', ownerOrganisationId: w.orgs.shelter, dueOn: day(3), itemId }));
    const tasks = ok(await opShelter.request('GET', '/api/reviews/tasks'), 200).items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ id, text: 'Verificare disponibilità di un posto in casa rifugio', caseId: null, status: 'prevista', update: true, dueOn: day(3) });
    expect(tasks[0].caseCode).toMatch(/^P\d\d-/);
    // CAV A does not own it: not among its tasks.
    expect(ok(await opA.request('GET', '/api/reviews/tasks'), 200).items).toEqual([]);
    // The shelter's staff are told, with no case named.
    const notes = ok(await opShelter.request('GET', '/api/notifications'), 200).items;
    expect(notes).toEqual([expect.objectContaining({ kind: 'review_action_assigned', params: {}, target: { type: 'review', reviewId: s.reviewId } })]);
    // The owner records its status (If-Match); another participant cannot.
    const url = `/api/reviews/${s.reviewId}/actions/${id}`;
    expect((await opShelter.request('PATCH', url, { status: 'in_corso' })).status).toBe(428);
    expect((await opShelter.request('PATCH', url, { status: 'in_corso' }, { 'if-match': '"5"' })).status).toBe(412);
    expect((await opA.request('PATCH', url, { status: 'fatta' }, { 'if-match': '"1"' })).status).toBe(404);
    expect((await audits('review.action_update', s.reviewId)).map((a) => a.outcome)).toEqual(['denied']);
    expect(ok(await opShelter.request('PATCH', url, { status: 'in_corso' }, { 'if-match': '"1"' }), 200).version).toBe(2);
  });

  it('show the open ones first, and the next review starts from those still open', async () => {
    const s = await setup();
    const { w, coord, opShelter } = s;
    const act = async (text: string, dueOn: string) => ok(await coord.request('POST', `/api/reviews/${s.reviewId}/actions`, { text, ownerOrganisationId: w.orgs.shelter, dueOn })).id as string;
    const done = await act('Prima azione', day(-5));
    const open = await act('Seconda azione', day(5));
    ok(await opShelter.request('PATCH', `/api/reviews/${s.reviewId}/actions/${done}`, { status: 'fatta' }, { 'if-match': '"1"' }), 200);
    const first = ok(await coord.request('GET', `/api/reviews/${s.reviewId}`), 200);
    expect(first.actions.map((a: { id: string }) => a.id)).toEqual([open, done]);
    const next = ok(await coord.request('POST', '/api/reviews', { networkId: w.network, heldOn: day(21), mode: 'online', participantOrganisationIds: [w.orgs.shelter] }));
    expect(next.carriedActions.map((a: { id: string; text: string }) => [a.id, a.text])).toEqual([[open, 'Seconda azione']]);
    expect(next.actions).toEqual([]);
    const list = ok(await coord.request('GET', '/api/reviews'), 200).items;
    expect(list.map((r: { id: string }) => r.id)).toEqual([next.id, s.reviewId]);
    expect(list[1].openActions).toBe(1);
  });
});
