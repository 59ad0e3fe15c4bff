import { and, eq, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { JobRun } from '../../platform/jobs/index.js';
import { expireHold } from './holds.service.js';
import { notifyPlacement } from './requests.notify.js';
import { placementProposals, placementRequests, shelterStructures } from './shelters.tables.js';

/**
 * The hold-expiry job (docs/shelters.md, "Holds"). Accepting a proposal
 * enqueues `shelters.hold-expire` for its proposal at `hold_expires_at`
 * (key `hold:<proposal>`); a schedule every five minutes sweeps whatever
 * expired and was missed (a lost enqueue, a server down at the time). Each
 * expiry is one transaction: the places freed, the proposal `scaduta`, the
 * request `aperta`, the requester told — once (`run.once`, and the
 * conditional update of the proposal's state).
 */
export const HOLD_JOB = 'shelters.hold-expire';
const SWEEP_CRON = '*/5 * * * *';

/** Expires one proposal's hold at `now`, in its own transaction. True when it did. */
async function expireOne(ctx: AppContext, proposalId: string, now: Date, run?: JobRun): Promise<boolean> {
  return ctx.database.db.transaction(async (tx) => {
    // The conditional update of the proposal's state decides; the once-only key guards the notice besides.
    const done = await expireHold(tx, proposalId, now);
    if (!done) return false;
    if (run && !(await run.once(tx, `hold-expire:${proposalId}`))) return true;
    const [p] = await tx
      .select({ code: placementRequests.code, requesterOrganisationId: placementRequests.requestingOrganisationId, structureOrganisationId: shelterStructures.organisationId })
      .from(placementProposals)
      .innerJoin(placementRequests, eq(placementRequests.id, placementProposals.requestId))
      .innerJoin(shelterStructures, eq(shelterStructures.id, placementProposals.structureId))
      .where(eq(placementProposals.id, proposalId));
    if (p) await notifyPlacement(tx, 'expired', { proposalId, requestId: done.requestId, ...p });
    return true;
  });
}

/**
 * Expires every hold past `now` (the sweep; exported for the tests). A
 * system sweep with no principal: it shows nothing to anyone.
 */
export async function sweepHolds(ctx: AppContext, now: Date, run?: JobRun): Promise<number> {
  const due = await ctx.database.db
    .select({ id: placementProposals.id })
    .from(placementProposals)
    .where(and(eq(placementProposals.state, 'accettata'), lte(placementProposals.holdExpiresAt, now)));
  let expired = 0;
  for (const { id } of due) if (await expireOne(ctx, id, now, run)) expired++;
  return expired;
}

/** Registers the hold-expiry job and its sweep (app build time). */
export function defineHoldJobs(ctx: AppContext): void {
  ctx.jobs.define({
    name: HOLD_JOB,
    payload: z.object({ proposalId: z.uuid().optional() }),
    schedule: { cron: SWEEP_CRON, payload: {} },
    retry: { limit: 3, delaySeconds: 60 },
    handler: async ({ proposalId }, run) => {
      if (proposalId) {
        // Enqueued to run at the hold's end: the platform runs it no earlier, so its end is "now" for it.
        const [p] = await ctx.database.db.select({ at: placementProposals.holdExpiresAt }).from(placementProposals).where(eq(placementProposals.id, proposalId));
        const now = new Date(Math.max(Date.now(), p?.at?.getTime() ?? 0));
        const expired = p ? await expireOne(ctx, proposalId, now, run) : false;
        ctx.log.info({ job: HOLD_JOB, expired: expired ? 1 : 0 }, 'placement hold expired');
        return;
      }
      const expired = await sweepHolds(ctx, run.key ? new Date(run.key) : new Date(), run);
      ctx.log.info({ job: HOLD_JOB, expired }, 'placement holds swept');
    },
  });
}
