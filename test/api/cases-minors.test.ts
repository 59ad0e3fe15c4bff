import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { cases } from '../../src/server/modules/cases/index.js';
import { caseMinors } from '../../src/server/modules/cases/minors.tables.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';
import { ok, day, DAY } from '../support/http.js';

/**
 * A minor who is herself a victim (docs/minors.md): the `minor` section
 * (parental responsibility, the mandatory report, the referral to child
 * protection), their deadlines among the tasks and the morning reminders,
 * who may consent for her, and a child of her mother's case opened as a
 * case of her own.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const HOLDER_NAME = 'Eufrasia Tarabusi';
const AUTHOR_NAME = 'Ottorino Vescovali';

const minor = (over: Record<string, unknown> = {}) => ({
  age: 12,
  ageOn: day(-10),
  knownOn: day(-3),
  holders: [
    { relation: 'madre', isAuthor: false, informed: true, name: HOLDER_NAME, contact: '333 000 1111' },
    { relation: 'padre', isAuthor: true, informed: false, name: AUTHOR_NAME },
  ],
  ...over,
});

async function setup() {
  const w: World = await createWorld(t);
  const [op, head, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB)]);
  const caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-5) }), 201).id as string;
  return { w, op, head, opB, caseId };
}

/** Shares the case with CAV B's operator on these sections. */
async function share(s: { w: World; op: Agent; head: Agent; caseId: string }, sections: string[]) {
  ok(await s.op.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: s.w.orgs.cavB, sections, givenOn: day(-1), form: 'scritto', givenBy: 'curatore_speciale' }), 201);
  ok(await s.head.request('POST', `/api/cases/${s.caseId}/team`, { userId: s.w.users.operatorB.id, sections }));
}

const denied = (caseId: string, action: string, userId: string) =>
  t.db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.resourceId, caseId), eq(auditLog.actorUserId, userId), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id));

describe('the minor section', () => {
  it('is saved with If-Match (428 without, 412 stale), sealed at rest, and sets the profile to under 18', async () => {
    const s = await setup();
    const empty = ok(await s.op.request('GET', `/api/cases/${s.caseId}/minor`));
    expect(empty).toMatchObject({ version: 0, record: null, motherCase: null, minorByProfile: false });
    expect(ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor()), 428)).toMatchObject({ code: 'precondition_required' });
    const saved = ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor(), { 'if-match': '"0"' }));
    expect(saved.version).toBe(1);
    expect(saved.record.holders.map((h: any) => [h.relation, h.isAuthor, h.name])).toEqual([
      ['madre', false, HOLDER_NAME],
      ['padre', true, AUTHOR_NAME],
    ]);
    expect(saved.record).toMatchObject({ age: 12, reportDueOn: day(-1), referralDueOn: day(4), report: null, referral: null });
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor(), { 'if-match': '"0"' }), 412);
    const [row] = await t.db.select().from(caseMinors).where(eq(caseMinors.caseId, s.caseId));
    expect(JSON.stringify(row)).not.toContain(HOLDER_NAME);
    expect(JSON.stringify(row)).not.toContain('333 000 1111');
    const record = ok(await s.op.request('GET', `/api/cases/${s.caseId}`));
    expect(record.profile.ageBand).toBe('lt18');
    // Holders keep their ids across saves; an id the record never had is refused.
    const ids = saved.record.holders.map((h: any) => h.id);
    const kept = ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ holders: saved.record.holders.map(({ id, relation, isAuthor }: any) => ({ id, relation, isAuthor })) }), { 'if-match': '"1"' }));
    expect(kept.record.holders.map((h: any) => h.id)).toEqual(ids);
    const unknown = ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ holders: [{ id: randomUUID(), relation: 'madre', isAuthor: false }] }), { 'if-match': '"2"' }), 400);
    expect(unknown.errors).toEqual([expect.objectContaining({ pointer: '/body/holders/0/id', code: 'unknown_holder' })]);
  });

  it('refuses bad input at the edge: NUL bytes, future days, ages past 17, a body that is not an object', async () => {
    const s = await setup();
    const put = (body: unknown) => s.op.request('PUT', `/api/cases/${s.caseId}/minor`, body, { 'if-match': '"0"' });
    expect((await put(minor({ notes: 'a\u0000b' }))).status).toBe(400);
    expect((await put(minor({ holders: [{ relation: 'madre', isAuthor: false, name: 'x\u0000' }] }))).status).toBe(400);
    expect((await put(minor({ age: 18 }))).status).toBe(400);
    expect((await put(minor({ notes: 'x'.repeat(2001) }))).status).toBe(400);
    expect((await put([minor()])).status).toBe(400);
    const future = ok(await put(minor({ knownOn: day(2), report: { on: day(1), to: 'procura_minorenni' } })), 400);
    expect(future.errors.map((e: any) => e.pointer).sort()).toEqual(['/body/knownOn', '/body/report/on']);
    expect(ok(await s.op.request('GET', `/api/cases/${s.caseId}/minor`)).version).toBe(0);
  });

  it('is shown to another organisation only on a share naming it, and written by the owning organisation only; foreign ids are 404 and audited', async () => {
    const s = await setup();
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor(), { 'if-match': '"0"' }));
    // Not on the team at all.
    ok(await s.opB.request('GET', `/api/cases/${s.caseId}/minor`), 404);
    expect(await denied(s.caseId, 'case.minor_read', s.w.users.operatorB.id)).toHaveLength(1);
    const ghost = randomUUID();
    ok(await s.op.request('GET', `/api/cases/${ghost}/minor`), 404);
    expect(await denied(ghost, 'case.minor_read', s.w.users.operatorA.id)).toHaveLength(1);
    // A share without the section.
    await share(s, ['profile']);
    ok(await s.opB.request('GET', `/api/cases/${s.caseId}/minor`), 404);
  });

  it('a share naming the section reads it; her PUT is refused and audited', async () => {
    const s = await setup();
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor(), { 'if-match': '"0"' }));
    await share(s, ['minor']);
    const seen = ok(await s.opB.request('GET', `/api/cases/${s.caseId}/minor`));
    expect(seen.record.holders[0].name).toBe(HOLDER_NAME);
    ok(await s.opB.request('PUT', `/api/cases/${s.caseId}/minor`, minor(), { 'if-match': '"1"' }), 404);
    expect(await denied(s.caseId, 'case.minor_write', s.w.users.operatorB.id)).toHaveLength(1);
  });
});

describe('the deadlines of a minor’s case', () => {
  it('list the report and the referral among the tasks until each is recorded, under the minor section only', async () => {
    const s = await setup();
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor(), { 'if-match': '"0"' }));
    const tasks = async (a: Agent) => ok(await a.request('GET', '/api/cases/tasks?horizonDays=7')).deadlines.filter((d: any) => d.case.id === s.caseId);
    expect((await tasks(s.op)).map((d: any) => [d.kind, d.dueOn, d.registeredOn])).toEqual([
      ['minorReportBy', day(-1), day(-3)],
      ['minorReferralBy', day(4), day(-3)],
    ]);
    await share(s, ['profile']);
    expect(await tasks(s.opB)).toEqual([]);
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ report: { on: day(-1), to: 'procura_minorenni', reference: 'RG 123/26' } }), { 'if-match': '"1"' }));
    expect((await tasks(s.op)).map((d: any) => d.kind)).toEqual(['minorReferralBy']);
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ report: { on: day(-1), to: 'procura_minorenni' }, referral: { on: day(0) } }), { 'if-match': '"2"' }));
    expect(await tasks(s.op)).toEqual([]);
  });
});

describe('the head’s workload and a minor’s deadlines', () => {
  it('counts a minor’s case as overdue while the report or the referral is past its day and not recorded; the caseload’s link lists it', async () => {
    const s = await setup();
    const overdue = async () => ok(await s.head.request('GET', '/api/cases/workload')).overdue as number;
    const listed = async () => ok(await s.head.request('GET', '/api/cases?overdue=true')).items.map((c: { id: string }) => c.id);
    // Nothing due yet: the report falls due tomorrow (MINOR_REPORT_DAYS 2 from knownOn).
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ knownOn: day(-1) }), { 'if-match': '"0"' }));
    expect(await overdue()).toBe(0);
    expect(await listed()).toEqual([]);
    // The report's day passed (knownOn three days ago): overdue, and the number's link lists it.
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor(), { 'if-match': '"1"' }));
    expect(await overdue()).toBe(1);
    expect(await listed()).toEqual([s.caseId]);
    // The report recorded, the referral not yet due (7 days): no longer overdue.
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ report: { on: day(-1), to: 'procura_minorenni' } }), { 'if-match': '"2"' }));
    expect(await overdue()).toBe(0);
    // Learnt of ten days ago: the referral is past its day, overdue however long ago (it can be done, unlike a legal deadline of a report).
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ knownOn: day(-40), ageOn: day(-40), report: { on: day(-39), to: 'procura_minorenni' } }), { 'if-match': '"3"' }));
    expect(await overdue()).toBe(1);
    expect(await listed()).toEqual([s.caseId]);
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ knownOn: day(-40), ageOn: day(-40), report: { on: day(-39), to: 'procura_minorenni' }, referral: { on: day(-2) } }), { 'if-match': '"4"' }));
    expect(await overdue()).toBe(0);
    expect(await listed()).toEqual([]);
  });
});

describe('the morning reminders of a minor’s case', () => {
  it('tell the team on the day the report falls due, under the minor section', async () => {
    const s = await setup();
    // Past the first 06:30 after the app started; the report is due that morning (MINOR_REPORT_DAYS after knownOn).
    const firstMorning = new Date(Date.now() + DAY + 3_600_000);
    const [date, time] = firstMorning.toLocaleString('sv-SE', { timeZone: 'Europe/Rome' }).split(' ');
    const morning = time! < '06:30' ? day(0) : date!;
    const knownOn = new Date(Date.parse(`${morning}T12:00:00Z`) - t.ctx.config.minorDeadlineDays.report * DAY).toISOString().slice(0, 10);
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ knownOn: knownOn > day(0) ? day(0) : knownOn, ageOn: day(-10) }), { 'if-match': '"0"' }));
    expect((await t.ctx.jobs.runDue(firstMorning)).failed).toBe(0);
    const rows = await t.db
      .select({ kind: notifications.kind, params: notifications.params, tab: notifications.caseTab, section: notifications.caseSection })
      .from(notifications)
      .where(and(eq(notifications.recipientUserId, s.w.users.operatorA.id), eq(notifications.kind, 'deadline_due')));
    expect(rows).toContainEqual({ kind: 'deadline_due', params: { deadline: 'minor_report' }, tab: 'minor', section: 'minor' });
  });
});

describe('who consents for a minor', () => {
  const consent = (s: { op: Agent; caseId: string }, body: Record<string, unknown>) =>
    s.op.request('POST', `/api/cases/${s.caseId}/consents`, { purpose: 'presa_in_carico', givenOn: day(0), form: 'scritto', ...body });

  it('under 14: never she alone, never the author; a holder who is not, or the court’s curator, may', async () => {
    const s = await setup();
    const saved = ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor(), { 'if-match': '"0"' }));
    const [mother, father] = saved.record.holders;
    const codes = async (body: Record<string, unknown>) => ok(await consent(s, body), 400).errors.map((e: any) => [e.pointer, e.code]);
    expect(await codes({})).toEqual([['/body/givenBy', 'required']]);
    expect(await codes({ givenBy: 'interessata', purpose: 'contatto', channel: 'telefono' })).toEqual([['/body/givenBy', 'minor_under_14']]);
    expect(await codes({ givenBy: 'titolare', holderId: father.id })).toEqual([['/body/holderId', 'author_cannot_consent']]);
    expect(await codes({ givenBy: 'titolare', holderId: randomUUID() })).toEqual([['/body/holderId', 'unknown_holder']]);
    expect(await codes({ givenBy: 'titolare' })).toEqual([['/body/holderId', 'required']]);
    expect(await codes({ givenBy: 'curatore_speciale', holderId: mother.id })).toEqual([['/body/holderId', 'not_allowed']]);
    const ledger = ok(await consent(s, { givenBy: 'titolare', holderId: mother.id }), 201);
    expect(ledger.at(-1)).toMatchObject({ givenBy: 'titolare', holderId: mother.id, active: true });
    ok(await consent(s, { givenBy: 'curatore_speciale' }), 201);
  });

  it('from 14: she may consent alone to contact and anonymous statistics, not to taking charge', async () => {
    const s = await setup();
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ age: 15 }), { 'if-match': '"0"' }));
    ok(await consent(s, { givenBy: 'interessata', purpose: 'contatto', channel: 'telefono' }), 201);
    ok(await consent(s, { givenBy: 'interessata', purpose: 'statistiche_anonime' }), 201);
    expect(ok(await consent(s, { givenBy: 'interessata' }), 400).errors).toEqual([expect.objectContaining({ pointer: '/body/givenBy', code: 'needs_parental_consent' })]);
  });

  it('an adult’s consent is hers: nobody else is recorded as giving it', async () => {
    const s = await setup();
    const ledger = ok(await consent(s, {}), 201);
    expect(ledger.at(-1)).toMatchObject({ givenBy: 'interessata', holderId: null });
    expect(ok(await consent(s, { givenBy: 'titolare', holderId: randomUUID() }), 400).errors.map((e: any) => e.code).sort()).toEqual(['not_minor']);
  });

  it('a holder later recorded as the author loses the consents he gave: revoked at once, his share’s members leave', async () => {
    const s = await setup();
    const saved = ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ holders: [{ relation: 'padre', isAuthor: false }] }), { 'if-match': '"0"' }));
    const father = saved.record.holders[0];
    ok(await consent(s, { givenBy: 'titolare', holderId: father.id }), 201);
    ok(await s.op.request('PUT', `/api/cases/${s.caseId}/minor`, minor({ holders: [{ id: father.id, relation: 'padre', isAuthor: true }] }), { 'if-match': '"1"' }));
    const ledger = ok(await s.op.request('GET', `/api/cases/${s.caseId}/consents`));
    expect(ledger.filter((c: any) => c.holderId === father.id).map((c: any) => c.active)).toEqual([false]);
    const [row] = await t.db.select({ purpose: auditLog.purpose }).from(auditLog).where(and(eq(auditLog.action, 'case.minor_write'), eq(auditLog.resourceId, s.caseId), eq(auditLog.purpose, 'consents_revoked:1'))).orderBy(asc(auditLog.id));
    expect(row).toBeDefined();
  });
});

describe('a child opened as a case of her own', () => {
  it('creates a linked case of the same organisation, sealed with its own key, from the child’s record; once', async () => {
    const w = await createWorld(t);
    const [op, head, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB)]);
    const motherId = ok(await op.request('POST', '/api/cases', { contactOn: day(-5), identity: { firstName: 'Clelia', lastName: 'Fortebracci' } }), 201).id as string;
    const child = ok(await op.request('POST', `/api/cases/${motherId}/children`, { age: 9, witnessedViolence: true, details: { firstName: 'Violante', birthDate: '2017-03-04' } }), 201);
    const opened = ok(await op.request('POST', `/api/cases/${motherId}/children/${child.id}/open-case`), 201);
    expect(opened.code).toMatch(/^P\d\d-/);
    const record = ok(await op.request('GET', `/api/cases/${opened.id}`));
    expect(record.identity).toMatchObject({ firstName: 'Violante', birthDate: '2017-03-04' });
    expect(record.profile).toMatchObject({ ageBand: 'lt18', violenceTypes: ['assistita'] });
    expect(record.access.sections).toContain('minor');
    const own = ok(await op.request('GET', `/api/cases/${opened.id}/minor`));
    expect(own.motherCase).toEqual({ id: motherId, code: expect.any(String) });
    expect(own.record).toMatchObject({ age: 9, knownOn: day(0), holders: [{ relation: 'madre', isAuthor: false, informed: true, name: 'Clelia Fortebracci' }] });
    const children = ok(await op.request('GET', `/api/cases/${motherId}/children`));
    expect(children[0].ownCase).toEqual({ id: opened.id, code: opened.code });
    // The same organisation; her identity sealed at rest, under her own case's key (bound to her record).
    const [row] = await t.db.select({ organisationId: cases.organisationId, identitySealed: cases.identitySealed }).from(cases).where(eq(cases.id, opened.id));
    expect(row!.organisationId).toBe(w.orgs.cavA);
    expect(row!.identitySealed).not.toContain('Violante');
    // Once.
    expect(ok(await op.request('POST', `/api/cases/${motherId}/children/${child.id}/open-case`), 400).errors).toEqual([expect.objectContaining({ pointer: '/params/partId', code: 'already_opened' })]);
    // Audited on both sides.
    const rows = await t.db.select({ action: auditLog.action, purpose: auditLog.purpose, resourceId: auditLog.resourceId }).from(auditLog).where(eq(auditLog.actorUserId, w.users.operatorA.id)).orderBy(asc(auditLog.id));
    expect(rows).toContainEqual({ action: 'case.child_open_case', purpose: null, resourceId: motherId });
    expect(rows).toContainEqual({ action: 'case.create', purpose: 'from_child', resourceId: opened.id });

    // A partner sharing the mother's children never learns which case the child became, and cannot open one.
    ok(await op.request('POST', `/api/cases/${motherId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['children'], givenOn: day(-1), form: 'scritto' }), 201);
    ok(await head.request('POST', `/api/cases/${motherId}/team`, { userId: w.users.operatorB.id, sections: ['children'] }));
    const seen = ok(await opB.request('GET', `/api/cases/${motherId}/children`));
    expect(seen[0].ownCase).toBeNull();
    expect(JSON.stringify(seen)).not.toContain(opened.id);
    const second = ok(await op.request('POST', `/api/cases/${motherId}/children`, { age: 4 }), 201);
    ok(await opB.request('POST', `/api/cases/${motherId}/children/${second.id}/open-case`), 404);
    expect(await denied(motherId, 'case.child_open_case', w.users.operatorB.id)).toHaveLength(1);
  });

  it('refuses a child of another case (404, audited) and a child with no age', async () => {
    const w = await createWorld(t);
    const op = await login(t, w.users.operatorA);
    const a = ok(await op.request('POST', '/api/cases', { contactOn: day(-5) }), 201).id as string;
    const b = ok(await op.request('POST', '/api/cases', { contactOn: day(-5) }), 201).id as string;
    const childOfB = ok(await op.request('POST', `/api/cases/${b}/children`, { age: 3 }), 201);
    ok(await op.request('POST', `/api/cases/${a}/children/${childOfB.id}/open-case`), 404);
    expect(await denied(a, 'case.child_open_case', w.users.operatorA.id)).toHaveLength(1);
    const noAge = ok(await op.request('POST', `/api/cases/${a}/children`, {}), 201);
    expect(ok(await op.request('POST', `/api/cases/${a}/children/${noAge.id}/open-case`), 400).errors).toEqual([expect.objectContaining({ code: 'age_unknown' })]);
  });
});
