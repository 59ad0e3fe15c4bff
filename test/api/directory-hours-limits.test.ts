import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sportelli } from '../../src/server/modules/directory/index.js';
import { hoursLimits } from '../../src/shared/hours-limits.js';
import { repoRoot } from '../platform/processes.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createSportello } from '../support/directory.js';
import { HELP_COMUNI as C, createHelpWorld, type HelpWorld, nextAddress } from '../support/help-world.js';
import { type Agent, login } from '../support/world.js';

/**
 * Opening hours beyond the size limits (src/shared/hours-limits.ts) are
 * refused wherever an expression comes in — the preview, a sportello's
 * creation and change, the directory import — with the field's pointer and
 * a code the web words; one stored before the limits is read as no hours,
 * never a 500 and never seconds of the event loop.
 */

/** Expressions the opening-hours library was asked to parse (a stored expression beyond the limits never is: no timing asserted here, docs/performance.md). */
const parsed = vi.hoisted(() => [] as string[]);
vi.mock('opening_hours', async (importOriginal) => {
  const Real = ((await importOriginal()) as { default: new (...args: unknown[]) => object }).default;
  function Recording(...args: unknown[]) {
    parsed.push(String(args[0]));
    return new Real(...args);
  }
  return { default: Recording };
});

let t: TestApp;
let w: HelpWorld;
let headA: Agent;
let admin: Agent;
let helpline: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createHelpWorld(t);
  headA = await login(t, w.users.headA);
  admin = await login(t, w.users.admin);
  helpline = await login(t, w.users.helpline);
});
afterAll(() => t.close());

const hh = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const TOO_MANY_RANGES = `Mo-Su ${Array.from({ length: hoursLimits.ranges + 1 }, (_, i) => `${hh(i * 30)}-${hh(i * 30 + 15)}`).join(',')}`;
const TOO_MANY_RULES = Array.from({ length: hoursLimits.rules + 1 }, (_, i) => `${['Mo', 'Tu', 'We', 'Th', 'Fr'][i % 5]} ${hh(540 + i)}-${hh(600 + i)}`).join('; ');
const dayOf = (n: number) => Array.from({ length: n }, (_, i) => `${hh(i * 90)}-${hh(i * 90 + 45)}`).join(',');
/** At every limit: 30 time ranges, 8 on one day. */
const AT_LIMITS = `Mo ${dayOf(8)}; Tu ${dayOf(8)}; We ${dayOf(8)}; Th ${dayOf(6)}`;
/** Forty open ends: before the limits, a minute of the event loop for the state of one sportello. */
const OPEN_ENDS = `Mo-Su ${Array.from({ length: 40 }, (_, i) => `${hh(i * 30)}+`).join(',')}`;

const errorsOf = (body: { errors?: { pointer: string; code: string; detail?: string }[] }) => (body.errors ?? []).map(({ pointer, code }) => ({ pointer, code }));

describe('POST /api/directory/hours/preview', () => {
  it('refuses an expression beyond the limits with the pointer and the code, in the asked language', async () => {
    for (const [openingHours, code] of [
      [TOO_MANY_RANGES, 'hours_too_many_ranges'],
      [TOO_MANY_RULES, 'hours_too_many_rules'],
      [`Mo-Fr ${dayOf(4)}, We ${dayOf(5)}`, 'hours_too_many_day_ranges'],
      ['Mo-Su 08:00+', 'hours_open_end'],
    ] as const) {
      const res = await headA.request('POST', '/api/directory/hours/preview', { openingHours, at: '2026-12-07T10:00:00+01:00' });
      expect(res.status, code).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(errorsOf(res.body)).toEqual([{ pointer: '/body/openingHours', code }]);
    }
    const en = await headA.request('POST', '/api/directory/hours/preview', { openingHours: TOO_MANY_RANGES }, { 'accept-language': 'en' });
    expect(en.body.errors[0].detail).toBe(`Hours too complex: at most ${hoursLimits.ranges} time ranges.`);
    const it_ = await headA.request('POST', '/api/directory/hours/preview', { openingHours: TOO_MANY_RANGES });
    expect(it_.body.errors[0].detail).toBe(`Orario troppo complesso: al massimo ${hoursLimits.ranges} fasce orarie.`);
    const long = await headA.request('POST', '/api/directory/hours/preview', { openingHours: `Mo-Fr 09:00-13:00; ${'Sa 09:00-12:00; '.repeat(40)}` });
    expect(errorsOf(long.body)).toEqual([{ pointer: '/body/openingHours', code: 'too_big' }]);
  });

  it('still previews hours at the limits', async () => {
    const res = await headA.request('POST', '/api/directory/hours/preview', { openingHours: AT_LIMITS, at: '2026-12-07T10:00:00+01:00' });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(true);
  });
});

describe('a sportello write', () => {
  it('POST refuses hours beyond the limits, each field with its pointer, and writes nothing', async () => {
    const before = (await t.db.select({ id: sportelli.id }).from(sportelli)).length;
    const res = await headA.request('POST', '/api/directory/sportelli', {
      organisationId: w.orgs.cavA,
      name: 'Sportello complicato',
      comuneCode: C.bari,
      openingHours: TOO_MANY_RULES,
      phoneHours: 'Mo-Fr 09:00+',
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res.body)).toEqual([
      { pointer: '/body/openingHours', code: 'hours_too_many_rules' },
      { pointer: '/body/phoneHours', code: 'hours_open_end' },
    ]);
    expect((await t.db.select({ id: sportelli.id }).from(sportelli)).length).toBe(before);
  });

  it('PATCH refuses them too', async () => {
    const id = await createSportello(t, w.orgs.cavA, { name: 'Sportello da cambiare', comuneCode: C.bari, openingHours: 'Mo 09:00-12:00' });
    const res = await headA.request('PATCH', `/api/directory/sportelli/${id}`, { phoneHours: TOO_MANY_RANGES }, { 'if-match': '"1"' });
    expect(res.status).toBe(400);
    expect(errorsOf(res.body)).toEqual([{ pointer: '/body/phoneHours', code: 'hours_too_many_ranges' }]);
  });
});

describe('the directory import', () => {
  it('rejects the file with the sportello’s pointer and the code', async () => {
    const file = JSON.parse(readFileSync(path.join(repoRoot, 'docs/examples/directory-import.example.json'), 'utf8'));
    file.sportelli[1].openingHours = OPEN_ENDS;
    file.sportelli[2].phoneHours = TOO_MANY_RANGES;
    const res = await admin.request('POST', '/api/directory/import?dryRun=true', file);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('import_invalid');
    expect(errorsOf(res.body)).toEqual([
      { pointer: '/sportelli/1/openingHours', code: 'hours_open_end' },
      { pointer: '/sportelli/2/phoneHours', code: 'hours_too_many_ranges' },
    ]);
  });
});

describe('hours stored before the limits, beyond them', () => {
  it('are read as no hours: the sportello, the public help, its page and the 1522 answer answer at once, never a 500', async () => {
    const [referent] = await t.db.select().from(sportelli).where(eq(sportelli.name, 'CAV Bari Centro'));
    await t.db.update(sportelli).set({ openingHours: OPEN_ENDS, phoneHours: OPEN_ENDS }).where(eq(sportelli.id, referent!.id));
    const at = encodeURIComponent('2026-11-23T10:00:00+01:00');
    parsed.length = 0;

    const own = await headA.request('GET', `/api/directory/sportelli/${referent!.id}?at=${at}`);
    expect(own.status).toBe(200);
    expect(own.body.openingHours).toBe(OPEN_ENDS);
    expect(own.body.now).toMatchObject({ inPerson: null, phone: null });

    const help = await t.app.inject({ method: 'GET', url: `/api/public/help?comune=${C.bari}&at=${at}`, remoteAddress: nextAddress() });
    expect(help.statusCode).toBe(200);
    expect(help.json().referent).toMatchObject({ name: 'CAV Bari Centro', openNow: false, nextOpening: null });

    const page = await t.app.inject({ method: 'GET', url: `/aiuto?comune=${C.bari}`, remoteAddress: nextAddress() });
    expect(page.statusCode).toBe(200);

    const transfer = await helpline.request('GET', `/api/routing/transfer?comune=${C.bari}&at=${at}`);
    expect(transfer.status).toBe(200);
    expect(transfer.body.referent).toMatchObject({ openingSchedule: null, phoneSchedule: null });

    // Evaluated as written, the state of one of them took the event loop about a minute: it never reaches the library.
    expect(parsed.some((expression) => expression.includes('+'))).toBe(false);
  });
});
