import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import {
  type ApplicationOutcome,
  type ApplicationRefusalReason,
  type CofinancingKind,
  type FundsExpenseCategory,
  type PlanState,
  type ReportState,
  applicationOutcomes,
  applicationRefusalReasons,
  cofinancingKinds,
  fundsExpenseCategories,
  planStates,
  reportStates,
} from '../../../shared/autonomy.funds.api.js';
import { users } from '../../access/access.tables.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { inList, networks, organisations } from '../organisations/organisations.tables.js';

/**
 * The capofila's regional funds (docs/autonomy.md, "Regional funds"). One
 * row per network and year: the regional contribution, the call and the
 * allocation plan's state. Every write that moves money holds this row
 * `for update` first, so the 10 % rule and the plan's total are checked
 * against figures no one else changes meanwhile. No personal data.
 */
export const fundsYears = pgTable(
  'funds_years',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** The network's ente capofila when the year was opened. */
    capofilaOrganisationId: uuid('capofila_organisation_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    contributionCents: integer('contribution_cents').notNull().default(0),
    callOpensOn: date('call_opens_on'),
    callClosesOn: date('call_closes_on'),
    callReference: text('call_reference'),
    planState: text('plan_state').$type<PlanState>().notNull().default('bozza'),
    planSharedOn: date('plan_shared_on'),
    planSentOn: date('plan_sent_on'),
    planProtocol: text('plan_protocol'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('funds_years_network_year_key').on(t.networkId, t.year),
    check('funds_years_contribution_check', sql`${t.contributionCents} >= 0`),
    check('funds_years_plan_state_check', sql`${t.planState} in (${inList(planStates)})`),
    check('funds_years_call_dates_check', sql`${t.callOpensOn} is null or ${t.callClosesOn} is null or ${t.callClosesOn} >= ${t.callOpensOn}`),
  ],
);

/** Co-financing: money, or staff and premises valued at a stated amount. */
export const fundsCofinancing = pgTable(
  'funds_cofinancing',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    yearId: uuid('year_id')
      .notNull()
      .references(() => fundsYears.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<CofinancingKind>().notNull(),
    description: text('description').notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    amountCents: integer('amount_cents').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('funds_cofinancing_year_idx').on(t.yearId),
    check('funds_cofinancing_kind_check', sql`${t.kind} in (${inList(cofinancingKinds)})`),
    check('funds_cofinancing_amount_check', sql`${t.amountCents} > 0`),
  ],
);

/** The capofila's governance costs: at most 10 % of the regional contribution (rule 8), checked with the year row held. */
export const fundsGovernanceCosts = pgTable(
  'funds_governance_costs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    yearId: uuid('year_id')
      .notNull()
      .references(() => fundsYears.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    amountCents: integer('amount_cents').notNull(),
    incurredOn: date('incurred_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funds_governance_costs_year_idx').on(t.yearId), check('funds_governance_costs_amount_check', sql`${t.amountCents} > 0`)],
);

/** An organisation's application to the year's call, and its review (istruttoria). */
export const fundsApplications = pgTable(
  'funds_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    yearId: uuid('year_id')
      .notNull()
      .references(() => fundsYears.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    requestedCents: integer('requested_cents').notNull(),
    submittedOn: date('submitted_on').notNull(),
    outcome: text('outcome').$type<ApplicationOutcome>(),
    reason: text('reason').$type<ApplicationRefusalReason>(),
    proposedCents: integer('proposed_cents'),
    reviewedOn: date('reviewed_on'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('funds_applications_year_org_key').on(t.yearId, t.organisationId),
    check('funds_applications_outcome_check', sql`${t.outcome} is null or ${t.outcome} in (${inList(applicationOutcomes)})`),
    check('funds_applications_reason_check', sql`${t.reason} is null or ${t.reason} in (${inList(applicationRefusalReasons)})`),
    check('funds_applications_amounts_check', sql`${t.requestedCents} > 0 and (${t.proposedCents} is null or ${t.proposedCents} >= 0)`),
  ],
);

/** A line of the allocation plan: an organisation registered in the Albo, its amount, and its rendicontazione's state. */
export const fundsAllocations = pgTable(
  'funds_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    yearId: uuid('year_id')
      .notNull()
      .references(() => fundsYears.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    amountCents: integer('amount_cents').notNull(),
    reportState: text('report_state').$type<ReportState>().notNull().default('non_avviata'),
    submittedOn: date('submitted_on'),
    verifiedOn: date('verified_on'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('funds_allocations_year_org_key').on(t.yearId, t.organisationId),
    check('funds_allocations_amount_check', sql`${t.amountCents} > 0`),
    check('funds_allocations_report_state_check', sql`${t.reportState} in (${inList(reportStates)})`),
  ],
);

/** An expense of a partner's rendicontazione against its allocation (never over it: checked with the allocation row held). */
export const fundsExpenses = pgTable(
  'funds_expenses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allocationId: uuid('allocation_id')
      .notNull()
      .references(() => fundsAllocations.id, { onDelete: 'cascade' }),
    category: text('category').$type<FundsExpenseCategory>().notNull(),
    description: text('description'),
    amountCents: integer('amount_cents').notNull(),
    spentOn: date('spent_on').notNull(),
    documentRef: text('document_ref').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('funds_expenses_allocation_idx').on(t.allocationId),
    check('funds_expenses_category_check', sql`${t.category} in (${inList(fundsExpenseCategories)})`),
    check('funds_expenses_amount_check', sql`${t.amountCents} > 0`),
  ],
);
