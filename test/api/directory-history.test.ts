import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { scheduleText } from '../../src/shared/hours-text.js';
import type { WeeklySchedule } from '../../src/shared/schedule.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { COMUNI, setTerritory } from '../support/directory.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';

const SHELTER_ADDRESS = 'Strada dei Gelsi Protetti 40';
const TRANSFER = '+39 035 404 5050';

let t: TestApp;
let w: World;
let admin: Agent;
let coordinator: Agent;
let headA: Agent;
let headB: Agent;
let operatorA: Agent;
let shelterHead: Agent;
let shelterHeadId: string;
const e = {} as Record<'sportelloA' | 'sportelloB' | 'secret', string>;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  await setTerritory(t, w.network, [COMUNI.bergamo], null);
  const shelterHeadUser = await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'organisation_head' }], displayName: 'Responsabile Rifugio' });
  shelterHeadId = shelterHeadUser.id;
  admin = await login(t, w.users.admin);
  coordinator = await login(t, w.users.coordinator);
  headA = await login(t, w.users.headA);
  headB = await login(t, w.users.headB);
  operatorA = await login(t, w.users.operatorA);
  shelterHead = await login(t, shelterHeadUser);

  // A small story, each step through the API.
  const created = await headA.request('POST', '/api/directory/sportelli', { organisationId: w.orgs.cavA, name: 'Sportello Alfa', comuneCode: COMUNI.bergamo, transferPhone: TRANSFER });
  e.sportelloA = created.body.id;
  await headA.request('PATCH', `/api/directory/sportelli/${e.sportelloA}`, { name: 'Sportello Alfa Centro', transferPhone: '+39 035 404 6060' }, { 'if-match': '"1"' });
  e.sportelloB = (await headB.request('POST', '/api/directory/sportelli', { organisationId: w.orgs.cavB, name: 'Sportello Beta', comuneCode: COMUNI.bari })).body.id;
  e.secret = (
    await shelterHead.request('POST', '/api/directory/sportelli', {
      organisationId: w.orgs.shelter,
      name: 'Casa Gelsi',
      comuneCode: COMUNI.seriate,
      visibility: 'secret',
      address: SHELTER_ADDRESS,
      lat: 45.68,
      lon: 9.72,
    })
  ).body.id;
  await coordinator.request('PATCH', `/api/directory/networks/${w.network}`, { referentSportelloId: e.sportelloA }, { 'if-match': '"1"' });
  await coordinator.request('PATCH', `/api/directory/organisations/${w.orgs.shelter}`, { languages: ['it', 'ar'] }, { 'if-match': '"1"' });
  await admin.request('PATCH', `/api/directory/organisations/${w.orgs.cavB}`, { phone: '+39 080 123 4567' }, { 'if-match': '"1"' });
});
afterAll(() => t.close());

interface Entry {
  entityType: string;
  entityId: string;
  change: string;
  at: string;
  actor: { id: string; displayName: string } | null;
  entityName: string | null;
  fields: { field: string; from: unknown; to: unknown; redacted: boolean }[];
}
const history = async (agent: Agent, query = '') => {
  const res = await agent.request('GET', `/api/directory/history?pageSize=100${query}`);
  expect(res.status).toBe(200);
  return { items: res.body.items as Entry[], total: res.body.total as number, names: res.body.names as Record<string, string> };
};
const keys = (items: Entry[]) => items.map((i) => `${i.entityType}:${i.entityId}:${i.change}`);

describe('GET /api/directory/history', () => {
  it("gives a head her organisation's entries only, newest first, with field diffs and the actor", async () => {
    const { items, total } = await history(headA);
    expect(keys(items)).toEqual([`sportello:${e.sportelloA}:update`, `sportello:${e.sportelloA}:create`]);
    expect(total).toBe(2);
    const [update] = items;
    expect(update!.actor).toEqual({ id: w.users.headA.id, displayName: expect.any(String) });
    expect(update!.fields).toEqual([
      { field: 'name', from: 'Sportello Alfa', to: 'Sportello Alfa Centro', redacted: false },
      { field: 'transferPhone', from: null, to: null, redacted: true },
    ]);
    expect(JSON.stringify(items)).not.toMatch(/404 5050|404 6060/);
    expect(keys((await history(headB)).items)).toEqual([`organisation:${w.orgs.cavB}:update`, `sportello:${e.sportelloB}:create`]);
  });

  it("gives the coordinator her network's organisations and the network itself — not CAV B, not the secret sportello", async () => {
    const seen = keys((await history(coordinator)).items);
    expect(seen).toEqual([
      `organisation:${w.orgs.shelter}:update`,
      `network:${w.network}:update`,
      `sportello:${e.sportelloA}:update`,
      `sportello:${e.sportelloA}:create`,
    ]);
  });

  it('gives the admin everything but the secret sportello', async () => {
    const seen = keys((await history(admin)).items);
    expect(seen).toEqual(expect.arrayContaining([`organisation:${w.orgs.cavB}:update`, `sportello:${e.sportelloB}:create`, `network:${w.network}:update`]));
    expect(seen.some((k) => k.includes(e.secret))).toBe(false);
  });

  it("shows the shelter's staff its secret sportello's entries, location redacted", async () => {
    const { items } = await history(shelterHead, `&entityId=${e.secret}`);
    expect(items).toHaveLength(1);
    expect(items[0]!.actor).toEqual({ id: shelterHeadId, displayName: 'Responsabile Rifugio' });
    const fields = Object.fromEntries(items[0]!.fields.map((f) => [f.field, f]));
    for (const f of ['address', 'lat', 'lon']) expect(fields[f]).toEqual({ field: f, from: null, to: null, redacted: true });
    expect(fields.visibility).toEqual({ field: 'visibility', from: null, to: 'secret', redacted: false });
    expect(JSON.stringify(items)).not.toContain('Gelsi Protetti');
  });

  it('names what the entries mention (entity, referent, comune) — never a secret sportello to those who may not see it', async () => {
    const { items, names } = await history(coordinator);
    const network = items.find((i) => i.entityType === 'network')!;
    expect(network.entityName).toEqual(expect.any(String));
    expect(network.fields).toEqual([{ field: 'referentSportelloId', from: null, to: e.sportelloA, redacted: false }]);
    expect(names[e.sportelloA]).toBe('Sportello Alfa Centro');
    expect(items.find((i) => i.entityType === 'sportello')!.entityName).toBe('Sportello Alfa Centro');
    expect(names[COMUNI.bergamo]).toBe('Bergamo');
    expect(JSON.stringify(await history(admin))).not.toContain('Casa Gelsi');
    const own = await history(shelterHead, `&entityId=${e.secret}`);
    expect(own.items[0]!.entityName).toBe('Casa Gelsi');
    expect(own.names[COMUNI.seriate]).toBe('Seriate');
  });

  it('filters by entity, type and network, and pages', async () => {
    expect(keys((await history(coordinator, `&entityType=network`)).items)).toEqual([`network:${w.network}:update`]);
    expect((await history(coordinator, `&entityId=${e.sportelloA}`)).total).toBe(2);
    const network = keys((await history(admin, `&network=${w.network}`)).items);
    expect(network).toContain(`network:${w.network}:update`);
    expect(network).toContain(`organisation:${w.orgs.shelter}:update`);
    expect(network.some((k) => k.includes(w.orgs.cavB) || k.includes(e.sportelloB))).toBe(false);
    const page2 = await coordinator.request('GET', '/api/directory/history?pageSize=1&page=2');
    expect(page2.body.items.map((i: Entry) => `${i.entityType}:${i.entityId}:${i.change}`)).toEqual([`network:${w.network}:update`]);
    expect(page2.body.total).toBe(4);
  });

  it('is audited, refused to an operator (403) and to a bad query (400 with pointers)', async () => {
    await headB.request('GET', `/api/directory/history?entityType=sportello&entityId=${e.sportelloB}`);
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'directory.history_read'), eq(auditLog.actorUserId, w.users.headB.id))).orderBy(asc(auditLog.id));
    expect(rows.at(-1)).toMatchObject({ resourceType: 'sportello', resourceId: e.sportelloB, outcome: 'success', actorOrganisationId: w.orgs.cavB });
    expect((await operatorA.request('GET', '/api/directory/history')).status).toBe(403);
    const bad = await coordinator.request('GET', '/api/directory/history?entityType=shelter&entityId=12&page=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((x: { pointer: string }) => x.pointer).sort()).toEqual(['/querystring/entityId', '/querystring/entityType', '/querystring/page']);
  });

  it('never logs the secret address or the transfer numbers', () => {
    for (const planted of [SHELTER_ADDRESS, 'Gelsi', TRANSFER, '404 6060']) expect(t.logs.text).not.toContain(planted);
  });
});

describe('hours in the history', () => {
  it('come with the week each expression gives, for words; an expression no one week tells has none and stays as written', async () => {
    const id = (await headB.request('POST', '/api/directory/sportelli', { organisationId: w.orgs.cavB, name: 'Sportello Orari', comuneCode: COMUNI.bari, openingHours: 'Mo-Fr 09:00-13:00; PH off' }))
      .body.id as string;
    const seasonal = 'Nov Mo 09:00-12:00; Dec Tu 09:00-12:00';
    const patched = await headB.request('PATCH', `/api/directory/sportelli/${id}`, { openingHours: 'Mo,We 14:00-18:00; PH off', phoneHours: seasonal }, { 'if-match': '"1"' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);

    const { items } = await history(headB, `&entityType=sportello&entityId=${id}`);
    const update = items.find((i) => i.change === 'update')!;
    const opening = update.fields.find((f) => f.field === 'openingHours') as Entry['fields'][number] & { fromSchedule: unknown; toSchedule: unknown };
    // The expressions stay as stored; the weeks come beside them.
    expect(opening).toMatchObject({ from: 'Mo-Fr 09:00-13:00; PH off', to: 'Mo,We 14:00-18:00; PH off', redacted: false });
    const morning = [{ from: 540, to: 780 }];
    const afternoon = [{ from: 840, to: 1080 }];
    expect(opening.fromSchedule).toEqual({ always: false, days: [morning, morning, morning, morning, morning, [], []], holidaysClosed: true, holidays: null });
    expect(opening.toSchedule).toMatchObject({ always: false, days: [afternoon, [], afternoon, [], [], [], []] });
    expect(scheduleText(opening.toSchedule as WeeklySchedule, 'it')).toBe('lun e mer 14:00–18:00; festivi chiuso');

    const phone = update.fields.find((f) => f.field === 'phoneHours') as Entry['fields'][number] & { fromSchedule: unknown; toSchedule: unknown };
    expect(phone).toMatchObject({ from: null, to: seasonal, fromSchedule: null, toSchedule: null });
    // Fields other than hours carry no week.
    expect(items.find((i) => i.change === 'create')!.fields.find((f) => f.field === 'name')).not.toHaveProperty('toSchedule');
  });
});
