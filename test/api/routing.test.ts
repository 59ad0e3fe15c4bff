import { readFileSync } from 'node:fs';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, memberships } from '../../src/server/access/access.tables.js';
import { tokenPrincipal } from '../../src/server/access/tokens.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { callLog } from '../../src/server/modules/routing/index.js';
import { routingMessages } from '../../src/server/modules/routing/routing.messages.js';
import { publicLanguages } from '../../src/shared/directory.js';
import { sportelli } from '../../src/server/modules/directory/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { COMUNI, createSportello, setTerritory } from '../support/directory.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';

let t: TestApp;
let w: World;
let helpline: Agent;
let coordinator: Agent;
let analyst: Agent;
let headA: Agent;
let referent: string;
let evening: string;

const transfer = (comune: string, at: string, lang?: string) =>
  helpline.request('GET', `/api/routing/transfer?comune=${comune}&at=${encodeURIComponent(at)}${lang ? `&lang=${lang}` : ''}`);

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  // A Bari-like referent: Monday, Wednesday, Friday 9–13 (the 2011 1522 protocol).
  referent = await createSportello(t, w.orgs.cavA, {
    name: 'Sportello centrale',
    comuneCode: COMUNI.bergamo,
    address: 'Via Prova 1',
    phones: ['035 000 2222'],
    transferPhone: '035 000 1111',
    openingHours: 'Mo,We,Fr 09:00-13:00',
  });
  // Seriate has its own referent, reserved, open in the afternoon.
  evening = await createSportello(t, w.orgs.cavA, {
    name: 'Sportello pomeridiano',
    visibility: 'reserved',
    comuneCode: COMUNI.seriate,
    phones: ['035 000 4444'],
    transferPhone: '035 000 3333',
    openingHours: 'Mo-Fr 14:00-18:00',
  });
  await setTerritory(t, w.network, [COMUNI.bergamo, COMUNI.seriate], referent, { [COMUNI.seriate]: evening });
  helpline = await login(t, w.users.helpline);
  coordinator = await login(t, w.users.coordinator);
  analyst = await login(t, w.users.analyst);
  headA = await login(t, w.users.headA);
});
afterAll(() => t.close());

describe('GET /api/routing/transfer', () => {
  it('transfers to the referent while it is open, with the reserved number and 112', async () => {
    const res = await transfer(COMUNI.bergamo, '2026-11-23T10:00:00+01:00');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      action: 'transfer',
      emergency: '112',
      helpline: '1522',
      network: { id: w.network },
      nearestNetwork: null,
      referent: { id: referent, transferPhone: '035 000 1111', phoneOpenNow: true, closesAt: '2026-11-23T12:00:00.000Z' },
      nextOpening: null,
    });
    expect(res.body.message).toHaveLength(1);
    expect(res.body.message[0].text).toContain('Resta in linea');
    // The hours as a week (codes and numbers, not words) next to the expression: Mon, Wed, Fri 9–13, holidays closed.
    const nineToOne = [{ from: 540, to: 780 }];
    expect(res.body.referent).toMatchObject({
      openingHours: 'Mo,We,Fr 09:00-13:00',
      openingSchedule: { always: false, days: [nineToOne, [], nineToOne, [], nineToOne, [], []], holidaysClosed: true, holidays: null },
      phoneSchedule: null,
    });
    expect(res.body.message[0].text).toContain('112');
  });

  it('follows the 1522 emergency procedure: the operator alerts the police (112) herself and keeps her on the line', async () => {
    for (const at of ['2026-11-23T10:00:00+01:00', '2026-11-24T10:00:00+01:00']) {
      const res = await transfer(COMUNI.bergamo, at, 'en');
      expect(res.body.message[0].text).toContain('avviso io subito le forze dell’ordine (112) e resto in linea con te');
      expect(res.body.message[0].text).not.toContain('chiama il 112');
      expect(res.body.message[1].text).toContain('I will alert the police (112) at once and stay on the line with you');
    }
  });

  it('informs when closed: the next opening, the public phone, no transfer number; in Italian and her language', async () => {
    const res = await transfer(COMUNI.bergamo, '2026-11-24T10:00:00+01:00', 'en');
    expect(res.body).toMatchObject({
      action: 'inform',
      referent: { transferPhone: null, phoneOpenNow: false },
      nextOpening: { at: '2026-11-25T08:00:00.000Z', sportello: { id: referent }, kind: 'phone' },
    });
    expect(res.body.message.map((m: { lang: string }) => m.lang)).toEqual(['it', 'en']);
    expect(res.body.message[0].text).toContain('mercoledì 25 novembre');
    expect(res.body.message[0].text).toContain('035 000 2222');
    expect(res.body.message[1].text).toContain('Wednesday');
    expect(JSON.stringify(res.body)).not.toContain('035 000 1111');
    // The opening read out is the phone line's, and she may call 1522 back then to be put through.
    expect(res.body.message[0].text).toContain('Il suo telefono ora non risponde: la linea telefonica riapre mercoledì 25 novembre');
    expect(res.body.message[0].text).toContain('Puoi richiamare il 1522 quando il centro è aperto: ti metteremo in contatto direttamente.');
    expect(res.body.message[1].text).toContain('You can call 1522 back while the centre is open and we will put you through.');
  });

  it('never reads out or shows the number of a reserved referent when it is closed', async () => {
    const res = await transfer(COMUNI.seriate, '2026-11-24T10:00:00+01:00', 'en');
    expect(res.body).toMatchObject({
      action: 'inform',
      referent: { id: evening, visibility: 'reserved', phones: [], email: null, transferPhone: null },
      nextOpening: { at: '2026-11-24T13:00:00.000Z', kind: 'phone' },
    });
    expect(JSON.stringify(res.body)).not.toContain('035 000 4444');
    expect(JSON.stringify(res.body)).not.toContain('035 000 3333');
    expect(res.body.message[0].text).toContain('Puoi richiamare il 1522 quando il centro è aperto');
    expect(res.body.message[0].text).not.toContain('Puoi chiamarlo');
  });

  it('honours public holidays (Epifania, a Wednesday) and daylight saving time', async () => {
    const holiday = await transfer(COMUNI.bergamo, '2027-01-06T10:00:00+01:00');
    expect(holiday.body).toMatchObject({ action: 'inform', nextOpening: { at: '2027-01-08T08:00:00.000Z' } });
    // Friday 27 March 2026 at 12:30 (CET) is open; summer time starts on Sunday; Monday 9:00 is 07:00Z.
    expect((await transfer(COMUNI.bergamo, '2026-03-27T12:30:00+01:00')).body.action).toBe('transfer');
    const after = await transfer(COMUNI.bergamo, '2026-03-28T12:00:00+01:00');
    expect(after.body.nextOpening.at).toBe('2026-03-30T07:00:00.000Z');
  });

  it("offers the network's 24-hour line, declared as a transfer target, while the referent is closed", async () => {
    const closed = '2026-11-24T22:00:00+01:00'; // a Tuesday night: the referent is closed
    // An h24 line without a transfer number is not a transfer target (its number is for the network).
    const notTarget = await createSportello(t, w.orgs.cavA, { name: 'Reperibilità interna', visibility: 'reserved', comuneCode: COMUNI.bergamo, phones: ['035 000 7777'], h24: true });
    expect((await transfer(COMUNI.bergamo, closed)).body.action).toBe('inform');
    // Another organisation's h24 line, outside the network, is not the network's line.
    const outside = await createSportello(t, w.orgs.cavB, { name: 'Linea di un altro CAV', comuneCode: COMUNI.bergamo, h24: true, transferPhone: '035 000 8888' });
    expect((await transfer(COMUNI.bergamo, closed)).body.action).toBe('inform');
    const line = await createSportello(t, w.orgs.cavA, { name: 'Linea h24 della rete', visibility: 'reserved', comuneCode: COMUNI.bergamo, phones: ['035 000 5555'], h24: true, transferPhone: '035 000 6666' });
    try {
      const res = await transfer(COMUNI.bergamo, closed, 'en');
      expect(res.body).toMatchObject({
        action: 'transfer',
        referent: { id: referent, phoneOpenNow: false, transferPhone: null },
        h24Line: { id: line, name: 'Linea h24 della rete', organisation: { id: w.orgs.cavA }, transferPhone: '035 000 6666' },
        nextOpening: { at: '2026-11-25T08:00:00.000Z', kind: 'phone' },
      });
      expect(res.body.message[0].text).toContain('Linea h24 della rete');
      expect(res.body.message[0].text).toContain('24 ore su 24');
      expect(res.body.message[1].text).toContain('24 hours a day');
      // Its public phones are never read out (a reserved line), and the referent's transfer number stays hidden.
      expect(JSON.stringify(res.body)).not.toContain('035 000 5555');
      expect(JSON.stringify(res.body)).not.toContain('035 000 1111');
      // While the referent answers, the call goes to the referent.
      const open = await transfer(COMUNI.bergamo, '2026-11-23T10:00:00+01:00');
      expect(open.body).toMatchObject({ action: 'transfer', referent: { transferPhone: '035 000 1111' }, h24Line: null });
      // Never to another network's line: a comune outside every network is only informed.
      expect((await transfer(COMUNI.palermo, closed)).body).toMatchObject({ action: 'inform', h24Line: null });
    } finally {
      for (const id of [line, notTarget, outside]) await t.db.delete(sportelli).where(eq(sportelli.id, id));
    }
  });

  it('uses the per-comune referent (reserved sportelli are fine for the helpline)', async () => {
    const res = await transfer(COMUNI.seriate, '2026-11-23T15:00:00+01:00');
    expect(res.body).toMatchObject({ action: 'transfer', referent: { id: evening, transferPhone: '035 000 3333' } });
  });

  it('proposes the nearest network for a comune outside every network in the public shape (network null), never as a transfer', async () => {
    const res = await transfer(COMUNI.palermo, '2026-11-23T10:00:00+01:00');
    expect(res.body).toMatchObject({ action: 'inform', network: null, nearestNetwork: { id: w.network, name: expect.any(String) }, referent: { transferPhone: null } });
    expect(res.body).not.toHaveProperty('nearest');
    expect(res.body.nearestNetwork.distanceKm).toBeGreaterThan(400);
    expect(res.body.referent.distanceKm).toBe(res.body.nearestNetwork.distanceKm);
    expect(res.body.message[0].text).toContain('non è coperto');
    expect(res.body.message[0].text).toMatch(/a circa \d+ km/);
    // A number to call: the referent's public one.
    expect(res.body.message[0].text).toContain('035 000 2222');
  });

  it('answers 404 for an unknown comune and 400 for a malformed instant, as problems', async () => {
    const unknown = await transfer('999999', '2026-11-23T10:00:00+01:00');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('comune_not_found');
    const bad = await helpline.request('GET', `/api/routing/transfer?comune=${COMUNI.bergamo}&at=ieri`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/querystring/at']);
  });

  it('sees a change of the directory at once (the cached rows follow the directory version)', async () => {
    const when = '2026-11-24T10:00:00+01:00'; // a Tuesday: the referent is closed
    expect((await transfer(COMUNI.bergamo, when)).body.action).toBe('inform');
    await t.db.update(sportelli).set({ openingHours: 'Mo-Fr 09:00-13:00' }).where(eq(sportelli.id, referent));
    expect((await transfer(COMUNI.bergamo, when)).body.action).toBe('transfer');
    await t.db.update(sportelli).set({ openingHours: 'Mo,We,Fr 09:00-13:00' }).where(eq(sportelli.id, referent));
    expect((await transfer(COMUNI.bergamo, when)).body.action).toBe('inform');
  });

  it('is for helpline operators only, and each lookup is audited', async () => {
    expect((await coordinator.request('GET', `/api/routing/transfer?comune=${COMUNI.bergamo}`)).status).toBe(403);
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'routing.transfer_lookup'), eq(auditLog.actorUserId, w.users.helpline.id))).orderBy(asc(auditLog.id));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.every((r) => r.resourceType === 'comune')).toBe(true);
  });
});

describe('the read-out messages', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('exist in every public language (the eleven of 1522, Romanian, Chinese), with the Italian placeholders, 1522 and 112', () => {
    expect(Object.keys(routingMessages).sort()).toEqual([...publicLanguages].sort());
    for (const lang of publicLanguages) {
      const texts = routingMessages[lang];
      expect(Object.keys(texts).sort(), lang).toEqual(Object.keys(routingMessages.it).sort());
      for (const [key, text] of Object.entries(texts)) {
        expect(placeholders(text), `${lang}.${key}`).toEqual(placeholders(routingMessages.it[key as keyof typeof texts]));
        if (lang !== 'it') expect(text, `${lang}.${key}`).not.toBe(routingMessages.it[key as keyof typeof texts]);
      }
      expect(texts.emergency, lang).toContain('112');
      expect(texts.callBack, lang).toContain('1522');
      expect(texts.always, lang).toContain('1522');
    }
  });

  it('gives the message in every public language at once when asked (the screen switches language without a new lookup)', async () => {
    const res = await helpline.request('GET', `/api/routing/transfer?comune=${COMUNI.bergamo}&messages=all&at=${encodeURIComponent('2026-11-24T10:00:00+01:00')}`);
    expect(res.status).toBe(200);
    expect(res.body.message.map((m: { lang: string }) => m.lang)).toEqual(['it', ...publicLanguages.filter((l) => l !== 'it')]);
    expect((await helpline.request('GET', `/api/routing/transfer?comune=${COMUNI.bergamo}&messages=some`)).status).toBe(400);
  });

  it('reads out in Farsi, Russian, Portuguese and Polish too', async () => {
    for (const lang of ['fa', 'ru', 'pt', 'pl'] as const) {
      const res = await transfer(COMUNI.bergamo, '2026-11-24T10:00:00+01:00', lang);
      expect(res.status, lang).toBe(200);
      expect(res.body.message.map((m: { lang: string }) => m.lang)).toEqual(['it', lang]);
      expect(res.body.message[1].text).toContain('1522');
      expect(res.body.message[1].text).toContain('035 000 2222');
    }
  });
});

describe('the call log', () => {
  const record = (body: unknown) => helpline.request('POST', '/api/routing/calls', body);

  it('records an emergency as "police alerted, she stayed on the line"; the old "sent to 112" code is gone', async () => {
    const res = await record({ comune: COMUNI.bergamo, outcome: 'police_alerted', language: 'it', at: '2026-05-11T10:00:00+02:00' });
    expect(res.status).toBe(201);
    const [row] = await t.db.select().from(callLog).where(eq(callLog.id, res.body.id));
    expect(row!.outcome).toBe('police_alerted');
    const old = await record({ comune: COMUNI.bergamo, outcome: 'emergency', language: 'it', at: '2026-05-11T10:00:00+02:00' });
    expect(old.status).toBe(400);
    expect(old.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/body/outcome']);
    await expect(t.db.insert(callLog).values({ at: new Date('2026-05-11T10:00:00+02:00'), comuneCode: COMUNI.bergamo, outcome: 'emergency', language: 'it' })).rejects.toThrow();
  });

  it('migration 0011 keeps the calls recorded as "emergency" counted as emergencies, under the new code', async () => {
    // Back to the constraint before 0011 (not checked against the rows of the other tests), one old row, then the migration's own statements.
    await t.db.execute(sql.raw(`ALTER TABLE call_log DROP CONSTRAINT call_log_outcome_check`));
    await t.db.execute(sql.raw(`ALTER TABLE call_log ADD CONSTRAINT call_log_outcome_check CHECK (outcome in ('transferred', 'informed', 'emergency', 'other')) NOT VALID`));
    const [old] = await t.db
      .insert(callLog)
      .values({ at: new Date('2026-04-02T10:00:00+02:00'), comuneCode: COMUNI.bergamo, networkId: w.network, outcome: 'emergency', language: 'it' })
      .returning({ id: callLog.id });
    const migration = readFileSync(new URL('../../migrations/0011_call_outcome_police.sql', import.meta.url), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) await t.db.execute(sql.raw(statement));
    const [row] = await t.db.select().from(callLog).where(eq(callLog.id, old!.id));
    expect(row!.outcome).toBe('police_alerted');
    await expect(t.db.insert(callLog).values({ at: new Date('2026-04-02T10:00:00+02:00'), comuneCode: COMUNI.bergamo, outcome: 'emergency', language: 'it' })).rejects.toThrow();
  });

  it('records a call without any personal datum', async () => {
    const res = await record({ comune: COMUNI.bergamo, outcome: 'transferred', language: 'it', at: '2026-11-23T10:00:00+01:00', sportelloId: referent });
    expect(res.status).toBe(201);
    const [row] = await t.db.select().from(callLog).where(eq(callLog.id, res.body.id));
    expect(row).toMatchObject({ comuneCode: COMUNI.bergamo, networkId: w.network, outcome: 'transferred', language: 'it', operatorUserId: w.users.helpline.id });
    expect(Object.keys(row!).sort()).toEqual(['at', 'comuneCode', 'id', 'language', 'networkId', 'operatorUserId', 'organisationId', 'outcome', 'recordedAt', 'sportelloId']);
  });

  it('lets her own operator withdraw a wrong outcome within a minute, audited; later 409, never another operator', async () => {
    const withdraw = (agent: Agent, id: number) => agent.request('DELETE', `/api/routing/calls/${id}`);
    const mine = await record({ comune: COMUNI.bergamo, outcome: 'police_alerted', language: 'it' });
    expect(mine.status).toBe(201);
    // Another account (even one that may record calls) gets 404: the record is not hers.
    const other = await login(t, await createUser(t, { memberships: [{ organisationId: w.orgs.cavA, role: 'helpline_operator' }] }));
    expect((await withdraw(other, mine.body.id)).status).toBe(404);
    expect((await withdraw(coordinator, mine.body.id)).status).toBe(403);
    expect((await withdraw(helpline, mine.body.id)).status).toBe(204);
    expect(await t.db.select().from(callLog).where(eq(callLog.id, mine.body.id))).toEqual([]);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'routing.call_withdraw'), eq(auditLog.resourceId, String(mine.body.id)))).orderBy(asc(auditLog.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBe(w.users.helpline.id);
    expect((await withdraw(helpline, mine.body.id)).status).toBe(404);

    // After a minute the record stays: 409 with its code.
    const late = await record({ comune: COMUNI.bergamo, outcome: 'informed', language: 'it' });
    await t.db.update(callLog).set({ recordedAt: new Date(Date.now() - 61_000) }).where(eq(callLog.id, late.body.id));
    const refused = await withdraw(helpline, late.body.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('call_withdraw_expired');
    expect(await t.db.select().from(callLog).where(eq(callLog.id, late.body.id))).toHaveLength(1);
    await t.db.delete(callLog).where(eq(callLog.id, late.body.id)); // out of the quarter counted below
    expect((await helpline.request('DELETE', '/api/routing/calls/abc')).status).toBe(400);
  });

  it('refuses bad input precisely and writes nothing', async () => {
    const before = (await t.db.select().from(callLog)).length;
    const bad = await record({ comune: COMUNI.bergamo, outcome: 'mediated', language: 'italiano', note: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/body', '/body/language', '/body/outcome']);
    const future = await record({ comune: COMUNI.bergamo, outcome: 'other', language: 'it', at: '2099-01-01T00:00:00Z' });
    expect(future.status).toBe(400);
    const unknown = await record({ comune: '999999', outcome: 'other', language: 'it' });
    expect(unknown.body.errors[0].pointer).toBe('/body/comune');
    const sportello = await record({ comune: COMUNI.bergamo, outcome: 'other', language: 'it', sportelloId: crypto.randomUUID() });
    expect(sportello.body.errors[0].pointer).toBe('/body/sportelloId');
    expect((await t.db.select().from(callLog)).length).toBe(before);
  });
});

describe('quarterly call counts', () => {
  beforeAll(async () => {
    const at = new Date('2026-10-15T10:00:00+02:00');
    const rows = [
      ...Array.from({ length: 10 }, () => ({ comuneCode: COMUNI.bergamo, outcome: 'transferred' })),
      ...Array.from({ length: 2 }, () => ({ comuneCode: COMUNI.bergamo, outcome: 'informed' })),
      ...Array.from({ length: 3 }, () => ({ comuneCode: COMUNI.seriate, outcome: 'informed' })),
    ];
    await t.db.insert(callLog).values(rows.map((r) => ({ ...r, at, networkId: w.network, language: 'it' })));
    // A call on 1 October 00:30 Rome time is in Q4, even though it is still 30 September in UTC.
    await t.db.insert(callLog).values({ at: new Date('2026-09-30T22:30:00Z'), comuneCode: COMUNI.bergamo, networkId: w.network, outcome: 'other', language: 'en' });
  });

  it("shows the coordinator her network's counts with cells of 1–4 suppressed, complementary cells too", async () => {
    const res = await coordinator.request('GET', '/api/routing/calls/summary?year=2026&quarter=4');
    expect(res.status).toBe(200);
    expect(res.body.threshold).toBe(5);
    const mine = res.body.networks.find((n: { network: { id: string } }) => n.network.id === w.network);
    // 17 calls (with the one recorded above): Q4 starts at midnight in Rome.
    expect(mine.total).toBe(17);
    // transferred 11, informed 5, other 1 → other hidden, and the smallest other cell hidden with it.
    expect(mine.outcomes).toEqual({ transferred: 11, informed: null, police_alerted: 0, other: null });
    // Bergamo 14, Seriate 3 → Seriate hidden, and Bergamo too (else 17 − 14 gives it away).
    expect(mine.comuni).toEqual([
      { istatCode: COMUNI.bergamo, name: 'Bergamo', total: null },
      { istatCode: COMUNI.seriate, name: 'Seriate', total: null },
    ]);
  });

  it('uses the public threshold (1–9) for the observatory', async () => {
    const res = await analyst.request('GET', '/api/routing/calls/summary?year=2026&quarter=4');
    expect(res.body.threshold).toBe(10);
    const mine = res.body.networks.find((n: { network: { id: string } | null }) => n.network?.id === w.network);
    expect(mine.total).toBe(17);
    expect(mine.outcomes.informed).toBeNull();
  });

  it('exports the counts as CSV with suppressed cells marked "oscurato", audited; heads may not', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/routing/calls/export?year=2026&quarter=4&format=csv', headers: { cookie: coordinator.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="chiamate-1522-2026-T4.csv"');
    expect(res.body).toContain('oscurato');
    expect(res.body).toContain('Seriate');
    const xlsx = await coordinator.request('GET', '/api/routing/calls/export?year=2026&quarter=4&format=xlsx');
    expect(xlsx.status).toBe(200);
    expect((await headA.request('GET', '/api/routing/calls/summary?year=2026&quarter=4')).status).toBe(403);
    const audited = await t.db.select().from(auditLog).where(eq(auditLog.action, 'routing.calls_summary')).orderBy(asc(auditLog.id));
    expect(audited.map((a) => a.purpose)).toEqual(expect.arrayContaining(['summary', 'export csv', 'export xlsx']));
  });
});

describe('API tokens for the helpline software', () => {
  const withToken = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  // One sign-in for the whole block: a test account may sign in twice per file at most.
  let admin: Agent;
  beforeAll(async () => {
    admin = await login(t, w.users.admin);
  });

  it('act as a helpline account for routing lookups and call records only, until revoked', async () => {
    const created = await admin.request('POST', '/api/routing/tokens', { userId: w.users.helpline.id, organisationId: w.orgs.cavA, name: 'Centralino 1522', validForDays: 90 });
    expect(created.status).toBe(201);
    const { id, token } = created.body as { id: string; token: string };
    expect(token).toMatch(/^trama_/);

    const lookup = await withToken(token, 'GET', `/api/routing/transfer?comune=${COMUNI.bergamo}&at=${encodeURIComponent('2026-11-23T10:00:00+01:00')}`);
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json().action).toBe('transfer');
    // No cookie, so no CSRF token is needed.
    expect((await withToken(token, 'POST', '/api/routing/calls', { comune: COMUNI.bergamo, outcome: 'informed', language: 'ar' })).statusCode).toBe(201);
    // Nothing else: not even what the same account could read with a session.
    expect((await withToken(token, 'GET', '/api/organisations')).statusCode).toBe(403);

    const list = await admin.request('GET', '/api/routing/tokens');
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.items[0]).toMatchObject({ id, name: 'Centralino 1522', user: { id: w.users.helpline.id }, revokedAt: null });
    expect(list.body.items[0].scopes).toEqual(['routing.call_record', 'routing.transfer']);
    const days = (Date.parse(list.body.items[0].expiresAt) - Date.parse(list.body.items[0].createdAt)) / 86_400_000;
    expect(Math.round(days)).toBe(90);

    expect((await admin.request('DELETE', `/api/routing/tokens/${id}`)).status).toBe(204);
    expect((await admin.request('GET', '/api/routing/tokens')).body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ scopes: [] });
    expect((await withToken(token, 'GET', `/api/routing/transfer?comune=${COMUNI.bergamo}`)).statusCode).toBe(401);
    expect((await withToken('trama_nonsense', 'GET', `/api/routing/transfer?comune=${COMUNI.bergamo}`)).statusCode).toBe(401);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.resourceId, id)).orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(['routing.token_create', 'routing.token_revoke']);
  });

  it('are only for helpline operators of that organisation, and only the instance admin makes them', async () => {
    const wrong = await admin.request('POST', '/api/routing/tokens', { userId: w.users.operatorA.id, organisationId: w.orgs.cavA, name: 'x y', validForDays: 30 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].pointer).toBe('/body/userId');
    expect((await coordinator.request('POST', '/api/routing/tokens', { userId: w.users.helpline.id, organisationId: w.orgs.cavA, name: 'x y', validForDays: 30 })).status).toBe(403);
  });

  it('last at most a year, and say how long in days', async () => {
    const body = { userId: w.users.helpline.id, organisationId: w.orgs.cavA, name: 'Centralino' };
    for (const validForDays of [undefined, 0, 366, 1.5]) {
      const res = await admin.request('POST', '/api/routing/tokens', { ...body, validForDays });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].pointer).toBe('/body/validForDays');
    }
    const made = await admin.request('POST', '/api/routing/tokens', { ...body, validForDays: 30 });
    expect(made.status).toBe(201);
    // Past its end the token opens nothing (a day is made to have passed).
    await t.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, made.body.id));
    expect((await withToken(made.body.token, 'GET', `/api/routing/transfer?comune=${COMUNI.bergamo}`)).statusCode).toBe(401);
    const listed = (await admin.request('GET', '/api/routing/tokens')).body.items.find((i: { id: string }) => i.id === made.body.id);
    expect(listed.scopes).toEqual([]);
  });

  it('offer as accounts only the helpline operators that are not disabled', async () => {
    const res = await admin.request('GET', '/api/routing/tokens/accounts');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((a: { user: { id: string } }) => a.user.id);
    expect(ids).toContain(w.users.helpline.id);
    expect(ids).not.toContain(w.users.operatorA.id);
    expect(ids).not.toContain(w.users.admin.id);
    expect((await helpline.request('GET', '/api/routing/tokens/accounts')).status).toBe(403);
  });

  it('never carry more than the account\'s role there: no instance-admin rights, nothing once the role is gone', async () => {
    // An account that runs the instance and also answers the helpline.
    const both = await createUser(t, { admin: true, memberships: [{ organisationId: w.orgs.cavA, role: 'helpline_operator' }] });
    const made = await admin.request('POST', '/api/routing/tokens', { userId: both.id, organisationId: w.orgs.cavA, name: 'Centralino doppio', validForDays: 30 });
    expect(made.status).toBe(201);
    const { token } = made.body as { token: string };

    const principal = await tokenPrincipal(t.db, t.ctx.sessions, token);
    expect(principal).toMatchObject({ isInstanceAdmin: false, roles: ['helpline_operator'] });
    // The token cannot make tokens, nor do what its account could do as instance admin with a session.
    const asToken = (method: 'GET' | 'POST', url: string, payload?: object) => withToken(token, method, url, payload);
    expect((await asToken('POST', '/api/routing/tokens', { userId: both.id, organisationId: w.orgs.cavA, name: 'Altro', validForDays: 30 })).statusCode).toBe(403);
    expect((await asToken('GET', '/api/routing/tokens')).statusCode).toBe(403);
    expect((await asToken('GET', '/api/users')).statusCode).toBe(403);
    expect((await asToken('GET', '/api/routing/calls/summary?year=2026&quarter=4')).statusCode).toBe(403);
    expect((await asToken('GET', `/api/routing/transfer?comune=${COMUNI.bergamo}`)).statusCode).toBe(200);

    // Her role there taken away: the token can do nothing more.
    await t.db.delete(memberships).where(and(eq(memberships.userId, both.id), eq(memberships.organisationId, w.orgs.cavA)));
    expect((await asToken('GET', `/api/routing/transfer?comune=${COMUNI.bergamo}`)).statusCode).toBe(403);
  });
});
