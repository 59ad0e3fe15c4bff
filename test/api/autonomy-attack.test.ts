import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { shredCase } from '../../src/server/modules/cases/index.js';
import { autonomyActions, autonomyExpenses, autonomyFollowUps, autonomyProjects, redditoApplications } from '../../src/server/modules/autonomy/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { day, issues, match } from '../support/http.js';
import { type Agent, login } from '../support/world.js';
import { type Agents, type AutonomyWorld, GOALS, approved, caseWithCpi, createAutonomyWorld, draft, move, signIn } from './autonomy-projects.world.js';

/**
 * The autonomy module attacked as a colleague of another organisation or
 * network would (issue 14): every route with ids of another network or
 * organisation (404 like an unknown id, audited, never a 403 that tells
 * the id exists), ids under the wrong parent, bad text, uuids and cents,
 * stale versions, dates out of order, sides swapped (the team approving,
 * the équipe writing), the instance administrator, and the reduced views
 * (work and housing only, the approval view) read through every answer
 * that shows a project: no list, count or print shows what the detail
 * hides, and no error names a person.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const HOST = 'Ospitante Segreto Nespolo';
const EXPENSE_NOTE = 'Nota spesa riservata Calendula';
const INTAKE_NOTE = 'Segnalazione riservata Mughetto';
const COMMENT = 'Commento riservato Tarassaco';

type Answer = Awaited<ReturnType<Agent['request']>>;
const body = (r: Answer) => JSON.stringify(r.body);

/** Everything of world A a foreign colleague could aim at, built by its own legitimate users. */
async function fixture() {
  const w = await createAutonomyWorld(t);
  const a = await signIn(t, w);
  const caseId = await caseWithCpi(w, a);
  const caseCode = (await a.op.request('GET', `/api/cases/${caseId}`)).body.code as string;
  const intake = await a.op.request('POST', '/api/autonomy/intakes', { programmeId: w.programmeId, equipeId: w.equipeId, caseId, note: INTAKE_NOTE });
  expect(intake.status, body(intake)).toBe(201);
  // P: running, with an expense (its note sealed) and a tirocinio (its host sealed).
  const p0 = await approved(w, a, caseId);
  const started = await move(a.op, p0.id, p0.version, { move: 'avvia', on: day(-20) });
  expect(started.status, body(started)).toBe(200);
  const withExpense = await a.op.request('POST', `/api/autonomy/projects/${p0.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 10_000, committedOn: day(-5), note: EXPENSE_NOTE }, { 'idempotency-key': randomUUID() });
  expect(withExpense.status, body(withExpense)).toBe(201);
  const expense = withExpense.body.expenses[0] as { id: string; version: number };
  const action = await a.op.request('POST', `/api/autonomy/projects/${p0.id}/actions`, { costCents: 1_000, details: { kind: 'tirocinio', host: HOST, hoursPerWeek: 20, monthlyAllowanceCents: 50_000, paidBy: 'programma' } });
  expect(action.status, body(action)).toBe(201);
  // Q: concluded, with its follow-ups; its history carries a sealed comment of the équipe.
  const q0 = await draft(w, a, caseId);
  let r = await move(a.op, q0.id, q0.version, { move: 'proponi' });
  r = await move(a.equipe, q0.id, r.body.version, { move: 'valida', comment: COMMENT });
  r = await move(a.op, q0.id, r.body.version, { move: 'avvia', on: day(-40) });
  r = await move(a.op, q0.id, r.body.version, { move: 'concludi', on: day(-30) });
  expect(r.body.state, body(r)).toBe('conclusa');
  const followUps = await a.op.request('GET', `/api/autonomy/projects/${q0.id}/follow-ups`);
  expect(followUps.body.items, body(followUps)).toHaveLength(3);
  // Group work: a workshop with a session and the case as participant; a second workshop.
  const activity = await a.capofila.request('POST', `/api/autonomy/programmes/${w.programmeId}/activities`, { kind: 'laboratorio_empowerment', title: 'Laboratorio' });
  expect(activity.status, body(activity)).toBe(201);
  const session = await a.capofila.request('POST', `/api/autonomy/activities/${activity.body.id}/sessions`, { heldOn: day(-3), facilitators: ['Facilitatrice'] });
  expect(session.status, body(session)).toBe(201);
  const joined = await a.op.request('POST', `/api/autonomy/activities/${activity.body.id}/participants`, { caseId });
  expect(joined.status, body(joined)).toBe(201);
  const other = await a.capofila.request('POST', `/api/autonomy/programmes/${w.programmeId}/activities`, { kind: 'laboratorio_empowerment', title: 'Secondo laboratorio' });
  const otherSession = await a.capofila.request('POST', `/api/autonomy/activities/${other.body.id}/sessions`, { heldOn: day(-2), facilitators: ['Facilitatrice'] });
  // Reddito di libertà and a funds year with entries.
  const reddito = await a.op.request('PUT', `/api/cases/${caseId}/reddito-liberta`, { cavStatementOn: day(-10), cavOrganisationId: w.orgs.cavA }, match(0));
  expect(reddito.status, body(reddito)).toBe(200);
  const year = await a.capofila.request('POST', '/api/autonomy/funds/years', { networkId: w.network, year: 2040, contributionCents: 1_000_000 });
  expect(year.status, body(year)).toBe(201);
  const cof = await a.capofila.request('POST', `/api/autonomy/funds/years/${year.body.id}/cofinancing`, { kind: 'denaro', description: 'Quota', amountCents: 1_000 });
  const gov = await a.capofila.request('POST', `/api/autonomy/funds/years/${year.body.id}/governance`, { description: 'Coordinamento', amountCents: 1_000, incurredOn: '2040-01-10' });
  expect([cof.status, gov.status]).toEqual([201, 201]);
  return {
    w,
    a,
    caseId,
    caseCode,
    intakeId: intake.body.id as string,
    p: { id: p0.id, version: withExpense.body.version as number },
    expense,
    actionId: action.body.id as string,
    q: { id: q0.id, version: r.body.version as number },
    followUpId: followUps.body.items[0].id as string,
    activityId: activity.body.id as string,
    sessionId: session.body.sessions[0].id as string,
    participantId: joined.body.participants[0].id as string,
    otherActivityId: other.body.id as string,
    otherSessionId: otherSession.body.sessions[0].id as string,
    yearId: year.body.id as string,
    yearVersion: gov.body.version as number,
    cofinancingId: cof.body.cofinancing[0].id as string,
    governanceId: gov.body.governance[0].id as string,
  };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

interface Route {
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Every route of the module aimed at world A's records (ids in `{}` are replaced by a random uuid to compare). */
function routes(f: Fixture): Route[] {
  const { w } = f;
  const P = `/api/autonomy/programmes/${w.programmeId}`;
  const Y = `/api/autonomy/funds/years/${f.yearId}`;
  const v = match(1);
  return [
    { method: 'GET', url: P },
    { method: 'PATCH', url: P, body: { name: 'Preso' }, headers: v },
    { method: 'PUT', url: `${P}/partners`, body: { capofilaOrganisationId: w.orgs.capofila, partnerOrganisationIds: [] }, headers: v },
    { method: 'PUT', url: `${P}/budgets`, body: { budgets: [] }, headers: v },
    { method: 'PUT', url: `${P}/equipes`, body: { equipes: [] }, headers: v },
    { method: 'PUT', url: `${P}/results`, body: { results: [] }, headers: v },
    { method: 'GET', url: `${P}/summary` },
    { method: 'GET', url: `${P}/follow-ups` },
    { method: 'GET', url: `${P}/activities` },
    { method: 'POST', url: `${P}/activities`, body: { kind: 'accordo', title: 'Accordo', counterpart: 'ALER', agreementKind: 'abitare', signedOn: day(-1) } },
    { method: 'POST', url: `/api/autonomy/activities/${f.activityId}/sessions`, body: { heldOn: day(-1), facilitators: ['X'] } },
    { method: 'POST', url: `/api/autonomy/activities/${f.activityId}/participants`, body: { caseId: f.caseId } },
    { method: 'PUT', url: `/api/autonomy/activities/${f.activityId}/participants/${f.participantId}/attendance`, body: { sessionIds: [] } },
    { method: 'POST', url: '/api/autonomy/intakes', body: { programmeId: w.programmeId, equipeId: w.equipeId, caseId: f.caseId } },
    { method: 'POST', url: `/api/autonomy/intakes/${f.intakeId}/decision`, body: { decision: 'ammessa' }, headers: v },
    { method: 'POST', url: `/api/autonomy/intakes/${f.intakeId}/withdraw`, headers: v },
    { method: 'POST', url: '/api/autonomy/projects', body: { programmeId: w.programmeId, equipeId: w.equipeId, caseId: f.caseId, areas: ['lavoro'], goals: 'Presa' } },
    { method: 'GET', url: `/api/cases/${f.caseId}/autonomy-projects` },
    { method: 'GET', url: `/api/autonomy/projects/${f.p.id}` },
    { method: 'PATCH', url: `/api/autonomy/projects/${f.p.id}`, body: { goals: 'Presa' }, headers: match(f.p.version) },
    { method: 'PUT', url: `/api/autonomy/projects/${f.p.id}/budget`, body: { items: [] }, headers: match(f.p.version) },
    { method: 'POST', url: `/api/autonomy/projects/${f.p.id}/moves`, body: { move: 'interrompi', reason: 'altro' }, headers: match(f.p.version) },
    { method: 'POST', url: `/api/autonomy/projects/${f.p.id}/expenses`, body: { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 1, committedOn: day(-1) }, headers: { 'idempotency-key': randomUUID() } },
    { method: 'POST', url: `/api/autonomy/projects/${f.p.id}/expenses/${f.expense.id}/moves`, body: { move: 'annulla' }, headers: match(f.expense.version) },
    { method: 'GET', url: `/api/autonomy/projects/${f.p.id}/actions` },
    { method: 'POST', url: `/api/autonomy/projects/${f.p.id}/actions`, body: { details: { kind: 'ricerca_casa' } } },
    { method: 'PATCH', url: `/api/autonomy/projects/${f.p.id}/actions/${f.actionId}`, body: { status: 'annullata' }, headers: v },
    { method: 'GET', url: `/api/autonomy/projects/${f.q.id}/follow-ups` },
    { method: 'POST', url: `/api/autonomy/follow-ups/${f.followUpId}`, body: { state: 'non_raggiungibile' }, headers: v },
    { method: 'GET', url: `/api/autonomy/projects/${f.p.id}.pdf` },
    { method: 'GET', url: `/api/cases/${f.caseId}/reddito-liberta` },
    { method: 'PUT', url: `/api/cases/${f.caseId}/reddito-liberta`, body: {}, headers: v },
    { method: 'POST', url: `/api/cases/${f.caseId}/reddito-liberta` },
    { method: 'GET', url: Y },
    { method: 'PATCH', url: Y, body: { contributionCents: 1 }, headers: match(f.yearVersion) },
    { method: 'POST', url: `${Y}/cofinancing`, body: { kind: 'denaro', description: 'Quota', amountCents: 1 } },
    { method: 'DELETE', url: `${Y}/cofinancing/${f.cofinancingId}`, headers: match(f.yearVersion) },
    { method: 'POST', url: `${Y}/governance`, body: { description: 'Coordinamento', amountCents: 1, incurredOn: '2040-01-10' } },
    { method: 'DELETE', url: `${Y}/governance/${f.governanceId}`, headers: match(f.yearVersion) },
    { method: 'POST', url: `${Y}/applications`, body: { organisationId: w.orgs.cavA, requestedCents: 1, submittedOn: '2040-01-10' } },
    { method: 'PATCH', url: `${Y}/applications/${randomUUID()}`, body: { requestedCents: 1 }, headers: v },
    { method: 'POST', url: `${Y}/applications/${randomUUID()}/review`, body: { outcome: 'ammessa', proposedCents: 1, reviewedOn: '2040-01-10' }, headers: v },
    { method: 'PUT', url: `${Y}/plan`, body: { allocations: [] }, headers: match(f.yearVersion) },
    { method: 'POST', url: `${Y}/plan/moves`, body: { move: 'condividi', on: '2040-01-10' }, headers: match(f.yearVersion) },
    { method: 'POST', url: `${Y}/allocations/${randomUUID()}/expenses`, body: { category: 'personale', amountCents: 1, spentOn: '2040-01-10', documentRef: 'F1' } },
    { method: 'DELETE', url: `${Y}/allocations/${randomUUID()}/expenses/${randomUUID()}`, headers: v },
    { method: 'POST', url: `${Y}/allocations/${randomUUID()}/moves`, body: { move: 'presenta', on: '2040-01-10' }, headers: v },
    { method: 'GET', url: `${Y}/report?format=pdf` },
  ];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** The same route with every id replaced by a fresh one (none of them exists). */
const unknownIds = (r: Route): Route => {
  const body = r.body === undefined ? undefined : JSON.parse(JSON.stringify(r.body).replace(UUID, () => randomUUID()));
  return { ...r, url: r.url.replace(UUID, () => randomUUID()), body };
};

const deniedCount = async (userId: string) =>
  Number((await t.db.select({ n: sql<string>`count(*)` }).from(auditLog).where(and(eq(auditLog.actorUserId, userId), eq(auditLog.outcome, 'denied'))))[0]!.n);

/** The words of world A that no foreign answer may carry. */
const secretsOf = (f: Fixture) => [f.caseCode, GOALS, HOST, EXPENSE_NOTE, INTAKE_NOTE, COMMENT];
const expectNoSecret = (f: Fixture, r: Answer, where: string) => {
  for (const s of secretsOf(f)) expect(body(r), `${where} shows "${s}"`).not.toContain(s);
};

describe('a colleague of another network or organisation', () => {
  let f: Fixture;
  let b: Agents;
  let wb: AutonomyWorld;
  beforeAll(async () => {
    f = await fixture();
    wb = await createAutonomyWorld(t);
    b = await signIn(t, wb);
  });

  it('gets on every route of the module what an unknown id gets: 404 where her role reaches the route (audited), 403 of her role otherwise, never a word of the case', async () => {
    const foreign: [string, Agent, string][] = [
      ['foreign CAV of the network (head)', f.a.foreign, f.w.users.foreignHead.id],
      ["other network's CAV head", b.head, wb.users.headA.id],
      ["other network's CAV operator", b.op, wb.users.operatorA.id],
      ["other network's coordinator", b.coordinator, wb.users.coordinator.id],
      ["other network's capofila head", b.capofila, wb.users.capofilaHead.id],
    ];
    const failures: string[] = [];
    for (const route of routes(f)) {
      for (const [who, agent, userId] of foreign) {
        const before = await deniedCount(userId);
        const real = await agent.request(route.method, route.url, route.body, route.headers);
        const after = await deniedCount(userId);
        const ghost = await agent.request(route.method, unknownIds(route).url, unknownIds(route).body, route.headers);
        const tag = `${who}: ${route.method} ${route.url.replace(UUID, ':id')}`;
        expectNoSecret(f, real, tag);
        if (real.status !== ghost.status || real.body?.code !== ghost.body?.code) failures.push(`${tag}: ${real.status} ${real.body?.code} but unknown id ${ghost.status} ${ghost.body?.code}`);
        else if (real.status === 404 && after <= before) failures.push(`${tag}: 404 not audited as denied`);
        else if (![403, 404].includes(real.status)) failures.push(`${tag}: ${real.status} ${body(real)}`);
      }
    }
    expect(failures).toEqual([]);
    // The route's own role meets the row's decision: 404, not a 403 naming it.
    expect((await b.head.request('GET', `/api/autonomy/projects/${f.p.id}`)).status).toBe(404);
    expect((await b.coordinator.request('PATCH', `/api/autonomy/programmes/${f.w.programmeId}`, { name: 'Preso' }, match(1))).status).toBe(404);
    expect((await b.capofila.request('PATCH', `/api/autonomy/funds/years/${f.yearId}`, { contributionCents: 1 }, match(f.yearVersion))).status).toBe(404);
    // Nothing of A was written by any of them.
    const [p] = await t.db.select().from(autonomyProjects).where(eq(autonomyProjects.id, f.p.id));
    expect(p!.version).toBe(f.p.version);
  });

  it('finds none of it in her lists, inbox and counts', async () => {
    for (const agent of [f.a.foreign, b.head, b.op, b.coordinator, b.capofila]) {
      for (const url of ['/api/autonomy/programmes', '/api/autonomy/inbox', '/api/autonomy/intakes?box=inbox', '/api/autonomy/intakes?box=sent', '/api/autonomy/funds/years', '/api/autonomy/reddito/stats']) {
        const r = await agent.request('GET', url);
        expectNoSecret(f, r, url);
        expect(body(r), url).not.toContain(f.p.id);
        expect(body(r), url).not.toContain(f.w.programmeId);
        expect(body(r), url).not.toContain(f.yearId);
      }
    }
  });

  it("cannot send her own case to another network's programme, nor draft a project in it: the programme is unknown to her", async () => {
    const own = await caseWithCpi(wb, b);
    const intake = await b.op.request('POST', '/api/autonomy/intakes', { programmeId: f.w.programmeId, equipeId: f.w.equipeId, caseId: own });
    expect([intake.status, issues(intake.body)], body(intake)).toEqual([400, ['/body/programmeId unknown_item']]);
    const project = await b.op.request('POST', '/api/autonomy/projects', { programmeId: f.w.programmeId, equipeId: f.w.equipeId, caseId: own, areas: ['lavoro'], goals: 'Obiettivo' });
    expect([project.status, issues(project.body)], body(project)).toEqual([400, ['/body/programmeId unknown_item']]);
    // Her own programme with the other network's équipe: the équipe is unknown.
    const mixed = await b.op.request('POST', '/api/autonomy/projects', { programmeId: wb.programmeId, equipeId: f.w.equipeId, caseId: own, areas: ['lavoro'], goals: 'Obiettivo' });
    expect([mixed.status, issues(mixed.body)]).toEqual([400, ['/body/equipeId unknown_item']]);
    // Nor may she add her case to the other network's workshop.
    expect((await b.op.request('POST', `/api/autonomy/activities/${f.activityId}/participants`, { caseId: own })).status).toBe(404);
  });

  it('the instance administrator reaches no case data on any route', async () => {
    const admin = await login(t, f.w.users.admin);
    const failures: string[] = [];
    for (const route of [...routes(f), { method: 'GET', url: '/api/autonomy/inbox' }, { method: 'GET', url: '/api/autonomy/intakes?box=inbox' }, { method: 'GET', url: '/api/autonomy/programmes' }, { method: 'GET', url: '/api/autonomy/reddito/stats' }]) {
      const r = await admin.request(route.method, route.url, route.body, route.headers);
      expectNoSecret(f, r, `admin ${route.method} ${route.url}`);
      if (r.status < 400 || r.status >= 500) failures.push(`${route.method} ${route.url}: ${r.status}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('ids under the wrong parent', () => {
  it('an expense, an action, a participant or a session of another parent is 404 (audited) or an unknown item, and nothing is written', async () => {
    const f = await fixture();
    const { a } = f;
    const auditedDenied = async (resourceId: string) => (await t.db.select().from(auditLog).where(and(eq(auditLog.resourceId, resourceId), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id))).length;
    // P's expense on Q's address (both hers).
    const e = await a.op.request('POST', `/api/autonomy/projects/${f.q.id}/expenses/${f.expense.id}/moves`, { move: 'annulla' }, match(f.expense.version));
    expect(e.status, body(e)).toBe(404);
    expect(await auditedDenied(f.expense.id)).toBeGreaterThan(0);
    expect((await t.db.select().from(autonomyExpenses).where(eq(autonomyExpenses.id, f.expense.id)))[0]!.state).toBe('impegnata');
    // P's action on Q's address.
    const x = await a.op.request('PATCH', `/api/autonomy/projects/${f.q.id}/actions/${f.actionId}`, { status: 'annullata' }, match(1));
    expect(x.status, body(x)).toBe(404);
    expect(await auditedDenied(f.actionId)).toBeGreaterThan(0);
    expect((await t.db.select().from(autonomyActions).where(eq(autonomyActions.id, f.actionId)))[0]!.status).toBe('prevista');
    // The participant of one workshop on the other's address; the other's session in her attendance.
    const pa = await a.op.request('PUT', `/api/autonomy/activities/${f.otherActivityId}/participants/${f.participantId}/attendance`, { sessionIds: [] });
    expect(pa.status, body(pa)).toBe(404);
    expect(await auditedDenied(f.participantId)).toBeGreaterThan(0);
    const s = await a.op.request('PUT', `/api/autonomy/activities/${f.activityId}/participants/${f.participantId}/attendance`, { sessionIds: [f.sessionId, f.otherSessionId] });
    expect([s.status, issues(s.body)]).toEqual([400, ['/body/sessionIds/1 unknown_item']]);
    // The intake of one case for a project of another case.
    const second = await caseWithCpi(f.w, a);
    const fromIntake = await a.op.request('POST', '/api/autonomy/projects', { intakeId: f.intakeId, caseId: second, areas: ['lavoro'], goals: 'Obiettivo' });
    expect([fromIntake.status, issues(fromIntake.body)]).toEqual([400, ['/body/intakeId unknown_item']]);
    // A partner that is not the programme's pays nothing.
    const partner = await a.op.request('POST', `/api/autonomy/projects/${f.p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: f.w.orgs.cavB, amountCents: 1, committedOn: day(-1) }, { 'idempotency-key': randomUUID() });
    expect([partner.status, issues(partner.body)]).toEqual([400, ['/body/partnerOrganisationId unknown_organisation']]);
    // An Idempotency-Key replayed: on the same project it creates nothing more; aimed at another project it is refused, nothing written.
    const key = { 'idempotency-key': randomUUID() };
    const one = { categoryCode: 'tirocinio', partnerOrganisationId: f.w.orgs.cavA, amountCents: 1, committedOn: day(-1) };
    expect((await a.op.request('POST', `/api/autonomy/projects/${f.p.id}/expenses`, one, key)).body.expenses).toHaveLength(2);
    expect((await a.op.request('POST', `/api/autonomy/projects/${f.p.id}/expenses`, one, key)).body.expenses).toHaveLength(2);
    const elsewhere = await a.op.request('POST', `/api/autonomy/projects/${f.q.id}/expenses`, one, key);
    expect([409, 422]).toContain(elsewhere.status);
    expect((await t.db.select().from(autonomyExpenses).where(eq(autonomyExpenses.projectId, f.q.id))).length).toBe(0);
    // A funds entry of one year on another year's address.
    const other = await a.capofila.request('POST', '/api/autonomy/funds/years', { networkId: f.w.network, year: 2041, contributionCents: 1_000 });
    const del = await a.capofila.request('DELETE', `/api/autonomy/funds/years/${other.body.id}/cofinancing/${f.cofinancingId}`, undefined, match(other.body.version));
    expect(del.status).toBe(404);
    expect((await a.capofila.request('GET', `/api/autonomy/funds/years/${f.yearId}`)).body.cofinancing).toHaveLength(1);
  });
});

describe('bad input: a 400 problem with its code and pointer, never a 500', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });

  it('NUL bytes and bad uuids in every path parameter', async () => {
    const failures: string[] = [];
    for (const route of routes(f)) {
      const ids = route.url.match(UUID) ?? [];
      for (const [i] of ids.entries()) {
        for (const bad of ['not-a-uuid', '%00', `${ids[i]}%00`, 'a'.repeat(5000)]) {
          let n = -1;
          const url = route.url.replace(UUID, (m) => (++n === i ? bad : m));
          // The route's own role: the coordinator manages programmes, the capofila the funds; the team the rest.
          const agent = url.includes('/funds/') ? f.a.capofila : url.startsWith('/api/autonomy/programmes') && route.method !== 'GET' && !url.includes('/activities') ? f.a.coordinator : f.a.op;
          const r = await agent.request(route.method, url, route.body, route.headers);
          // A path past the router's longest parameter is refused whole (bad_request, echoing nothing).
          const ok =
            r.status === 400 &&
            (bad.length > 100 ? r.body?.code === 'bad_request' && !body(r).includes('aaaa') : r.body?.code === 'validation_failed' && r.body.errors?.some((e: { pointer: string }) => e.pointer.startsWith('/params/')));
          if (!ok) failures.push(`${route.method} ${url.slice(0, 120)}: ${r.status} ${body(r).slice(0, 200)}`);
          expect(body(r)).not.toContain('\\u0000');
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('any field of any body turned into the wrong type or an extreme value is a 400, never a 500', async () => {
    const junk: unknown[] = [null, [], {}, -1, 0, 1e308, 2 ** 53 + 2, 'x', '', true, '2026-13-45', [null], { a: 1 }];
    const failures: string[] = [];
    const mutations = (input: unknown, path: (string | number)[] = []): (string | number)[][] => {
      if (!input || typeof input !== 'object') return [path];
      const keys = Array.isArray(input) ? input.map((_, i) => i) : Object.keys(input);
      return [path, ...keys.flatMap((k) => mutations((input as Record<string | number, unknown>)[k], [...path, k]))];
    };
    const setAt = (input: unknown, path: (string | number)[], value: unknown) => {
      if (!path.length) return value;
      const copy = JSON.parse(JSON.stringify(input));
      let node = copy;
      for (const k of path.slice(0, -1)) node = node[k];
      node[path[path.length - 1]!] = value;
      return copy;
    };
    for (const route of routes(f).filter((r) => r.body !== undefined)) {
      const agent = route.url.includes('/funds/') ? f.a.capofila : route.url.startsWith('/api/autonomy/programmes') && route.method !== 'GET' && !route.url.includes('/activities') ? f.a.coordinator : f.a.op;
      for (const path of mutations(route.body)) {
        for (const value of junk) {
          const r = await agent.request(route.method, route.url, setAt(route.body, path, value), { ...route.headers, ...(route.url.endsWith('/expenses') ? { 'idempotency-key': randomUUID() } : {}) });
          if (r.status >= 500) failures.push(`${route.method} ${route.url.replace(UUID, ':id')} ${path.join('/')}=${JSON.stringify(value)}: ${r.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('NUL bytes and overlong text in bodies and queries', async () => {
    const { a, w } = f;
    const cases: [string, string, unknown, string, Record<string, string>?][] = [
      ['POST', '/api/autonomy/intakes', { programmeId: w.programmeId, equipeId: w.equipeId, caseId: f.caseId, note: 'a\u0000b' }, '/body/note'],
      ['POST', '/api/autonomy/intakes', { programmeId: w.programmeId, equipeId: w.equipeId, caseId: f.caseId, note: 'x'.repeat(4001) }, '/body/note'],
      ['POST', '/api/autonomy/projects', { programmeId: w.programmeId, equipeId: w.equipeId, caseId: f.caseId, areas: ['lavoro'], goals: 'x'.repeat(8001) }, '/body/goals'],
      ['POST', '/api/autonomy/projects', { programmeId: w.programmeId, equipeId: w.equipeId, caseId: f.caseId, areas: ['lav\u0000oro'], goals: 'ok' }, '/body/areas/0'],
      ['POST', '/api/autonomy/projects', { programmeId: w.programmeId, equipeId: w.equipeId, caseId: f.caseId, areas: ['x'.repeat(41)], goals: 'ok' }, '/body/areas/0'],
      ['PATCH', `/api/autonomy/projects/${f.p.id}`, { notes: '\u0000' }, '/body/notes', match(f.p.version)],
      ['POST', `/api/autonomy/projects/${f.p.id}/moves`, { move: 'interrompi', reason: 'altro', comment: 'x'.repeat(4001) }, '/body/comment', match(f.p.version)],
      ['POST', `/api/autonomy/projects/${f.p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 1, committedOn: day(-1), note: 'a\u0000' }, '/body/note', { 'idempotency-key': randomUUID() }],
      ['POST', `/api/autonomy/projects/${f.p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 1, committedOn: '2026-02-30' }, '/body/committedOn', { 'idempotency-key': randomUUID() }],
      ['POST', `/api/autonomy/projects/${f.p.id}/actions`, { details: { kind: 'tirocinio', host: 'x\u0000', hoursPerWeek: 1, monthlyAllowanceCents: 1, paidBy: 'programma' } }, '/body/details/host'],
      ['POST', `/api/autonomy/projects/${f.p.id}/actions`, { details: { kind: 'contratto', address: 'x'.repeat(100_000) } }, '/body/details/address'],
      ['POST', `/api/autonomy/programmes/${w.programmeId}/activities`, { kind: 'laboratorio_empowerment', title: '\ud800' }, '/body/title'],
      ['POST', `/api/autonomy/activities/${f.activityId}/sessions`, { heldOn: day(-1), facilitators: ['a\u0000'] }, '/body/facilitators/0'],
      ['PUT', `/api/autonomy/activities/${f.activityId}/participants/${f.participantId}/attendance`, { sessionIds: ['nope'] }, '/body/sessionIds/0'],
      ['PUT', `/api/cases/${f.caseId}/reddito-liberta`, { cavOrganisationId: 'x\u0000' }, '/body/cavOrganisationId', match(1)],
    ];
    const failures: string[] = [];
    for (const [method, url, input, pointer, headers] of cases) {
      const r = await a.op.request(method, url, input, headers);
      if (r.status !== 400 || !r.body.errors?.some((e: { pointer: string }) => e.pointer === pointer)) failures.push(`${method} ${url} ${pointer}: ${r.status} ${body(r).slice(0, 300)}`);
      expect(body(r)).not.toMatch(/\\u0000|\\ud800|xxxxxxxxxx/);
    }
    for (const url of ['/api/autonomy/intakes?box=%00', '/api/autonomy/intakes?box=inbox&state=x%00', `/api/autonomy/intakes?box=${'a'.repeat(10_000)}`]) {
      const r = await a.op.request('GET', url);
      if (r.status !== 400 || !r.body.errors?.[0]?.pointer?.startsWith('/querystring/')) failures.push(`GET ${url.slice(0, 80)}: ${r.status}`);
    }
    const report = await a.capofila.request('GET', `/api/autonomy/funds/years/${f.yearId}/report?format=%00`);
    if (report.status !== 400 || report.body.errors?.[0]?.pointer !== '/querystring/format') failures.push(`report format: ${report.status}`);
    expect(failures).toEqual([]);
  });

  it('negative, fractional, over 2^31 and past MAX_SAFE_INTEGER cents: 400 at the field, nothing written', async () => {
    const { a, w } = f;
    const draftP = await draft(w, a, f.caseId);
    const coord = a.coordinator;
    const programme = (await coord.request('GET', `/api/autonomy/programmes/${w.programmeId}`)).body;
    const bads = [-1, 1.5, 2 ** 31, 3_000_000_000, 10_000_000_000, Number.MAX_SAFE_INTEGER + 2, '100'];
    const fields: [Agent, string, string, (c: unknown) => unknown, string, Record<string, string>?][] = [
      [a.op, 'PUT', `/api/autonomy/projects/${draftP.id}/budget`, (c) => ({ items: [{ categoryCode: 'rete', plannedCents: c }] }), '/body/items/0/plannedCents', match(draftP.version)],
      [a.op, 'POST', `/api/autonomy/projects/${f.p.id}/expenses`, (c) => ({ categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: c, committedOn: day(-1) }), '/body/amountCents'],
      [a.op, 'POST', `/api/autonomy/projects/${f.p.id}/actions`, (c) => ({ costCents: c, details: { kind: 'ricerca_casa' } }), '/body/costCents'],
      [a.op, 'PATCH', `/api/autonomy/projects/${f.p.id}/actions/${f.actionId}`, (c) => ({ costCents: c }), '/body/costCents', match(1)],
      [a.op, 'POST', `/api/autonomy/projects/${f.p.id}/actions`, (c) => ({ details: { kind: 'deposito', amountCents: c } }), '/body/details/amountCents'],
      [coord, 'PATCH', `/api/autonomy/programmes/${w.programmeId}`, (c) => ({ totalCents: c }), '/body/totalCents', match(programme.version)],
      [coord, 'PUT', `/api/autonomy/programmes/${w.programmeId}/budgets`, (c) => ({ budgets: [{ axisCode: 'II', organisationId: w.orgs.cavA, amountCents: c }] }), '/body/budgets/0/amountCents', match(programme.version)],
      [a.capofila, 'PATCH', `/api/autonomy/funds/years/${f.yearId}`, (c) => ({ contributionCents: c }), '/body/contributionCents', match(f.yearVersion)],
      [a.capofila, 'POST', `/api/autonomy/funds/years/${f.yearId}/governance`, (c) => ({ description: 'x', amountCents: c, incurredOn: '2040-01-10' }), '/body/amountCents'],
    ];
    const failures: string[] = [];
    for (const [agent, method, url, make, pointer, headers] of fields) {
      for (const c of bads) {
        const r = await agent.request(method, url, make(c), { ...headers, ...(url.endsWith('/expenses') ? { 'idempotency-key': randomUUID() } : {}) });
        if (r.status !== 400 || !r.body.errors?.some((e: { pointer: string }) => e.pointer === pointer)) failures.push(`${method} ${url.replace(UUID, ':id')} ${c}: ${r.status} ${body(r).slice(0, 200)}`);
      }
    }
    // The largest amount a column holds is taken where it fits (a programme's total).
    const most = await coord.request('PATCH', `/api/autonomy/programmes/${w.programmeId}`, { totalCents: 2 ** 31 - 1 }, match(programme.version));
    expect(most.status, body(most)).toBe(200);
    // A frame's cap past the columns is refused too.
    const frame = { ...programme.frame, caps: [{ ...programme.frame.caps[0], amountCents: 3_000_000_000 }] };
    const capped = await coord.request('PATCH', `/api/autonomy/programmes/${w.programmeId}`, { frame }, match(most.body.version));
    if (capped.status !== 400) failures.push(`frame cap 3e9: ${capped.status}`);
    expect(failures).toEqual([]);
    // Nothing was written by the refused ones.
    const p = (await a.op.request('GET', `/api/autonomy/projects/${f.p.id}`)).body;
    expect(p.expenses).toHaveLength(1);
    expect((await a.op.request('GET', `/api/autonomy/projects/${draftP.id}`)).body.version).toBe(draftP.version);
  });

  it('a plan over uncapped categories past what one amount holds is answered, not a 500', async () => {
    const { a, w } = f;
    const p = await draft(w, a, f.caseId, ['lavoro']);
    const r = await a.op.request('PUT', `/api/autonomy/projects/${p.id}/budget`, { items: [{ categoryCode: 'rete', plannedCents: 2 ** 31 - 1 }] }, match(p.version));
    expect(r.status, body(r)).toBe(200);
    expect(r.body.budget.plannedCents).toBe(2 ** 31 - 1);
    const list = await a.op.request('GET', `/api/cases/${f.caseId}/autonomy-projects`);
    expect(list.status, body(list)).toBe(200);
  });
});

describe('stale versions and dates out of order', () => {
  it('every If-Match write with a stale version is 412 (428 without one) and writes nothing', async () => {
    const f = await fixture();
    const { a, w } = f;
    const d = await draft(w, a, f.caseId);
    const intake2Case = await caseWithCpi(w, a);
    const intake2 = await a.op.request('POST', '/api/autonomy/intakes', { programmeId: w.programmeId, equipeId: w.equipeId, caseId: intake2Case });
    const programme = (await a.coordinator.request('GET', `/api/autonomy/programmes/${w.programmeId}`)).body;
    const P = `/api/autonomy/programmes/${w.programmeId}`;
    const writes: [Agent, string, string, unknown, number][] = [
      [a.op, 'PATCH', `/api/autonomy/projects/${d.id}`, { goals: 'Nuovi' }, d.version],
      [a.op, 'PUT', `/api/autonomy/projects/${d.id}/budget`, { items: [] }, d.version],
      [a.op, 'POST', `/api/autonomy/projects/${d.id}/moves`, { move: 'proponi' }, d.version],
      [a.op, 'POST', `/api/autonomy/projects/${f.p.id}/expenses/${f.expense.id}/moves`, { move: 'annulla' }, f.expense.version],
      [a.op, 'PATCH', `/api/autonomy/projects/${f.p.id}/actions/${f.actionId}`, { status: 'annullata' }, 1],
      [a.op, 'POST', `/api/autonomy/follow-ups/${f.followUpId}`, { state: 'non_raggiungibile' }, 1],
      [a.equipe, 'POST', `/api/autonomy/intakes/${f.intakeId}/decision`, { decision: 'ammessa' }, 1],
      [a.op, 'POST', `/api/autonomy/intakes/${intake2.body.id}/withdraw`, undefined, 1],
      [a.op, 'PUT', `/api/cases/${f.caseId}/reddito-liberta`, { cavStatementOn: day(-9), cavOrganisationId: w.orgs.cavA }, 1],
      [a.coordinator, 'PATCH', P, { name: 'Altro' }, programme.version],
      [a.coordinator, 'PUT', `${P}/partners`, { capofilaOrganisationId: w.orgs.capofila, partnerOrganisationIds: [w.orgs.cavA] }, programme.version],
      [a.coordinator, 'PUT', `${P}/budgets`, { budgets: [] }, programme.version],
      [a.coordinator, 'PUT', `${P}/equipes`, { equipes: [] }, programme.version],
      [a.coordinator, 'PUT', `${P}/results`, { results: [] }, programme.version],
      [a.capofila, 'PATCH', `/api/autonomy/funds/years/${f.yearId}`, { contributionCents: 5 }, f.yearVersion],
      [a.capofila, 'DELETE', `/api/autonomy/funds/years/${f.yearId}/governance/${f.governanceId}`, undefined, f.yearVersion],
    ];
    const failures: string[] = [];
    const snapshot = async () =>
      JSON.stringify(
        (
          await t.db.execute(
            sql`select (select json_agg(p.version order by p.id) from autonomy_projects p where p.programme_id = ${w.programmeId}) projects,
              (select json_agg(e.version) from autonomy_expenses e where e.project_id = ${f.p.id}) expenses,
              (select json_agg(x.version) from autonomy_actions x where x.project_id = ${f.p.id}) actions,
              (select json_agg(u.version order by u.id) from autonomy_follow_ups u where u.project_id = ${f.q.id}) follow_ups,
              (select json_agg(i.version order by i.id) from autonomy_intakes i where i.programme_id = ${w.programmeId}) intakes,
              (select max(r.version) from reddito_applications r where r.case_id = ${f.caseId}) reddito,
              (select g.version from autonomy_programmes g where g.id = ${w.programmeId}) programme,
              (select y.version from funds_years y where y.id = ${f.yearId}) funds_year`,
          )
        ).rows,
      );
    const before = await snapshot();
    for (const [agent, method, url, input, version] of writes) {
      const stale = await agent.request(method, url, input, match(version + 7));
      const missing = await agent.request(method, url, input);
      if (stale.status !== 412 || missing.status !== 428) failures.push(`${method} ${url.replace(UUID, ':id')}: stale ${stale.status} ${body(stale).slice(0, 120)}, missing ${missing.status}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('dates out of order are refused at the field', async () => {
    const f = await fixture();
    const { a, w } = f;
    // The running project cannot end before it started (it started 20 days ago).
    const early = await move(a.op, f.p.id, f.p.version, { move: 'concludi', on: day(-21) });
    expect([early.status, issues(early.body)], body(early)).toEqual([400, ['/body/on from_after_to']]);
    const stopped = await move(a.op, f.p.id, f.p.version, { move: 'interrompi', reason: 'altro', on: day(-30) });
    expect([stopped.status, issues(stopped.body)]).toEqual([400, ['/body/on from_after_to']]);
    expect((await a.op.request('GET', `/api/autonomy/projects/${f.p.id}`)).body).toMatchObject({ state: 'in_corso', version: f.p.version });
    // An action ending before it starts; an expense paid before it was committed, or committed outside the programme.
    const action = await a.op.request('PATCH', `/api/autonomy/projects/${f.p.id}/actions/${f.actionId}`, { startsOn: day(5), endsOn: day(1) }, match(1));
    expect([action.status, issues(action.body)]).toEqual([400, ['/body/endsOn from_after_to']]);
    const onlyEnd = await a.op.request('PATCH', `/api/autonomy/projects/${f.p.id}/actions/${f.actionId}`, { startsOn: day(5) }, match(1));
    expect(onlyEnd.status).toBe(200);
    const endBefore = await a.op.request('PATCH', `/api/autonomy/projects/${f.p.id}/actions/${f.actionId}`, { endsOn: day(1) }, match(2));
    expect([endBefore.status, issues(endBefore.body)]).toEqual([400, ['/body/endsOn from_after_to']]);
    const paid = await a.op.request('POST', `/api/autonomy/projects/${f.p.id}/expenses/${f.expense.id}/moves`, { move: 'paga', paidOn: day(-6) }, match(f.expense.version));
    expect([paid.status, issues(paid.body)]).toEqual([400, ['/body/paidOn invalid_value']]);
    const outside = await a.op.request('POST', `/api/autonomy/projects/${f.p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 1, committedOn: day(400) }, { 'idempotency-key': randomUUID() });
    expect([outside.status, issues(outside.body)]).toEqual([400, ['/body/committedOn invalid_value']]);
    // The programme's end before its start; the call closing before it opens.
    const programme = (await a.coordinator.request('GET', `/api/autonomy/programmes/${w.programmeId}`)).body;
    const ends = await a.coordinator.request('PATCH', `/api/autonomy/programmes/${w.programmeId}`, { endsOn: day(-400) }, match(programme.version));
    expect([ends.status, issues(ends.body)]).toEqual([400, ['/body/endsOn from_after_to']]);
    const call = await a.capofila.request('PATCH', `/api/autonomy/funds/years/${f.yearId}`, { callOpensOn: '2040-05-01', callClosesOn: '2040-04-01' }, match(f.yearVersion));
    expect([call.status, issues(call.body)]).toEqual([400, ['/body/callClosesOn from_after_to']]);
    // Reddito: filed before the statements; a day to come.
    const filed = await a.op.request('PUT', `/api/cases/${f.caseId}/reddito-liberta`, { cavStatementOn: day(-10), cavOrganisationId: w.orgs.cavA, socialStatementOn: day(-10), socialOrganisationId: w.orgs.social, filedOn: day(-11) }, match(1));
    expect([filed.status, issues(filed.body)]).toEqual([400, ['/body/filedOn reddito_step_order']]);
    const future = await a.op.request('PUT', `/api/cases/${f.caseId}/reddito-liberta`, { cavStatementOn: day(3), cavOrganisationId: w.orgs.cavA }, match(1));
    expect([future.status, issues(future.body)]).toEqual([400, ['/body/cavStatementOn in_future']]);
  });
});

describe('sides swapped', () => {
  it('the team cannot validate or approve its own proposal; the équipe and the capofila write nothing of the team; the CPI moves nothing', async () => {
    const f = await fixture();
    const { a, w } = f;
    const d = await draft(w, a, f.caseId);
    let r = await move(a.op, d.id, d.version, { move: 'proponi' });
    let v = r.body.version as number;
    const failures: string[] = [];
    const expectStatus = async (what: string, res: Promise<Answer>, status: number) => {
      const x = await res;
      if (x.status !== status) failures.push(`${what}: ${x.status} ${body(x).slice(0, 160)}`);
    };
    for (const [who, agent] of [['op', a.op], ['cpi', a.cpi]] as const) {
      await expectStatus(`${who} valida`, move(agent, d.id, v, { move: 'valida' }), 403);
      await expectStatus(`${who} rimanda`, move(agent, d.id, v, { move: 'rimanda', reason: 'altro' }), 403);
    }
    // The équipe validates; the team, the équipe and the capofila's operator may not approve.
    r = await move(a.social, d.id, v, { move: 'valida' });
    v = r.body.version;
    for (const [who, agent] of [['op', a.op], ['equipe', a.equipe], ['social', a.social], ['capofilaOp', a.capofilaOp], ['cpi', a.cpi]] as const) {
      await expectStatus(`${who} approva`, move(agent, d.id, v, { move: 'approva' }), 403);
    }
    // The équipe and the capofila see the project but write none of the team's part.
    for (const [who, agent] of [['equipe', a.equipe], ['capofila', a.capofila], ['coordinator', a.coordinator]] as const) {
      await expectStatus(`${who} PATCH`, agent.request('PATCH', `/api/autonomy/projects/${d.id}`, { goals: 'Presa' }, match(v)), 403);
      await expectStatus(`${who} budget`, agent.request('PUT', `/api/autonomy/projects/${d.id}/budget`, { items: [] }, match(v)), 403);
      await expectStatus(`${who} interrompi`, move(agent, d.id, v, { move: 'interrompi', reason: 'altro' }), 403);
      await expectStatus(`${who} expense`, agent.request('POST', `/api/autonomy/projects/${f.p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 1, committedOn: day(-1) }, { 'idempotency-key': randomUUID() }), 403);
      await expectStatus(`${who} expense move`, agent.request('POST', `/api/autonomy/projects/${f.p.id}/expenses/${f.expense.id}/moves`, { move: 'annulla' }, match(f.expense.version)), 403);
      await expectStatus(`${who} action`, agent.request('POST', `/api/autonomy/projects/${f.p.id}/actions`, { details: { kind: 'ricerca_casa' } }), 403);
      await expectStatus(`${who} action patch`, agent.request('PATCH', `/api/autonomy/projects/${f.p.id}/actions/${f.actionId}`, { status: 'annullata' }, match(1)), 403);
      // The follow-ups are the team's own (404); the coordinator's role writes none (the policy's 403).
      await expectStatus(`${who} follow-up`, agent.request('POST', `/api/autonomy/follow-ups/${f.followUpId}`, { state: 'non_raggiungibile' }, match(1)), agent === a.coordinator ? 403 : 404);
      await expectStatus(`${who} reddito`, agent.request('PUT', `/api/cases/${f.caseId}/reddito-liberta`, {}, match(1)), agent === a.coordinator ? 403 : 404);
    }
    // The CPI (work and housing only) reads the project but moves, edits and spends nothing.
    for (const [what, res] of [
      ['PATCH', a.cpi.request('PATCH', `/api/autonomy/projects/${d.id}`, { goals: 'Presa' }, match(v))],
      ['budget', a.cpi.request('PUT', `/api/autonomy/projects/${d.id}/budget`, { items: [] }, match(v))],
      ['interrompi', move(a.cpi, d.id, v, { move: 'interrompi', reason: 'altro' })],
      ['expense', a.cpi.request('POST', `/api/autonomy/projects/${f.p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 1, committedOn: day(-1) }, { 'idempotency-key': randomUUID() })],
    ] as const) await expectStatus(`cpi ${what}`, res, 403);
    expect(failures).toEqual([]);
    // Nothing moved: still validated, at the same version; the expense still committed.
    expect((await a.op.request('GET', `/api/autonomy/projects/${d.id}`)).body).toMatchObject({ state: 'validata', version: v });
    expect((await t.db.select().from(autonomyExpenses).where(eq(autonomyExpenses.id, f.expense.id)))[0]!.state).toBe('impegnata');
  });
});

describe('the reduced views, through every answer that shows a project', () => {
  it('work and housing only (the CPI) and the approval view (équipe, capofila): no list, inbox, count, print or summary shows what the detail hides', async () => {
    const f = await fixture();
    const { a, w } = f;
    const all = (r: Answer) => body(r);
    // The CPI: the detail hides goals, budget, expenses and history.
    const detail = await a.cpi.request('GET', `/api/autonomy/projects/${f.p.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ view: 'work_housing', goals: null, notes: null, budget: null, expenses: null, steps: null, frame: { categories: [], partners: [] } });
    const cpiAnswers: [string, Answer][] = [
      ['detail', detail],
      ['detail Q', await a.cpi.request('GET', `/api/autonomy/projects/${f.q.id}`)],
      ['case list', await a.cpi.request('GET', `/api/cases/${f.caseId}/autonomy-projects`)],
      ['inbox', await a.cpi.request('GET', '/api/autonomy/inbox')],
      ['intakes inbox', await a.cpi.request('GET', '/api/autonomy/intakes?box=inbox')],
      ['intakes sent', await a.cpi.request('GET', '/api/autonomy/intakes?box=sent')],
      ['actions', await a.cpi.request('GET', `/api/autonomy/projects/${f.p.id}/actions`)],
      ['pdf', await a.cpi.request('GET', `/api/autonomy/projects/${f.p.id}.pdf`)],
      ['follow-ups', await a.cpi.request('GET', `/api/autonomy/projects/${f.q.id}/follow-ups`)],
      ['summary', await a.cpi.request('GET', `/api/autonomy/programmes/${w.programmeId}/summary`)],
      ['activities', await a.cpi.request('GET', `/api/autonomy/programmes/${w.programmeId}/activities`)],
      ['reddito', await a.cpi.request('GET', `/api/cases/${f.caseId}/reddito-liberta`)],
      ['case tasks', await a.cpi.request('GET', '/api/cases/tasks')],
    ];
    for (const [what, r] of cpiAnswers) {
      for (const s of [GOALS, EXPENSE_NOTE, INTAKE_NOTE, COMMENT]) expect(all(r), `CPI ${what} shows "${s}"`).not.toContain(s);
      expect(r.status, `CPI ${what}`).toBeLessThan(500);
    }
    expect(cpiAnswers.find(([w]) => w === 'pdf')![1].status).toBe(404);
    expect(cpiAnswers.find(([w]) => w === 'follow-ups')![1].status).toBe(404);
    expect(cpiAnswers.find(([w]) => w === 'reddito')![1].status).toBe(404);
    const list = cpiAnswers.find(([w]) => w === 'case list')![1].body.items as { id: string; view: string; plannedCents: number | null }[];
    expect(list.map((i) => [i.view, i.plannedCents])).toEqual(list.map(() => ['work_housing', null]));
    // The actions she sees are work and housing, with details (the tirocinio's host is hers to see).
    const actions = cpiAnswers.find(([w]) => w === 'actions')![1].body;
    expect(actions.items.every((i: { family: string }) => ['lavoro', 'abitare'].includes(i.family))).toBe(true);

    // The approval view: no expense note nor receipt, no action details, no print, no follow-ups, no case list.
    for (const [who, agent] of [['equipe', a.equipe], ['capofila', a.capofila]] as const) {
      const seen = await agent.request('GET', `/api/autonomy/projects/${f.p.id}`);
      expect(seen.body.view, who).toBe('approval');
      expect(seen.body.expenses.every((e: { note: unknown; documentId: unknown }) => e.note === null && e.documentId === null)).toBe(true);
      const answers: [string, Answer][] = [
        ['detail', seen],
        ['actions', await agent.request('GET', `/api/autonomy/projects/${f.p.id}/actions`)],
        ['inbox', await agent.request('GET', '/api/autonomy/inbox')],
        ['summary', await agent.request('GET', `/api/autonomy/programmes/${w.programmeId}/summary`)],
        ['follow-up counts', await agent.request('GET', `/api/autonomy/programmes/${w.programmeId}/follow-ups`)],
        ['activities', await agent.request('GET', `/api/autonomy/programmes/${w.programmeId}/activities`)],
        ['pdf', await agent.request('GET', `/api/autonomy/projects/${f.p.id}.pdf`)],
        ['follow-ups', await agent.request('GET', `/api/autonomy/projects/${f.q.id}/follow-ups`)],
        ['case list', await agent.request('GET', `/api/cases/${f.caseId}/autonomy-projects`)],
      ];
      for (const [what, r] of answers) {
        for (const s of [EXPENSE_NOTE, HOST]) expect(all(r), `${who} ${what} shows "${s}"`).not.toContain(s);
        expect(r.status, `${who} ${what}`).toBeLessThan(500);
      }
      for (const what of ['pdf', 'follow-ups', 'case list']) expect(answers.find(([x]) => x === what)![1].status, `${who} ${what}`).toBe(404);
      // Counts only: no case code in the summary, the counts or the group work (her own team holds no participant).
      for (const what of ['summary', 'follow-up counts', 'activities']) expect(all(answers.find(([x]) => x === what)![1]), `${who} ${what}`).not.toContain(f.caseCode);
      expect(answers.find(([x]) => x === 'actions')![1].body.items.every((i: { details: unknown }) => i.details === null)).toBe(true);
    }
    // A list never shows more than the detail, for every principal who sees the case's list.
    for (const agent of [a.op, a.cpi]) {
      const items = (await agent.request('GET', `/api/cases/${f.caseId}/autonomy-projects`)).body.items as { id: string; view: string; plannedCents: number | null; caseCode: string }[];
      for (const item of items) {
        const one = (await agent.request('GET', `/api/autonomy/projects/${item.id}`)).body;
        expect(item.view).toBe(one.view);
        expect(item.plannedCents === null).toBe(one.budget === null);
        if (one.budget) expect(item.plannedCents).toBe(one.budget.plannedCents);
      }
    }
  });

  it('no error answer names a person or her case', async () => {
    const f = await fixture();
    const { a, w } = f;
    const errors: Answer[] = [
      await a.op.request('POST', `/api/autonomy/projects/${f.p.id}/expenses`, { categoryCode: 'tirocinio', partnerOrganisationId: w.orgs.cavA, amountCents: 300_000, committedOn: day(-1), note: EXPENSE_NOTE }, { 'idempotency-key': randomUUID() }),
      await a.op.request('POST', '/api/autonomy/intakes', { programmeId: w.programmeId, equipeId: w.equipeId, caseId: f.caseId, note: INTAKE_NOTE }),
      await a.op.request('PATCH', `/api/autonomy/projects/${f.p.id}`, { goals: GOALS }, match(f.p.version)),
      await move(a.op, f.p.id, f.p.version, { move: 'concludi', on: day(-30), comment: COMMENT }),
      await a.equipe.request('POST', `/api/autonomy/projects/${f.p.id}/actions`, { details: { kind: 'tirocinio', host: HOST, hoursPerWeek: 1, monthlyAllowanceCents: 1, paidBy: 'programma' } }),
    ];
    for (const r of errors) {
      expect(r.status, body(r)).toBeGreaterThanOrEqual(400);
      expectNoSecret(f, r, `error ${r.status}`);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('the tasks that name her case', () => {
  it('a due follow-up and a due Reddito step reach the team holding the plan, never the CPI, the équipe or the capofila', async () => {
    const f = await fixture();
    const { a } = f;
    await t.db.update(autonomyFollowUps).set({ dueOn: day(-1) }).where(eq(autonomyFollowUps.id, f.followUpId));
    await t.db.update(redditoApplications).set({ openedOn: day(-60), cavStatementOn: day(-60) }).where(eq(redditoApplications.caseId, f.caseId));
    const tasks = async (agent: Agent) => {
      const r = await agent.request('GET', '/api/cases/tasks');
      expect(r.status, body(r)).toBe(200);
      return { followUps: (r.body.followUps ?? []).filter((x: { case: { id: string } }) => x.case.id === f.caseId), reddito: (r.body.redditoSteps ?? []).filter((x: { case: { id: string } }) => x.case.id === f.caseId), raw: body(r) };
    };
    const team = await tasks(a.op);
    expect(team.followUps.map((x: { followUpId: string }) => x.followUpId)).toEqual([f.followUpId]);
    expect(team.reddito).toHaveLength(1);
    for (const [who, agent] of [['cpi', a.cpi], ['equipe', a.equipe], ['capofila', a.capofila]] as const) {
      const seen = await tasks(agent);
      expect([seen.followUps, seen.reddito], who).toEqual([[], []]);
      expect(seen.raw, who).not.toContain(f.caseCode);
    }
  });
});

describe('a shredded case', () => {
  it('every route naming its records answers without a 500 and shows none of its sealed words', async () => {
    const f = await fixture();
    await t.db.transaction((tx) => shredCase(t.ctx, tx, f.caseId, { actorUserId: null, reason: 'erasure_request' }));
    const failures: string[] = [];
    for (const route of routes(f)) {
      const agent = route.url.includes('/funds/') ? f.a.capofila : route.url.startsWith('/api/autonomy/programmes') && route.method !== 'GET' && !route.url.includes('/activities') ? f.a.coordinator : f.a.op;
      for (const who of [agent, f.a.equipe, f.a.cpi]) {
        const r = await who.request(route.method, route.url, route.body, { ...route.headers, ...(route.url.endsWith('/expenses') ? { 'idempotency-key': randomUUID() } : {}) });
        if (r.status >= 500) failures.push(`${route.method} ${route.url.replace(UUID, ':id')}: ${r.status}`);
        for (const s of [GOALS, HOST, EXPENSE_NOTE, INTAKE_NOTE, COMMENT]) expect(body(r)).not.toContain(s);
      }
    }
    for (const url of ['/api/autonomy/inbox', '/api/autonomy/intakes?box=inbox', '/api/autonomy/intakes?box=sent', '/api/cases/tasks']) {
      for (const who of [f.a.op, f.a.equipe, f.a.capofila]) {
        const r = await who.request('GET', url);
        if (r.status >= 500) failures.push(`GET ${url}: ${r.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
