import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { type RedditoOutcome, type RedditoState, redditoOutcomes, redditoStates } from '../../../shared/autonomy.reddito.api.js';
import { users } from '../../access/access.tables.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { cases } from '../cases/cases.tables.js';
import { inList, organisations } from '../organisations/organisations.tables.js';

/**
 * The Reddito di libertà of a case (docs/autonomy.md, "Reddito di
 * libertà"): one row per application, `seq` 1, 2… per case; the live one
 * is the highest, the others its history. Nothing in it names her: dates,
 * the two organisations that signed the statements, INPS's outcome, months
 * and cents. The comune it was filed through is the case's own comune of
 * residence: not stored again. Read and written only through the cases'
 * choke point (the `plan` section).
 *
 * `version` runs on across the case's applications (a new one starts at
 * the previous version + 1), so an If-Match read on an earlier application
 * can never match the live one.
 */
export const redditoApplications = pgTable(
  'reddito_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** Derived from the fields on every write; stored for the counts and the reminders. */
    state: text('state').$type<RedditoState>().notNull().default('in_preparazione'),
    cavStatementOn: date('cav_statement_on'),
    cavOrganisationId: uuid('cav_organisation_id').references(() => organisations.id),
    socialStatementOn: date('social_statement_on'),
    socialOrganisationId: uuid('social_organisation_id').references(() => organisations.id),
    filedOn: date('filed_on'),
    outcome: text('outcome').$type<RedditoOutcome>(),
    outcomeOn: date('outcome_on'),
    monthsPaid: integer('months_paid').notNull().default(0),
    /** The configured amount and months on the day INPS granted it (null before): a later change of the law does not alter them. */
    monthlyCents: integer('monthly_cents'),
    monthsGranted: integer('months_granted'),
    /** The day it was opened (Europe/Rome): the first step's reminder runs from it. */
    openedOn: date('opened_on').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Two openings at once: the second breaks the key and gets a conflict, never two live applications.
    unique('reddito_applications_case_seq_key').on(t.caseId, t.seq),
    index('reddito_applications_state_idx').on(t.state),
    check('reddito_applications_state_check', sql`${t.state} in (${inList(redditoStates)})`),
    check('reddito_applications_outcome_check', sql`${t.outcome} is null or ${t.outcome} in (${inList(redditoOutcomes)})`),
    check('reddito_applications_months_check', sql`${t.monthsPaid} >= 0 and (${t.monthsPaid} = 0 or ${t.monthsPaid} <= ${t.monthsGranted})`),
    check('reddito_applications_granted_check', sql`(coalesce(${t.outcome}, '') = 'accolta') = (${t.monthlyCents} is not null and ${t.monthsGranted} is not null)`),
    check('reddito_applications_cents_check', sql`${t.monthlyCents} is null or ${t.monthlyCents} >= 0`),
  ],
);
