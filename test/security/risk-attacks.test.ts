import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { planActions } from '../../src/server/modules/cases/plan.tables.js';
import { safetyPlanVersions } from '../../src/server/modules/cases/safety-plan.tables.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { insertNetwork, insertOrganisation } from '../../src/server/modules/organisations/index.js';
import { riskAssessments, riskInstruments } from '../../src/server/modules/risk/index.js';
import { DEMO_RISK_ANSWERS as ANSWERS } from '../../seeds/demo/cases.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';

/**
 * The risk section attacked (issue 12): assessments, the risk summary, the
 * safety plan and the network's instruments, asked for by whoever should
 * not have them — another organisation, a share without `risk`, the
 * instance admin, the coordinator of another network — and fed what no
 * form sends: foreign and made-up ids, control characters, huge text,
 * answers of the wrong kind, a lowered level without its reason, a level
 * the instrument has not, a date to come, stale versions, the same write
 * twice at once. Every refusal is a problem with a code, nothing written.
 */

let t: TestApp;
let w: World;
let op: Agent;
let head: Agent;
let opB: Agent;
let admin: Agent;
let coord: Agent;
let instrumentId: string;
let caseId: string;

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
const example = JSON.parse(readFileSync(new URL('../../src/shared/risk-instruments/example.json', import.meta.url), 'utf8')) as Record<string, any>;
const ok = (res: { status: number; body: any }, status = 201) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};
const issues = (body: { errors?: { pointer: string; code: string }[] }) => (body.errors ?? []).map((e) => `${e.pointer} ${e.code}`).sort();
const SECRET = 'Segreto-Biancospino';

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  [op, head, opB, admin, coord] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB), login(t, w.users.admin), login(t, w.users.coordinator)]);
  instrumentId = ok(await coord.request('POST', `/api/networks/${w.network}/risk-instruments`, example)).id;
  caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-30) })).id;
  ok(await op.request('POST', `/api/cases/${caseId}/risk/assessments`, { instrumentId, answers: ANSWERS.basso, judgementLevel: 'medio', reason: SECRET, occasion: 'iniziale', assessedOn: day(-1) }));
  ok(await op.request('PUT', `/api/cases/${caseId}/safety-plan`, { safePlaces: [{ kind: 'amici', description: SECRET }] }, { 'if-match': '"0"' }), 200);
});
afterAll(() => t.close());

const assess = (agent: Agent, body: Record<string, unknown>, id = caseId) =>
  agent.request('POST', `/api/cases/${id}/risk/assessments`, { instrumentId, occasion: 'programmata', assessedOn: day(0), answers: ANSWERS.basso, ...body });

/** Every risk route of a case, read and write. */
const routes = (id: string): [string, string, unknown?, Record<string, string>?][] => [
  ['GET', `/api/cases/${id}/risk`],
  ['GET', `/api/cases/${id}/risk/assessments`],
  ['GET', `/api/cases/${id}/safety-plan`],
  ['GET', `/api/cases/${id}/safety-plan?version=1`],
  ['POST', `/api/cases/${id}/risk/assessments`, { instrumentId, occasion: 'programmata', assessedOn: day(0), answers: ANSWERS.elevato }],
  ['PUT', `/api/cases/${id}/safety-plan`, { safePlaces: [] }, { 'if-match': '"1"' }],
];

async function deniedRows(userId: string, id: string) {
  const rows = await t.db
    .select({ outcome: auditLog.outcome })
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.resourceId, id)))
    .orderBy(asc(auditLog.id));
  return rows.filter((r) => r.outcome === 'denied').length;
}

describe('who may not reach the risk of a case', () => {
  it('another organisation: 404 on every risk route, alike for her case and for a case that does not exist, each attempt audited as denied, nothing written', async () => {
    const before = await adminTablesDigest(t.db);
    const ghost = randomUUID();
    for (const id of [caseId, ghost]) {
      for (const [method, url, body, headers] of routes(id)) {
        const res = await opB.request(method, url, body, headers);
        expect(res.status, `${method} ${url}`).toBe(404);
        expect(res.body.code).toBe('not_found');
        expect(JSON.stringify(res.body)).not.toContain(SECRET);
      }
      expect(await deniedRows(w.users.operatorB.id, id)).toBe(routes(id).length);
    }
    expect(await adminTablesDigest(t.db)).toBe(before);
    expect(await t.db.select().from(riskAssessments).where(eq(riskAssessments.caseId, caseId))).toHaveLength(1);
  });

  it('the instance admin reaches no case data at all, risk included', async () => {
    for (const [method, url, body, headers] of routes(caseId)) {
      const res = await admin.request(method, url, body, headers);
      expect([403, 404], `${method} ${url} → ${res.status}`).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    expect(await t.db.select().from(safetyPlanVersions).where(eq(safetyPlanVersions.caseId, caseId))).toHaveLength(1);
  });

  it('the roles that hold no case (analyst, helpline, the network coordinator) and the head off the team are refused too', async () => {
    for (const user of [w.users.analyst, w.users.helpline, w.users.coordinator, w.users.headA]) {
      const agent = await login(t, user);
      for (const [method, url, body, headers] of routes(caseId)) {
        const res = await agent.request(method, url, body, headers);
        expect([403, 404], `${method} ${url} → ${res.status}`).toContain(res.status);
      }
    }
  });

  it('ids that are not uuids: 400 with a code, never a 500', async () => {
    for (const bad of ['1', 'abc', `${caseId}x`, "'; drop table cases;--"]) {
      for (const url of [`/api/cases/${encodeURIComponent(bad)}/risk`, `/api/cases/${encodeURIComponent(bad)}/safety-plan`, `/api/risk/instruments/${encodeURIComponent(bad)}`]) {
        const res = await op.request('GET', url);
        expect(res.status, url).toBe(400);
        expect(res.body.code).toBe('validation_failed');
      }
    }
    for (const q of ['abc', '0', '-1', '1.5', '99999999999']) expect((await op.request('GET', `/api/cases/${caseId}/safety-plan?version=${q}`)).status, q).toBe(400);
    expect((await op.request('GET', `/api/cases/${caseId}/safety-plan?version=7`)).status).toBe(404);
  });
});

describe('a member of another organisation on the team', () => {
  it('without risk in her share: no assessment, summary, safety plan or re-assessment reaches her, she writes none, her rights stay hers', async () => {
    ok(await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['timeline', 'plan', 'risk'], givenOn: day(-1), form: 'scritto' }));
    ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id, sections: ['timeline', 'plan'] }), 200);
    const before = await adminTablesDigest(t.db);
    for (const [method, url, body, headers] of routes(caseId)) expect((await opB.request(method, url, body, headers)).status, `${method} ${url}`).toBe(404);
    // Nor with the sections she asks for herself: the team is the head's.
    expect([403, 404]).toContain((await opB.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id, sections: ['timeline', 'plan', 'risk'] })).status);
    expect((await opB.request('GET', `/api/cases/${caseId}/risk`)).status).toBe(404);
    expect(await adminTablesDigest(t.db)).toBe(before);
    // What she does see of the case says nothing of the assessments.
    const detail = ok(await opB.request('GET', `/api/cases/${caseId}`), 200);
    expect(detail.access.sections).toEqual(['timeline', 'plan']);
    // The re-assessment due in 8 weeks is among the owning team's tasks, not hers.
    const tasksOf = async (agent: Agent) => ok(await agent.request('GET', '/api/cases/tasks?horizonDays=90'), 200);
    expect((await tasksOf(op)).reassessments.map((r: { case: { id: string } }) => r.case.id)).toContain(caseId);
    const tasks = await tasksOf(opB);
    expect(tasks.reassessments).toEqual([]);
    const seen = JSON.stringify([detail, ok(await opB.request('GET', '/api/cases'), 200), tasks, ok(await opB.request('GET', '/api/notifications?status=all'), 200)]);
    expect(seen).not.toContain(SECRET);
    expect(seen).not.toContain('reassessment_due');
    expect(seen).not.toContain(instrumentId);
    const sheet = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/sheet.pdf`, headers: { cookie: opB.cookie } });
    expect(sheet.statusCode).toBe(200);
    expect(sheet.rawPayload.includes(Buffer.from(SECRET))).toBe(false);
  });

  it('with risk in her share: reads it; her writes are the section’s, never the owning organisation’s record', async () => {
    ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id, sections: ['timeline', 'plan', 'risk'] }), 200);
    const summary = ok(await opB.request('GET', `/api/cases/${caseId}/risk`), 200);
    expect(summary.latest.reason).toBe(SECRET);
    const plan = ok(await opB.request('GET', `/api/cases/${caseId}/safety-plan`), 200);
    expect(plan.version).toBe(1);
    // The section is hers to add to (docs/risk.md), scored by the server, under the case's own network's instruments.
    const done = ok(await assess(opB, { answers: ANSWERS.medio }));
    expect(done.finalLevel).toBe('medio');
    // The record stays the owning organisation's: the level only through an assessment, never by hand.
    const detail = ok(await opB.request('GET', `/api/cases/${caseId}`), 200);
    expect(detail.access.acts).toEqual({ editRecord: false, changeStage: false, manageConsents: false, readBreakGlass: false, leadPlan: false, manageOwnColleagues: false });
    expect((await opB.request('PATCH', `/api/cases/${caseId}`, { riskLevel: 'basso' }, { 'if-match': `"${detail.version}"` })).status).toBe(400);
    // The emergency likewise: derived from events and assessments, an unknown field of the strict PATCH (docs/cases.md).
    expect((await opB.request('PATCH', `/api/cases/${caseId}`, { emergency: true }, { 'if-match': `"${detail.version}"` })).status).toBe(400);
    expect((await opB.request('PATCH', `/api/cases/${caseId}`, { comuneCode: null }, { 'if-match': `"${detail.version}"` })).status).toBe(404);
    // Revoked consent: gone at once.
    const consents = ok(await op.request('GET', `/api/cases/${caseId}/consents`), 200) as { id: string; purpose: string }[];
    const sharing = consents.find((c) => c.purpose === 'condivisione')!;
    ok(await op.request('POST', `/api/cases/${caseId}/consents/${sharing.id}/revoke`, undefined), 200);
    for (const [method, url, body, headers] of routes(caseId)) expect((await opB.request(method, url, body, headers)).status, `${method} ${url}`).toBe(404);
  });
});

describe('a partner holding risk without the plan', () => {
  it('saving a plan agreed with her is not told how many of the plan’s actions it closed', async () => {
    const id = ok(await op.request('POST', '/api/cases', { contactOn: day(-10) })).id as string;
    expect(ok(await assess(op, { answers: ANSWERS.elevato }, id)).actionIds).toHaveLength(3);
    ok(await op.request('POST', `/api/cases/${id}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['risk'], givenOn: day(0), form: 'scritto' }));
    ok(await head.request('POST', `/api/cases/${id}/team`, { userId: w.users.operatorB.id, sections: ['risk'] }), 200);
    expect((await opB.request('GET', `/api/cases/${id}/plan`)).status).toBe(404);
    const saved = ok(await opB.request('PUT', `/api/cases/${id}/safety-plan`, { agreedOn: day(0) }, { 'if-match': '"0"' }), 200);
    expect(saved).toEqual({ version: 1, actionsDone: 0 });
    // The plan was agreed all the same: the owning team finds its action done.
    const plan = ok(await op.request('GET', `/api/cases/${id}/plan`), 200);
    const actions = plan.goals.flatMap((g: { actions: { type: string; status: string }[] }) => g.actions);
    expect(actions.find((a: { type: string }) => a.type === 'piano_sicurezza').status).toBe('fatta');
  });
});

describe('instruments of a network she does not lead', () => {
  it('the coordinator of another network loads, reads and retires none of them (404, audited); nor does an operator of the network', async () => {
    const capofila2 = await insertOrganisation(t.db, { name: `capofila-${randomUUID()}`, type: 'ente_capofila' });
    await insertNetwork(t.db, { name: `rete-${randomUUID()}`, capofilaOrganisationId: capofila2 });
    const other = await login(t, await createUser(t, { memberships: [{ organisationId: capofila2, role: 'network_coordinator' }] }));
    const before = await adminTablesDigest(t.db);
    const load = await other.request('POST', `/api/networks/${w.network}/risk-instruments`, { ...example, version: 9 });
    expect(load.status).toBe(404);
    expect((await other.request('POST', `/api/networks/${randomUUID()}/risk-instruments`, { ...example, version: 9 })).status).toBe(404);
    expect((await other.request('GET', `/api/risk/instruments/${instrumentId}`)).status).toBe(404);
    expect(ok(await other.request('GET', '/api/risk/instruments?retired=true'), 200)).toEqual([]);
    expect((await other.request('POST', `/api/risk/instruments/${instrumentId}/retire`, undefined)).status).toBe(404);
    expect((await other.request('POST', `/api/risk/instruments/${randomUUID()}/retire`, undefined)).status).toBe(404);
    expect([403, 404]).toContain((await op.request('POST', `/api/risk/instruments/${instrumentId}/retire`, undefined)).status);
    expect(await adminTablesDigest(t.db)).toBe(before);
    const [row] = await t.db.select().from(riskInstruments).where(eq(riskInstruments.id, instrumentId));
    expect(row!.retiredAt).toBeNull();
    const denied = await t.db.select({ action: auditLog.action, outcome: auditLog.outcome }).from(auditLog).where(eq(auditLog.resourceId, w.network)).orderBy(asc(auditLog.id));
    expect(denied).toContainEqual({ action: 'network.risk_instrument_load', outcome: 'denied' });
  });

  it('an instrument of another network is not one her case may be assessed with', async () => {
    const capofila2 = await insertOrganisation(t.db, { name: `capofila-${randomUUID()}`, type: 'ente_capofila' });
    const network2 = await insertNetwork(t.db, { name: `rete-${randomUUID()}`, capofilaOrganisationId: capofila2 });
    const foreign = ok(await admin.request('POST', `/api/networks/${network2}/risk-instruments`, example)).id;
    const before = await adminTablesDigest(t.db);
    for (const id of [foreign, randomUUID()]) expect(issues((await assess(op, { instrumentId: id })).body)).toEqual(['/body/instrumentId unknown_instrument']);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });
});

describe('what no form sends', () => {
  it('control characters and huge text in an instrument, answers, a reason or a safety plan: 400 with a code, nothing stored', async () => {
    const before = await adminTablesDigest(t.db);
    const count = async () => (await t.db.select().from(riskAssessments).where(eq(riskAssessments.caseId, caseId))).length;
    const assessments = await count();
    const nul = structuredClone(example);
    nul.version = 20;
    nul.name.it = 'Esempio\u0000';
    expect(issues((await coord.request('POST', `/api/networks/${w.network}/risk-instruments`, nul)).body)).toEqual(['/body/name/it invalid_text']);
    const huge = structuredClone(example);
    huge.version = 21;
    huge.sections[0].items[0].text = { it: 'x'.repeat(100_000), en: 'x' };
    const refused = await coord.request('POST', `/api/networks/${w.network}/risk-instruments`, huge);
    expect([400, 413], JSON.stringify(refused.body).slice(0, 200)).toContain(refused.status);
    const deep = structuredClone(example);
    deep.version = 22;
    deep.sections[0].items[0].weight = 1e308;
    expect((await coord.request('POST', `/api/networks/${w.network}/risk-instruments`, deep)).status).toBe(400);
    for (const body of [null, 42, [], {}, { $schema: 'x' }]) expect((await coord.request('POST', `/api/networks/${w.network}/risk-instruments`, body)).status, JSON.stringify(body)).toBe(400);

    expect(issues((await assess(op, { reason: 'ok\u0000', judgementLevel: 'medio' })).body)).toEqual(['/body/reason invalid_text']);
    expect((await assess(op, { reason: 'r'.repeat(100_000), judgementLevel: 'medio' })).status).toBe(400);
    expect((await assess(op, { answers: { 'armi\u0000': 'si' } })).status).toBe(400);
    expect((await assess(op, { answers: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 'si'])) })).status).toBe(400);
    const plan = await op.request('PUT', `/api/cases/${caseId}/safety-plan`, { safePlaces: [{ kind: 'amici', description: 'casa\u0000' }] }, { 'if-match': '"1"' });
    expect(plan.status).toBe(400);
    expect(JSON.stringify(plan.body)).not.toContain('casa');
    expect((await op.request('PUT', `/api/cases/${caseId}/safety-plan`, { safePlaces: [{ kind: 'amici', description: 'd'.repeat(100_000) }] }, { 'if-match': '"1"' })).status).toBe(400);
    expect((await op.request('PUT', `/api/cases/${caseId}/safety-plan`, { codeWord: { '\u0000': 1 } }, { 'if-match': '"1"' })).status).toBe(400);
    expect(await count()).toBe(assessments);
    expect(await adminTablesDigest(t.db)).toBe(before);
  });

  it('answers the instrument has not, of the wrong kind, a lowering without reason, a level it has not, a date to come: 400 with pointers, nothing stored', async () => {
    const before = (await t.db.select().from(riskAssessments).where(eq(riskAssessments.caseId, caseId))).length;
    expect(issues((await assess(op, { answers: { inventata: 'si' } })).body)).toEqual(['/body/answers/inventata unknown_risk_item']);
    expect(issues((await assess(op, { answers: { armi: 3 } })).body)).toEqual(['/body/answers/armi invalid_value']);
    expect((await assess(op, { answers: { armi: true } })).status).toBe(400);
    expect((await assess(op, { answers: { armi: ['si'] } })).status).toBe(400);
    expect((await assess(op, { answers: { paura: 1.5 } })).status).toBe(400);
    expect((await assess(op, { answers: ANSWERS.elevato, judgementLevel: 'basso' })).body.errors).toContainEqual(expect.objectContaining({ pointer: '/body/reason', code: 'reason_required' }));
    expect((await assess(op, { judgementLevel: 'estremo', reason: 'x' })).status).toBe(400);
    expect(issues((await assess(op, { assessedOn: day(3) })).body)).toEqual(['/body/assessedOn in_future']);
    expect((await assess(op, { assessedOn: '2026-02-30' })).status).toBe(400);
    expect((await assess(op, { score: 99, computedLevel: 'basso' })).status).toBe(400);
    // An instrument with three levels: imminente is not one of its levels.
    const three = structuredClone(example);
    three.version = 30;
    three.scoring.thresholds = three.scoring.thresholds.slice(0, 3);
    delete three.scoring.thresholds[2].below;
    const threeId = ok(await coord.request('POST', `/api/networks/${w.network}/risk-instruments`, three)).id;
    const refused = await assess(op, { instrumentId: threeId, judgementLevel: 'imminente', reason: 'x' });
    expect(refused.status).toBe(400);
    expect(issues(refused.body)).toEqual(['/body/judgementLevel level_not_in_instrument']);
    expect(await t.db.select().from(riskAssessments).where(eq(riskAssessments.caseId, caseId))).toHaveLength(before);
  });

  it('a safety plan agreed on a day to come, or saved on a stale or unreadable version: refused, nothing written', async () => {
    const current = ok(await op.request('GET', `/api/cases/${caseId}/safety-plan`), 200).version as number;
    const put = (headers: Record<string, string>, body: Record<string, unknown> = { safePlaces: [] }) => op.request('PUT', `/api/cases/${caseId}/safety-plan`, body, headers);
    expect(issues((await put({ 'if-match': `"${current}"` }, { agreedOn: day(2) })).body)).toEqual(['/body/agreedOn in_future']);
    expect((await put({ 'if-match': `"${current - 1}"` })).status).toBe(412);
    expect((await put({ 'if-match': `"${current + 1}"` })).status).toBe(412);
    expect((await put({ 'if-match': 'garbage' })).status).toBe(412);
    expect((await put({})).status).toBe(428);
    expect(issues((await put({ 'if-match': `"${current}"` }, { agreedWithUserId: w.users.headB.id })).body)).toEqual(['/body/agreedWithUserId not_on_team']);
    expect(ok(await op.request('GET', `/api/cases/${caseId}/safety-plan`), 200).version).toBe(current);
  });
});

describe('the same write twice at once', () => {
  it('two high assessments at once: one rise, one response (three actions, one notice each)', async () => {
    const id = ok(await op.request('POST', '/api/cases', { contactOn: day(-10) })).id as string;
    ok(await head.request('POST', `/api/cases/${id}/team`, { userId: w.users.socialWorkerA.id }), 200);
    const both = await Promise.all([assess(op, { answers: ANSWERS.elevato }, id), assess(op, { answers: ANSWERS.elevato }, id)]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both.map((r) => r.body.triggered).sort()).toEqual([false, true]);
    expect(await t.db.select().from(planActions).where(eq(planActions.caseId, id))).toHaveLength(3);
    expect(await t.db.select().from(notifications).where(and(eq(notifications.caseId, id), eq(notifications.kind, 'risk_high')))).toHaveLength(1);
  });

  it('two saves of the safety plan on the same version: one is saved, the other is stale', async () => {
    const current = ok(await op.request('GET', `/api/cases/${caseId}/safety-plan`), 200).version as number;
    const both = await Promise.all([0, 1].map(() => op.request('PUT', `/api/cases/${caseId}/safety-plan`, { safePlaces: [] }, { 'if-match': `"${current}"` })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 412]);
    expect(await t.db.select().from(safetyPlanVersions).where(eq(safetyPlanVersions.caseId, caseId))).toHaveLength(current + 1);
  });
});
