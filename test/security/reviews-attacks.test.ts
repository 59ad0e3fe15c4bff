import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { caseReviewItems } from '../../src/server/modules/reviews/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';
import { expectOk, day } from '../support/http.js';

/**
 * Attacks on multi-agency case reviews (docs/reviews.md): a review shares
 * only what the owning organisation wrote for it. Nobody reads more than
 * that brief through it, nobody brings a case that is not her
 * organisation's, nobody outside the review learns it exists, and bad
 * input is a precise 4xx, never a 500 or a half-written record.
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
  headA: Agent;
  opShelter: Agent;
  headB: Agent;
  caseA: string;
  caseB: string;
  reviewId: string;
  itemId: string;
}

const REASON = 'Rischio imminente documentato, consenso non ottenibile in tempo.';

async function setup(): Promise<Setup> {
  const w = await createWorld(t);
  const shelterUser = await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'operator' }] });
  const [coord, opA, headA, opShelter, headB] = await Promise.all([
    login(t, w.users.coordinator),
    login(t, w.users.operatorA),
    login(t, w.users.headA),
    login(t, shelterUser),
    login(t, w.users.headB),
  ]);
  const caseA = ok(await opA.request('POST', '/api/cases', { contactOn: day(-10) })).id as string;
  const caseB = ok(await headB.request('POST', '/api/cases', { contactOn: day(-10) })).id as string;
  const reviewId = ok(await coord.request('POST', '/api/reviews', { networkId: w.network, heldOn: day(0), mode: 'mista', participantOrganisationIds: [w.orgs.cavA, w.orgs.shelter] })).id as string;
  const itemId = ok(
    await opA.request('POST', `/api/reviews/${reviewId}/items`, { caseId: caseA, basis: 'tutela_vita', legalBasis: 'interessi_vitali', reason: REASON, brief: 'Sintesi minima.' }),
  ).id as string;
  return { w, coord, opA, headA, opShelter, headB, caseA, caseB, reviewId, itemId };
}

const denied = (action: string, resourceId: string) =>
  t.db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.resourceId, resourceId), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id));

describe('review attacks', () => {
  it('a participant reads the brief and nothing more of the case, through any route', async () => {
    const s = await setup();
    const { opShelter, caseA } = s;
    const review = ok(await opShelter.request('GET', `/api/reviews/${s.reviewId}`), 200);
    const item = review.agenda[0];
    expect(Object.keys(item).sort()).toEqual(['basis', 'brief', 'broughtBy', 'caseCode', 'caseId', 'id', 'legalBasis', 'own', 'reason', 'riskLevel', 'version']);
    expect(item.reason).toBeNull();
    expect(item.caseId).toBeNull();
    // The reason for sharing without consent stays with the bringing organisation.
    expect(JSON.stringify(review)).not.toContain(REASON);
    // No case route opens because the case is on a review's agenda.
    for (const path of ['', '/consents', '/events', '/plan', '/risk', '/children', '/documents']) {
      expect((await opShelter.request('GET', `/api/cases/${caseA}${path}`)).status, path).toBe(404);
    }
  });

  it('nobody brings a case that is not her organisation’s, nor to a review she does not take part in', async () => {
    const s = await setup();
    const { opShelter, headB, headA, caseA, caseB, reviewId } = s;
    const body = (caseId: string) => ({ caseId, basis: 'tutela_vita', legalBasis: 'interessi_vitali', reason: REASON, brief: 'x' });
    // A participant of another organisation brings CAV A's case: 404, audited on the case.
    expect((await opShelter.request('POST', `/api/reviews/${reviewId}/items`, body(caseA))).status).toBe(404);
    // CAV B (outside the network) brings its own case into a review it does not take part in.
    expect((await headB.request('POST', `/api/reviews/${reviewId}/items`, body(caseB))).status).toBe(404);
    expect(await denied('case.review_bring', caseA)).toHaveLength(1);
    expect(await denied('case.review_bring', caseB)).toHaveLength(1);
    // CAV A's head, not on the case's team: she opens it only by breaking the glass.
    const caseA2 = ok(await s.opA.request('POST', '/api/cases', { contactOn: day(-3) })).id as string;
    expect((await headA.request('POST', `/api/reviews/${reviewId}/items`, body(caseA2))).status).toBe(404);
    expect(await t.db.select().from(caseReviewItems).where(eq(caseReviewItems.reviewId, reviewId))).toHaveLength(1);
  });

  it('outside the review, it does not exist: 404 for every route, audited; a foreign id is the same', async () => {
    const s = await setup();
    const { headB, reviewId, itemId } = s;
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [reviewId, unknown]) {
      expect((await headB.request('GET', `/api/reviews/${id}`)).status).toBe(404);
      expect((await headB.request('PATCH', `/api/reviews/${id}`, { minutes: 'x' }, { 'if-match': '"1"' })).status).toBe(404);
      expect((await headB.request('POST', `/api/reviews/${id}/actions`, { text: 'x', ownerOrganisationId: s.w.orgs.cavB })).status).toBe(404);
    }
    expect((await headB.request('PUT', `/api/reviews/${reviewId}/items/${itemId}`, { brief: 'x' }, { 'if-match': '"1"' })).status).toBe(404);
    expect((await denied('review.read', reviewId)).length).toBeGreaterThan(0);
    expect((await denied('review.read', unknown)).length).toBeGreaterThan(0);
    expect(ok(await headB.request('GET', '/api/reviews/tasks'), 200).items).toEqual([]);
  });

  it('a perpetrator programme and the roles without case data never reach a review', async () => {
    const s = await setup();
    const { w, reviewId } = s;
    const cuav = await insertOrganisation(t.db, { name: `cuav-${Date.now()}`, type: 'cuav' });
    await setOrganisationNetworks(t.db, cuav, [w.network]);
    const cuavHead = await login(t, await createUser(t, { memberships: [{ organisationId: cuav, role: 'organisation_head' }] }));
    expect((await cuavHead.request('GET', `/api/reviews/${reviewId}`)).status).toBe(404);
    expect(ok(await cuavHead.request('GET', '/api/reviews'), 200).items).toEqual([]);
    // Helpline and observatory roles: refused by the policy.
    const [helpline, analyst, admin] = await Promise.all([login(t, w.users.helpline), login(t, w.users.analyst), login(t, w.users.admin)]);
    for (const agent of [helpline, analyst, admin]) {
      expect((await agent.request('GET', `/api/reviews/${reviewId}`)).status).toBe(403);
      expect((await agent.request('GET', '/api/reviews/tasks')).status).toBe(403);
    }
  });

  it('bad input: NUL bytes, huge strings, non-objects, unknown fields — 4xx, nothing written', async () => {
    const s = await setup();
    const { opA, coord, reviewId, caseA } = s;
    const before = await t.db.select().from(caseReviewItems);
    const bad = [
      { caseId: caseA, basis: 'tutela_vita', legalBasis: 'interessi_vitali', reason: REASON, brief: 'a\u0000b' },
      { caseId: caseA, basis: 'tutela_vita', legalBasis: 'interessi_vitali', reason: REASON, brief: 'x'.repeat(2001) },
      { caseId: caseA, basis: 'tutela_vita', legalBasis: 'altro', reason: REASON, brief: 'x' },
      { caseId: caseA, basis: 'sempre', brief: 'x' },
      { caseId: 'not-a-uuid', basis: 'consenso', brief: 'x' },
      { caseId: caseA, basis: 'consenso', brief: 'x', identity: { firstName: 'x' } },
      [1, 2],
      'brief',
    ];
    for (const body of bad) {
      const res = await opA.request('POST', `/api/reviews/${reviewId}/items`, body);
      // A bare string is not JSON: refused as an unsupported media type, before anything else.
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(typeof body === 'string' ? 415 : 400);
    }
    expect(await t.db.select().from(caseReviewItems)).toHaveLength(before.length);
    expect((await coord.request('PATCH', `/api/reviews/${reviewId}`, { minutes: 'v\u0000' }, { 'if-match': '"1"' })).status).toBe(400);
    expect((await coord.request('PATCH', `/api/reviews/${reviewId}`, { minutes: 'x'.repeat(20_001) }, { 'if-match': '"1"' })).status).toBe(400);
    expect((await coord.request('PATCH', `/api/reviews/${reviewId}`, { status: 'archived' }, { 'if-match': '"1"' })).status).toBe(400);
    expect((await coord.request('POST', `/api/reviews/${reviewId}/actions`, { text: '\u0000', ownerOrganisationId: s.w.orgs.shelter })).status).toBe(400);
    expect((await coord.request('POST', '/api/reviews', { networkId: s.w.network, heldOn: '2026-02-30', mode: 'online' })).status).toBe(400);
    // Stale and missing versions on every edit.
    expect((await coord.request('PATCH', `/api/reviews/${reviewId}`, { place: 'Sala' })).status).toBe(428);
    expect((await coord.request('PATCH', `/api/reviews/${reviewId}`, { place: 'Sala' }, { 'if-match': 'W/"abc"' })).status).toBe(412);
    expect((await opA.request('PUT', `/api/reviews/${reviewId}/items/${s.itemId}`, { brief: 'y' })).status).toBe(428);
  });

  it('an action about a case shared on consent never goes to an organisation the consent does not name', async () => {
    const s = await setup();
    const { w, opA, coord } = s;
    const caseC = ok(await opA.request('POST', '/api/cases', { contactOn: day(-3) })).id as string;
    for (const org of [w.orgs.shelter, w.orgs.capofila]) {
      ok(await opA.request('POST', `/api/cases/${caseC}/consents`, { purpose: 'condivisione', recipientOrganisationId: org, sections: ['plan'], givenOn: day(-1), form: 'scritto' }));
    }
    const itemId = ok(await opA.request('POST', `/api/reviews/${s.reviewId}/items`, { caseId: caseC, basis: 'consenso', brief: 'Sintesi.' })).id as string;
    // A participant added afterwards, not named by her consent: it sees the code, not the brief; no action of it goes there.
    const servizi = await insertOrganisation(t.db, { name: `ss-${Date.now()}`, type: 'servizio_sociale' });
    await setOrganisationNetworks(t.db, servizi, [w.network]);
    const current = ok(await coord.request('GET', `/api/reviews/${s.reviewId}`), 200);
    ok(await coord.request('PATCH', `/api/reviews/${s.reviewId}`, { participantOrganisationIds: [w.orgs.cavA, w.orgs.shelter, servizi] }, { 'if-match': `"${current.version}"` }), 200);
    const res = await coord.request('POST', `/api/reviews/${s.reviewId}/actions`, { text: 'Presa in carico', ownerOrganisationId: servizi, itemId });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['consent_not_covering']);
    const sw = await login(t, await createUser(t, { memberships: [{ organisationId: servizi, role: 'social_worker' }] }));
    const seen = ok(await sw.request('GET', `/api/reviews/${s.reviewId}`), 200).agenda.find((i: { id: string }) => i.id === itemId);
    expect(seen.brief).toBeNull();
  });
});
