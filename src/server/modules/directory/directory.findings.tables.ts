import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { organisations } from '../organisations/organisations.tables.js';

/**
 * The nightly minimum-standard check's standing findings: one row per CAV
 * below the standard, kept while it stays below (so the coordinator sees
 * since when), removed the night it meets it again. Flags are codes
 * (shared/directory.ts `StandardFlag`), never text.
 */
export const standardsFindings = pgTable('standards_findings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  flags: text('flags').array().notNull(),
  /** The Rome day of the first night it was found below the standard. */
  belowSince: date('below_since').notNull(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
});
