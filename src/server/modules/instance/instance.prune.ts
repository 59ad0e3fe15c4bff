import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { systemPruneNotifications } from '../notifications/index.js';

export const PRUNE_NIGHTLY_JOB = 'instance.prune-nightly';
/** 03:15 Italian time: after the nightly standards check, outside the hour the clock change repeats or skips. */
export const PRUNE_NIGHTLY_CRON = '15 3 * * *';

const DAY_MS = 86_400_000;

/**
 * What the nightly prune deletes, for the occurrence at `at`: notifications
 * read more than NOTIFICATIONS_READ_KEEP_DAYS ago, any notification older
 * than NOTIFICATIONS_KEEP_DAYS, the jobs' once-only keys older than
 * JOB_KEYS_KEEP_DAYS. Cutoffs from the occurrence, not from the clock: a
 * retry deletes what the first attempt would have. pg-boss prunes its own
 * tables (platform/jobs BOSS_RETENTION).
 */
export async function pruneNightly(ctx: AppContext, at: Date): Promise<{ notifications: number; jobKeys: number }> {
  const { readNotificationDays, notificationDays, jobKeyDays } = ctx.config.retention;
  const daysBefore = (days: number) => new Date(at.getTime() - days * DAY_MS);
  const notifications = await systemPruneNotifications(ctx.database.db, { readBefore: daysBefore(readNotificationDays), before: daysBefore(notificationDays) });
  const jobKeys = await ctx.jobs.pruneKeys(daysBefore(jobKeyDays));
  return { notifications, jobKeys };
}

/** Registers the nightly prune with the jobs platform (app build time). */
export function defineRetentionJobs(ctx: AppContext): void {
  ctx.jobs.define({
    name: PRUNE_NIGHTLY_JOB,
    payload: z.object({}),
    schedule: { cron: PRUNE_NIGHTLY_CRON, payload: {} },
    retry: { limit: 3, delaySeconds: 300 },
    handler: async (_payload, run) => {
      const counts = await pruneNightly(ctx, run.key ? new Date(run.key) : new Date());
      // Counts only: never a row, a person or a key.
      ctx.log.info({ job: PRUNE_NIGHTLY_JOB, deleted: counts }, 'nightly prune done');
    },
  });
}
