import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { JobRun } from '../../platform/jobs/index.js';
import { notifyReferral } from './referrals.notify.js';
import { expireReferral } from './referrals.service.js';
import { referrals } from './referrals.tables.js';

/**
 * The referrals' hourly job (docs/referrals.md, "Jobs"), at ten past every
 * hour, Italian time:
 * 1. a referral still `in_attesa` REFERRAL_REMIND_HOURS after it was sent
 *    is told, once, to the sender's case team (`referral_unanswered`) and
 *    to the recipient's staff who may answer it (`referral_waiting`);
 * 2. one still `in_attesa` REFERRAL_EXPIRE_DAYS after it was sent expires
 *    (`scaduta`, through the service's conditional transition) and the
 *    sender's team is told (`referral_expired`); the sender may refer again.
 *
 * "Now" is the occurrence the run stands for (its key), not the moment a
 * retry happens to run. Each referral is one transaction: one that fails
 * does not hold the others back, and a retry redoes only what did not
 * commit. Once-only: the reminder is a conditional update of
 * `reminded_at` (plus the platform's `run.once`), the expiry a conditional
 * update of the state — a second run, or two servers, change nothing more.
 */
export const REFERRALS_JOB = 'referrals.hourly';
const REFERRALS_CRON = '10 * * * *';
const HOUR = 3_600_000;

/** What one run did (counts only: the log never names a case). */
export interface ReferralSweep {
  reminded: number;
  expired: number;
}

/**
 * Reminds and expires what is due at `now`. A system sweep with no
 * principal, across the instance: it shows nothing to anyone, and who may
 * read each notice is decided when she opens her centre. Exported for the
 * job and the tests' direct calls.
 */
export async function sweepReferrals(ctx: AppContext, now: Date, run?: JobRun): Promise<ReferralSweep> {
  const db = ctx.database.db;
  const { remindHours, expireDays } = ctx.config.referrals;
  const expireBefore = new Date(now.getTime() - expireDays * 24 * HOUR);
  const remindBefore = new Date(now.getTime() - remindHours * HOUR);
  const ref = { id: referrals.id, caseId: referrals.caseId, fromOrganisationId: referrals.fromOrganisationId, toOrganisationId: referrals.toOrganisationId };
  const pending = eq(referrals.state, 'in_attesa');
  const out: ReferralSweep = { reminded: 0, expired: 0 };

  // Expiry first: a referral past its time expires, it is not reminded as well.
  for (const r of await db.select(ref).from(referrals).where(and(pending, lte(referrals.referredAt, expireBefore)))) {
    const expired = await db.transaction(async (tx) => {
      if (!(await expireReferral(tx, r.id, now))) return false;
      await notifyReferral(tx, 'expired', r);
      return true;
    });
    if (expired) out.expired++;
  }

  const due = and(pending, isNull(referrals.remindedAt), lte(referrals.referredAt, remindBefore), gt(referrals.referredAt, expireBefore));
  for (const r of await db.select(ref).from(referrals).where(due)) {
    const reminded = await db.transaction(async (tx) => {
      // The row's own mark decides (it outlives the platform's once-only keys, pruned after weeks).
      const [marked] = await tx
        .update(referrals)
        .set({ remindedAt: now })
        .where(and(eq(referrals.id, r.id), pending, isNull(referrals.remindedAt)))
        .returning({ id: referrals.id });
      if (!marked) return false;
      if (run && !(await run.once(tx, `referral-remind:${r.id}`))) return false;
      const params = { hours: String(remindHours) };
      await notifyReferral(tx, 'unanswered', r, { params });
      await notifyReferral(tx, 'waiting', r, { params });
      return true;
    });
    if (reminded) out.reminded++;
  }
  return out;
}

/** Registers the hourly referrals job with the jobs platform (app build time). */
export function defineReferralJobs(ctx: AppContext): void {
  ctx.jobs.define({
    name: REFERRALS_JOB,
    payload: z.object({}),
    schedule: { cron: REFERRALS_CRON, payload: {} },
    retry: { limit: 3, delaySeconds: 120 },
    handler: async (_payload, run) => {
      const done = await sweepReferrals(ctx, run.key ? new Date(run.key) : new Date(), run);
      ctx.log.info({ job: REFERRALS_JOB, ...done }, 'referrals reminded and expired');
    },
  });
}
