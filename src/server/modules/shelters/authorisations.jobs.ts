import { and, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { JobRun } from '../../platform/jobs/index.js';
import { writeAudit } from '../../audit/audit.writer.js';
import { AUTHORISATION_JOB } from './authorisations.service.js';
import { shelterAuthorisations, shelterStays } from './shelters.tables.js';
import { stayNoticeParams, tellCoordinators, tellOrganisation } from './stays.notify.js';

/**
 * The emergency authorisation's deadline (docs/shelters.md). Each emergency
 * admission enqueues `shelters.authorisation-overdue` at its due time (keyed
 * by the authorisation); a sweep every 15 minutes catches any that was not
 * enqueued or was lost, and reminds the social service REMIND_BEFORE_HOURS
 * before the deadline. Overdue and still awaited: the coordinator(s) of the
 * networks the structure serves are told once — `escalated_at` is set by a
 * conditional update and the notice goes through `run.once` in the same
 * transaction. The follow-up: the notification (naming the request's code or
 * the stay's reference), the coordinator's home page task list and her view
 * of GET /api/shelters/authorisations, where it shows overdue and escalated.
 */
const SWEEP_CRON = '*/15 * * * *';
const REMIND_BEFORE_HOURS = 12;

export interface AuthorisationSweep {
  escalated: number;
  reminded: number;
}

async function escalate(ctx: AppContext, id: string, now: Date, run?: JobRun): Promise<boolean> {
  return ctx.database.db.transaction(async (tx) => {
    const [marked] = await tx
      .update(shelterAuthorisations)
      .set({ escalatedAt: now })
      .where(and(eq(shelterAuthorisations.id, id), eq(shelterAuthorisations.state, 'in_attesa'), isNull(shelterAuthorisations.escalatedAt), isNotNull(shelterAuthorisations.stayId)))
      .returning({ stayId: shelterAuthorisations.stayId });
    if (!marked?.stayId) return false;
    if (run && !(await run.once(tx, `shelter-escalate:${id}`))) return false;
    const [stay] = await tx.select({ structureId: shelterStays.structureId }).from(shelterStays).where(eq(shelterStays.id, marked.stayId));
    if (stay) await tellCoordinators(tx, stay.structureId, 'shelter_authorisation_overdue', { hours: String(ctx.config.shelterAuthorisationHours), ...(await stayNoticeParams(tx, marked.stayId)) });
    await writeAudit(tx, { action: 'shelter.authorisation.escalate', outcome: 'success', resourceType: 'shelter_authorisation', resourceId: id, purpose: `stay:${marked.stayId}` });
    return true;
  });
}

/** Escalates what is overdue at `now` and reminds what falls due soon. Counts only in the log. */
export async function sweepAuthorisations(ctx: AppContext, now: Date, run?: JobRun): Promise<AuthorisationSweep> {
  const db = ctx.database.db;
  const out: AuthorisationSweep = { escalated: 0, reminded: 0 };
  const pending = and(eq(shelterAuthorisations.state, 'in_attesa'), isNull(shelterAuthorisations.escalatedAt), isNotNull(shelterAuthorisations.stayId));
  for (const a of await db.select({ id: shelterAuthorisations.id }).from(shelterAuthorisations).where(and(pending, lte(shelterAuthorisations.dueAt, now)))) {
    if (await escalate(ctx, a.id, now, run)) out.escalated++;
  }
  const soon = new Date(now.getTime() + REMIND_BEFORE_HOURS * 3_600_000);
  const due = await db
    .select({ id: shelterAuthorisations.id, socialServiceId: shelterAuthorisations.socialServiceId, stayId: shelterAuthorisations.stayId })
    .from(shelterAuthorisations)
    .where(and(pending, gt(shelterAuthorisations.dueAt, now), lte(shelterAuthorisations.dueAt, soon)));
  for (const a of due) {
    const reminded = await db.transaction(async (tx) => {
      // The platform's once-only key is the mark (the reminder changes no column of the row).
      if (!run || !(await run.once(tx, `shelter-remind:${a.id}`))) return false;
      await tellOrganisation(tx, a.socialServiceId, 'socialService', 'shelter_authorisation_due', { hours: String(REMIND_BEFORE_HOURS), ...(a.stayId ? await stayNoticeParams(tx, a.stayId) : {}) });
      return true;
    });
    if (reminded) out.reminded++;
  }
  return out;
}

export function defineShelterAuthorisationJobs(ctx: AppContext): void {
  ctx.jobs.define({
    name: AUTHORISATION_JOB,
    payload: z.object({ authorisationId: z.uuid().optional() }),
    schedule: { cron: SWEEP_CRON, payload: {} },
    retry: { limit: 3, delaySeconds: 60 },
    handler: async ({ authorisationId }, run) => {
      if (authorisationId) {
        // Enqueued at its due time: it is overdue now, whatever this server's clock says.
        const escalated = await escalate(ctx, authorisationId, new Date(), run);
        ctx.log.info({ job: AUTHORISATION_JOB, escalated: escalated ? 1 : 0 }, 'shelter authorisation deadline');
        return;
      }
      const done = await sweepAuthorisations(ctx, run.key ? new Date(run.key) : new Date(), run);
      ctx.log.info({ job: AUTHORISATION_JOB, ...done }, 'shelter authorisations swept');
    },
  });
}
