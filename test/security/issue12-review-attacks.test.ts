import { and, asc, eq, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSection } from '../../src/shared/cases.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { caseMembers } from '../../src/server/modules/cases/index.js';
import { insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { referrals } from '../../src/server/modules/referrals/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { intakeWorld, referral as intakeBody } from '../support/intake.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';
import { ok, calendarDay as day, match } from '../support/http.js';

/**
 * Issue 12 tried by an enemy reviewer (referrals, intake, reviews, minors):
 * another organisation's colleague, the sender who wants her data back, an
 * organisation whose consent was revoked, the instance administrator, an
 * Idempotency-Key replayed by someone else, races and stray input. Each
 * test states a rule that must hold; what did not hold is in the lead's
 * report, not here.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const NAME = 'Ortensia-Nemica';
const EVENT = 'Colloquio-Gabbiano';
const CHILD = 'Bimba-Pervinca';
const SHAREABLE: CaseSection[] = ['identity', 'profile', 'children', 'timeline', 'plan', 'consents', 'documents', 'work_housing', 'risk', 'minor'];

interface Setup {
  w: World;
  op: Agent;
  opB: Agent;
  caseId: string;
  caseCode: string;
  consentId: string;
}

/** CAV A's operator opens a case with a child and records her consent to share with CAV B (referral purposes listed). */
async function setup(): Promise<Setup> {
  const w = await createWorld(t);
  const [op, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.operatorB)]);
  const made = ok(await op.request('POST', '/api/cases', { contactOn: day(-5), identity: { firstName: NAME }, firstEvent: { channel: 'telefono', notes: EVENT } }), 201);
  ok(await op.request('POST', `/api/cases/${made.id}/children`, { age: 6, details: { firstName: CHILD } }), 201);
  const ledger = ok(
    await op.request('POST', `/api/cases/${made.id}/consents`, {
      purpose: 'condivisione',
      recipientOrganisationId: w.orgs.cavB,
      sections: SHAREABLE,
      referralPurposes: ['presa_in_carico', 'orientamento_lavoro', 'alloggio'],
      givenOn: day(-1),
      form: 'scritto',
    }),
    201,
  );
  const detail = ok(await op.request('GET', `/api/cases/${made.id}`));
  return { w, op, opB, caseId: made.id, caseCode: detail.code ?? detail.case?.code, consentId: ledger.at(-1).id };
}

const referralBody = (s: Setup, over: Record<string, unknown> = {}) => ({ consentId: s.consentId, purpose: 'orientamento_lavoro', urgency: 'ordinaria', sections: ['work_housing'], ...over });

describe('referrals, as an enemy', () => {
  it("an Idempotency-Key of one person replayed by another never returns the first one's referral", async () => {
    const s = await setup();
    const [head, headB] = await Promise.all([login(t, s.w.users.headA), login(t, s.w.users.headB)]);
    const key = { 'idempotency-key': `enemy-${crypto.randomUUID()}` };
    const url = `/api/cases/${s.caseId}/referrals`;
    const first = ok(await s.op.request('POST', url, referralBody(s), key), 201);
    // Her head (not on the team, no break-the-glass), and the recipient, replaying her key and body: 404, nothing of hers.
    for (const other of [head, headB, s.opB]) {
      const replay = await other.request('POST', url, referralBody(s), key);
      expect(replay.status).toBe(404);
      expect(JSON.stringify(replay.body)).not.toContain(first.id);
    }
    // The same person: the same referral; another body with the key: 422.
    expect(ok(await s.op.request('POST', url, referralBody(s), key), 201).id).toBe(first.id);
    expect((await s.op.request('POST', url, referralBody(s, { urgency: 'urgente' }), key)).body.code).toBe('idempotency_key_reused');
    expect(await t.db.select().from(referrals).where(eq(referrals.caseId, s.caseId))).toHaveLength(1);
  });

  it('accept and withdraw at once: exactly one wins, and a withdrawn referral leaves nobody of B on the team', async () => {
    for (let round = 0; round < 3; round++) {
      const s = await setup();
      const sent = ok(await s.op.request('POST', `/api/cases/${s.caseId}/referrals`, referralBody(s)), 201);
      const answers = await Promise.all([
        s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(1)),
        s.op.request('POST', `/api/referrals/${sent.id}/withdraw`, undefined, match(1)),
      ]);
      expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409]);
      const [row] = await t.db.select().from(referrals).where(eq(referrals.id, sent.id));
      const members = await t.db.select().from(caseMembers).where(and(eq(caseMembers.caseId, s.caseId), eq(caseMembers.organisationId, s.w.orgs.cavB)));
      expect(row!.version).toBe(2);
      expect(members).toHaveLength(row!.state === 'accettata' ? 1 : 0);
      expect((await s.opB.request('GET', `/api/cases/${s.caseId}`)).status).toBe(row!.state === 'accettata' ? 200 : 404);
    }
  });

  it('stray input on the answers: non-object bodies, NUL bytes, huge notes, bad ids and If-Match — precise 4xx, nothing changed', async () => {
    const s = await setup();
    const sent = ok(await s.op.request('POST', `/api/cases/${s.caseId}/referrals`, referralBody(s)), 201);
    const decline = `/api/referrals/${sent.id}/decline`;
    for (const body of ['"rifiuto"', '[]', '42', 'null']) {
      const res = await t.app.inject({ method: 'POST', url: decline, headers: { cookie: s.opB.cookie, 'x-csrf-token': s.opB.csrf, 'content-type': 'application/json', ...match(1) }, payload: body });
      expect(res.statusCode, body).toBe(400);
    }
    for (const body of [{ reason: 'other', note: 'a\u0000b' }, { reason: 'other', note: 'x'.repeat(200_000) }, { reason: 'nessuna' }, { reason: 'other', extra: true }]) {
      const res = await s.opB.request('POST', decline, body, match(1));
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    for (const ifMatch of ['W/"1"x', '"-1"', '"1e3"', '"99999999999999999999"', '*']) {
      const res = await s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, { 'if-match': ifMatch });
      expect([400, 412, 428], ifMatch).toContain(res.status);
    }
    expect((await s.opB.request('POST', `/api/referrals/${sent.id}/accept`)).status).toBe(428);
    expect((await s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(2))).status).toBe(412);
    for (const id of ['not-a-uuid', '%00', `${sent.id}'--`]) expect((await s.opB.request('GET', `/api/referrals/${id}`)).status, id).toBe(400);
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, sent.id));
    expect(row).toMatchObject({ state: 'in_attesa', version: 1 });
    expect(await t.db.select().from(caseMembers).where(and(eq(caseMembers.caseId, s.caseId), eq(caseMembers.organisationId, s.w.orgs.cavB)))).toHaveLength(0);
  });

  it('once her consent is revoked, an accepted referral opens nothing: every case route, the caseload, the tasks, the notes and the notices', async () => {
    const s = await setup();
    const sent = ok(await s.op.request('POST', `/api/cases/${s.caseId}/referrals`, referralBody(s, { sections: ['identity', 'children', 'timeline', 'minor'], note: 'Nota-Segreta-Invio' })), 201);
    ok(await s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(1)));
    expect(JSON.stringify(ok(await s.opB.request('GET', `/api/cases/${s.caseId}`)))).toContain(NAME);
    ok(await s.op.request('POST', `/api/cases/${s.caseId}/consents/${s.consentId}/revoke`));
    for (const part of ['', '/events', '/children', '/consents', '/plan', '/minor', '/documents', '/risk', '/safety-plan', '/referrals']) {
      expect((await s.opB.request('GET', `/api/cases/${s.caseId}${part}`)).status, part).toBe(404);
    }
    const caseload = JSON.stringify(ok(await s.opB.request('GET', '/api/cases')));
    const tasks = JSON.stringify(ok(await s.opB.request('GET', '/api/cases/tasks?horizonDays=30&staleDays=30')));
    for (const seen of [caseload, tasks]) {
      expect(seen).not.toContain(s.caseId);
      expect(seen).not.toContain(NAME);
    }
    const after = ok(await s.opB.request('GET', `/api/referrals/${sent.id}`));
    expect(after.note).toBeNull();
    expect(after.consentLive).toBe(false);
    const notices = JSON.stringify(ok(await s.opB.request('GET', '/api/notifications?status=all')));
    for (const marker of [NAME, CHILD, EVENT, 'Nota-Segreta-Invio', s.caseId]) expect(notices).not.toContain(marker);
  });

  it('the sender taken off the team no longer sees, nor counts, a referral notice naming the case', async () => {
    const w = await createWorld(t);
    const [op, head, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB)]);
    const made = ok(await op.request('POST', '/api/cases', { contactOn: day(-5) }), 201);
    const code = ok(await op.request('GET', `/api/cases/${made.id}`)).code as string;
    const ledger = ok(await op.request('POST', `/api/cases/${made.id}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['work_housing'], referralPurposes: ['alloggio'], givenOn: day(-1), form: 'scritto' }), 201);
    // The head may not put herself on the team (nobody raises her own rights); a colleague joins instead,
    expect((await head.request('POST', `/api/cases/${made.id}/team`, { userId: w.users.headA.id })).body.code).toBe('own_account_change');
    // A colleague joins the team so that the case keeps someone when she leaves it (the head may not add herself).
    ok(await head.request('POST', `/api/cases/${made.id}/team`, { userId: w.users.socialWorkerA.id }));
    const sent = ok(await op.request('POST', `/api/cases/${made.id}/referrals`, { consentId: ledger.at(-1).id, purpose: 'alloggio', urgency: 'ordinaria', sections: ['work_housing'] }), 201);
    ok(await opB.request('POST', `/api/referrals/${sent.id}/decline`, { reason: 'other' }, { 'if-match': '"1"' }));
    const before = ok(await op.request('GET', '/api/notifications?status=all'));
    expect(JSON.stringify(before)).toContain(code);
    const unreadBefore = ok(await op.request('GET', '/api/notifications/unread-count')).unread as number;
    ok(await head.request('DELETE', `/api/cases/${made.id}/team/${w.users.operatorA.id}`));
    const after = ok(await op.request('GET', '/api/notifications?status=all'));
    expect(JSON.stringify(after)).not.toContain(code);
    expect(JSON.stringify(after)).not.toContain(made.id);
    expect(ok(await op.request('GET', '/api/notifications/unread-count')).unread).toBe(unreadBefore - 1);
    expect((await op.request('GET', `/api/referrals/${sent.id}`)).status).toBe(404);
  });

  it('a person working for both organisations who accepts for B keeps her place on her own organisation’s team', async () => {
    const w = await createWorld(t);
    const both = await createUser(t, {
      memberships: [
        { organisationId: w.orgs.cavA, role: 'operator' },
        { organisationId: w.orgs.cavB, role: 'operator' },
      ],
    });
    const u = await login(t, both, w.orgs.cavA);
    const caseId = ok(await u.request('POST', '/api/cases', { contactOn: day(-5), identity: { firstName: NAME } }), 201).id as string;
    const ledger = ok(
      await u.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['work_housing'], referralPurposes: ['alloggio'], givenOn: day(-1), form: 'scritto' }),
      201,
    );
    const sent = ok(await u.request('POST', `/api/cases/${caseId}/referrals`, { consentId: ledger.at(-1).id, purpose: 'alloggio', urgency: 'ordinaria', sections: ['work_housing'] }), 201);
    const before = await t.db.select().from(caseMembers).where(eq(caseMembers.caseId, caseId));
    expect(before).toEqual([expect.objectContaining({ userId: both.id, organisationId: w.orgs.cavA })]);
    ok(await u.request('POST', '/api/auth/organisation', { organisationId: w.orgs.cavB }));
    // Accepting would move her place to B and take the case from her own organisation: refused, a colleague of B accepts.
    const answer = await u.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(1));
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('on_team_for_other_organisation');
    expect((await t.db.select().from(referrals).where(eq(referrals.id, sent.id)))[0]!.state).toBe('in_attesa');
    ok(await u.request('POST', '/api/auth/organisation', { organisationId: w.orgs.cavA }));
    const detail = await u.request('GET', `/api/cases/${caseId}`);
    expect(detail.status, `accept answered ${answer.status}`).toBe(200);
    const owners = await t.db.select().from(caseMembers).where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.organisationId, w.orgs.cavA)));
    expect(owners.map((m) => [m.userId, m.referente])).toEqual([[both.id, true]]);
  });

  it('the instance administrator reaches no referral, intake or review by id: 403 or 404, nothing changed', async () => {
    const s = await setup();
    const sent = ok(await s.op.request('POST', `/api/cases/${s.caseId}/referrals`, referralBody(s)), 201);
    const admin = await login(t, s.w.users.admin);
    for (const [method, url] of [
      ['GET', `/api/referrals/${sent.id}`],
      ['POST', `/api/referrals/${sent.id}/accept`],
      ['POST', `/api/referrals/${sent.id}/withdraw`],
      ['GET', `/api/cases/${s.caseId}`],
      ['GET', `/api/cases/${s.caseId}/referrals`],
      ['GET', `/api/intake/inbox/${sent.id}`],
      ['GET', `/api/reviews/${sent.id}`],
      ['GET', '/api/reviews/tasks'],
    ] as const) {
      const res = await admin.request(method, url, undefined, match(1));
      expect([403, 404], url).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain(NAME);
    }
    expect(await t.db.select().from(caseMembers).where(eq(caseMembers.userId, s.w.users.admin.id))).toHaveLength(0);
    expect((await t.db.select().from(referrals).where(eq(referrals.id, sent.id)))[0]).toMatchObject({ state: 'in_attesa', version: 1 });
  });
});

describe('intake, as the sender who wants her data back', () => {
  it('another person replaying her Idempotency-Key gets a referral of her own; the sender reads nothing of the woman anywhere, before or after the case', async () => {
    const iw = await intakeWorld(t);
    const other = await login(t, await createUser(t, { memberships: [{ organisationId: iw.erOrg, role: 'operator' }] }));
    const key = { 'idempotency-key': `enemy-${crypto.randomUUID()}` };
    const body = intakeBody(iw.w.orgs.cavA);
    const sent = ok(await iw.er.request('POST', '/api/intake/sent', body, key), 201);
    const replay = ok(await other.request('POST', '/api/intake/sent', body, key), 201);
    expect(replay.id).not.toBe(sent.id);
    expect(replay.reference).not.toBe(sent.reference);
    // The sender may not open the inbox, nor the case it became.
    expect((await iw.er.request('GET', `/api/intake/inbox/${sent.id}`)).status).toBe(403);
    const converted = ok(await iw.opA.request('POST', `/api/intake/inbox/${sent.id}/case`), 201);
    expect((await iw.er.request('GET', `/api/cases/${converted.caseId}`)).status).toBe(404);
    // A replay of her own key after the case: her reference and status, nothing more.
    const again = ok(await iw.er.request('POST', '/api/intake/sent', body, key), 201);
    expect(again).toMatchObject({ id: sent.id, status: 'presa_in_carico' });
    const everything = JSON.stringify([
      again,
      ok(await iw.er.request('GET', '/api/intake/sent')),
      ok(await iw.er.request('GET', '/api/notifications?status=all')),
      await iw.er.request('GET', `/api/intake/inbox/${sent.id}/case`),
    ]);
    for (const marker of ['Giulia', '333 1234567', 'Referto', 'mattina', 'Non lasciare', converted.caseId, converted.caseCode]) expect(everything, marker).not.toContain(marker);
    // Nor does the audit trail carry anything of her.
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(or(eq(auditLog.resourceId, sent.id), eq(auditLog.resourceId, converted.caseId))).orderBy(asc(auditLog.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/Giulia|333 1234567|Referto|mattina|Non lasciare/);
  });
});

describe('intake, two operators at once', () => {
  it('one turns it into a case while the other declines it: exactly one wins; a declined referral opens no case', async () => {
    for (let round = 0; round < 3; round++) {
      const iw = await intakeWorld(t);
      const sent = ok(await iw.er.request('POST', '/api/intake/sent', intakeBody(iw.w.orgs.cavA)), 201);
      const answers = await Promise.all([iw.opA.request('POST', `/api/intake/inbox/${sent.id}/case`), iw.headA.request('POST', `/api/intake/inbox/${sent.id}/decline`, { reason: 'irreperibile' })]);
      const [convert, decline] = answers;
      expect([convert.status, decline.status].sort(), JSON.stringify(answers.map((a) => a.body))).toEqual(convert.status === 201 ? [201, 409] : [200, 409]);
      const status = ok(await iw.er.request('GET', '/api/intake/sent')).items[0].status;
      const caseload = ok(await iw.headA.request('GET', '/api/cases'));
      expect(status).toBe(convert.status === 201 ? 'presa_in_carico' : 'rifiutata');
      expect(caseload.total).toBe(convert.status === 201 ? 1 : 0);
    }
  });
});

describe('reviews, as a participant of another review', () => {
  it('a review item id that is not of that review: 404 and audited as denied', async () => {
    const w = await createWorld(t);
    const shelterUser = await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'operator' }] });
    const [coord, opA, opShelter] = await Promise.all([login(t, w.users.coordinator), login(t, w.users.operatorA), login(t, shelterUser)]);
    const caseId = ok(await opA.request('POST', '/api/cases', { contactOn: day(-10) }), 201).id as string;
    const r1 = ok(await coord.request('POST', '/api/reviews', { networkId: w.network, heldOn: day(3), mode: 'mista', participantOrganisationIds: [w.orgs.cavA, w.orgs.shelter] }), 201).id as string;
    const r2 = ok(await coord.request('POST', '/api/reviews', { networkId: w.network, heldOn: day(4), mode: 'mista', participantOrganisationIds: [w.orgs.cavA, w.orgs.shelter] }), 201).id as string;
    const item = ok(await opA.request('POST', `/api/reviews/${r1}/items`, { caseId, basis: 'tutela_vita', legalBasis: 'interessi_vitali', reason: 'x', brief: 'y' }), 201).id as string;
    const unknown = '00000000-0000-4000-8000-0000000000ab';
    for (const [reviewId, itemId] of [[r2, item], [r1, unknown]]) {
      expect((await opShelter.request('PUT', `/api/reviews/${reviewId}/items/${itemId}`, { brief: 'z' }, { 'if-match': '"1"' })).status).toBe(404);
      expect((await opShelter.request('DELETE', `/api/reviews/${reviewId}/items/${itemId}`)).status).toBe(404);
    }
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.actorUserId, shelterUser.id), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id));
    expect(rows.length).toBeGreaterThanOrEqual(4);
  });

  it("a later review's open actions carried from an earlier one show nothing of a case to an organisation that did not take part in it", async () => {
    const w = await createWorld(t);
    const shelterUser = await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'operator' }] });
    const [coord, opA, opShelter] = await Promise.all([login(t, w.users.coordinator), login(t, w.users.operatorA), login(t, shelterUser)]);
    const caseId = ok(await opA.request('POST', '/api/cases', { contactOn: day(-10) }), 201).id as string;
    const code = ok(await opA.request('GET', `/api/cases/${caseId}`)).code as string;
    // The first review: CAV A (and the capofila), the shelter not there.
    const first = ok(await coord.request('POST', '/api/reviews', { networkId: w.network, heldOn: day(-7), mode: 'mista', participantOrganisationIds: [w.orgs.cavA] }), 201).id as string;
    const item = ok(
      await opA.request('POST', `/api/reviews/${first}/items`, { caseId, basis: 'tutela_vita', legalBasis: 'interessi_vitali', reason: 'Motivo-Riservato', brief: 'Sintesi-Riservata' }),
      201,
    ).id as string;
    ok(await coord.request('POST', `/api/reviews/${first}/actions`, { text: 'Azione-Riservata', ownerOrganisationId: w.orgs.cavA, dueOn: day(3), itemId: item }), 201);
    expect((await opShelter.request('GET', `/api/reviews/${first}`)).status).toBe(404);
    // The next review: the shelter takes part. It must not learn the earlier review's case from its carried actions.
    const next = ok(await coord.request('POST', '/api/reviews', { networkId: w.network, heldOn: day(14), mode: 'online', participantOrganisationIds: [w.orgs.shelter] }), 201).id as string;
    const seen = JSON.stringify(ok(await opShelter.request('GET', `/api/reviews/${next}`)));
    for (const marker of [code, caseId, 'Azione-Riservata', 'Sintesi-Riservata', 'Motivo-Riservato', first, item]) expect(seen, marker).not.toContain(marker);
  });
});

describe('reviews, an organisation added after a case was brought on consent', () => {
  it('learns nothing of a case her consent does not name: no brief, no code, no risk level', async () => {
    const w = await createWorld(t);
    const late = await insertOrganisation(t.db, { name: `sociale-${crypto.randomUUID()}`, type: 'servizio_sociale' });
    await setOrganisationNetworks(t.db, late, [w.network]);
    const lateUser = await createUser(t, { memberships: [{ organisationId: late, role: 'operator' }] });
    const [coord, opA, opLate] = await Promise.all([login(t, w.users.coordinator), login(t, w.users.operatorA), login(t, lateUser)]);
    const caseId = ok(await opA.request('POST', '/api/cases', { contactOn: day(-10) }), 201).id as string;
    const code = ok(await opA.request('GET', `/api/cases/${caseId}`)).code as string;
    for (const org of [w.orgs.shelter, w.orgs.capofila]) {
      ok(await opA.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: org, sections: ['plan'], givenOn: day(-1), form: 'scritto' }), 201);
    }
    const review = ok(await coord.request('POST', '/api/reviews', { networkId: w.network, heldOn: day(3), mode: 'mista', participantOrganisationIds: [w.orgs.cavA, w.orgs.shelter] }), 201);
    // Bringing it with the late organisation already there would be refused (her consent does not name it).
    ok(await opA.request('POST', `/api/reviews/${review.id}/items`, { caseId, basis: 'consenso', brief: 'Sintesi-Consenso' }), 201);
    const changed = await coord.request('PATCH', `/api/reviews/${review.id}`, { participantOrganisationIds: [w.orgs.cavA, w.orgs.shelter, late] }, match(review.version));
    if (changed.status === 200) {
      const seen = JSON.stringify(ok(await opLate.request('GET', `/api/reviews/${review.id}`)));
      for (const marker of ['Sintesi-Consenso', code, caseId]) expect(seen, marker).not.toContain(marker);
    } else {
      // Refusing to add her while the case is on the agenda is the other fair answer.
      expect(changed.status).toBe(400);
    }
  });
});

describe('minors, as the other organisation', () => {
  it('consents revoked because their holder is recorded as the author annul the referrals pending on them', async () => {
    const w = await createWorld(t);
    const [op, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.operatorB)]);
    const caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-5) }), 201).id as string;
    const saved = ok(await op.request('PUT', `/api/cases/${caseId}/minor`, { age: 12, ageOn: day(-10), knownOn: day(-3), holders: [{ relation: 'padre', isAuthor: false, informed: true }] }, { 'if-match': '"0"' }));
    const father = saved.record.holders[0];
    const ledger = ok(
      await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['work_housing'], referralPurposes: ['alloggio'], givenOn: day(-1), form: 'scritto', givenBy: 'titolare', holderId: father.id }),
      201,
    );
    const sent = ok(await op.request('POST', `/api/cases/${caseId}/referrals`, { consentId: ledger.at(-1).id, purpose: 'alloggio', urgency: 'ordinaria', sections: ['work_housing'] }), 201);
    ok(await op.request('PUT', `/api/cases/${caseId}/minor`, { age: 12, ageOn: day(-10), knownOn: day(-3), holders: [{ id: father.id, relation: 'padre', isAuthor: true, informed: true }] }, { 'if-match': '"1"' }));
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, sent.id));
    const inbox = ok(await opB.request('GET', '/api/referrals/inbox'));
    expect({ state: row!.state, pendingInB: inbox.counts.in_attesa }).toEqual({ state: 'annullata', pendingInB: 0 });
  });

  it("a child opened as a case of her own is linked only for whoever holds that case: B holding the mother's children sees no link", async () => {
    const s = await setup();
    const sent = ok(await s.op.request('POST', `/api/cases/${s.caseId}/referrals`, referralBody(s, { purpose: 'presa_in_carico', sections: ['children', 'minor'] })), 201);
    ok(await s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(1)));
    const children = ok(await s.op.request('GET', `/api/cases/${s.caseId}/children`));
    const childId = (children.items ?? children)[0].id as string;
    const opened = ok(await s.op.request('POST', `/api/cases/${s.caseId}/children/${childId}/open-case`), 201);
    const seenByB = JSON.stringify(ok(await s.opB.request('GET', `/api/cases/${s.caseId}/children`)));
    expect(seenByB).toContain(CHILD);
    expect(seenByB).not.toContain(opened.id);
    expect(seenByB).not.toContain(opened.code);
    for (const part of ['', '/minor', '/children', '/events']) expect((await s.opB.request('GET', `/api/cases/${opened.id}${part}`)).status, part).toBe(404);
    // Her own case's `minor` section (none yet) names no other case to B either.
    const minor = await s.opB.request('GET', `/api/cases/${s.caseId}/minor`);
    expect([200, 404]).toContain(minor.status);
    expect(JSON.stringify(minor.body)).not.toContain(opened.id);
  });
  it('a child opened as her own case twice at once: one case, the other told it is already opened', async () => {
    for (let round = 0; round < 3; round++) {
      const w = await createWorld(t);
      const op = await login(t, w.users.operatorA);
      const caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-5) }), 201).id as string;
      const child = ok(await op.request('POST', `/api/cases/${caseId}/children`, { age: 9, details: { firstName: 'Bimba-Doppia' } }), 201);
      const childId = child.id as string;
      const answers = await Promise.all([op.request('POST', `/api/cases/${caseId}/children/${childId}/open-case`), op.request('POST', `/api/cases/${caseId}/children/${childId}/open-case`)]);
      expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([201, 400]);
      const loser = answers.find((a) => a.status === 400)!;
      expect(loser.body.errors).toEqual([expect.objectContaining({ pointer: '/params/partId', code: 'already_opened' })]);
      const caseload = ok(await op.request('GET', '/api/cases'));
      expect(caseload.total).toBe(2);
    }
  });
});

describe('stray queries on the new lists', () => {
  it('page 0, huge pages, unknown states, NUL bytes: 400 with a pointer, never a 500', async () => {
    const iw = await intakeWorld(t);
    const lists: [Agent, string][] = [
      [iw.opA, '/api/referrals/inbox'],
      [iw.opA, '/api/referrals/outbox'],
      [iw.opA, '/api/intake/inbox'],
      [iw.er, '/api/intake/sent'],
      [iw.opA, '/api/reviews'],
    ];
    for (const [agent, url] of lists) {
      for (const q of ['page=0', 'pageSize=100000', 'state=nessuno', 'status=nessuno', 'page=%00', 'page=1e309']) {
        const res = await agent.request('GET', `${url}?${q}`);
        // Reviews and the sent list take fewer filters: an unknown parameter may be ignored, never a 500.
        expect([200, 400], `${url}?${q}`).toContain(res.status);
        if (res.status === 400) expect(res.body.errors?.[0]?.pointer ?? res.body.code, `${url}?${q}`).toBeTruthy();
      }
      expect((await agent.request('GET', `${url}?page=0`)).status, url).toBe(url === '/api/reviews' ? 200 : 400);
    }
  });
});
