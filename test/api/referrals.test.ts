import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { caseMembers } from '../../src/server/modules/cases/index.js';
import { expireReferral, referrals } from '../../src/server/modules/referrals/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';
import { ok, calendarDay as day, match, issues } from '../support/http.js';

/**
 * Referrals between organisations through the API (docs/referrals.md): a
 * referral rests on a live sharing consent that lists its purpose and
 * covers its sections; the recipient decides from the referral alone;
 * accepting puts her on the team with exactly the referral's sections;
 * decline, withdrawal, revocation and the time to first contact.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const NAME = 'Ortensia-Referral';
const NOTE = 'Cerca lavoro part-time, ha due figli';

interface Setup {
  w: World;
  op: Agent;
  head: Agent;
  sw: Agent;
  opB: Agent;
  headB: Agent;
  caseId: string;
  consentId: string;
}

/** Records a sharing consent and answers its id (the newest of the ledger). */
async function consent(agent: Agent, caseId: string, body: Record<string, unknown>): Promise<string> {
  const ledger = ok(await agent.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', givenOn: day(-1), form: 'scritto', ...body }), 201) as { id: string; recordedAt: string }[];
  return ledger.at(-1)!.id;
}

async function setup(): Promise<Setup> {
  const w = await createWorld(t);
  const [op, head, sw, opB, headB] = await Promise.all([
    login(t, w.users.operatorA),
    login(t, w.users.headA),
    login(t, w.users.socialWorkerA),
    login(t, w.users.operatorB),
    login(t, w.users.headB),
  ]);
  const caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-10), identity: { firstName: NAME } }), 201).id as string;
  const consentId = await consent(op, caseId, { recipientOrganisationId: w.orgs.cavB, sections: ['identity', 'timeline', 'plan', 'work_housing'], referralPurposes: ['presa_in_carico', 'orientamento_lavoro'] });
  return { w, op, head, sw, opB, headB, caseId, consentId };
}

const refer = (s: Setup, body: Record<string, unknown> = {}, headers: Record<string, string> = {}, agent = s.op) =>
  agent.request('POST', `/api/cases/${s.caseId}/referrals`, { consentId: s.consentId, purpose: 'orientamento_lavoro', urgency: 'urgente', sections: ['work_housing'], note: NOTE, ...body }, headers);

describe('referring a case', () => {
  it('rests on a live sharing consent that lists the purpose and covers the sections', async () => {
    const s = await setup();
    const other = ok(await s.op.request('POST', '/api/cases', { contactOn: day(-3) }), 201).id as string;
    const foreignConsent = await consent(s.op, other, { recipientOrganisationId: s.w.orgs.cavB, sections: ['timeline'], referralPurposes: ['presa_in_carico'] });
    const noPurposes = await consent(s.op, s.caseId, { recipientOrganisationId: s.w.orgs.shelter, sections: ['timeline'] });
    const stats = ok(await s.op.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'statistiche_anonime', givenOn: day(-1), form: 'orale' }), 201).at(-1).id;
    // No consent, another case's, one that is not a share.
    expect(issues((await refer(s, { consentId: '00000000-0000-4000-8000-000000000000' })).body)).toEqual(['/body/consentId unknown_consent']);
    expect(issues((await refer(s, { consentId: foreignConsent })).body)).toEqual(['/body/consentId unknown_consent']);
    expect(issues((await refer(s, { consentId: stats })).body)).toEqual(['/body/consentId unknown_consent']);
    // A purpose the consent does not list (an older consent lists none), sections beyond it.
    expect(issues((await refer(s, { purpose: 'alloggio' })).body)).toEqual(['/body/purpose purpose_not_consented']);
    expect(issues((await refer(s, { consentId: noPurposes, purpose: 'presa_in_carico', sections: ['timeline'] })).body)).toEqual(['/body/purpose purpose_not_consented']);
    expect(issues((await refer(s, { sections: ['work_housing', 'risk'] })).body)).toEqual(['/body/sections sections_not_consented']);
    // Never the authors, at the edge.
    expect((await refer(s, { sections: ['authors'] })).status).toBe(400);
    expect(await t.db.select().from(referrals).where(eq(referrals.caseId, s.caseId))).toEqual([]);

    const created = await refer(s);
    const body = ok(created, 201);
    expect(created.headers.etag).toBe('"1"');
    expect(body).toMatchObject({
      state: 'in_attesa',
      side: 'sender',
      version: 1,
      purpose: 'orientamento_lavoro',
      urgency: 'urgente',
      sections: ['work_housing'],
      note: NOTE,
      consentId: s.consentId,
      consentLive: true,
      case: { id: s.caseId },
      from: { id: s.w.orgs.cavA, type: 'cav' },
      to: { id: s.w.orgs.cavB, type: 'cav' },
      acts: { accept: false, decline: false, withdraw: true },
    });
    // The note exists only sealed.
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, body.id));
    expect(row!.noteSealed).not.toContain('part-time');
    // One pending referral per recipient: the second waits for the first's answer.
    expect(issues((await refer(s, { purpose: 'presa_in_carico' })).body)).toEqual(['/body/consentId referral_pending']);
    // The case's page lists it, with the consents a new one may rest on (those listing purposes).
    const list = ok(await s.op.request('GET', `/api/cases/${s.caseId}/referrals`));
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([body.id]);
    expect(list.consents).toEqual([expect.objectContaining({ consentId: s.consentId, purposes: ['presa_in_carico', 'orientamento_lavoro'], recipient: expect.objectContaining({ id: s.w.orgs.cavB }) })]);
    // Audited on the case, so its access history shows it.
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'referral.create'), eq(auditLog.resourceId, s.caseId))).orderBy(asc(auditLog.id));
    expect(audit).toMatchObject({ outcome: 'success', purpose: `referral:${body.id}`, actorUserId: s.w.users.operatorA.id });
  });

  it('a retry with the same Idempotency-Key makes one referral; the same key with another body is refused', async () => {
    const s = await setup();
    const key = { 'idempotency-key': 'referral-retry-0001' };
    const first = ok(await refer(s, {}, key), 201);
    const again = ok(await refer(s, {}, key), 201);
    expect(again.id).toBe(first.id);
    expect(await t.db.select().from(referrals).where(eq(referrals.caseId, s.caseId))).toHaveLength(1);
    const reused = await refer(s, { urgency: 'ordinaria' }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect(await t.db.select().from(referrals).where(eq(referrals.caseId, s.caseId))).toHaveLength(1);
  });

  it('a consent records the referral purposes only for a share', async () => {
    const s = await setup();
    const refused = await s.op.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'statistiche_anonime', givenOn: day(-1), form: 'orale', referralPurposes: ['alloggio'] });
    expect(issues(refused.body)).toEqual(['/body/referralPurposes purposes_only_for_sharing']);
    const ledger = ok(await s.op.request('GET', `/api/cases/${s.caseId}/consents`));
    expect(ledger.find((c: { id: string }) => c.id === s.consentId).referralPurposes).toEqual(['presa_in_carico', 'orientamento_lavoro']);
  });
});

describe('the recipient', () => {
  it('decides from the referral alone, then joins the team with exactly its sections', async () => {
    const s = await setup();
    const sent = ok(await refer(s), 201);
    // Her inbox: counts per state, filters; nothing of the woman.
    const inbox = ok(await s.opB.request('GET', '/api/referrals/inbox'));
    expect(inbox.total).toBe(1);
    expect(inbox.counts).toMatchObject({ in_attesa: 1, accettata: 0 });
    expect(inbox.items[0]).toMatchObject({ id: sent.id, side: 'recipient', case: { id: s.caseId, code: expect.stringMatching(/^P\d\d-/) }, from: { id: s.w.orgs.cavA } });
    expect(JSON.stringify(inbox)).not.toContain(NAME);
    expect(ok(await s.opB.request('GET', '/api/referrals/inbox?purpose=alloggio')).total).toBe(0);
    expect(ok(await s.opB.request('GET', '/api/referrals/inbox?state=accettata')).counts.in_attesa).toBe(1);
    const seen = await s.opB.request('GET', `/api/referrals/${sent.id}`);
    expect(ok(seen)).toMatchObject({ note: NOTE, consentId: null, acts: { accept: true, decline: true, withdraw: false } });
    expect(seen.headers.etag).toBe('"1"');
    expect(JSON.stringify(seen.body)).not.toContain(NAME);
    // Before accepting she holds nothing of the case.
    expect((await s.opB.request('GET', `/api/cases/${s.caseId}`)).status).toBe(404);

    // If-Match: missing 428, stale 412.
    expect((await s.opB.request('POST', `/api/referrals/${sent.id}/accept`)).status).toBe(428);
    expect((await s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(7))).status).toBe(412);
    const accepted = ok(await s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(1)));
    expect(accepted).toMatchObject({ state: 'accettata', version: 2, decidedBy: expect.any(String), acts: { accept: false, decline: false, withdraw: false } });
    // Exactly the referral's sections, though the consent covers more.
    const [member] = await t.db.select().from(caseMembers).where(and(eq(caseMembers.caseId, s.caseId), eq(caseMembers.userId, s.w.users.operatorB.id)));
    expect(member).toMatchObject({ sections: ['work_housing'], consentId: s.consentId, organisationId: s.w.orgs.cavB });
    const detail = ok(await s.opB.request('GET', `/api/cases/${s.caseId}`));
    expect(detail.access.sections).toEqual(['work_housing']);
    expect(JSON.stringify(detail)).not.toContain(NAME);
    expect((await s.opB.request('GET', `/api/cases/${s.caseId}/events`)).status).toBe(404);
    // Answered once: a second answer is refused.
    const again = await s.headB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(2));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('referral_not_pending');
    // The case's access history shows the referral's life.
    const history = ok(await s.head.request('GET', `/api/cases/${s.caseId}/access-log?pageSize=100`));
    const actions = history.items.map((i: { action: string }) => i.action);
    for (const a of ['referral.create', 'referral.read', 'referral.accept', 'case.listed']) expect(actions, a).toContain(a);
  });

  it('declines with a coded reason; the sender may refer again', async () => {
    const s = await setup();
    const sent = ok(await refer(s), 201);
    expect(issues((await s.opB.request('POST', `/api/referrals/${sent.id}/decline`, { reason: 'busy' }, match(1))).body)).toEqual(['/body/reason invalid_value']);
    const declined = ok(await s.opB.request('POST', `/api/referrals/${sent.id}/decline`, { reason: 'no_capacity', note: 'Lista d’attesa piena' }, match(1)));
    expect(declined).toMatchObject({ state: 'rifiutata', declineReason: 'no_capacity', declineNote: 'Lista d’attesa piena' });
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, sent.id));
    expect(row!.declineNoteSealed).not.toContain('attesa');
    // The sender reads why.
    expect(ok(await s.op.request('GET', `/api/referrals/${sent.id}`))).toMatchObject({ state: 'rifiutata', declineReason: 'no_capacity', declineNote: 'Lista d’attesa piena' });
    expect((await s.opB.request('GET', `/api/cases/${s.caseId}`)).status).toBe(404);
    // A new referral to the same organisation.
    const again = ok(await refer(s, { urgency: 'ordinaria' }), 201);
    expect(again.id).not.toBe(sent.id);
    const outbox = ok(await s.op.request('GET', '/api/referrals/outbox'));
    expect(outbox.counts).toMatchObject({ in_attesa: 1, rifiutata: 1 });
  });

  it('records the time to her first contact once, from her organisation’s first contact after accepting', async () => {
    const s = await setup();
    const sent = ok(await refer(s, { sections: ['timeline'], purpose: 'presa_in_carico' }), 201);
    ok(await s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(1)));
    // The sender's own contact is not the recipient's.
    ok(await s.op.request('POST', `/api/cases/${s.caseId}/events`, { at: new Date().toISOString(), channel: 'telefono', type: 'sociale' }), 201);
    expect((await t.db.select().from(referrals).where(eq(referrals.id, sent.id)))[0]!.firstContactAt).toBeNull();
    // A contact she records as made before the referral was sent answers nothing.
    ok(await s.opB.request('POST', `/api/cases/${s.caseId}/events`, { at: new Date(Date.now() - 86_400_000).toISOString(), channel: 'telefono', type: 'sociale' }), 201);
    expect((await t.db.select().from(referrals).where(eq(referrals.id, sent.id)))[0]!.firstContactAt).toBeNull();
    const at = new Date();
    ok(await s.opB.request('POST', `/api/cases/${s.caseId}/events`, { at: at.toISOString(), channel: 'di_persona', type: 'sociale' }), 201);
    ok(await s.opB.request('POST', `/api/cases/${s.caseId}/events`, { at: new Date(at.getTime() + 1000).toISOString(), channel: 'telefono', type: 'sociale' }), 201);
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, sent.id));
    expect(row!.firstContactAt?.getTime()).toBe(at.getTime());
    expect(ok(await s.op.request('GET', `/api/referrals/${sent.id}`)).firstContactAt).toBe(at.toISOString());
  });
});

describe('the sender', () => {
  it('withdraws while pending, and the recipient can no longer answer', async () => {
    const s = await setup();
    const sent = ok(await refer(s), 201);
    // The recipient does not withdraw: not her side (404, audited as denied).
    expect((await s.opB.request('POST', `/api/referrals/${sent.id}/withdraw`, undefined, match(1))).status).toBe(404);
    const withdrawn = ok(await s.op.request('POST', `/api/referrals/${sent.id}/withdraw`, undefined, match(1)));
    expect(withdrawn).toMatchObject({ state: 'ritirata', acts: { withdraw: false } });
    expect((await s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(2))).body.code).toBe('referral_not_pending');
    expect((await s.op.request('POST', `/api/referrals/${sent.id}/withdraw`, undefined, match(2))).body.code).toBe('referral_not_pending');
    // A withdrawn referral leaves the recipient the facts, not the note.
    expect(ok(await s.opB.request('GET', `/api/referrals/${sent.id}`))).toMatchObject({ state: 'ritirata', note: null });
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'referral.withdraw'), eq(auditLog.outcome, 'denied'), eq(auditLog.resourceId, s.caseId))).orderBy(asc(auditLog.id));
    expect(denied.map((d) => d.actorUserId)).toEqual([s.w.users.operatorB.id]);
  });

  it('sees in the outbox the referrals of the cases she is on; the head all of her organisation', async () => {
    const s = await setup();
    const sent = ok(await refer(s), 201);
    expect(ok(await s.op.request('GET', '/api/referrals/outbox')).items.map((r: { id: string }) => r.id)).toEqual([sent.id]);
    expect(ok(await s.head.request('GET', '/api/referrals/outbox')).items.map((r: { id: string }) => r.id)).toEqual([sent.id]);
    // A colleague not on the team sees neither the referral nor its case.
    expect(ok(await s.sw.request('GET', '/api/referrals/outbox')).total).toBe(0);
    expect((await s.sw.request('GET', `/api/referrals/${sent.id}`)).status).toBe(404);
    expect((await s.sw.request('GET', `/api/cases/${s.caseId}/referrals`)).status).toBe(404);
    // Her own inbox is empty: nothing was sent to her organisation.
    expect(ok(await s.op.request('GET', '/api/referrals/inbox')).total).toBe(0);
    // Each case a list shows is audited as listed.
    const listed = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.listed'), eq(auditLog.actorUserId, s.w.users.operatorA.id), eq(auditLog.purpose, 'referrals'))).orderBy(asc(auditLog.id));
    expect(listed.flatMap((l) => l.subjectIds ?? [])).toContain(s.caseId);
  });
});

describe('the count of pending referrals received (the navigation\'s number)', () => {
  it('counts only what waits for her organisation, reads no case and writes no audit row', async () => {
    const s = await setup();
    const count = async (a: Agent) => ok(await a.request('GET', '/api/referrals/inbox/count'));
    expect(await count(s.opB)).toEqual({ pending: 0, urgent: 0 });
    const urgent = ok(await refer(s), 201);
    const shelterConsent = await consent(s.op, s.caseId, { recipientOrganisationId: s.w.orgs.shelter, sections: ['timeline'], referralPurposes: ['ospitalita'] });
    ok(await refer(s, { consentId: shelterConsent, purpose: 'ospitalita', urgency: 'emergenza', sections: ['timeline'] }), 201);
    const other = ok(await s.op.request('POST', '/api/cases', { contactOn: day(-3) }), 201).id as string;
    const otherConsent = await consent(s.op, other, { recipientOrganisationId: s.w.orgs.cavB, sections: ['timeline'], referralPurposes: ['presa_in_carico'] });
    ok(await s.op.request('POST', `/api/cases/${other}/referrals`, { consentId: otherConsent, purpose: 'presa_in_carico', urgency: 'ordinaria', sections: ['timeline'] }), 201);
    // CAV B: two wait (one urgent); the shelter's emergency is not hers. Head and operator alike: the organisation is the recipient.
    expect(await count(s.opB)).toEqual({ pending: 2, urgent: 1 });
    expect(await count(s.headB)).toEqual({ pending: 2, urgent: 1 });
    // The sender's own organisation received nothing: its outbox is not counted.
    expect(await count(s.op)).toEqual({ pending: 0, urgent: 0 });
    // Answered (declined) and withdrawn ones no longer wait.
    ok(await s.opB.request('POST', `/api/referrals/${urgent.id}/decline`, { reason: 'no_capacity' }, match(1)));
    expect(await count(s.opB)).toEqual({ pending: 1, urgent: 0 });
    // No audit row of any kind for the count: neither hers nor on a case.
    const before = await t.db.select().from(auditLog).where(eq(auditLog.actorUserId, s.w.users.headB.id)).orderBy(asc(auditLog.id));
    await count(s.headB);
    await t.chained();
    expect(await t.db.select().from(auditLog).where(eq(auditLog.actorUserId, s.w.users.headB.id)).orderBy(asc(auditLog.id))).toHaveLength(before.length);
  });

  it('refuses the roles without case data, as the other referral routes do', async () => {
    const s = await setup();
    const [admin, coordinator, helpline, analyst] = await Promise.all([login(t, s.w.users.admin), login(t, s.w.users.coordinator), login(t, s.w.users.helpline), login(t, s.w.users.analyst)]);
    for (const a of [admin, coordinator, helpline, analyst]) {
      expect((await a.request('GET', '/api/referrals/inbox/count')).status).toBe(403);
      expect((await a.request('GET', '/api/referrals/inbox')).status).toBe(403);
    }
  });
});

describe('revoking the consent', () => {
  it('annuls the pending referrals on it and cuts the access of an accepted one', async () => {
    const s = await setup();
    const accepted = ok(await refer(s, { purpose: 'presa_in_carico', sections: ['timeline', 'plan'] }), 201);
    ok(await s.opB.request('POST', `/api/referrals/${accepted.id}/accept`, undefined, match(1)));
    const shelterConsent = await consent(s.op, s.caseId, { recipientOrganisationId: s.w.orgs.shelter, sections: ['timeline'], referralPurposes: ['ospitalita'] });
    const pendingOther = ok(await refer(s, { consentId: shelterConsent, purpose: 'ospitalita', sections: ['timeline'] }), 201);
    const pending = ok(await refer(s, { purpose: 'orientamento_lavoro', sections: ['work_housing'] }), 201);
    expect(ok(await s.opB.request('GET', `/api/cases/${s.caseId}/events`)).total).toBe(0);

    ok(await s.op.request('POST', `/api/cases/${s.caseId}/consents/${s.consentId}/revoke`), 200);
    const states = await t.db.select({ id: referrals.id, state: referrals.state, decidedAt: referrals.decidedAt }).from(referrals).where(eq(referrals.caseId, s.caseId)).orderBy(asc(referrals.referredAt));
    expect(states.map((r) => r.state)).toEqual(['accettata', 'in_attesa', 'annullata']);
    expect(states.find((r) => r.id === pending.id)!.decidedAt).not.toBeNull();
    expect(states.find((r) => r.id === pendingOther.id)!.state).toBe('in_attesa');
    // Her access ends at once: the member left the team.
    expect((await s.opB.request('GET', `/api/cases/${s.caseId}`)).status).toBe(404);
    expect((await s.opB.request('GET', `/api/cases/${s.caseId}/events`)).status).toBe(404);
    expect(await t.db.select().from(caseMembers).where(and(eq(caseMembers.caseId, s.caseId), eq(caseMembers.userId, s.w.users.operatorB.id)))).toEqual([]);
    // The recipient keeps the facts, not the notes.
    expect(ok(await s.opB.request('GET', `/api/referrals/${accepted.id}`))).toMatchObject({ state: 'accettata', consentLive: false, note: null });
    expect(ok(await s.opB.request('GET', `/api/referrals/${pending.id}`))).toMatchObject({ state: 'annullata', note: null, acts: { accept: false, decline: false } });
    // A referral on a revoked consent is refused.
    expect(issues((await refer(s)).body)).toEqual(['/body/consentId consent_not_live']);
  });
});

describe('revoking the consent tells whom it concerns', () => {
  const kinds = async (a: Agent) => ok(await a.request('GET', '/api/notifications?status=all')).items as { kind: string; target: Record<string, unknown> }[];

  it('the recipient’s staff hear of an annulled referral, the member who left of her ended share; no case named; each audited', async () => {
    const s = await setup();
    const accepted = ok(await refer(s, { purpose: 'presa_in_carico', sections: ['timeline'] }), 201);
    ok(await s.opB.request('POST', `/api/referrals/${accepted.id}/accept`, undefined, match(1)));
    const pending = ok(await refer(s, { purpose: 'orientamento_lavoro', sections: ['work_housing'] }), 201);
    ok(await s.op.request('POST', `/api/cases/${s.caseId}/consents/${s.consentId}/revoke`), 200);

    // CAV B's head: the annulment, pointing to the referral only.
    expect((await kinds(s.headB)).filter((n) => n.kind === 'referral_annulled')).toEqual([
      expect.objectContaining({ target: { type: 'referral', referralId: pending.id, caseId: null, caseCode: null } }),
    ]);
    // CAV B's operator who had joined: the annulment too, and her share's end, through the referral she accepted (no case, no code).
    const hers = await kinds(s.opB);
    expect(hers.find((n) => n.kind === 'case_share_ended')).toMatchObject({ target: { type: 'referral', referralId: accepted.id, caseId: null, caseCode: null } });
    expect(hers.filter((n) => n.kind === 'referral_annulled')).toHaveLength(1);
    expect(JSON.stringify(hers)).not.toContain(s.caseId);
    // Who revoked is not told of her own act.
    expect((await kinds(s.op)).filter((n) => ['referral_annulled', 'case_share_ended'].includes(n.kind))).toEqual([]);

    // Audited on the case: the annulment (the revoker as actor) and the member who left.
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.resourceId, s.caseId)).orderBy(asc(auditLog.id));
    expect(rows.filter((r) => r.action === 'referral.annul')).toEqual([
      expect.objectContaining({ outcome: 'success', resourceType: 'case', purpose: `referral:${pending.id}`, actorUserId: s.w.users.operatorA.id }),
    ]);
    expect(rows.filter((r) => r.action === 'case.team' && r.purpose === `left:${s.w.users.operatorB.id}:consent_revoked`)).toHaveLength(1);
  });

  it('a member who joined on a plain share is pointed to her caseload', async () => {
    const s = await setup();
    ok(await s.head.request('POST', `/api/cases/${s.caseId}/team`, { userId: s.w.users.operatorB.id, sections: ['timeline'] }));
    ok(await s.op.request('POST', `/api/cases/${s.caseId}/consents/${s.consentId}/revoke`), 200);
    expect((await kinds(s.opB)).filter((n) => n.kind === 'case_share_ended')).toEqual([expect.objectContaining({ target: { type: 'caseload' } })]);
    expect((await kinds(s.headB)).filter((n) => n.kind === 'referral_annulled')).toEqual([]);
  });
});

describe('the expiry (for the referrals job)', () => {
  it('ends a pending referral once, audited on its case; an answered one stays as it is', async () => {
    const s = await setup();
    const pending = ok(await refer(s), 201);
    expect(await t.db.transaction((tx) => expireReferral(tx, pending.id))).toBe(true);
    expect(await t.db.transaction((tx) => expireReferral(tx, pending.id))).toBe(false);
    expect(ok(await s.op.request('GET', `/api/referrals/${pending.id}`))).toMatchObject({ state: 'scaduta', version: 2, decidedAt: expect.any(String), acts: { withdraw: false } });
    expect((await s.opB.request('POST', `/api/referrals/${pending.id}/accept`, undefined, match(2))).body.code).toBe('referral_not_pending');
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'referral.expire'), eq(auditLog.resourceId, s.caseId))).orderBy(asc(auditLog.id));
    expect(audit).toMatchObject({ outcome: 'success', purpose: `referral:${pending.id}`, actorUserId: null });
    // Referred again after the expiry: a new referral.
    expect(ok(await refer(s), 201).id).not.toBe(pending.id);
  });
});
