import { z } from 'zod';
import { actionStatuses, planActionTypes } from './cases.js';
import { redditoSteps } from './autonomy.reddito.api.js';

/**
 * The home pages' API, shared by the server and the web: an operator's
 * tasks on the cases of her team, and the head's workload of her centre.
 */

/** How many stale pathways one page of her tasks shows (ranked, oldest contact first). */
export const STALE_PAGE_SIZE = 10;
/**
 * How long a legal deadline that has passed stays among her tasks. Actions
 * and reviews stay until someone records them done; a legal deadline cannot
 * be marked done (it is a reminder computed from the report), so past this
 * window it would only be noise.
 */
export const LEGAL_DEADLINE_OVERDUE_DAYS = 30;

export const tasksQuery = z.object({
  horizonDays: z.coerce.number().int().min(0).max(90).default(7),
  staleDays: z.coerce.number().int().min(1).max(365).optional(),
  stalePage: z.coerce.number().int().min(1).max(10_000).default(1),
});

const caseRef = z.object({ id: z.uuid(), code: z.string() });
const day = z.string();
export const tasksOut = z.object({
  /** Today in Rome: what is before it is overdue, what equals it is due today. */
  today: day,
  horizonDays: z.number().int(),
  staleDays: z.number().int(),
  overdueDeadlineDays: z.number().int(),
  /** Each list ordered by day, the overdue first. */
  actions: z.array(z.object({ case: caseRef, id: z.uuid(), type: z.enum(planActionTypes), dueOn: day.nullable(), status: z.enum(actionStatuses) })),
  reviews: z.array(z.object({ case: caseRef, dueOn: day.nullable() })),
  /**
   * Legal deadlines of reports (from `registeredOn`), and on a minor's case the mandatory report and the referral to the
   * child-protection service (`minorReportBy`, `minorReferralBy`, from the day the centre learnt of it: docs/minors.md) until recorded.
   */
  deadlines: z.array(z.object({ case: caseRef, kind: z.enum(['hearingBy', 'prosecutorBy', 'judgeBy', 'minorReportBy', 'minorReferralBy']), dueOn: day, registeredOn: day })),
  /** Risk re-assessments due (docs/risk.md): `interval` after the latest assessment, or at once after a risk `event` on the timeline. */
  reassessments: z.array(z.object({ case: caseRef, dueOn: day, reason: z.enum(['interval', 'event']) })),
  /** Safety plan reviews due (docs/safety-plan.md): the current plan's next review, until a new version is saved; `version` is the plan's. */
  safetyPlanReviews: z.array(z.object({ case: caseRef, dueOn: day, version: z.number().int() })),
  /** Reddito di libertà steps that have waited too long (docs/autonomy.md): the live application's `step`, due `REDDITO_LIBERTA_STEP_DAYS` after its last progress. */
  redditoSteps: z.array(z.object({ case: caseRef, dueOn: day, step: z.enum(redditoSteps) })),
  /**
   * Follow-up checks of a concluded autonomy project (docs/autonomy.md), 6, 12 and 24 months after its end, for the
   * organisation that coordinated it; `contactConsent` false: she gave no live consent to be contacted, the check can
   * only be closed as not consented.
   */
  followUps: z.array(z.object({ case: caseRef, dueOn: day, months: z.number().int(), followUpId: z.uuid(), projectId: z.uuid(), contactConsent: z.boolean() })),
  /** Dated reminders beyond what one answer shows (never cut silently). */
  omitted: z.number().int(),
  /** One page of the pathways with no contact for `staleDays`, the oldest contact first; `staleTotal` counts them all. */
  stale: z.array(z.object({ case: caseRef, lastContactAt: z.date() })),
  staleTotal: z.number().int(),
  stalePage: z.number().int(),
  stalePageSize: z.number().int(),
});

/**
 * The caseload filters the head's workload links to (each number is the
 * total of the caseload with these filters). `member`: a user on the team;
 * `unstaffed`: nobody of the owning organisation on the team; `overdue`:
 * an overdue action of the owning organisation, review or legal deadline,
 * or a minor's report or referral not recorded by its day;
 * `highRisk`: the case's level is elevato or imminente.
 */
export const workloadFilters = z.object({
  open: z.stringbool().optional(),
  emergency: z.stringbool().optional(),
  member: z.uuid().optional(),
  unstaffed: z.stringbool().optional(),
  overdue: z.stringbool().optional(),
  /** Final level of the latest assessment elevato or imminente. */
  highRisk: z.stringbool().optional(),
});
export type WorkloadFilters = z.infer<typeof workloadFilters>;

/** Counts only: the head's centre, never a woman's name or record. */
export const workloadOut = z.object({
  today: day,
  open: z.number().int(),
  emergencies: z.number().int(),
  highRisk: z.number().int(),
  unstaffed: z.number().int(),
  overdue: z.number().int(),
  /** Her staff who may hold cases, each with the open pathways whose team she is on. */
  staff: z.array(z.object({ userId: z.uuid(), displayName: z.string(), role: z.string(), open: z.number().int() })),
});
