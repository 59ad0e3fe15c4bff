import { randomUUID } from 'node:crypto';
import { inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRUNE_NIGHTLY_JOB, pruneNightly } from '../../src/server/modules/instance/index.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { jobKeys, jobSchedules } from '../../src/server/platform/jobs/jobs.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createWorld, type World } from '../support/world.js';

/**
 * The nightly prune (03:15 Europe/Rome): notifications read more than 90
 * days ago and any older than 365 days go, and the jobs' once-only keys
 * older than 30 days — except a key whose job still waits. Newer rows stay,
 * an unread recent notification always. Time is driven by runDue.
 */
let t: TestApp;
let w: World;
const DAY = 86_400_000;
/** A moment past the first 03:15 after the app started (the schedule starts at registration). */
const firstNight = new Date(Date.now() + DAY + 3_600_000);
const ago = (days: number) => new Date(Date.now() - days * DAY);
beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

describe('the nightly prune', () => {
  it('deletes old notifications and old job keys, keeps the newer ones, and logs counts only', async () => {
    const me = w.users.operatorA.id;
    // Margins of 5 days on each side: the occurrence falls within the next 25 hours.
    const rows = {
      unreadRecent: { createdAt: ago(10), readAt: null },
      unreadYearOld: { createdAt: ago(360), readAt: null },
      unreadTooOld: { createdAt: ago(370), readAt: null },
      readRecently: { createdAt: ago(200), readAt: ago(85) },
      readLongAgo: { createdAt: ago(120), readAt: ago(95) },
    };
    const ids = Object.fromEntries(
      await Promise.all(
        Object.entries(rows).map(async ([label, r]) => {
          const [row] = await t.db
            .insert(notifications)
            .values({ recipientUserId: me, organisationId: w.orgs.cavA, kind: 'case_team_added', ...r })
            .returning({ id: notifications.id });
          return [label, row!.id] as const;
        }),
      ),
    ) as Record<keyof typeof rows, string>;
    const tag = randomUUID().slice(0, 8);
    await t.db.insert(jobKeys).values([
      { key: `effect:old-${tag}`, createdAt: ago(40) },
      { key: `effect:new-${tag}`, createdAt: ago(20) },
    ]);
    // An old key of a job that still waits (enqueued long ago for a later day): kept until it runs.
    expect(await t.ctx.jobs.enqueue(PRUNE_NIGHTLY_JOB, {}, { key: `waits-${tag}`, at: new Date(Date.now() + 400 * DAY) })).toEqual(expect.any(String));
    const waiting = `enqueue:${PRUNE_NIGHTLY_JOB}:waits-${tag}`;
    await t.db.update(jobKeys).set({ createdAt: ago(40) }).where(inArray(jobKeys.key, [waiting]));

    expect(await t.ctx.jobs.runDue(firstNight)).toMatchObject({ failed: 0 });
    const left = await t.db.select({ id: notifications.id }).from(notifications).where(inArray(notifications.id, Object.values(ids)));
    expect(left.map((r) => r.id).sort()).toEqual([ids.unreadRecent, ids.unreadYearOld, ids.readRecently].sort());
    const keys = await t.db.select({ key: jobKeys.key }).from(jobKeys).where(like(jobKeys.key, `%${tag}%`));
    expect(keys.map((k) => k.key).sort()).toEqual([`effect:new-${tag}`, waiting].sort());

    // It ran as the scheduled job, and said how many it deleted, nothing else.
    const line = t.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'nightly prune done');
    expect(line).toMatchObject({ job: PRUNE_NIGHTLY_JOB, deleted: { notifications: 2, jobKeys: 1 } });
    expect(JSON.stringify(line)).not.toContain(ids.readLongAgo);
    expect(JSON.stringify(line)).not.toContain(tag);

    // Idempotent: the same occurrence again deletes nothing more.
    const [schedule] = await t.db.select().from(jobSchedules).where(inArray(jobSchedules.name, [PRUNE_NIGHTLY_JOB]));
    expect(await pruneNightly(t.ctx, schedule!.lastOccurrence)).toEqual({ notifications: 0, jobKeys: 0 });
    expect(await t.db.select({ id: notifications.id }).from(notifications).where(inArray(notifications.id, Object.values(ids)))).toHaveLength(3);
  });

  it('follows its settings (NOTIFICATIONS_READ_KEEP_DAYS, NOTIFICATIONS_KEEP_DAYS, JOB_KEYS_KEEP_DAYS)', async () => {
    const other = await buildTestApp({ env: { NOTIFICATIONS_READ_KEEP_DAYS: '7', NOTIFICATIONS_KEEP_DAYS: '30', JOB_KEYS_KEEP_DAYS: '7' } });
    try {
      expect(other.ctx.config.retention).toEqual({ readNotificationDays: 7, notificationDays: 30, jobKeyDays: 7 });
      const world = await createWorld(other);
      const me = world.users.operatorA.id;
      const base = { recipientUserId: me, organisationId: world.orgs.cavA, kind: 'case_team_added' as const };
      await other.db.insert(notifications).values([
        { ...base, createdAt: ago(40), readAt: null },
        { ...base, createdAt: ago(20), readAt: ago(10) },
        { ...base, createdAt: ago(20), readAt: ago(3) },
        { ...base, createdAt: ago(20), readAt: null },
      ]);
      await other.db.insert(jobKeys).values([{ key: 'effect:ten-days', createdAt: ago(10) }]);
      expect(await pruneNightly(other.ctx, new Date())).toEqual({ notifications: 2, jobKeys: 1 });
      expect(await pruneNightly(other.ctx, new Date())).toEqual({ notifications: 0, jobKeys: 0 });
    } finally {
      await other.close();
    }
  });
});
