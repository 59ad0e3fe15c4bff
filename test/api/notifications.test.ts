import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { notifications, notify } from '../../src/server/modules/notifications/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, agentFromCookie, createWorld, login, loginPassword } from '../support/world.js';
import { ok } from '../support/http.js';

/**
 * The notification centre: a person reads only her own notifications, and
 * of those only what points to a case she may still open (the case choke
 * point decides); the rows hold codes, never her name, her comune or a
 * sentence; the bell's count is cheap and writes no audit row.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const CANARY = { firstName: 'Ermenegilda', lastName: 'Zappacosta' };

/** Operator A opens a named woman's pathway in a comune; her head adds the social worker to its team. */
async function added() {
  const w = await createWorld(t);
  const [op, head, sw] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.socialWorkerA)]);
  const created = ok(await op.request('POST', '/api/cases', { contactOn: '2026-02-02', comuneCode: '016024', identity: { firstName: CANARY.firstName, lastName: CANARY.lastName } }), 201);
  ok(await head.request('POST', `/api/cases/${created.id}/team`, { userId: w.users.socialWorkerA.id, referente: false }));
  return { w, op, head, sw, caseId: created.id as string, code: created.code as string };
}

const unread = async (a: Agent) => ok(await a.request('GET', '/api/notifications/unread-count')).unread as number;

describe('being added to a case team', () => {
  it('notifies her, and only her, with a code and the case to open', async () => {
    const { w, op, head, sw, caseId, code } = await added();
    expect(await unread(sw)).toBe(1);
    // Who added her, and who was already there, hear nothing of it.
    expect(await unread(head)).toBe(0);
    expect(await unread(op)).toBe(0);
    const list = ok(await sw.request('GET', '/api/notifications'));
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ kind: 'case_team_added', params: {}, target: { type: 'case', caseId, caseCode: code, tab: null }, readAt: null });
    expect(JSON.stringify(list)).not.toContain(CANARY.lastName);
    // The list is audited like any list that names a case.
    const listed = await t.db
      .select({ ids: auditLog.subjectIds })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.listed'), eq(auditLog.actorUserId, w.users.socialWorkerA.id), eq(auditLog.purpose, 'notifications'))).orderBy(asc(auditLog.id));
    expect(listed.map((r) => r.ids)).toEqual([[caseId]]);
  });

  it('stores a kind code and ids: no name, no comune, no case code, no sentence', async () => {
    const { w, code } = await added();
    const rows = await t.db.select().from(notifications).where(eq(notifications.recipientUserId, w.users.socialWorkerA.id));
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0]);
    for (const secret of [CANARY.firstName, CANARY.lastName, '016024', code]) expect(stored).not.toContain(secret);
    expect(rows[0]).toMatchObject({ kind: 'case_team_added', params: {} });
  });
});

describe('her own notifications only', () => {
  it('answers 404 to a foreign id, and leaves it unread', async () => {
    const { w, op, sw } = await added();
    const mine = ok(await sw.request('GET', '/api/notifications')).items[0].id as string;
    const opB = await login(t, w.users.operatorB);
    for (const other of [op, opB]) {
      expect((await other.request('POST', `/api/notifications/${mine}/read`)).status).toBe(404);
      expect(ok(await other.request('GET', '/api/notifications?status=all')).items).toEqual([]);
    }
    expect((await sw.request('POST', '/api/notifications/00000000-0000-4000-8000-000000000000/read')).status).toBe(404);
    expect(await unread(sw)).toBe(1);
  });

  it('marks one read, then all; the unread filter and the count follow', async () => {
    const { w, op, head, sw } = await added();
    const second = ok(await op.request('POST', '/api/cases', { contactOn: '2026-02-03' }), 201);
    ok(await head.request('POST', `/api/cases/${second.id}/team`, { userId: w.users.socialWorkerA.id, referente: false }));
    expect(await unread(sw)).toBe(2);
    const [newest, oldest] = ok(await sw.request('GET', '/api/notifications')).items;
    expect(newest.target.caseId).toBe(second.id);
    const read = ok(await sw.request('POST', `/api/notifications/${newest.id}/read`));
    expect(read.readAt).not.toBeNull();
    expect(await unread(sw)).toBe(1);
    expect(ok(await sw.request('GET', '/api/notifications')).items.map((n: { id: string }) => n.id)).toEqual([oldest.id]);
    expect(ok(await sw.request('GET', '/api/notifications?status=all&kind=case_team_added')).total).toBe(2);
    expect(ok(await sw.request('POST', '/api/notifications/read-all', {})).marked).toBe(1);
    expect(await unread(sw)).toBe(0);
    // Read again: no change, no error.
    expect(ok(await sw.request('POST', `/api/notifications/${newest.id}/read`)).readAt).toBe(read.readAt);
  });

  it('hides a notification whose case she can no longer open, from the list, the count and the marks', async () => {
    const { w, head, sw, caseId } = await added();
    const id = ok(await sw.request('GET', '/api/notifications')).items[0].id as string;
    ok(await head.request('DELETE', `/api/cases/${caseId}/team/${w.users.socialWorkerA.id}`));
    // The case page answers 404 to her; the centre takes the same decision.
    expect((await sw.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect(await unread(sw)).toBe(0);
    expect(ok(await sw.request('GET', '/api/notifications?status=all'))).toEqual({ items: [], total: 0 });
    expect((await sw.request('POST', `/api/notifications/${id}/read`)).status).toBe(404);
    expect(ok(await sw.request('POST', '/api/notifications/read-all', {})).marked).toBe(0);
    // Back on the team: it is there again, still unread, beside the new one that tells of her joining again.
    ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.socialWorkerA.id, referente: false }));
    expect(await unread(sw)).toBe(2);
    expect(ok(await sw.request('GET', '/api/notifications')).items.map((n: { id: string }) => n.id)).toContain(id);
  });
});

describe('the bell', () => {
  it('counts without writing an audit row per poll', async () => {
    const { w, sw } = await added();
    const rows = () => t.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.actorUserId, w.users.socialWorkerA.id)).orderBy(asc(auditLog.id));
    const before = (await rows()).length;
    for (let i = 0; i < 3; i++) expect(await unread(sw)).toBe(1);
    expect((await rows()).length).toBe(before);
  });
});

describe('notify()', () => {
  it('reaches everyone with a role in an organisation, leaves out the actor, and refuses anything but codes', async () => {
    const { w, op, caseId } = await added();
    await t.db.transaction((tx) =>
      notify(tx, { recipients: { role: 'organisation_head', organisationId: w.orgs.cavA }, kind: 'case_team_added', target: { type: 'case', caseId, tab: 'team' } }),
    );
    const head = await login(t, w.users.headA);
    // The head holds the case only by breaking the glass: until then the notification is hidden from her too.
    expect(await unread(head)).toBe(0);
    ok(await head.request('POST', `/api/cases/${caseId}/break-glass`, { reason: 'Verifica urgente della sicurezza' }));
    expect(ok(await head.request('GET', '/api/notifications')).items[0].target.tab).toBe('team');
    const none = await t.db.transaction((tx) =>
      notify(tx, { recipients: { people: [w.users.operatorA.id], organisationId: w.orgs.cavA }, kind: 'case_team_added', target: { type: 'case', caseId }, actorUserId: w.users.operatorA.id }),
    );
    expect(none).toEqual([]);
    await expect(
      t.db.transaction((tx) => notify(tx, { recipients: { people: [w.users.operatorA.id], organisationId: w.orgs.cavA }, kind: 'case_team_added', params: { who: 'Ermenegilda Zappacosta' }, target: { type: 'case', caseId } })),
    ).rejects.toThrow();
    expect(await unread(op)).toBe(0);
  });
});

describe('bad input', () => {
  it('answers 400 problems, never a 500', async () => {
    const { sw } = await added();
    for (const path of ['/api/notifications?status=some', '/api/notifications?kind=whatever', '/api/notifications?pageSize=1000']) {
      expect((await sw.request('GET', path)).status, path).toBe(400);
    }
    expect((await sw.request('POST', '/api/notifications/not-an-id/read')).status).toBe(400);
    expect((await sw.request('POST', '/api/notifications/read-all', { kind: 'nope' })).status).toBe(400);
    const prefs = await sw.request('PUT', '/api/notifications/preferences', { frequency: 'immediate', email: null });
    expect(prefs.status).toBe(400);
    expect(prefs.body.errors[0]).toMatchObject({ pointer: '/body/email', code: 'required' });
    expect((await sw.request('PUT', '/api/notifications/preferences', { frequency: 'hourly', email: 'a@b.it' })).status).toBe(400);
    expect((await sw.request('PUT', '/api/notifications/preferences', { frequency: 'daily', email: 'not an address' })).status).toBe(400);
  });
});

describe('who reaches the centre', () => {
  it('refuses no session (401) and a session before its second factor (401), changing nothing', async () => {
    const { w, sw } = await added();
    const id = ok(await sw.request('GET', '/api/notifications')).items[0].id as string;
    const step = await loginPassword(t, w.users.socialWorkerA);
    const halfway = agentFromCookie(t, step.cookie, step.csrf);
    const anonymous = agentFromCookie(t, '', '');
    const requests: [string, string, unknown?][] = [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['POST', `/api/notifications/${id}/read`],
      ['POST', '/api/notifications/read-all', {}],
      ['GET', '/api/notifications/preferences'],
      ['PUT', '/api/notifications/preferences', { frequency: 'daily', email: 'x@cav.example.it' }],
    ];
    for (const who of [anonymous, halfway]) {
      for (const [method, url, body] of requests) expect((await who.request(method, url, body)).status, `${method} ${url}`).toBe(401);
    }
    expect(await unread(sw)).toBe(1);
    expect(ok(await sw.request('GET', '/api/notifications/preferences')).frequency).toBe('none');
  });
});

describe('a plan action given to another organisation', () => {
  it('notifies that organisation’s members on the team, with the plan tab to open, and nobody for her own', async () => {
    const w = await createWorld(t);
    const [op, head, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB)]);
    const caseId = ok(await op.request('POST', '/api/cases', { contactOn: '2026-09-01' }), 201).id as string;
    ok(await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['plan'], givenOn: '2026-09-03', form: 'scritto' }), 201);
    ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id }));
    expect(await unread(opB)).toBe(1);
    const goal = ok(await op.request('POST', `/api/cases/${caseId}/plan/goals`, { area: 'sicurezza' }), 201);
    ok(await op.request('POST', `/api/cases/${caseId}/plan/actions`, { goalId: goal.id, type: 'piano_sicurezza', ownerOrganisationId: w.orgs.cavA }), 201);
    expect(await unread(opB)).toBe(1);
    ok(await op.request('POST', `/api/cases/${caseId}/plan/actions`, { goalId: goal.id, type: 'altro', ownerOrganisationId: w.orgs.cavB }), 201);
    expect(await unread(opB)).toBe(2);
    const [newest] = ok(await opB.request('GET', '/api/notifications?kind=plan_action_assigned')).items;
    expect(newest).toMatchObject({ kind: 'plan_action_assigned', params: {}, target: { caseId, tab: 'plan' } });
    expect(await unread(head)).toBe(0);
  });
});
