import { addDays, formatISO, parseISO } from 'date-fns';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import type { JobRun } from '../../platform/jobs/index.js';
import { romeToday } from '../../platform/rome.js';
import { type CaseSection, type PlanArea, workHousingAreas } from '../../../shared/cases.js';
import type { NotificationKind } from '../../../shared/notifications.api.js';
import { notify } from '../notifications/index.js';
import { legalDeadlines } from './cases.present.js';
import { caseMembers, cases } from './cases.tables.js';
import { isOpen } from './caseload.filters.js';
import { planActions, planGoals, planReviews } from './plan.tables.js';
import { dueReassessments } from '../risk/index.js';
import { dueSafetyPlanReviews } from './safety-plan.due.js';
import { openMinorDeadlines } from './minors.service.js';
import { caseMinors } from './minors.tables.js';
import { dueFollowUps, dueRedditoSteps, projectReference } from '../autonomy/index.js';

/**
 * The morning reminders: what the home page lists, told once to the case
 * team as a notification on the day it falls due — a report's legal
 * deadline, a plan review, a plan action (to the organisation that owns
 * it), a risk re-assessment (docs/risk.md), a safety plan review (docs/safety-plan.md), and a pathway that has just gone the stale period without contact.
 *
 * A daily job (06:30 Europe/Rome). Each reminder names the case section it
 * tells of: it is raised only for members whose team grant holds that
 * section, and the centre shows it only while the choke point still grants
 * it. Each is raised once, ever (`run.once` on its case, item and day), so
 * a retried or doubly-run morning tells nobody twice; a morning missed while
 * no server ran is caught up within CATCH_UP_DAYS.
 */
export const REMINDERS_JOB = 'cases.reminders-daily';
const REMINDERS_CRON = '30 6 * * *';
/** A reminder still told this many days after its day, if the morning it was due did not run. */
const CATCH_UP_DAYS = 2;

interface Reminder {
  kind: NotificationKind;
  caseId: string;
  /** The case's organisation: its team members hold every section. */
  caseOrganisationId: string;
  /** Only members of this organisation hear of it (a plan action's owner); null: the whole team. */
  onlyOrganisationId: string | null;
  section: CaseSection;
  tab: 'profile' | 'plan' | 'timeline' | 'risk' | 'minor';
  params: Record<string, string>;
  /** Unique per reminder and day, for run.once. */
  key: string;
}

/** The deadlines as the notification's parameter codes. */
const deadlineCodes = { hearingBy: 'hearing', prosecutorBy: 'prosecutor', judgeBy: 'judge' } as const;

const shiftDay = (day: string, days: number) => formatISO(addDays(parseISO(day), days), { representation: 'date' });

/**
 * Every reminder due on `today` (or missed in the days before) on open
 * cases, across the instance: a system read with no principal, because it
 * raises notifications and shows nothing to anyone; who may read each is
 * decided per member below and again when she opens her centre.
 */
async function systemDueReminders(ctx: Pick<AppContext, 'config'>, tx: Tx, today: string, staleDays: number, reassessWeeks: number): Promise<Reminder[]> {
  const since = shiftDay(today, -CATCH_UP_DAYS);
  const ref = { caseId: cases.id, caseOrganisationId: cases.organisationId };
  const out: Reminder[] = [];

  const actions = await tx
    .select({ ...ref, id: planActions.id, type: planActions.type, dueOn: planActions.dueOn, owner: planActions.ownerOrganisationId, area: planGoals.area })
    .from(planActions)
    .innerJoin(cases, eq(cases.id, planActions.caseId))
    .innerJoin(planGoals, eq(planGoals.id, planActions.goalId))
    .where(and(isOpen, inArray(planActions.status, ['prevista', 'in_corso']), gte(planActions.dueOn, since), lte(planActions.dueOn, today)));
  for (const a of actions) {
    const section = workHousingAreas.includes(a.area as PlanArea) ? 'work_housing' : 'plan';
    out.push({ ...a, kind: 'action_due', onlyOrganisationId: a.owner, section, tab: 'plan', params: { type: a.type }, key: `action:${a.id}:${a.dueOn}` });
  }

  const latest = tx
    .selectDistinctOn([planReviews.caseId], { caseId: planReviews.caseId, nextReviewOn: planReviews.nextReviewOn })
    .from(planReviews)
    .orderBy(planReviews.caseId, sql`${planReviews.on} desc`, sql`${planReviews.createdAt} desc`)
    .as('latest');
  const reviews = await tx
    .select({ ...ref, dueOn: latest.nextReviewOn })
    .from(latest)
    .innerJoin(cases, eq(cases.id, latest.caseId))
    .where(and(isOpen, gte(latest.nextReviewOn, since), lte(latest.nextReviewOn, today)));
  for (const r of reviews) {
    out.push({ ...r, kind: 'review_due', onlyOrganisationId: null, section: 'plan', tab: 'plan', params: {}, key: `review:${r.caseId}:${r.dueOn}` });
  }

  const reported = await tx
    .select({ ...ref, profile: cases.profile })
    .from(cases)
    .where(and(isOpen, sql`jsonb_array_length(coalesce(${cases.profile}->'reports', '[]'::jsonb)) > 0`));
  for (const r of reported) {
    for (const d of legalDeadlines(r.profile)) {
      for (const deadline of ['hearingBy', 'prosecutorBy', 'judgeBy'] as const) {
        const dueOn = d[deadline];
        if (dueOn < since || dueOn > today) continue;
        const key = `deadline:${r.caseId}:${d.registeredOn}:${deadline}:${dueOn}`;
        out.push({ caseId: r.caseId, caseOrganisationId: r.caseOrganisationId, kind: 'deadline_due', onlyOrganisationId: null, section: 'profile', tab: 'profile', params: { deadline: deadlineCodes[deadline] }, key });
      }
    }
  }

  // A minor's case: the mandatory report and the referral to child protection, told on their day while not recorded (docs/minors.md).
  const minors = await tx
    .select({ ...ref, knownOn: caseMinors.knownOn, reportOn: caseMinors.reportOn, referralOn: caseMinors.referralOn })
    .from(caseMinors)
    .innerJoin(cases, eq(cases.id, caseMinors.caseId))
    .where(and(isOpen, sql`(${caseMinors.reportOn} is null or ${caseMinors.referralOn} is null)`));
  for (const m of minors) {
    for (const d of openMinorDeadlines(ctx, [m])) {
      if (d.dueOn < since || d.dueOn > today) continue;
      const deadline = d.kind === 'minorReportBy' ? 'minor_report' : 'minor_referral';
      out.push({ caseId: m.caseId, caseOrganisationId: m.caseOrganisationId, kind: 'deadline_due', onlyOrganisationId: null, section: 'minor', tab: 'minor', params: { deadline }, key: `minor:${m.caseId}:${deadline}:${d.dueOn}` });
    }
  }

  for (const r of await dueReassessments(tx, reassessWeeks, { since, until: today })) {
    out.push({ caseId: r.caseId, caseOrganisationId: r.organisationId, kind: 'reassessment_due', onlyOrganisationId: null, section: 'risk', tab: 'risk', params: { reason: r.reason }, key: `reassessment:${r.caseId}:${r.dueOn}` });
  }

  // The current safety plan's review, once per case and day: a new version keeping the date is not told again (docs/safety-plan.md).
  for (const r of await dueSafetyPlanReviews(tx, { since, until: today })) {
    out.push({ caseId: r.caseId, caseOrganisationId: r.organisationId, kind: 'safety_plan_review_due', onlyOrganisationId: null, section: 'risk', tab: 'risk', params: {}, key: `safety_plan_review:${r.caseId}:${r.dueOn}` });
  }

  // A Reddito di libertà step that has waited too long, once per case, step and day (docs/autonomy.md).
  for (const r of await dueRedditoSteps(tx, ctx.config.reddito.stepDays, { since, until: today })) {
    out.push({ caseId: r.caseId, caseOrganisationId: r.organisationId, kind: 'reddito_step_due', onlyOrganisationId: null, section: 'plan', tab: 'plan', params: { step: r.step }, key: `reddito:${r.applicationId}:${r.step}:${r.dueOn}` });
  }

  // A follow-up check of a concluded autonomy project, once, to the team of the organisation that coordinated it (docs/autonomy.md).
  for (const f of await dueFollowUps(tx, { since, until: today })) {
    const params = { months: String(f.months), projectReference: projectReference(f.projectId) };
    out.push({ caseId: f.caseId, caseOrganisationId: f.organisationId, kind: 'autonomy_follow_up_due', onlyOrganisationId: f.referringOrganisationId, section: 'plan', tab: 'plan', params, key: `follow_up:${f.followUpId}` });
  }

  // Stale from the day the last contact (or the opening) is `staleDays` old, Italian calendar days.
  const contactDay = sql<string>`to_char((coalesce(${cases.lastContactAt}, ${cases.createdAt}) at time zone 'Europe/Rome')::date, 'YYYY-MM-DD')`;
  const stale = await tx
    .select({ ...ref, contactDay })
    .from(cases)
    .where(and(isOpen, sql`${contactDay} between ${shiftDay(since, -staleDays)} and ${shiftDay(today, -staleDays)}`));
  for (const s of stale) {
    out.push({ ...s, kind: 'pathway_stale', onlyOrganisationId: null, section: 'timeline', tab: 'timeline', params: { days: String(staleDays) }, key: `stale:${s.caseId}:${s.contactDay}` });
  }
  return out;
}

/** Tells each reminder once to the team members who hold its section, grouped by the organisation they act for. */
async function raise(tx: Tx, run: JobRun, reminders: readonly Reminder[]): Promise<number> {
  if (!reminders.length) return 0;
  const members = await tx
    .select({ caseId: caseMembers.caseId, userId: caseMembers.userId, organisationId: caseMembers.organisationId, sections: caseMembers.sections })
    .from(caseMembers)
    .where(inArray(caseMembers.caseId, [...new Set(reminders.map((r) => r.caseId))]));
  let raised = 0;
  for (const r of reminders) {
    if (!(await run.once(tx, `reminder:${r.key}`))) continue;
    const told = members.filter(
      (m) =>
        m.caseId === r.caseId &&
        (r.onlyOrganisationId === null || m.organisationId === r.onlyOrganisationId) &&
        // The case's own organisation holds every section; a partner only what her share grants.
        (m.organisationId === r.caseOrganisationId || m.sections.includes(r.section)),
    );
    for (const organisationId of new Set(told.map((m) => m.organisationId))) {
      const people = told.filter((m) => m.organisationId === organisationId).map((m) => m.userId);
      const target = { type: 'case' as const, caseId: r.caseId, tab: r.tab, section: r.section };
      raised += (await notify(tx, { recipients: { people, organisationId }, kind: r.kind, params: r.params, target })).length;
    }
  }
  return raised;
}

/** Registers the morning reminders with the jobs platform (app build time). */
export function defineReminderJobs(ctx: AppContext): void {
  ctx.jobs.define({
    name: REMINDERS_JOB,
    payload: z.object({}),
    schedule: { cron: REMINDERS_CRON, payload: {} },
    retry: { limit: 3, delaySeconds: 300 },
    handler: async (_payload, run) => {
      // The morning it stands for (its key), not the moment a retry happens to run.
      const today = romeToday(run.key ? new Date(run.key) : new Date());
      const raised = await ctx.database.db.transaction(async (tx) => raise(tx, run, await systemDueReminders(ctx, tx, today, ctx.config.caseStaleDays, ctx.config.riskReassessWeeks)));
      ctx.log.info({ job: REMINDERS_JOB, raised }, 'morning reminders raised');
    },
  });
}
