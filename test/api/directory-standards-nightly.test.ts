import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { romeToday } from '../../src/server/platform/rome.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

/**
 * The nightly minimum-standard check: a scheduled job (02:30 Europe/Rome)
 * that records which CAVs are below the standard and since which night;
 * each coordinator or head reads her scope's findings. Time is driven by the
 * jobs platform's runDue, never waited for.
 */
let t: TestApp;
let w: World;
const DAY = 86_400_000;
/** A moment past the first 02:30 after the app started (the schedule starts at registration). */
const firstNight = new Date(Date.now() + DAY + 3_600_000);
beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

type User = World['users'][keyof World['users']];
const agents = new Map<User, Agent>();
/** Her findings (each user signs in once: TOTP codes are single-use). */
async function findings(user: User) {
  if (!agents.has(user)) agents.set(user, await login(t, user));
  return agents.get(user)!.request('GET', '/api/directory/standards/findings');
}

describe('the nightly minimum-standard check', () => {
  it('finds nothing before its first night', async () => {
    await t.ctx.jobs.runDue(new Date());
    const res = await findings(w.users.coordinator);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('records the CAVs below the standard; each sees her scope only; a later night keeps the first day', async () => {
    // Other schedules fall in the same day (the morning reminders): what counts here is that none failed, and the findings.
    expect(await t.ctx.jobs.runDue(firstNight)).toMatchObject({ failed: 0 });
    // CAV A (in the coordinator's network) and CAV B (outside it) have no sportello: below on every count.
    const coordinator = await findings(w.users.coordinator);
    expect(coordinator.body.items).toEqual([
      { organisationId: w.orgs.cavA, flags: expect.arrayContaining(['in_person_days', 'phone_daily', 'link_1522']), belowSince: expect.any(String), checkedAt: expect.any(String) },
    ]);
    const firstDay = coordinator.body.items[0].belowSince;
    expect(firstDay === romeToday(firstNight) || firstDay === romeToday(new Date(firstNight.getTime() - DAY))).toBe(true);
    expect((await findings(w.users.headB)).body.items.map((i: { organisationId: string }) => i.organisationId)).toEqual([w.orgs.cavB]);
    const admin = (await findings(w.users.admin)).body.items.map((i: { organisationId: string }) => i.organisationId);
    expect(admin).toEqual(expect.arrayContaining([w.orgs.cavA, w.orgs.cavB]));

    expect(await t.ctx.jobs.runDue(new Date(firstNight.getTime() + DAY))).toMatchObject({ failed: 0 });
    expect(await t.ctx.jobs.runDue(new Date(firstNight.getTime() + DAY))).toMatchObject({ completed: 0, failed: 0 }); // once a night
    const later = await findings(w.users.coordinator);
    expect(later.body.items[0].belowSince).toBe(firstDay);
    expect(new Date(later.body.items[0].checkedAt).getTime()).toBeGreaterThan(new Date(coordinator.body.items[0].checkedAt).getTime());
  });

  it('is refused to roles that do not check standards (403)', async () => {
    for (const user of [w.users.operatorA, w.users.analyst, w.users.helpline]) expect((await findings(user)).status).toBe(403);
  });
});
