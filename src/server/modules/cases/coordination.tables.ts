import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../access/access.tables.js';
import { organisations } from '../organisations/organisations.tables.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { referrals } from '../referrals/referrals.tables.js';
import { caseConsents, cases } from './cases.tables.js';

/**
 * Who coordinates a case's plan and team when it is not its owner
 * (docs/cases.md, "Coordination"): at most one row per case; no row, the
 * owning organisation coordinates. The row names the accepted referral it
 * rests on and that referral's consent: coordination holds only while that
 * consent is live (the choke point reads it so), and the consent's
 * revocation deletes the row in its own transaction.
 */
export const caseCoordination = pgTable('case_coordination', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id, { onDelete: 'cascade' }),
  /** The coordinating organisation: the accepted referral's recipient. */
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  referralId: uuid('referral_id')
    .notNull()
    .references(() => referrals.id, { onDelete: 'cascade' }),
  consentId: uuid('consent_id')
    .notNull()
    .references(() => caseConsents.id, { onDelete: 'cascade' }),
  since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  byUserId: uuid('by_user_id').references(() => users.id),
});
