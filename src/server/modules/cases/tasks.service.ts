import { addDays, formatISO, parseISO } from 'date-fns';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudits } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { type CaseSection, type PlanArea, workHousingAreas } from '../../../shared/cases.js';
import { LEGAL_DEADLINE_OVERDUE_DAYS, STALE_PAGE_SIZE, type tasksOut, type tasksQuery } from '../../../shared/tasks.api.js';
import { accessCases, listedEvents, onTeamOf } from './cases.access.js';
import { legalDeadlines } from './cases.present.js';
import { cases } from './cases.tables.js';
import { isOpen } from './caseload.filters.js';
import { planActions, planGoals, planReviews } from './plan.tables.js';
import { dueReassessments } from '../risk/index.js';
import { dueSafetyPlanReviews } from './safety-plan.due.js';
import { openMinorDeadlines } from './minors.service.js';
import { caseMinors } from './minors.tables.js';
import { dueRedditoSteps } from '../autonomy/index.js';
import { dueFollowUps } from '../autonomy/index.js';

/**
 * An operator's home page: what is due on the cases of her team — plan
 * actions her organisation owns, plan reviews, the legal deadlines of
 * reports, risk re-assessments, safety plan reviews, and pathways with no contact for a while. Reminders only:
 * nothing here is enforced.
 *
 * Every list is ordered by day, so what is overdue comes first, then what
 * is due today, then the rest of the horizon. Each reminder passes the
 * choke point's section decision before anything is counted or cut, so a
 * total never counts what she may not see.
 */

/** Dated reminders shown per list; beyond it, `omitted` says how many more there are. */
const LIMIT = 100;

const shiftDay = (day: string, days: number) => formatISO(addDays(parseISO(day), days), { representation: 'date' });

export async function myTasks(ctx: AppContext, scope: Scope, q: z.output<typeof tasksQuery>, requestId: string): Promise<z.output<typeof tasksOut>> {
  const organisation = scope.principal.organisation;
  if (!organisation) throw new AppError('organisation_required');
  const now = new Date();
  const today = romeToday(now);
  const until = shiftDay(today, q.horizonDays);
  const overdueSince = shiftDay(today, -LEGAL_DEADLINE_OVERDUE_DAYS);
  const staleDays = q.staleDays ?? ctx.config.caseStaleDays;
  return ctx.database.db.transaction(async (tx) => {
    const onTeam = onTeamOf(scope, now);
    const ref = { id: cases.id, code: cases.code };

    const actions = await tx
      .select({ case: ref, id: planActions.id, type: planActions.type, dueOn: planActions.dueOn, status: planActions.status, area: planGoals.area })
      .from(planActions)
      .innerJoin(cases, eq(cases.id, planActions.caseId))
      .innerJoin(planGoals, eq(planGoals.id, planActions.goalId))
      .where(and(onTeam, isOpen, eq(planActions.ownerOrganisationId, organisation.id), inArray(planActions.status, ['prevista', 'in_corso']), lte(planActions.dueOn, until)))
      .orderBy(asc(planActions.dueOn), asc(planActions.id));

    const latestReviews = tx
      .selectDistinctOn([planReviews.caseId], { caseId: planReviews.caseId, nextReviewOn: planReviews.nextReviewOn })
      .from(planReviews)
      .orderBy(planReviews.caseId, sql`${planReviews.on} desc`, sql`${planReviews.createdAt} desc`)
      .as('latest');
    const reviews = await tx
      .select({ case: ref, dueOn: latestReviews.nextReviewOn })
      .from(latestReviews)
      .innerJoin(cases, eq(cases.id, latestReviews.caseId))
      .where(and(onTeam, isOpen, lte(latestReviews.nextReviewOn, until)))
      .orderBy(asc(latestReviews.nextReviewOn), asc(cases.id));

    const reported = await tx
      .select({ case: ref, profile: cases.profile })
      .from(cases)
      .where(and(onTeam, isOpen, sql`jsonb_array_length(coalesce(${cases.profile}->'reports', '[]'::jsonb)) > 0`));
    // A legal deadline cannot be marked done: one passed more than the window ago is no longer a reminder.
    const deadlines = reported
      .flatMap((r) =>
        legalDeadlines(r.profile).flatMap((d) =>
          (['hearingBy', 'prosecutorBy', 'judgeBy'] as const).map((kind) => ({ case: r.case, kind, dueOn: d[kind], registeredOn: d.registeredOn })),
        ),
      )
      .filter((d) => d.dueOn >= overdueSince && d.dueOn <= until)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.case.code.localeCompare(b.case.code));

    // A minor's case: the report and the referral until each is recorded (they can be done, so they stay past the window; docs/minors.md).
    const minorRows = await tx
      .select({ case: ref, knownOn: caseMinors.knownOn, reportOn: caseMinors.reportOn, referralOn: caseMinors.referralOn })
      .from(caseMinors)
      .innerJoin(cases, eq(cases.id, caseMinors.caseId))
      .where(and(onTeam, isOpen, sql`(${caseMinors.reportOn} is null or ${caseMinors.referralOn} is null)`));
    const minorDeadlines = minorRows
      .flatMap((r) => openMinorDeadlines(ctx, [r]).map((d) => ({ case: r.case, kind: d.kind, dueOn: d.dueOn, registeredOn: d.knownOn })))
      .filter((d) => d.dueOn <= until);

    const reassessments = (await dueReassessments(tx, ctx.config.riskReassessWeeks, { until, extra: onTeam })).map((r) => ({ case: { id: r.caseId, code: r.code }, dueOn: r.dueOn, reason: r.reason }));

    const safetyPlanReviews = (await dueSafetyPlanReviews(tx, { until, extra: onTeam })).map((r) => ({ case: { id: r.caseId, code: r.code }, dueOn: r.dueOn, version: r.version }));

    const redditoSteps = (await dueRedditoSteps(tx, ctx.config.reddito.stepDays, { until, extra: onTeam })).map((r) => ({ case: { id: r.caseId, code: r.code }, dueOn: r.dueOn, step: r.step }));

    // Follow-ups of concluded autonomy projects her organisation coordinated (docs/autonomy.md).
    const followUps = (await dueFollowUps(tx, { until, extra: onTeam }))
      .filter((f) => f.referringOrganisationId === organisation.id)
      .map((f) => ({ case: { id: f.caseId, code: f.code }, dueOn: f.dueOn, months: f.months, followUpId: f.followUpId, projectId: f.projectId, contactConsent: f.contactConsent }));

    // Ranked by the oldest contact; ids only here (cheap), the page is cut after the section decision.
    const lastContact = sql<Date>`coalesce(${cases.lastContactAt}, ${cases.createdAt})`;
    const stale = await tx
      .select({ case: ref, lastContactAt: lastContact })
      .from(cases)
      .where(and(onTeam, isOpen, sql`${lastContact} < now() - make_interval(days => ${staleDays})`))
      .orderBy(asc(lastContact), asc(cases.id));

    // Each reminder only where the choke point grants its section: a member from another organisation sees no more here than on the case.
    const accessOf = await accessCases(tx, scope, [...actions, ...reviews, ...reported, ...minorRows, ...reassessments, ...safetyPlanReviews, ...redditoSteps, ...followUps, ...stale].map((x) => x.case.id), now);
    const sees = (caseId: string, section: CaseSection) => !!accessOf.get(caseId)?.sections.has(section);
    const visible = {
      actions: actions.filter((a) => sees(a.case.id, 'plan') || (sees(a.case.id, 'work_housing') && workHousingAreas.includes(a.area as PlanArea))).map(({ area: _area, ...a }) => a),
      reviews: reviews.filter((r) => sees(r.case.id, 'plan')),
      deadlines: [...deadlines.filter((d) => sees(d.case.id, 'profile')), ...minorDeadlines.filter((d) => sees(d.case.id, 'minor'))].sort(
        (a, b) => a.dueOn.localeCompare(b.dueOn) || a.case.code.localeCompare(b.case.code),
      ),
      reassessments: reassessments.filter((r) => sees(r.case.id, 'risk')),
      safetyPlanReviews: safetyPlanReviews.filter((r) => sees(r.case.id, 'risk')),
      redditoSteps: redditoSteps.filter((r) => sees(r.case.id, 'plan')),
      followUps: followUps.filter((f) => sees(f.case.id, 'plan')),
    };
    const seenStale = stale.filter((s) => sees(s.case.id, 'timeline'));
    const stalePage = seenStale.slice((q.stalePage - 1) * STALE_PAGE_SIZE, q.stalePage * STALE_PAGE_SIZE).map((s) => ({ ...s, lastContactAt: new Date(s.lastContactAt) }));
    const result = {
      today,
      horizonDays: q.horizonDays,
      staleDays,
      overdueDeadlineDays: LEGAL_DEADLINE_OVERDUE_DAYS,
      actions: visible.actions.slice(0, LIMIT),
      reviews: visible.reviews.slice(0, LIMIT),
      deadlines: visible.deadlines.slice(0, LIMIT),
      reassessments: visible.reassessments.slice(0, LIMIT),
      safetyPlanReviews: visible.safetyPlanReviews.slice(0, LIMIT),
      redditoSteps: visible.redditoSteps.slice(0, LIMIT),
      followUps: visible.followUps.slice(0, LIMIT),
      omitted: Object.values(visible).reduce((n, list) => n + Math.max(0, list.length - LIMIT), 0),
      stale: stalePage,
      staleTotal: seenStale.length,
      stalePage: q.stalePage,
      stalePageSize: STALE_PAGE_SIZE,
    };
    // Only the cases this answer names are audited as listed (counting the others shows nothing of them).
    const shown = new Set([...result.actions, ...result.reviews, ...result.deadlines, ...result.reassessments, ...result.safetyPlanReviews, ...result.redditoSteps, ...result.followUps, ...result.stale].map((x) => x.case.id));
    await writeAudits(tx, [
      { ...actedBy(scope, requestId, 'case.tasks_read'), purpose: `${result.actions.length}/${result.reviews.length}/${result.deadlines.length}/${result.reassessments.length}/${result.safetyPlanReviews.length}/${result.stale.length} of ${result.staleTotal}` },
      ...listedEvents(scope, requestId, 'tasks', [...shown].map((id) => ({ id, identity: false }))),
    ]);
    return result;
  });
}
