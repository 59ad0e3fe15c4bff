import { addDays, formatISO } from 'date-fns';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudits } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { type CaseSection, type PlanArea, workHousingAreas } from '../../../shared/cases.js';
import { accessCases, listedPurpose, onTeamOf } from './cases.access.js';
import { legalDeadlines } from './cases.present.js';
import { cases } from './cases.tables.js';
import { planActions, planGoals, planReviews } from './plan.tables.js';

/**
 * An operator's home page: what is due on the cases of her team — plan
 * actions her organisation owns, plan reviews, the legal deadlines of
 * reports, and pathways with no contact for a while. Reminders only:
 * nothing here is enforced.
 */

const LIMIT = 50;

export async function myTasks(ctx: AppContext, scope: Scope, q: { horizonDays: number; staleDays?: number | undefined }, requestId: string) {
  const organisation = scope.principal.organisation;
  if (!organisation) throw new AppError('organisation_required');
  const now = new Date();
  const until = formatISO(addDays(now, q.horizonDays), { representation: 'date' });
  const staleDays = q.staleDays ?? ctx.config.caseStaleDays;
  return ctx.database.db.transaction(async (tx) => {
    const onTeam = onTeamOf(scope, now);
    const open = sql`${cases.stage} <> 'concluso'`;
    const ref = { id: cases.id, code: cases.code };

    const actions = await tx
      .select({ case: ref, id: planActions.id, type: planActions.type, dueOn: planActions.dueOn, status: planActions.status, area: planGoals.area })
      .from(planActions)
      .innerJoin(cases, eq(cases.id, planActions.caseId))
      .innerJoin(planGoals, eq(planGoals.id, planActions.goalId))
      .where(and(onTeam, open, eq(planActions.ownerOrganisationId, organisation.id), inArray(planActions.status, ['prevista', 'in_corso']), lte(planActions.dueOn, until)))
      .orderBy(asc(planActions.dueOn))
      .limit(LIMIT);

    const latestReviews = tx
      .selectDistinctOn([planReviews.caseId], { caseId: planReviews.caseId, nextReviewOn: planReviews.nextReviewOn })
      .from(planReviews)
      .orderBy(planReviews.caseId, sql`${planReviews.on} desc`, sql`${planReviews.createdAt} desc`)
      .as('latest');
    const reviews = await tx
      .select({ case: ref, dueOn: latestReviews.nextReviewOn })
      .from(latestReviews)
      .innerJoin(cases, eq(cases.id, latestReviews.caseId))
      .where(and(onTeam, open, lte(latestReviews.nextReviewOn, until)))
      .orderBy(asc(latestReviews.nextReviewOn))
      .limit(LIMIT);

    const reported = await tx
      .select({ case: ref, profile: cases.profile })
      .from(cases)
      .where(and(onTeam, open, sql`jsonb_array_length(coalesce(${cases.profile}->'reports', '[]'::jsonb)) > 0`))
      .limit(500);
    const todayIso = romeToday(now);
    const deadlines = reported
      .flatMap((r) =>
        legalDeadlines(r.profile).flatMap((d) =>
          (['hearingBy', 'prosecutorBy', 'judgeBy'] as const).map((kind) => ({ case: r.case, kind, dueOn: d[kind], registeredOn: d.registeredOn })),
        ),
      )
      .filter((d) => d.dueOn >= todayIso && d.dueOn <= until)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
      .slice(0, LIMIT);

    const lastContact = sql<Date>`coalesce(${cases.lastContactAt}, ${cases.createdAt})`;
    const stale = await tx
      .select({ case: ref, lastContactAt: lastContact })
      .from(cases)
      .where(and(onTeam, open, sql`${lastContact} < now() - make_interval(days => ${staleDays})`))
      .orderBy(asc(lastContact))
      .limit(LIMIT);

    // Each reminder only where the choke point grants its section: a member from another organisation sees no more here than on the case.
    const accessOf = await accessCases(tx, scope, [...actions, ...reviews, ...reported, ...stale].map((x) => x.case.id), now);
    const sees = (caseId: string, section: CaseSection) => !!accessOf.get(caseId)?.sections.has(section);
    const result = {
      horizonDays: q.horizonDays,
      staleDays,
      actions: actions
        .filter((a) => sees(a.case.id, 'plan') || (sees(a.case.id, 'work_housing') && workHousingAreas.includes(a.area as PlanArea)))
        .map(({ area: _area, ...a }) => a),
      reviews: reviews.filter((r) => sees(r.case.id, 'plan')),
      deadlines: deadlines.filter((d) => sees(d.case.id, 'profile')),
      stale: stale.filter((s) => sees(s.case.id, 'timeline')).map((s) => ({ ...s, lastContactAt: new Date(s.lastContactAt) })),
    };
    const shown = new Set([...result.actions, ...result.reviews, ...result.deadlines, ...result.stale].map((x) => x.case.id));
    await writeAudits(tx, [
      { ...actedBy(scope, requestId, 'case.tasks_read'), purpose: `${result.actions.length}/${result.reviews.length}/${result.deadlines.length}/${result.stale.length}` },
      ...[...shown].map((id) => ({ ...actedBy(scope, requestId, 'case.listed', { type: 'case', id }), purpose: listedPurpose('tasks', false) })),
    ]);
    return result;
  });
}
