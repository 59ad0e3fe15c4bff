import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  type ActionFamily,
  type ActionKind,
  type ActionOutcome,
  type ActionStatus,
  type ExpenseState,
  type FollowUpState,
  type IntakeRefusalReason,
  type IntakeState,
  type PartnerRole,
  type ProgrammeState,
  type ProjectMove,
  type ProjectMoveReason,
  type ProjectState,
  type ResultMeasure,
  actionFamilies,
  actionStatuses,
  expenseStates,
  followUpStates,
  intakeStates,
  partnerRoles,
  programmeStates,
  projectMoves,
  projectStates,
  resultMeasures,
} from '../../../shared/autonomy.js';
import type { ProgrammeFrame } from '../../../shared/autonomy.api.js';
import { users } from '../../access/access.tables.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { caseDocuments, cases } from '../cases/cases.tables.js';
import { inList, networks, organisations } from '../organisations/organisations.tables.js';

/**
 * Autonomy (issue 14, docs/autonomy.md): funded programmes and the
 * personalised projects they pay for. A programme names no woman; a
 * project belongs to a case and is read only through the autonomy access
 * decision, which takes the cases' choke point for the team's side
 * (autonomy.access.ts). What could identify her — the project's goals,
 * her new address, her employer, a tirocinio's host — is sealed under the
 * case key (`*_sealed`), so a shredded case takes it along; amounts,
 * dates, codes and states stay plain for caps, counts and reports.
 *
 * Money is integer euro cents everywhere (`*_cents`), checked non-negative.
 */

/** A funded programme (e.g. "L.I.A. 2 Integrazione", D.G.R. 6299/2022), run by a network's capofila. */
export const autonomyProgrammes = pgTable(
  'autonomy_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    /** The organisation that runs it, approves spending and reports to the Region. */
    capofilaOrganisationId: uuid('capofila_organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    acronym: text('acronym'),
    /** The decree or resolution that funds it ("D.G.R. n. 6299 del 26/04/2022"). */
    decreeRef: text('decree_ref'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    totalCents: integer('total_cents').notNull(),
    /** Areas, axes, priorities, expense categories and caps (validated by `programmeFrame`; codes referenced below). */
    frame: jsonb('frame').$type<ProgrammeFrame>().notNull(),
    state: text('state').$type<ProgrammeState>().notNull().default('bozza'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('autonomy_programmes_network_idx').on(t.networkId),
    check('autonomy_programmes_state_check', sql`${t.state} in (${inList(programmeStates)})`),
    check('autonomy_programmes_dates_check', sql`${t.endsOn} >= ${t.startsOn}`),
    check('autonomy_programmes_total_check', sql`${t.totalCents} >= 0`),
  ],
);

/** The organisations that manage a share of the programme (the capofila is one, role `capofila`). */
export const autonomyPartners = pgTable(
  'autonomy_partners',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => autonomyProgrammes.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role').$type<PartnerRole>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.organisationId] }),
    index('autonomy_partners_organisation_idx').on(t.organisationId),
    check('autonomy_partners_role_check', sql`${t.role} in (${inList(partnerRoles)})`),
  ],
);

/**
 * The budget split per axis and per partner (the axis is a code of the
 * frame). An expense takes this row `for update`: a partner's share of an
 * axis is never overspent, whatever runs at the same time.
 */
export const autonomyBudgets = pgTable(
  'autonomy_budgets',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => autonomyProgrammes.id, { onDelete: 'cascade' }),
    axisCode: text('axis_code').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.axisCode, t.organisationId] }), check('autonomy_budgets_amount_check', sql`${t.amountCents} >= 0`)],
);

/** An expected result with its target; the actual value is counted from the data (`measure`) or entered (`manuale`). */
export const autonomyResults = pgTable(
  'autonomy_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => autonomyProgrammes.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    measure: text('measure').$type<ResultMeasure>().notNull(),
    target: integer('target').notNull(),
    /** Entered by the coordinator, for `manuale` only. */
    manualActual: integer('manual_actual'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('autonomy_results_programme_idx').on(t.programmeId),
    check('autonomy_results_measure_check', sql`${t.measure} in (${inList(resultMeasures)})`),
    check('autonomy_results_target_check', sql`${t.target} >= 0`),
  ],
);

/**
 * An équipe multidisciplinare territoriale (one per ambito): receives the
 * referrals, decides who enters, validates the projects. Its members are
 * organisations (CAV, social service, SIL, CPI); their heads, operators and
 * social workers act for it.
 */
export const autonomyEquipes = pgTable(
  'autonomy_equipes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => autonomyProgrammes.id, { onDelete: 'cascade' }),
    /** The ambito it serves ("Ambito di Cremona"). */
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('autonomy_equipes_name_idx').on(t.programmeId, t.name)],
);

export const autonomyEquipeMembers = pgTable(
  'autonomy_equipe_members',
  {
    equipeId: uuid('equipe_id')
      .notNull()
      .references(() => autonomyEquipes.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.equipeId, t.organisationId] }), index('autonomy_equipe_members_organisation_idx').on(t.organisationId)],
);

/** A woman referred to a programme's équipe, and its decision (counted, with the reason when she is not admitted). */
export const autonomyIntakes = pgTable(
  'autonomy_intakes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => autonomyProgrammes.id),
    equipeId: uuid('equipe_id')
      .notNull()
      .references(() => autonomyEquipes.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** Who referred her (a CAV, a social service): it coordinates the micro-équipe and the project. */
    referringOrganisationId: uuid('referring_organisation_id')
      .notNull()
      .references(() => organisations.id),
    state: text('state').$type<IntakeState>().notNull().default('segnalata'),
    refusalReason: text('refusal_reason').$type<IntakeRefusalReason>(),
    /** Why she is referred and the équipe's reasoning, sealed under the case key. */
    noteSealed: text('note_sealed'),
    referredAt: timestamp('referred_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('autonomy_intakes_programme_idx').on(t.programmeId, t.state),
    index('autonomy_intakes_case_idx').on(t.caseId),
    // One live referral of a case to a programme at a time.
    uniqueIndex('autonomy_intakes_live_idx').on(t.programmeId, t.caseId).where(sql`${t.state} in ('segnalata', 'ammessa')`),
    check('autonomy_intakes_state_check', sql`${t.state} in (${inList(intakeStates)})`),
    check('autonomy_intakes_reason_check', sql`(${t.state} = 'non_ammessa') = (${t.refusalReason} is not null)`),
  ],
);

/**
 * A personalised autonomy project: part of the case's individual plan,
 * paid by a programme. Areas are codes of the programme's frame; the
 * referring organisation coordinates it (its micro-équipe writes it).
 */
export const autonomyProjects = pgTable(
  'autonomy_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => autonomyProgrammes.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    intakeId: uuid('intake_id').references(() => autonomyIntakes.id),
    equipeId: uuid('equipe_id')
      .notNull()
      .references(() => autonomyEquipes.id),
    referringOrganisationId: uuid('referring_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Area codes of the frame ("lavoro", "abitare"). */
    areas: jsonb('areas').$type<string[]>().notNull(),
    /** `{ goals, notes? }`, sealed under the case key. */
    contentSealed: text('content_sealed'),
    state: text('state').$type<ProjectState>().notNull().default('bozza'),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('autonomy_projects_programme_idx').on(t.programmeId, t.state),
    index('autonomy_projects_case_idx').on(t.caseId),
    check('autonomy_projects_state_check', sql`${t.state} in (${inList(projectStates)})`),
  ],
);

/** The planned budget per expense category (a code of the frame); planned amounts respect the caps too. */
export const autonomyProjectBudgets = pgTable(
  'autonomy_project_budgets',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => autonomyProjects.id, { onDelete: 'cascade' }),
    categoryCode: text('category_code').notNull(),
    plannedCents: integer('planned_cents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.categoryCode] }), check('autonomy_project_budgets_amount_check', sql`${t.plannedCents} >= 0`)],
);

/** The approval history: every move, by whom, for which organisation, when, and why when it is sent back or interrupted. */
export const autonomyProjectSteps = pgTable(
  'autonomy_project_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => autonomyProjects.id, { onDelete: 'cascade' }),
    move: text('move').$type<ProjectMove>().notNull(),
    fromState: text('from_state').$type<ProjectState>().notNull(),
    toState: text('to_state').$type<ProjectState>().notNull(),
    reason: text('reason').$type<ProjectMoveReason>(),
    /** A free comment, sealed under the case key. */
    commentSealed: text('comment_sealed'),
    byUserId: uuid('by_user_id').references(() => users.id),
    byOrganisationId: uuid('by_organisation_id')
      .notNull()
      .references(() => organisations.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('autonomy_project_steps_project_idx').on(t.projectId, t.at), check('autonomy_project_steps_move_check', sql`${t.move} in (${inList(projectMoves)})`)],
);

/**
 * A work, housing, conciliation or economic action of a project. The
 * kind's details (a tirocinio's host, hours and allowance; a course's
 * provider; a new address; an employer) are sealed; the family, status,
 * dates and cost stay plain for the sections, counts and follow-ups.
 */
export const autonomyActions = pgTable(
  'autonomy_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => autonomyProjects.id, { onDelete: 'cascade' }),
    family: text('family').$type<ActionFamily>().notNull(),
    kind: text('kind').$type<ActionKind>().notNull(),
    status: text('status').$type<ActionStatus>().notNull().default('prevista'),
    outcome: text('outcome').$type<ActionOutcome>(),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    /** What it costs the programme, if anything (the expenses record what is actually committed and paid). */
    costCents: integer('cost_cents'),
    detailsSealed: text('details_sealed'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('autonomy_actions_project_idx').on(t.projectId),
    check('autonomy_actions_family_check', sql`${t.family} in (${inList(actionFamilies)})`),
    check('autonomy_actions_status_check', sql`${t.status} in (${inList(actionStatuses)})`),
    check('autonomy_actions_cost_check', sql`${t.costCents} is null or ${t.costCents} >= 0`),
  ],
);

/**
 * An expense of a project: category (and its axis, copied from the frame),
 * the partner whose share pays, amount, dates, the receipt (a case
 * document). Written only inside a transaction that holds the project row
 * and the partner's axis budget row `for update` and checks every cap the
 * category falls under (autonomy docs, "Caps").
 */
export const autonomyExpenses = pgTable(
  'autonomy_expenses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => autonomyProjects.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => autonomyProgrammes.id),
    axisCode: text('axis_code').notNull(),
    categoryCode: text('category_code').notNull(),
    partnerOrganisationId: uuid('partner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    amountCents: integer('amount_cents').notNull(),
    state: text('state').$type<ExpenseState>().notNull().default('impegnata'),
    committedOn: date('committed_on').notNull(),
    paidOn: date('paid_on'),
    documentId: uuid('document_id').references(() => caseDocuments.id),
    /** What it was for, sealed under the case key (it may name a landlord, a school). */
    noteSealed: text('note_sealed'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('autonomy_expenses_project_idx').on(t.projectId),
    index('autonomy_expenses_programme_idx').on(t.programmeId, t.partnerOrganisationId, t.axisCode),
    check('autonomy_expenses_amount_check', sql`${t.amountCents} > 0`),
    check('autonomy_expenses_state_check', sql`${t.state} in (${inList(expenseStates)})`),
    check('autonomy_expenses_paid_check', sql`(${t.state} = 'pagata') = (${t.paidOn} is not null)`),
  ],
);

/** Follow-up checks of work and housing at 6, 12 and 24 months after a project ends (tasks of the referring organisation). */
export const autonomyFollowUps = pgTable(
  'autonomy_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => autonomyProjects.id, { onDelete: 'cascade' }),
    months: integer('months').notNull(),
    dueOn: date('due_on').notNull(),
    state: text('state').$type<FollowUpState>().notNull().default('da_fare'),
    workStatus: text('work_status'),
    housingStatus: text('housing_status'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('autonomy_follow_ups_project_months_idx').on(t.projectId, t.months),
    index('autonomy_follow_ups_due_idx').on(t.dueOn).where(sql`${t.state} = 'da_fare'`),
    check('autonomy_follow_ups_months_check', sql`${t.months} in (6, 12, 24)`),
    check('autonomy_follow_ups_state_check', sql`${t.state} in (${inList(followUpStates)})`),
  ],
);
