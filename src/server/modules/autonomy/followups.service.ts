import { addMonths, formatISO, parseISO } from 'date-fns';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { followUpMonths, followUpStates, housingStatuses, workStatuses } from '../../../shared/autonomy.js';
import type { FollowUpCounts, FollowUpOut, FollowUpRecord } from '../../../shared/autonomy.actions.api.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, readHandle, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { THRESHOLDS, suppressCell, suppressGroup } from '../../platform/suppression.js';
import { contactConsented } from './followups.consent.js';
import { decideProject } from './autonomy.access.js';
import { autonomyFollowUps, autonomyProjects } from './autonomy.tables.js';
import { programmeActor } from './programmes.access.js';
import { readable } from './programmes.service.js';
import { selectProjects } from './projects.present.js';

/**
 * Follow-ups after a project ends (docs/autonomy.md, "Follow-ups"): checks
 * of her work and housing at 6, 12 and 24 months after `ended_on`, for the
 * referring organisation. Scheduled for every concluded project (the daily
 * job, and at once when the team reads the project's follow-ups); recorded
 * by the team holding the plan; counted per programme, small cells hidden.
 * Her consent to be contacted (a live `contatto` consent) is shown on each
 * check: without it the check may only be closed as `non_consentito`.
 */

export const FOLLOW_UPS_JOB = 'autonomy.follow-ups-daily';
const iso = (d: Date) => formatISO(d, { representation: 'date' });

/** Inserts the three checks of every concluded project that has none (idempotent: unique per project and months). */
export async function scheduleFollowUps(db: DbOrTx, projectIds?: readonly string[]): Promise<number> {
  const rows = await db
    .select({ id: autonomyProjects.id, endedOn: autonomyProjects.endedOn })
    .from(autonomyProjects)
    .where(
      and(
        eq(autonomyProjects.state, 'conclusa'),
        sql`${autonomyProjects.endedOn} is not null`,
        projectIds ? (projectIds.length ? inArray(autonomyProjects.id, [...projectIds]) : sql`false`) : undefined,
        sql`not exists (select 1 from ${autonomyFollowUps} f where f.project_id = ${autonomyProjects.id})`,
      ),
    );
  if (!rows.length) return 0;
  const values = rows.flatMap((r) => followUpMonths.map((months) => ({ projectId: r.id, months, dueOn: iso(addMonths(parseISO(r.endedOn!), months)) })));
  await db.insert(autonomyFollowUps).values(values).onConflictDoNothing();
  return values.length;
}

type FollowUpRow = typeof autonomyFollowUps.$inferSelect;
const present = (r: FollowUpRow, consent: boolean): FollowUpOut => ({
  id: r.id,
  months: r.months,
  dueOn: r.dueOn,
  state: r.state,
  workStatus: (r.workStatus as FollowUpOut['workStatus']) ?? null,
  housingStatus: (r.housingStatus as FollowUpOut['housingStatus']) ?? null,
  doneAt: r.doneAt,
  contactConsent: consent,
  version: r.version,
});

/** A project's follow-ups: the team with the plan (others: 404, audited). */
export async function projectFollowUps(ctx: AppContext, scope: Scope, projectId: string, requestId: string): Promise<{ items: FollowUpOut[] }> {
  const db = readHandle(ctx.database.db);
  const [r] = await selectProjects(db, eq(autonomyProjects.id, projectId));
  const a = r ? await decideProject(db, scope, r) : null;
  const audit = actedBy(scope, requestId, 'autonomy.follow_up.list', { type: 'autonomy_project', id: projectId });
  if (!r || !a || a.view !== 'team') {
    await writeAuditAlone(ctx.database.db, { ...audit, outcome: 'denied' });
    throw new AppError('not_found');
  }
  if (r.project.state === 'conclusa') await scheduleFollowUps(ctx.database.db, [projectId]);
  const rows = await db.select().from(autonomyFollowUps).where(eq(autonomyFollowUps.projectId, projectId)).orderBy(asc(autonomyFollowUps.months));
  const consent = (await contactConsented(db, [r.project.caseId])).has(r.project.caseId);
  await writeAuditAlone(ctx.database.db, { ...audit, purpose: `follow_ups: ${rows.length}`, subjectIds: [r.project.caseId] });
  return { items: rows.map((x) => present(x, consent)) };
}

/**
 * A check recorded (If-Match: its version): `fatto` with her work and
 * housing status — only with a live consent to be contacted —,
 * `non_consentito`, or `non_raggiungibile`. The team of the project's case
 * holding the plan, with the write role.
 */
export async function recordFollowUp(ctx: AppContext, scope: Scope, id: string, expected: number, input: FollowUpRecord, requestId: string): Promise<FollowUpOut> {
  const audit = actedBy(scope, requestId, 'autonomy.follow_up.record', { type: 'autonomy_follow_up', id });
  const done = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const [f] = await tx.select().from(autonomyFollowUps).where(eq(autonomyFollowUps.id, id)).for('update');
      const [r] = f ? await selectProjects(tx, eq(autonomyProjects.id, f.projectId)) : [];
      const a = r ? await decideProject(tx, scope, r) : null;
      if (!f || !r || !a || a.view !== 'team') {
        await writeAudit(tx, { ...audit, outcome: 'denied' });
        return null;
      }
      if (!a.spends) throw new AppError('forbidden');
      if (f.version !== expected) throw new AppError('precondition_failed');
      const consent = (await contactConsented(tx, [r.project.caseId])).has(r.project.caseId);
      if (input.state === 'fatto' && !consent) throw new AppError('validation_failed', { errors: [{ pointer: '/body/state', code: 'consent_required' }] });
      const [row] = await tx
        .update(autonomyFollowUps)
        .set({
          state: input.state,
          workStatus: input.state === 'fatto' ? input.workStatus : null,
          housingStatus: input.state === 'fatto' ? input.housingStatus : null,
          doneAt: new Date(),
          doneBy: scope.principal.userId,
          version: f.version + 1,
        })
        .where(eq(autonomyFollowUps.id, id))
        .returning();
      await writeAudit(tx, { ...audit, purpose: `${f.months}m:${input.state}`, subjectIds: [r.project.caseId] });
      return present(row!, consent);
    },
    () => new AppError('conflict'),
  );
  if (!done) throw new AppError('not_found');
  return done;
}

/** A programme's follow-up outcomes per check (readers of the programme): counts only, small cells hidden. */
export async function followUpCounts(ctx: AppContext, scope: Scope, programmeId: string, requestId: string): Promise<FollowUpCounts> {
  const actor = programmeActor(scope, requestId);
  const db = readHandle(ctx.database.db);
  const { side } = await readable(db, actor, programmeId);
  const threshold = THRESHOLDS.network;
  const rows = await db
    .select({ months: autonomyFollowUps.months, state: autonomyFollowUps.state, work: autonomyFollowUps.workStatus, housing: autonomyFollowUps.housingStatus, n: sql<number>`count(*)`.mapWith(Number) })
    .from(autonomyFollowUps)
    .innerJoin(autonomyProjects, eq(autonomyProjects.id, autonomyFollowUps.projectId))
    .where(and(eq(autonomyProjects.programmeId, programmeId), sql`${autonomyFollowUps.dueOn} <= ${romeToday()}`))
    .groupBy(autonomyFollowUps.months, autonomyFollowUps.state, autonomyFollowUps.workStatus, autonomyFollowUps.housingStatus);
  const group = <K extends string>(codes: readonly K[], pick: (r: (typeof rows)[number]) => string | null, of: typeof rows) => {
    const cells = codes.map((c) => of.filter((r) => pick(r) === c).reduce((n, r) => n + r.n, 0));
    const shown = suppressGroup(cells, threshold);
    return Object.fromEntries(codes.map((c, i) => [c, shown[i]!]));
  };
  const checks = followUpMonths.map((months) => {
    const of = rows.filter((r) => r.months === months);
    const done = of.filter((r) => r.state === 'fatto');
    return {
      months,
      due: suppressCell(of.reduce((n, r) => n + r.n, 0), threshold),
      byState: group(followUpStates, (r) => r.state, of),
      byWork: group(workStatuses, (r) => r.work, done),
      byHousing: group(housingStatuses, (r) => r.housing, done),
    };
  });
  await writeAuditAlone(ctx.database.db, {
    action: 'autonomy.follow_up.counts',
    outcome: 'success',
    actorUserId: actor.userId,
    actorOrganisationId: actor.organisationId,
    resourceType: 'autonomy_programme',
    resourceId: programmeId,
    purpose: Object.entries(side)
      .filter(([, v]) => v)
      .map(([k]) => k)
      .join(','),
    requestId,
  });
  return { threshold, checks };
}

/** Registers the daily scheduling of follow-ups of concluded projects (app build time). */
export function defineFollowUpJobs(ctx: AppContext): void {
  ctx.jobs.define({
    name: FOLLOW_UPS_JOB,
    payload: z.object({}),
    schedule: { cron: '15 6 * * *', payload: {} },
    retry: { limit: 3, delaySeconds: 300 },
    handler: async () => {
      const scheduled = await scheduleFollowUps(ctx.database.db);
      ctx.log.info({ job: FOLLOW_UPS_JOB, scheduled }, 'autonomy follow-ups scheduled');
    },
  });
}
