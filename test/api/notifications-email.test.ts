import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPendingEmails, sendDigests } from '../../src/server/modules/notifications/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login } from '../support/world.js';
import { ok } from '../support/http.js';

/**
 * Notification e-mails against a real SMTP server started here: one message
 * says only that something waits in Trama and links to the centre (no name,
 * no comune, no case code); a notification is e-mailed once; the digest
 * tells of a day's notifications in one message; nothing is sent unless the
 * instance has an SMTP server and she asked for e-mails.
 */

interface Received {
  to: string[];
  subject: string;
  text: string;
}
const inbox: Received[] = [];
let smtp: SMTPServer;
let port: number;
let t: TestApp;
let quiet: TestApp;
const PUBLIC_URL = 'https://trama.rete.example.it';
const CANARY = { firstName: 'Ermenegilda', lastName: 'Zappacosta' };

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? '', text: mail.text ?? '' });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
  t = await buildTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, TRAMA_PUBLIC_URL: PUBLIC_URL, MAIL_FROM: 'Trama <avvisi@rete.example.it>' } });
  quiet = await buildTestApp();
});
afterAll(async () => {
  await Promise.all([t.close(), quiet.close()]);
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** A named woman's pathway in a comune; the head adds the social worker (who chose `frequency`) to its team `times` times over. */
async function world(app: TestApp, frequency: 'none' | 'immediate' | 'daily', email: string, times = 1) {
  const w = await createWorld(app);
  const [op, head, sw] = await Promise.all([login(app, w.users.operatorA), login(app, w.users.headA), login(app, w.users.socialWorkerA)]);
  const prefs = ok(await sw.request('PUT', '/api/notifications/preferences', { frequency, email }));
  const codes: string[] = [];
  for (let i = 0; i < times; i++) {
    const created = ok(await op.request('POST', '/api/cases', { contactOn: '2026-02-02', comuneCode: '016024', identity: { firstName: CANARY.firstName, lastName: CANARY.lastName } }), 201);
    ok(await head.request('POST', `/api/cases/${created.id}/team`, { userId: w.users.socialWorkerA.id, referente: false }));
    codes.push(created.code);
  }
  return { w, sw: sw as Agent, prefs, codes };
}

const to = (address: string) => inbox.filter((m) => m.to.includes(address));

function expectNothingPersonal(mail: Received, codes: string[]) {
  const whole = `${mail.subject}\n${mail.text}`;
  for (const secret of [CANARY.firstName, CANARY.lastName, '016024', 'Brescia', ...codes]) expect(whole).not.toContain(secret);
  expect(mail.text).toContain(`${PUBLIC_URL}/notifiche`);
}

describe('immediate e-mails', () => {
  it('tells her something waits, links to the centre, names nothing, and is sent once', async () => {
    const { codes } = await world(t, 'immediate', 'assistente.sociale@cav.example.it', 2);
    expect(await deliverPendingEmails(t.ctx)).toMatchObject({ sent: 1, failed: 0 });
    const mails = to('assistente.sociale@cav.example.it');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('ti aspettano 2 nuove notifiche');
    expectNothingPersonal(mails[0]!, codes);
    // Again, and again through the job platform: nothing new, nothing sent.
    expect(await deliverPendingEmails(t.ctx)).toMatchObject({ sent: 0 });
    await t.ctx.jobs.runDue();
    expect(to('assistente.sociale@cav.example.it')).toHaveLength(1);
  });

  it('goes through a job per e-mail when the sweep runs', async () => {
    const { codes } = await world(t, 'immediate', 'operatrice.jobs@cav.example.it');
    await t.ctx.jobs.runDue(new Date(Date.now() + 61_000));
    const mails = to('operatrice.jobs@cav.example.it');
    expect(mails).toHaveLength(1);
    expectNothingPersonal(mails[0]!, codes);
  });
});

describe('the daily digest', () => {
  it('aggregates the day in one message, once a day', async () => {
    const { codes } = await world(t, 'daily', 'riepilogo@cav.example.it', 3);
    // Immediate delivery leaves a digest reader alone.
    await deliverPendingEmails(t.ctx);
    expect(to('riepilogo@cav.example.it')).toHaveLength(0);
    expect((await sendDigests(t.ctx)).failed).toBe(0);
    const mails = to('riepilogo@cav.example.it');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Riepilogo del giorno');
    expect(mails[0]!.text).toContain('ti aspettano 3 nuove notifiche');
    expectNothingPersonal(mails[0]!, codes);
    await sendDigests(t.ctx);
    expect(to('riepilogo@cav.example.it')).toHaveLength(1);
  });
});

describe('off by default', () => {
  it('sends nothing when she did not ask (the default), nor on an instance without SMTP_URL', async () => {
    const { sw } = await world(t, 'none', 'nessuna@cav.example.it');
    expect(ok(await sw.request('GET', '/api/notifications/preferences'))).toEqual({ frequency: 'none', email: 'nessuna@cav.example.it', emailAvailable: true });
    const before = inbox.length;
    await deliverPendingEmails(t.ctx);
    await sendDigests(t.ctx);
    expect(inbox.length).toBe(before);

    const { prefs } = await world(quiet, 'immediate', 'senza.smtp@cav.example.it');
    expect(prefs.emailAvailable).toBe(false);
    expect(await deliverPendingEmails(quiet.ctx)).toEqual({ sent: 0, failed: 0 });
    expect(await sendDigests(quiet.ctx)).toEqual({ sent: 0, failed: 0 });
    expect(to('senza.smtp@cav.example.it')).toHaveLength(0);
  });
});
