import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StandardSportello, checkStandards, openWeekdays } from '../../src/server/modules/directory/directory.standards.js';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../support/app.js';
import { organisations } from '../../src/server/modules/organisations/index.js';
import { COMUNI, createSportello, setTerritory } from '../support/directory.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

const desk = (fields: Partial<StandardSportello>): StandardSportello => ({
  openingHours: null,
  phoneHours: null,
  h24: false,
  closures: [],
  transferPhone: null,
  isReferent: false,
  ...fields,
});
/** A Monday in March 2026 with no holiday in the next four weeks… */
const MONDAY = new Date('2026-03-02T08:00:00+01:00');
/** …and a Monday whose Tuesday is a public holiday (8 December, Immacolata). */
const HOLIDAY_WEEK = new Date('2026-12-07T08:00:00+01:00');

describe('checkStandards (pure)', () => {
  it('flags a Bari-like CAV open Mo, We, Fr 09:00-13:00 on all three counts', () => {
    const result = checkStandards([desk({ openingHours: 'Mo,We,Fr 09:00-13:00' })], MONDAY);
    expect(result).toEqual({
      flags: ['in_person_days', 'phone_daily', 'link_1522'],
      inPersonDays: ['Mo', 'We', 'Fr'],
      phoneDays: ['Mo', 'We', 'Fr'],
      hasTransferPhone: false,
      isReferent: false,
    });
  });

  it('passes a CAV open Mo-Fr with an h24 line and a transfer number', () => {
    const result = checkStandards([desk({ openingHours: 'Mo-Fr 09:00-17:00', h24: true, transferPhone: '+39 080 000 0000' })], MONDAY);
    expect(result.flags).toEqual([]);
    expect(result.inPersonDays).toEqual(['Mo', 'Tu', 'We', 'Th', 'Fr']);
    expect(result.phoneDays).toEqual(['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']);
  });

  it('does not lose a weekday to one holiday or a local closure, thanks to the four-week window', () => {
    const cav = [desk({ openingHours: 'Mo-Fr 09:00-13:00', closures: [{ kind: 'annual', month: 12, day: 7, label: "Sant'Ambrogio" }], transferPhone: '+39 02 000 0000' })];
    expect(checkStandards(cav, HOLIDAY_WEEK).inPersonDays).toEqual(['Mo', 'Tu', 'We', 'Th', 'Fr']);
    expect(checkStandards(cav, HOLIDAY_WEEK).flags).toEqual(['phone_daily']);
    // A one-week window would have dropped Monday (closure) and Tuesday (holiday).
    expect(checkStandards(cav, HOLIDAY_WEEK, 7).inPersonDays).toEqual(['We', 'Th', 'Fr']);
  });

  it('adds up the days of all sportelli, and phone hours separately from in-person hours', () => {
    const result = checkStandards(
      [
        desk({ openingHours: 'Mo-We 09:00-13:00', phoneHours: 'Mo-Su 08:00-20:00' }),
        desk({ openingHours: 'Th,Fr 14:00-18:00', isReferent: true }),
      ],
      MONDAY,
    );
    expect(result.inPersonDays).toEqual(['Mo', 'Tu', 'We', 'Th', 'Fr']);
    expect(result.phoneDays).toEqual(['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']);
    // A 1522 referent is linked even without its own transfer number.
    expect(result.flags).toEqual([]);
  });

  it('counts both days of a midnight-spanning interval, not "unknown" hours, and ignores a broken expression', () => {
    expect([...openWeekdays('Fr 20:00-02:00', [], MONDAY, 28)].sort()).toEqual([4, 5]);
    expect(openWeekdays('Mo-Fr 09:00-13:00 unknown', [], MONDAY, 28).size).toBe(0);
    const broken = checkStandards([desk({ openingHours: 'Mo-Xx 09:00' })], MONDAY);
    expect(broken.inPersonDays).toEqual([]);
    expect(broken.flags).toContain('in_person_days');
  });
});

let t: TestApp;
let w: World;
let admin: Agent;
let coordinator: Agent;
let headA: Agent;
let headB: Agent;
let operatorA: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  const main = await createSportello(t, w.orgs.cavA, { name: 'Sede A', comuneCode: COMUNI.bergamo, openingHours: 'Mo,We,Fr 09:00-13:00', phoneHours: 'Mo-Su 09:00-18:00' });
  // A secret desk's hours count too (never its location, which this report never reads).
  await createSportello(t, w.orgs.cavA, { name: 'Sportello protetto', comuneCode: COMUNI.seriate, visibility: 'secret', address: 'Via Protetta 2', openingHours: 'Tu,Th 09:00-12:00' });
  await setTerritory(t, w.network, [COMUNI.bergamo], main);
  // CAV B: the Bari case (Mon/Wed/Fri 9-13, no transfer number, not a referent).
  await createSportello(t, w.orgs.cavB, { name: 'CAV Bari', comuneCode: COMUNI.bari, openingHours: 'Mo,We,Fr 09:00-13:00' });
  // CAV A declares the link of its line with emergency rooms and police, and women-only staff.
  await t.db.update(organisations).set({ lineLinkedEmergencyRoom: true, lineLinkedPolice: true, womenOnlyStaff: true }).where(eq(organisations.id, w.orgs.cavA));
  admin = await login(t, w.users.admin);
  coordinator = await login(t, w.users.coordinator);
  headA = await login(t, w.users.headA);
  headB = await login(t, w.users.headB);
  operatorA = await login(t, w.users.operatorA);
});
afterAll(() => t.close());

const AT = encodeURIComponent('2026-03-02T08:00:00+01:00');
const orgIds = (body: { items: { organisation: { id: string } }[] }) => body.items.map((i) => i.organisation.id);

describe('GET /api/directory/standards', () => {
  it('gives the coordinator the CAV of her network with measured days (secret desks included)', async () => {
    const res = await coordinator.request('GET', `/api/directory/standards?at=${AT}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ at: '2026-03-02T07:00:00.000Z', days: 28 });
    expect(res.body.items).toEqual([
      {
        organisation: { id: w.orgs.cavA, name: expect.any(String) },
        flags: [],
        inPersonDays: ['Mo', 'Tu', 'We', 'Th', 'Fr'],
        phoneDays: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'],
        hasTransferPhone: false,
        isReferent: true,
        lineLinkedEmergencyRoom: true,
        lineLinkedPolice: true,
        womenOnlyStaff: true,
      },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/Protetta|protetto/);
  });

  it('gives a head her own CAV only, flagged where it falls short', async () => {
    expect(orgIds((await headA.request('GET', `/api/directory/standards?at=${AT}`)).body)).toEqual([w.orgs.cavA]);
    const bari = await headB.request('GET', `/api/directory/standards?at=${AT}`);
    expect(bari.body.items).toEqual([expect.objectContaining({ organisation: expect.objectContaining({ id: w.orgs.cavB }), flags: ['in_person_days', 'phone_daily', 'link_1522', 'emergency_links', 'women_staff'], inPersonDays: ['Mo', 'We', 'Fr'] })]);
  });

  it('checks the link of the line with emergency rooms and police, and women-only staff, as the profile declares them', async () => {
    const flagsOfB = async () => (await headB.request('GET', `/api/directory/standards?at=${AT}`)).body.items[0];
    expect(await flagsOfB()).toMatchObject({ lineLinkedEmergencyRoom: null, lineLinkedPolice: null, womenOnlyStaff: null });
    const profile = await headB.request('GET', `/api/directory/organisations/${w.orgs.cavB}`);
    expect(profile.body).toMatchObject({ lineLinkedEmergencyRoom: null, lineLinkedPolice: null, womenOnlyStaff: null });
    // The police only: still flagged; women-only staff declared: that flag goes.
    const patch = await headB.request('PATCH', `/api/directory/organisations/${w.orgs.cavB}`, { lineLinkedPolice: true, womenOnlyStaff: true }, { 'if-match': `"${profile.body.version}"` });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ lineLinkedEmergencyRoom: null, lineLinkedPolice: true, womenOnlyStaff: true });
    expect((await flagsOfB()).flags).toEqual(['in_person_days', 'phone_daily', 'link_1522', 'emergency_links']);
    const both = await headB.request('PATCH', `/api/directory/organisations/${w.orgs.cavB}`, { lineLinkedEmergencyRoom: true, womenOnlyStaff: false }, { 'if-match': `"${patch.body.version}"` });
    expect(both.status).toBe(200);
    expect((await flagsOfB()).flags).toEqual(['in_person_days', 'phone_daily', 'link_1522', 'women_staff']);
    // Put back as it was for the other tests.
    await t.db.update(organisations).set({ lineLinkedEmergencyRoom: null, lineLinkedPolice: null, womenOnlyStaff: null }).where(eq(organisations.id, w.orgs.cavB));
  });

  it('gives the admin every CAV, filtered by network on request', async () => {
    expect(orgIds((await admin.request('GET', `/api/directory/standards?at=${AT}`)).body)).toEqual(expect.arrayContaining([w.orgs.cavA, w.orgs.cavB]));
    expect(orgIds((await admin.request('GET', `/api/directory/standards?network=${w.network}&at=${AT}`)).body)).toEqual([w.orgs.cavA]);
  });

  it('is refused to an operator (403) and refuses a bad query with pointers', async () => {
    expect((await operatorA.request('GET', '/api/directory/standards')).status).toBe(403);
    const bad = await coordinator.request('GET', '/api/directory/standards?network=rete&at=lunedi');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/querystring/at', '/querystring/network']);
  });
});
