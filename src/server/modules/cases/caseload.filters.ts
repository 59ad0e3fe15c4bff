import { type SQL, and, eq, sql } from 'drizzle-orm';
import { highRiskLevels, legalDeadlineDays } from '../../../shared/cases.js';
import { LEGAL_DEADLINE_OVERDUE_DAYS, type WorkloadFilters } from '../../../shared/tasks.api.js';
import { caseMembers, cases } from './cases.tables.js';
import { caseMinors } from './minors.tables.js';
import { planActions, planReviews } from './plan.tables.js';

/**
 * The conditions behind the head's workload counts, as SQL on `cases`. The
 * caseload applies the same ones when a count's link opens it, so each
 * number is the total of the list it leads to. They say which cases, never
 * what is in them: the choke point still decides what the list shows.
 */

/** Days from `knownOn` to a minor's report and referral (the configuration's `minorDeadlineDays`). */
export interface MinorDeadlineDays {
  report: number;
  referral: number;
}

export const isOpen = sql`${cases.stage} <> 'concluso'`;

/** Nobody of the owning organisation is on the team (a partner's member does not follow the pathway for the centre). */
export const unstaffed = sql`not exists (select 1 from ${caseMembers} m where m.case_id = ${cases.id} and m.organisation_id = ${cases.organisationId})`;

/** The case's level is high (elevato or imminente: the final level of its latest assessment). */
export const highRisk = sql`${cases.riskLevel} in (${sql.join(highRiskLevels.map((l) => sql`${l}`), sql`, `)})`;

export const withMember = (userId: string) => sql`exists (select 1 from ${caseMembers} m where m.case_id = ${cases.id} and m.user_id = ${userId})`;

/**
 * An open pathway with something past its day: an action of the owning
 * organisation not done, the latest review's next date, a legal deadline
 * of a report passed within the last LEGAL_DEADLINE_OVERDUE_DAYS, or — on a
 * minor's case — the mandatory report or the referral to child protection
 * not recorded by its day (MINOR_REPORT_DAYS / MINOR_REFERRAL_DAYS from
 * `knownOn`; overdue until recorded, as on the tasks: docs/minors.md). The
 * same reminders her team's home page shows as overdue; the deadlines'
 * arithmetic is cases.present.ts legalDeadlines and minors.service.ts
 * minorDueDates, here in SQL.
 */
export function overdue(today: string, minorDays: MinorDeadlineDays): SQL {
  const day = sql`${today}::date`;
  const { hearing, precautionaryRequest, judgeDecision } = legalDeadlineDays;
  const registered = sql`(rep.r->>'registeredOn')::date`;
  return sql`(${isOpen} and (
    exists (
      select 1 from ${planActions}
      where ${planActions.caseId} = ${cases.id} and ${planActions.ownerOrganisationId} = ${cases.organisationId}
        and ${planActions.status} in ('prevista', 'in_corso') and ${planActions.dueOn} < ${day}
    )
    or (
      select ${planReviews.nextReviewOn} from ${planReviews}
      where ${planReviews.caseId} = ${cases.id}
      order by ${planReviews.on} desc, ${planReviews.createdAt} desc limit 1
    ) < ${day}
    or exists (
      select 1
      from jsonb_array_elements(coalesce(${cases.profile}->'reports', '[]'::jsonb)) as rep(r),
        lateral (values
          (${registered} + ${hearing}::int),
          (${registered} + ${precautionaryRequest}::int),
          (coalesce((rep.r->>'precautionaryRequestedOn')::date, ${registered} + ${precautionaryRequest}::int) + ${judgeDecision}::int)
        ) as deadline(due)
      where deadline.due < ${day} and deadline.due >= ${day} - ${LEGAL_DEADLINE_OVERDUE_DAYS}::int
    )
    or exists (
      select 1 from ${caseMinors}
      where ${caseMinors.caseId} = ${cases.id} and (
        (${caseMinors.reportOn} is null and ${caseMinors.knownOn} + ${minorDays.report}::int < ${day})
        or (${caseMinors.referralOn} is null and ${caseMinors.knownOn} + ${minorDays.referral}::int < ${day})
      )
    )
  ))`;
}

/** The caseload's workload filters as one condition (undefined when none is set). */
export function workloadWhere(q: WorkloadFilters, today: string, minorDays: MinorDeadlineDays): SQL | undefined {
  return and(
    q.open ? isOpen : undefined,
    q.emergency ? eq(cases.emergency, true) : undefined,
    q.member ? withMember(q.member) : undefined,
    q.unstaffed ? unstaffed : undefined,
    q.overdue ? overdue(today, minorDays) : undefined,
    q.highRisk ? highRisk : undefined,
  );
}
