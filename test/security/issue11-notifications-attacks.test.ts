import type { AddressInfo } from 'node:net';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { caseBreakGlass } from '../../src/server/modules/cases/cases.tables.js';
import { deliverPendingEmails, notify, sendDigests } from '../../src/server/modules/notifications/index.js';
import { notificationPreferences, notifications } from '../../src/server/modules/notifications/notifications.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseDigest } from '../support/digest.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';
import { ok } from '../support/http.js';

/**
 * Issue 11, tried as its enemy: the notification centre attacked by a
 * colleague of another organisation (her ids), by bad input in every
 * field, and by the ways a case can be hidden from her (off the team, a
 * break-the-glass opening expired) while her list, count, marks and
 * e-mails would still tell of it.
 */

const inbox: { to: string[]; text: string }[] = [];
let smtp: SMTPServer;
let t: TestApp;
let w: World;
let op: Agent;
let head: Agent;
let sw: Agent;
let opB: Agent;
let admin: Agent;
let keptCase: string;
let hiddenCase: string;

/** A refused request: the expected status, a problem+json answer, and not one row changed. */
async function refused(agent: Agent, method: string, url: string, body: unknown, status: number, pointer?: string) {
  const before = await databaseDigest(t.db);
  const res = await agent.request(method, url, body);
  expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  if (pointer) expect(((res.body.errors ?? []) as { pointer: string }[]).map((e) => e.pointer), `${url}: ${JSON.stringify(res.body)}`).toContain(pointer);
  expect(await databaseDigest(t.db), `${method} ${url} changed the database`).toBe(before);
  return res;
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), text: mail.text ?? '' });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await buildTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, TRAMA_PUBLIC_URL: 'https://trama.example.it', MAIL_FROM: 'Trama <avvisi@example.it>' } });
  w = await createWorld(t);
  [op, head, sw, opB, admin] = await Promise.all([
    login(t, w.users.operatorA),
    login(t, w.users.headA),
    login(t, w.users.socialWorkerA),
    login(t, w.users.operatorB),
    login(t, w.users.admin),
  ]);
  ok(await sw.request('PUT', '/api/notifications/preferences', { frequency: 'immediate', email: 'sw@cav.example.it' }));
  keptCase = ok(await op.request('POST', '/api/cases', { contactOn: '2026-02-02', identity: { firstName: 'Ermenegilda' } }), 201).id;
  hiddenCase = ok(await op.request('POST', '/api/cases', { contactOn: '2026-02-02', identity: { firstName: 'Zappacosta' } }), 201).id;
  for (const id of [keptCase, hiddenCase]) ok(await head.request('POST', `/api/cases/${id}/team`, { userId: w.users.socialWorkerA.id, referente: false }));
  // The head takes her off the second case's team: that case is closed to her now.
  ok(await head.request('DELETE', `/api/cases/${hiddenCase}/team/${w.users.socialWorkerA.id}`));
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const hersAbout = async (caseId: string) =>
  (await t.db.select().from(notifications).where(and(eq(notifications.recipientUserId, w.users.socialWorkerA.id), eq(notifications.caseId, caseId))))[0]!;

describe('a case she was taken off tells nothing through the centre', () => {
  it('list, count and mark-all-read leave it out; marking it read is a 404 that changes nothing', async () => {
    const list = ok(await sw.request('GET', '/api/notifications?status=all'));
    expect(list.items.map((n: any) => n.target.caseId)).toEqual([keptCase]);
    expect(list.total).toBe(1);
    expect(ok(await sw.request('GET', '/api/notifications/unread-count')).unread).toBe(1);
    const hidden = await hersAbout(hiddenCase);
    await refused(sw, 'POST', `/api/notifications/${hidden.id}/read`, undefined, 404);
    expect(JSON.stringify(ok(await sw.request('GET', `/api/notifications?status=all&kind=case_team_added`)))).not.toContain(hiddenCase);
    // Reading the kept one changes it only; the hidden one stays unread, as it was.
    expect(ok(await sw.request('POST', '/api/notifications/read-all', {})).marked).toBe(1);
    expect((await hersAbout(hiddenCase)).readAt).toBeNull();
  });

  it('her e-mail counts only what she can open, and nothing is e-mailed for a case closed to her', async () => {
    // A fresh notification about the hidden case only, then the e-mails: she may open none of what waits.
    await t.db.update(notifications).set({ emailedAt: null, readAt: null }).where(eq(notifications.recipientUserId, w.users.socialWorkerA.id));
    const kept = await hersAbout(keptCase);
    await t.db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, kept.id));
    await deliverPendingEmails(t.ctx);
    expect(inbox.filter((m) => m.to.includes('sw@cav.example.it'))).toEqual([]);
    // Now one she can open waits too: one e-mail, telling of one.
    await t.db.update(notifications).set({ readAt: null }).where(eq(notifications.id, kept.id));
    await deliverPendingEmails(t.ctx);
    const mails = inbox.filter((m) => m.to.includes('sw@cav.example.it'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('ti aspetta 1 nuova notifica');
  });

  it('the daily digest counts only what she can open', async () => {
    inbox.length = 0;
    ok(await sw.request('PUT', '/api/notifications/preferences', { frequency: 'daily', email: 'sw@cav.example.it' }));
    await t.db.update(notificationPreferences).set({ since: new Date(0) }).where(eq(notificationPreferences.userId, w.users.socialWorkerA.id));
    await t.db.update(notifications).set({ emailedAt: null, readAt: null }).where(eq(notifications.recipientUserId, w.users.socialWorkerA.id));
    await sendDigests(t.ctx);
    const mails = inbox.filter((m) => m.to.includes('sw@cav.example.it'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('ti aspetta 1 nuova notifica');
    // The hidden one was not claimed as e-mailed: if she is put back on the team it can still be told of.
    expect((await hersAbout(hiddenCase)).emailedAt).toBeNull();
  });
});

describe('a break-the-glass opening that ended tells nothing either', () => {
  it('the head’s list, count, marks and e-mail drop the case once her opening expired', async () => {
    ok(await head.request('PUT', '/api/notifications/preferences', { frequency: 'immediate', email: 'capo@cav.example.it' }));
    await t.db.transaction((tx) => notify(tx, { recipients: { role: 'organisation_head', organisationId: w.orgs.cavA }, kind: 'case_team_added', target: { type: 'case', caseId: hiddenCase, tab: 'team' } }));
    ok(await head.request('POST', `/api/cases/${hiddenCase}/break-glass`, { reason: 'Verifica urgente della sicurezza' }));
    expect(ok(await head.request('GET', '/api/notifications/unread-count')).unread).toBe(1);
    // Her eight hours are over.
    await t.db.update(caseBreakGlass).set({ at: new Date(Date.now() - 10 * 3_600_000), expiresAt: new Date(Date.now() - 3_600_000) }).where(eq(caseBreakGlass.caseId, hiddenCase));
    expect(ok(await head.request('GET', '/api/notifications/unread-count')).unread).toBe(0);
    expect(ok(await head.request('GET', '/api/notifications?status=all')).total).toBe(0);
    expect(ok(await head.request('POST', '/api/notifications/read-all', {})).marked).toBe(0);
    const [hers] = await t.db.select().from(notifications).where(and(eq(notifications.recipientUserId, w.users.headA.id), eq(notifications.caseId, hiddenCase)));
    await refused(head, 'POST', `/api/notifications/${hers!.id}/read`, undefined, 404);
    await deliverPendingEmails(t.ctx);
    expect(inbox.filter((m) => m.to.includes('capo@cav.example.it'))).toEqual([]);
  });
});

describe('a colleague of another organisation and the instance admin', () => {
  it('cannot mark her notification read (404, nothing changed, no difference from an unknown id)', async () => {
    const mine = await hersAbout(keptCase);
    await t.db.update(notifications).set({ readAt: null }).where(eq(notifications.id, mine.id));
    const foreign = await refused(opB, 'POST', `/api/notifications/${mine.id}/read`, undefined, 404);
    const unknown = await refused(opB, 'POST', '/api/notifications/00000000-0000-4000-8000-000000000000/read', undefined, 404);
    expect(foreign.body).toEqual({ ...unknown.body, instance: foreign.body.instance });
    await refused(admin, 'POST', `/api/notifications/${mine.id}/read`, undefined, 404);
    expect((await hersAbout(keptCase)).readAt).toBeNull();
  });

  it('see none of hers in their list or count, and their mark-all-read touches none of hers', async () => {
    for (const agent of [opB, admin, head]) {
      expect(ok(await agent.request('GET', '/api/notifications?status=all')).items.map((n: any) => n.id)).not.toContain((await hersAbout(keptCase)).id);
      ok(await agent.request('POST', '/api/notifications/read-all', {}));
    }
    expect((await hersAbout(keptCase)).readAt).toBeNull();
  });

  it('cannot set her e-mail preference through a smuggled userId (refused or ignored, hers unchanged)', async () => {
    const [before] = await t.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, w.users.socialWorkerA.id));
    const res = await opB.request('PUT', '/api/notifications/preferences', { frequency: 'immediate', email: 'thief@example.org', userId: w.users.socialWorkerA.id });
    expect(res.status).not.toBe(500);
    const [after] = await t.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, w.users.socialWorkerA.id));
    expect(after).toEqual(before);
    expect(ok(await sw.request('GET', '/api/notifications/preferences')).email).toBe('sw@cav.example.it');
  });
});

describe('bad input: a 400 problem naming the field, never a 500, nothing written', () => {
  const huge = 'x'.repeat(200_000);
  it('the id of a notification', async () => {
    for (const id of ['not-a-uuid', '%00', encodeURIComponent('\u0000'), "1'%20or%20'1'='1", `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(11)}%00`]) {
      await refused(sw, 'POST', `/api/notifications/${id}/read`, undefined, 400, '/params/id');
    }
    // Longer than any route parameter: refused before the route, still a 400 problem.
    await refused(sw, 'POST', `/api/notifications/${huge.slice(0, 5000)}/read`, undefined, 400);
  });

  it('the list’s query', async () => {
    for (const [q, pointer] of [
      ['status=evil', '/querystring/status'],
      ['status=%00', '/querystring/status'],
      ['kind=case_team_added%00', '/querystring/kind'],
      ['page=0', '/querystring/page'],
      ['page=abc', '/querystring/page'],
      ['page=1e308', '/querystring/page'],
      ['pageSize=100000', '/querystring/pageSize'],
      [`kind=${huge.slice(0, 5000)}`, '/querystring/kind'],
    ] as const) {
      const res = await sw.request('GET', `/api/notifications?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer), q).toContain(pointer);
    }
  });

  it('mark-all-read’s body', async () => {
    for (const body of [{ kind: 'evil' }, { kind: 1 }, { kind: 'case_team_added\u0000' }, { kind: huge }, []]) {
      const res = await refused(sw, 'POST', '/api/notifications/read-all', body, 400, Array.isArray(body) ? undefined : '/body/kind');
      expect(JSON.stringify(res.body)).not.toContain('xxxxxxxx');
    }
    // Not JSON at all: refused for its media type, before any handler.
    await refused(sw, 'POST', '/api/notifications/read-all', 'kind', 415);
  });

  it('the e-mail preference', async () => {
    for (const [body, pointer] of [
      [{ frequency: 'hourly', email: 'a@example.it' }, '/body/frequency'],
      [{ frequency: 'immediate', email: 'a\u0000@example.it' }, '/body/email'],
      [{ frequency: 'immediate', email: `${huge}@example.it` }, '/body/email'],
      [{ frequency: 'immediate', email: 42 }, '/body/email'],
      [{ frequency: 'immediate', email: null }, '/body/email'],
      [{ frequency: ['none'], email: null }, '/body/frequency'],
    ] as const) {
      await refused(sw, 'PUT', '/api/notifications/preferences', body, 400, pointer);
    }
  });
});

describe('a probe of another’s notification id is audited as denied', () => {
  it('one access.denied row naming the notification, never the case it points to', async () => {
    const mine = await hersAbout(keptCase);
    for (const [agent, userId] of [[opB, w.users.operatorB.id], [sw, w.users.socialWorkerA.id]] as const) {
      const [last] = await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      const probed = agent === sw ? (await hersAbout(hiddenCase)).id : mine.id;
      expect((await agent.request('POST', `/api/notifications/${probed}/read`)).status).toBe(404);
      const rows = await t.db.select().from(auditLog).where(and(gt(auditLog.id, last?.id ?? 0), eq(auditLog.actorUserId, userId))).orderBy(asc(auditLog.id));
      expect(rows.map((r) => [r.action, r.outcome, r.resourceType, r.resourceId])).toEqual([['access.denied', 'denied', 'notification', probed]]);
      expect(JSON.stringify(rows)).not.toContain(keptCase);
      expect(JSON.stringify(rows)).not.toContain(hiddenCase);
    }
  });
});

describe('the logs', () => {
  it('hold no name, address or case id the attacks above touched', () => {
    for (const secret of ['Ermenegilda', 'Zappacosta', 'sw@cav.example.it', 'capo@cav.example.it', 'thief@example.org']) expect(t.logs.text).not.toContain(secret);
  });
});
