import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSection } from '../../src/shared/cases.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { caseConsents, caseMembers } from '../../src/server/modules/cases/index.js';
import { insertOrganisation } from '../../src/server/modules/organisations/index.js';
import { referrals } from '../../src/server/modules/referrals/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';
import { ok, calendarDay as day, match } from '../support/http.js';

/**
 * Attacks on referrals (docs/referrals.md): foreign and other
 * organisations' ids, the recipient reaching for sections it was not
 * given (every section route), a perpetrator programme, bad input, stale
 * versions, and two people accepting at once.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const NOBODY = '00000000-0000-4000-8000-000000000000';
const NAME = 'Gelsomina-Attack';
const EVENT = 'Colloquio-Albatro';
const CHILD = 'Bimba-Ciclamino';

interface Setup {
  w: World;
  op: Agent;
  opB: Agent;
  headB: Agent;
  caseId: string;
  consentId: string;
  documentId: string;
}

const SHAREABLE: CaseSection[] = ['identity', 'profile', 'children', 'timeline', 'plan', 'consents', 'documents', 'work_housing', 'risk'];

async function setup(): Promise<Setup> {
  const w = await createWorld(t);
  const [op, opB, headB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.operatorB), login(t, w.users.headB)]);
  const caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-5), identity: { firstName: NAME }, firstEvent: { channel: 'telefono', notes: EVENT } }), 201).id as string;
  ok(await op.request('POST', `/api/cases/${caseId}/children`, { age: 6, details: { firstName: CHILD } }), 201);
  const pdf = Buffer.from('%PDF-1.7\nattack\n%%EOF');
  const documentId = ok(await op.request('POST', `/api/cases/${caseId}/documents`, { kind: 'altro', name: 'Referto.pdf', mimeType: 'application/pdf', contentBase64: pdf.toString('base64') }), 201).id as string;
  const ledger = ok(
    await op.request('POST', `/api/cases/${caseId}/consents`, {
      purpose: 'condivisione',
      recipientOrganisationId: w.orgs.cavB,
      sections: SHAREABLE,
      referralPurposes: ['presa_in_carico', 'orientamento_lavoro', 'alloggio'],
      givenOn: day(-1),
      form: 'scritto',
    }),
    201,
  );
  return { w, op, opB, headB, caseId, consentId: ledger.at(-1).id, documentId };
}

const refer = (s: Setup, body: Record<string, unknown> = {}) =>
  s.op.request('POST', `/api/cases/${s.caseId}/referrals`, { consentId: s.consentId, purpose: 'orientamento_lavoro', urgency: 'ordinaria', sections: ['work_housing'], ...body });

const deniedRows = (actorUserId: string, action: string) =>
  t.db.select().from(auditLog).where(and(eq(auditLog.actorUserId, actorUserId), eq(auditLog.action, action as 'referral.read'), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id));

describe('ids that are not hers', () => {
  it('a referral that does not exist, or of other organisations, is 404 for every route, each audited as denied', async () => {
    const s = await setup();
    const sent = ok(await refer(s), 201);
    // The shelter's operator: neither sender nor recipient.
    const shelterUser = await createUser(t, { memberships: [{ organisationId: s.w.orgs.shelter, role: 'operator' }] });
    const shelterOp = await login(t, shelterUser);
    for (const [agent, id] of [
      [shelterOp, sent.id],
      [s.opB, NOBODY],
      [shelterOp, NOBODY],
    ] as const) {
      expect((await agent.request('GET', `/api/referrals/${id}`)).status).toBe(404);
      for (const act of ['accept', 'withdraw']) expect((await agent.request('POST', `/api/referrals/${id}/${act}`, undefined, match(1))).status, act).toBe(404);
      expect((await agent.request('POST', `/api/referrals/${id}/decline`, { reason: 'other' }, match(1))).status).toBe(404);
    }
    expect(await deniedRows(s.w.users.operatorB.id, 'referral.read')).toHaveLength(1);
    for (const action of ['referral.read', 'referral.accept', 'referral.decline', 'referral.withdraw']) expect(await deniedRows(shelterUser.id, action), action).toHaveLength(2);
    // Nothing changed, and no list of theirs shows it.
    expect((await t.db.select().from(referrals).where(eq(referrals.id, sent.id)))[0]).toMatchObject({ state: 'in_attesa', version: 1 });
    expect(ok(await shelterOp.request('GET', '/api/referrals/inbox')).total).toBe(0);
    expect(ok(await shelterOp.request('GET', '/api/referrals/outbox')).total).toBe(0);
    // Refer another organisation's case, read its referrals: 404, as for any case she does not hold.
    expect((await s.opB.request('POST', `/api/cases/${s.caseId}/referrals`, { consentId: s.consentId, purpose: 'alloggio', urgency: 'ordinaria', sections: ['work_housing'] })).status).toBe(404);
    expect((await s.opB.request('GET', `/api/cases/${s.caseId}/referrals`)).status).toBe(404);
    expect((await s.opB.request('GET', `/api/cases/${NOBODY}/referrals`)).status).toBe(404);
  });

  it('the instance admin and the roles without case data are refused; a perpetrator programme never takes part', async () => {
    const s = await setup();
    for (const user of [s.w.users.admin, s.w.users.coordinator, s.w.users.analyst, s.w.users.helpline]) {
      const agent = await login(t, user);
      for (const url of ['/api/referrals/inbox', '/api/referrals/outbox']) expect((await agent.request('GET', url)).status, url).toBe(403);
    }
    // A CUAV: no consent may name one (rule 6), and one slipped into the ledger carries no referral.
    const cuav = await insertOrganisation(t.db, { name: `cuav-${Date.now()}`, type: 'cuav' });
    const refusedConsent = await s.op.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: cuav, sections: ['timeline'], referralPurposes: ['altro'], givenOn: day(-1), form: 'scritto' });
    expect(refusedConsent.body.errors[0]).toMatchObject({ code: 'cuav_never' });
    const [slipped] = await t.db
      .insert(caseConsents)
      .values({ caseId: s.caseId, purpose: 'condivisione', recipientOrganisationId: cuav, sections: ['timeline'], referralPurposes: ['altro'], givenOn: day(-1), form: 'scritto' })
      .returning({ id: caseConsents.id });
    const refused = await refer(s, { consentId: slipped!.id, purpose: 'altro', sections: ['timeline'] });
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '/body/consentId', code: 'cuav_never' })]);
    expect(ok(await s.op.request('GET', `/api/cases/${s.caseId}/referrals`)).consents.map((c: { consentId: string }) => c.consentId)).not.toContain(slipped!.id);
    const cuavOp = await login(t, await createUser(t, { memberships: [{ organisationId: cuav, role: 'operator' }] }));
    expect((await cuavOp.request('GET', '/api/referrals/inbox')).status).toBe(403);
  });
});

describe('the recipient holds exactly what was referred', () => {
  /** Each route that shows a part of a case, and the sections that open it to a member of another organisation. */
  const PARTS: Record<string, { url: (s: Setup) => string; covering: CaseSection[] }> = {
    events: { url: (s) => `/api/cases/${s.caseId}/events`, covering: ['timeline'] },
    children: { url: (s) => `/api/cases/${s.caseId}/children`, covering: ['children'] },
    consents: { url: (s) => `/api/cases/${s.caseId}/consents`, covering: ['consents'] },
    plan: { url: (s) => `/api/cases/${s.caseId}/plan`, covering: ['plan', 'work_housing'] },
    safetyPlan: { url: (s) => `/api/cases/${s.caseId}/safety-plan`, covering: ['risk'] },
    risk: { url: (s) => `/api/cases/${s.caseId}/risk`, covering: ['risk'] },
    assessments: { url: (s) => `/api/cases/${s.caseId}/risk/assessments`, covering: ['risk'] },
    documents: { url: (s) => `/api/cases/${s.caseId}/documents`, covering: ['documents'] },
    document: { url: (s) => `/api/cases/${s.caseId}/documents/${s.documentId}`, covering: ['documents'] },
    authors: { url: (s) => `/api/cases/${s.caseId}/authors`, covering: [] },
    referrals: { url: (s) => `/api/cases/${s.caseId}/referrals`, covering: [] },
  };

  for (const held of [['work_housing'], ['timeline'], ['children', 'documents'], ['identity', 'risk']] as CaseSection[][]) {
    it(`accepting a referral of [${held.join(', ')}] opens exactly those: every other section route is 404`, async () => {
      const s = await setup();
      const sent = ok(await refer(s, { sections: held, purpose: 'presa_in_carico' }), 201);
      // Before accepting: the whole case is 404, the referral shows no content.
      expect((await s.opB.request('GET', `/api/cases/${s.caseId}`)).status).toBe(404);
      const seen = JSON.stringify(ok(await s.opB.request('GET', `/api/referrals/${sent.id}`)));
      for (const marker of [NAME, EVENT, CHILD]) expect(seen).not.toContain(marker);
      ok(await s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(1)));
      const detail = ok(await s.opB.request('GET', `/api/cases/${s.caseId}`));
      expect(detail.access.sections).toEqual(held);
      expect(JSON.stringify(detail).includes(NAME)).toBe(held.includes('identity'));
      for (const [name, part] of Object.entries(PARTS)) {
        const status = (await s.opB.request('GET', part.url(s))).status;
        expect(status, `${name} with [${held}]`).toBe(part.covering.some((c) => held.includes(c)) ? 200 : 404);
      }
      // Each refusal is audited as denied on the case.
      const denied = await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(and(eq(auditLog.resourceId, s.caseId), eq(auditLog.actorUserId, s.w.users.operatorB.id), eq(auditLog.outcome, 'denied')));
      expect(denied[0]!.n).toBeGreaterThanOrEqual(Object.values(PARTS).filter((p) => !p.covering.some((c) => held.includes(c))).length);
      // She refers nothing on: a referral is an act of the owning organisation.
      expect((await s.opB.request('POST', `/api/cases/${s.caseId}/referrals`, { consentId: s.consentId, purpose: 'alloggio', urgency: 'ordinaria', sections: held })).status).toBe(404);
    });
  }
});

describe('bad input', () => {
  it('is refused at the edge with codes and pointers, nothing written', async () => {
    const s = await setup();
    const cases: [unknown, number][] = [
      [{ consentId: s.consentId, purpose: 'alloggio', urgency: 'ordinaria', sections: ['work_housing'], note: 'a\u0000b' }, 400],
      [{ consentId: s.consentId, purpose: 'alloggio', urgency: 'ordinaria', sections: ['work_housing'], note: 'x'.repeat(1001) }, 400],
      [{ consentId: s.consentId, purpose: 'alloggio', urgency: 'ordinaria', sections: ['work_housing', 'work_housing'] }, 400],
      [{ consentId: s.consentId, purpose: 'alloggio', urgency: 'ordinaria', sections: [] }, 400],
      [{ consentId: s.consentId, purpose: 'mediazione', urgency: 'ordinaria', sections: ['work_housing'] }, 400],
      [{ consentId: s.consentId, purpose: 'alloggio', urgency: 'subito', sections: ['work_housing'] }, 400],
      [{ consentId: s.consentId, purpose: 'alloggio', urgency: 'ordinaria', sections: ['work_housing'], toOrganisationId: s.w.orgs.shelter }, 400],
      [{ consentId: 'not-a-uuid', purpose: 'alloggio', urgency: 'ordinaria', sections: ['work_housing'] }, 400],
      [[1, 2], 400],
      ['"text"', 400],
    ];
    // A bare string is not JSON sent as JSON: refused as its media type, before anything is read.
    const expected = (body: unknown) => (typeof body === 'string' ? 415 : 400);
    for (const [body, status] of cases) {
      const res = await s.op.request('POST', `/api/cases/${s.caseId}/referrals`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status === 400 ? expected(body) : status);
      expect(res.body.code).not.toBe('internal');
    }
    const nul = await s.op.request('POST', `/api/cases/${s.caseId}/referrals`, cases[0]![0]);
    expect(nul.body.errors).toEqual([expect.objectContaining({ pointer: '/body/note', code: 'invalid_text' })]);
    expect(await t.db.select().from(referrals).where(eq(referrals.caseId, s.caseId))).toEqual([]);
    const sent = ok(await refer(s), 201);
    expect((await s.opB.request('POST', `/api/referrals/${sent.id}/decline`, { reason: 'other', note: 'x\u0000' }, match(1))).status).toBe(400);
    expect((await s.opB.request('POST', `/api/referrals/${sent.id}/decline`, { reason: 'other', extra: 1 }, match(1))).status).toBe(400);
    expect((await s.opB.request('GET', '/api/referrals/inbox?state=nope')).status).toBe(400);
    expect((await s.opB.request('GET', '/api/referrals/inbox?pageSize=1000')).status).toBe(400);
    // Stale and missing versions.
    expect((await s.opB.request('POST', `/api/referrals/${sent.id}/decline`, { reason: 'other' })).status).toBe(428);
    expect((await s.opB.request('POST', `/api/referrals/${sent.id}/decline`, { reason: 'other' }, match(0))).status).toBe(412);
    expect((await s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, { 'if-match': 'garbage' })).status).toBe(412);
    expect((await t.db.select().from(referrals).where(eq(referrals.id, sent.id)))[0]).toMatchObject({ state: 'in_attesa', version: 1 });
  });
});

describe('two people of the recipient accept at once', () => {
  it('exactly one acceptance, one new member; the other is told it was answered', async () => {
    for (let round = 0; round < 3; round++) {
      const s = await setup();
      const sent = ok(await refer(s), 201);
      const answers = await Promise.all([
        s.opB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(1)),
        s.headB.request('POST', `/api/referrals/${sent.id}/accept`, undefined, match(1)),
      ]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses, JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409]);
      const [row] = await t.db.select().from(referrals).where(eq(referrals.id, sent.id));
      expect(row).toMatchObject({ state: 'accettata', version: 2 });
      const members = await t.db.select().from(caseMembers).where(and(eq(caseMembers.caseId, s.caseId), eq(caseMembers.organisationId, s.w.orgs.cavB)));
      expect(members.map((m) => m.userId)).toEqual([row!.decidedBy]);
      const accepted = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'referral.accept'), eq(auditLog.resourceId, s.caseId), eq(auditLog.outcome, 'success'))).orderBy(asc(auditLog.id));
      expect(accepted).toHaveLength(1);
    }
  });
});
