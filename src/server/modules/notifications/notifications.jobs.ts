import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { emailUser, pendingImmediate, sendDigests } from './notifications.mail.js';

/** How often pending "immediate" e-mails are looked for (cron, Europe/Rome): a notice within a couple of minutes. */
const SWEEP_CRON = '* * * * *';
/** The daily digest, at 07:00 Italian time: before the working day. */
const DIGEST_CRON = '0 7 * * *';

/**
 * The e-mails go through the job platform, never from the write that raised
 * a notification: a sweep every minute finds who has something pending (in
 * committed rows only, so always after commit) and enqueues one job per
 * e-mail, keyed by her newest pending notification (a sweep that finds the
 * same enqueues nothing); the job claims and sends, retried with backoff if
 * the SMTP server refuses. The digest is a daily schedule. With SMTP_URL
 * unset nothing is defined that could send.
 */
export function defineNotificationJobs(ctx: AppContext): void {
  if (!ctx.config.mail) return;
  ctx.jobs.define({
    name: 'notifications.email',
    payload: z.object({ userId: z.uuid() }),
    handler: async ({ userId }) => {
      await emailUser(ctx, userId);
    },
  });
  ctx.jobs.define({
    name: 'notifications.sweep',
    payload: z.object({}),
    schedule: { cron: SWEEP_CRON, payload: {} },
    retry: { limit: 0 },
    handler: async () => {
      for (const { userId, newestId } of await pendingImmediate(ctx)) {
        await ctx.jobs.enqueue('notifications.email', { userId }, { key: `${userId}.${newestId}` });
      }
    },
  });
  ctx.jobs.define({
    name: 'notifications.digest',
    payload: z.object({}),
    schedule: { cron: DIGEST_CRON, payload: {} },
    handler: async () => {
      const { failed } = await sendDigests(ctx);
      // Failed digests gave their day back: a retry sends them (the others are done and not sent again).
      if (failed) throw Object.assign(new Error('mail_not_sent'), { code: 'mail_not_sent' });
    },
  });
}
