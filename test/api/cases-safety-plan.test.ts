import { asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { planActions } from '../../src/server/modules/cases/plan.tables.js';
import { safetyPlanVersions } from '../../src/server/modules/cases/safety-plan.tables.js';
import { SAFETY_PLAN_LIMITS } from '../../src/shared/safety-plan.api.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';
import { day } from '../support/http.js';

/** The safety plan: versions, If-Match, validation at the edge, the `risk` section, sealed at rest, audited. */

let t: TestApp;
const NAME = 'Ginestra Pervinca';
const PHONE = '347 555 0192';
const CODE_WORD = 'tartaruga-arancione';
const ROUTE = 'Uscire dal garage sul retro verso la farmacia';

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function setup() {
  const w: World = await createWorld(t);
  const op: Agent = await login(t, w.users.operatorA);
  const head: Agent = await login(t, w.users.headA);
  const opB: Agent = await login(t, w.users.operatorB);
  const created = await op.request('POST', '/api/cases', { contactOn: day(-10) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { w, op, head, opB, caseId: created.body.id as string };
}

const plan = (w: World, over: Record<string, unknown> = {}) => ({
  safePlaces: [{ kind: 'familiari', description: 'Dalla sorella, via dei Tigli' }, { kind: 'forze_ordine' }],
  contacts: [{ name: NAME, phone: PHONE, relationship: 'amica' }],
  extraNumbers: [{ label: 'Avvocata', number: '030 123 4567' }],
  bag: { documenti: true, denaro: true, chiavi: false },
  schoolInformed: 'si',
  schoolInformedOn: day(-2),
  codeWord: CODE_WORD,
  escapeNotes: ROUTE,
  technology: { telefono_controllato: true },
  agreedOn: day(0),
  agreedWithUserId: w.users.operatorA.id,
  nextReviewOn: day(14),
  ...over,
});

const url = (caseId: string) => `/api/cases/${caseId}/safety-plan`;

describe('the safety plan', () => {
  it('is saved as versions: the first on If-Match "0", each next on the version read; every version stays readable', async () => {
    const { w, op, caseId } = await setup();
    const empty = await op.request('GET', url(caseId));
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ version: 0, plan: null, history: [], emergencyNumbers: ['112', '1522'] });
    expect(empty.headers.etag).toBe('"0"');

    const first = await op.request('PUT', url(caseId), plan(w), { 'if-match': '"0"' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ version: 1, actionsDone: 0 });
    const read = await op.request('GET', url(caseId));
    expect(read.headers.etag).toBe('"1"');
    expect(read.body.plan).toMatchObject({
      version: 1,
      contacts: [{ name: NAME, phone: PHONE, relationship: 'amica' }],
      safePlaces: [{ kind: 'familiari', description: 'Dalla sorella, via dei Tigli' }, { kind: 'forze_ordine', description: null }],
      bag: { documenti: true, denaro: true, chiavi: false, farmaci: false, altro: false },
      technology: { telefono_controllato: true, password_cambiate: false, posizione_disattivata: false },
      codeWord: CODE_WORD,
      escapeNotes: ROUTE,
      agreedOn: day(0),
      agreedWith: { id: w.users.operatorA.id },
      nextReviewOn: day(14),
    });

    const second = await op.request('PUT', url(caseId), plan(w, { codeWord: null, contacts: [] }), { 'if-match': '"1"' });
    expect(second.body).toEqual({ version: 2, actionsDone: 0 });
    const now = await op.request('GET', url(caseId));
    expect(now.body.plan).toMatchObject({ version: 2, codeWord: null, contacts: [] });
    expect(now.body.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    const earlier = await op.request('GET', `${url(caseId)}?version=1`);
    expect(earlier.body.plan).toMatchObject({ version: 1, codeWord: CODE_WORD });
    expect(earlier.body.version).toBe(2);
    expect((await op.request('GET', `${url(caseId)}?version=3`)).status).toBe(404);
  });

  it('refuses a stale version (412) and a save without If-Match (428), writing nothing', async () => {
    const { w, op, caseId } = await setup();
    expect((await op.request('PUT', url(caseId), plan(w), { 'if-match': '"0"' })).status).toBe(200);
    expect((await op.request('PUT', url(caseId), plan(w), { 'if-match': '"1"' })).status).toBe(200);
    const stale = await op.request('PUT', url(caseId), plan(w, { codeWord: 'altra' }), { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    expect((await op.request('PUT', url(caseId), plan(w))).status).toBe(428);
    const [rows] = await t.db.select({ n: count() }).from(safetyPlanVersions).where(eq(safetyPlanVersions.caseId, caseId));
    expect(rows!.n).toBe(2);
  });

  it('checks its limits and fields at the edge, each with its pointer and code', async () => {
    const { w, op, caseId } = await setup();
    const tooMany = Array.from({ length: SAFETY_PLAN_LIMITS.contacts + 1 }, () => ({ name: 'X', phone: '333 1234567', relationship: 'amica' }));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ contacts: tooMany }, '/body/contacts', 'too_big'],
      [{ contacts: [{ name: 'X', phone: 'non un numero', relationship: 'amica' }] }, '/body/contacts/0/phone', 'phone_number'],
      [{ codeWord: 'x'.repeat(SAFETY_PLAN_LIMITS.codeWord + 1) }, '/body/codeWord', 'too_big'],
      [{ bag: { passaporto: true } }, '/body/bag', 'unrecognized_keys'],
      [{ schoolInformed: 'no', schoolInformedOn: day(-1) }, '/body/schoolInformedOn', 'not_allowed'],
      [{ nextReviewOn: day(-1) }, '/body/nextReviewOn', 'review_after_agreed'],
      [{ agreedWithUserId: w.users.operatorB.id }, '/body/agreedWithUserId', 'not_on_team'],
    ];
    for (const [over, pointer, code] of cases) {
      const res = await op.request('PUT', url(caseId), plan(w, over), { 'if-match': '"0"' });
      expect(res.status, pointer).toBe(400);
      expect(res.body.errors, pointer).toContainEqual(expect.objectContaining({ pointer, code }));
      // The problem names fields and codes, never what she wrote.
      expect(JSON.stringify(res.body)).not.toContain(NAME);
    }
    const [rows] = await t.db.select({ n: count() }).from(safetyPlanVersions).where(eq(safetyPlanVersions.caseId, caseId));
    expect(rows!.n).toBe(0);
  });

  it('is under the risk section: another organisation without it gets 404 (nothing written), with it reads and saves', async () => {
    const { w, op, head, opB, caseId } = await setup();
    expect((await op.request('PUT', url(caseId), plan(w), { 'if-match': '"0"' })).status).toBe(200);
    // Not on the team at all.
    expect((await opB.request('GET', url(caseId))).status).toBe(404);
    // On the team through a share without the risk section.
    const consent = await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['plan', 'risk'], givenOn: day(0), form: 'scritto' });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    expect((await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id, sections: ['plan'] })).status).toBe(200);
    const denied = await opB.request('GET', url(caseId));
    expect(denied.status).toBe(404);
    expect(JSON.stringify(denied.body)).not.toContain(CODE_WORD);
    expect((await opB.request('PUT', url(caseId), plan(w, { agreedWithUserId: null }), { 'if-match': '"1"' })).status).toBe(404);
    const [rows] = await t.db.select({ n: count() }).from(safetyPlanVersions).where(eq(safetyPlanVersions.caseId, caseId));
    expect(rows!.n).toBe(1);
    // The same member once her share names risk.
    expect((await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id, sections: ['plan', 'risk'] })).status).toBe(200);
    const seen = await opB.request('GET', url(caseId));
    expect(seen.status).toBe(200);
    expect(seen.body.plan.codeWord).toBe(CODE_WORD);
    const saved = await opB.request('PUT', url(caseId), plan(w, { agreedWithUserId: w.users.operatorB.id }), { 'if-match': '"1"' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.resourceId, caseId)).orderBy(asc(auditLog.id));
    const mine = audit.filter((r) => r.action.startsWith('case.safety_plan') && r.actorUserId === w.users.operatorB.id).map((r) => [r.action, r.outcome]);
    expect(mine).toEqual([
      ['case.safety_plan_read', 'denied'],
      ['case.safety_plan_read', 'denied'],
      ['case.safety_plan_write', 'denied'],
      ['case.safety_plan_read', 'success'],
      ['case.safety_plan_write', 'success'],
    ]);
  });

  it('keeps nothing she said in the clear: not in the stored row, the audit rows or the logs', async () => {
    const { w, op, caseId } = await setup();
    expect((await op.request('PUT', url(caseId), plan(w), { 'if-match': '"0"' })).status).toBe(200);
    expect((await op.request('GET', `${url(caseId)}?version=1`)).status).toBe(200);
    const [row] = await t.db.select().from(safetyPlanVersions).where(eq(safetyPlanVersions.caseId, caseId));
    const stored = JSON.stringify(row);
    for (const secret of [NAME, PHONE, CODE_WORD, ROUTE, 'via dei Tigli', 'Avvocata', '030 123 4567']) expect(stored).not.toContain(secret);
    expect(row!.contentSealed).toMatch(/^c1\./);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.resourceId, caseId)).orderBy(asc(auditLog.id));
    expect(audit.filter((r) => r.action.startsWith('case.safety_plan')).map((r) => [r.action, r.outcome, r.purpose])).toEqual([
      ['case.safety_plan_write', 'success', 'version:1'],
      ['case.safety_plan_read', 'success', 'version:1'],
    ]);
    for (const text of [JSON.stringify(audit), t.logs.text]) for (const secret of [NAME, PHONE, CODE_WORD, ROUTE]) expect(text).not.toContain(secret);
  });

  it('agreed with her, it marks the open safety-plan actions of the plan done; one added after the day it was agreed stays open', async () => {
    const { w, op, caseId } = await setup();
    const goal = await op.request('POST', `/api/cases/${caseId}/plan/goals`, { area: 'sicurezza' });
    const action = async () => (await op.request('POST', `/api/cases/${caseId}/plan/actions`, { goalId: goal.body.id, type: 'piano_sicurezza', ownerOrganisationId: w.orgs.cavA, dueOn: day(0) })).body.id as string;
    const agreeing = await action();
    const other = (await op.request('POST', `/api/cases/${caseId}/plan/actions`, { goalId: goal.body.id, type: 'consulenza_legale', ownerOrganisationId: w.orgs.cavA })).body.id as string;
    const statusOf = async (id: string) => (await t.db.select({ status: planActions.status, version: planActions.version }).from(planActions).where(eq(planActions.id, id)))[0];

    // A draft not yet agreed changes nothing in the plan.
    expect((await op.request('PUT', url(caseId), plan(w, { agreedOn: null, nextReviewOn: null }), { 'if-match': '"0"' })).body).toEqual({ version: 1, actionsDone: 0 });
    expect(await statusOf(agreeing)).toEqual({ status: 'prevista', version: 1 });

    // A later high assessment's action (added after the day the plan is agreed) is not fulfilled by this agreement.
    const later = await action();
    await t.db.update(planActions).set({ createdAt: sql`now() + interval '2 days'` }).where(eq(planActions.id, later));
    expect((await op.request('PUT', url(caseId), plan(w), { 'if-match': '"1"' })).body).toEqual({ version: 2, actionsDone: 1 });
    expect(await statusOf(agreeing)).toEqual({ status: 'fatta', version: 2 });
    expect(await statusOf(other)).toEqual({ status: 'prevista', version: 1 });
    expect(await statusOf(later)).toEqual({ status: 'prevista', version: 1 });
    const shown = await op.request('GET', `/api/cases/${caseId}/plan`);
    expect(shown.body.goals[0].actions.find((a: { id: string }) => a.id === agreeing).status).toBe('fatta');
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.resourceId, caseId)).orderBy(asc(auditLog.id));
    expect(audit.filter((r) => r.action === 'case.safety_plan_write').map((r) => r.purpose)).toEqual(['version:1', 'version:2;actions_done:1']);
  });
});
