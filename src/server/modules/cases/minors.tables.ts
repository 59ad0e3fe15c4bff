import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../access/access.tables.js';
import { inList } from '../organisations/organisations.tables.js';
import { type HolderRelation, minorReportRecipients } from '../../../shared/minors.api.js';
import { cases } from './cases.tables.js';

/** What of a holder is in the clear: what the consent rule and the screens act on. Names and contacts are sealed. */
export interface HolderPlain {
  id: string;
  relation: HolderRelation;
  isAuthor: boolean;
  informed: boolean | null;
}

/**
 * The minor's pathway of a case whose subject is under 18 and herself a
 * victim (the `minor` section, docs/minors.md): one row per case. In the
 * clear, what the deadlines and the consent rule act on — her age on a
 * day, the day the centre learnt of it, the holders' relation and whether
 * each is the author, the days the report and the referral were made;
 * sealed with the case's key, the holders' names and contacts, who made
 * the report and its reference, the service and its reference, notes.
 */
export const caseMinors = pgTable(
  'case_minors',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id, { onDelete: 'cascade' }),
    age: smallint('age').notNull(),
    ageOn: date('age_on').notNull(),
    knownOn: date('known_on').notNull(),
    holders: jsonb('holders').$type<HolderPlain[]>().notNull().default([]),
    reportOn: date('report_on'),
    reportTo: text('report_to'),
    referralOn: date('referral_on'),
    detailsSealed: text('details_sealed'),
    /** Opened from a child recorded on her mother's case: that case (the link the other way is the child's `own_case_id`). */
    motherCaseId: uuid('mother_case_id').references(() => cases.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    savedBy: uuid('saved_by').references(() => users.id),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_minors_mother_idx').on(t.motherCaseId),
    check('case_minors_age_check', sql`${t.age} between 0 and 17`),
    check('case_minors_report_check', sql`(${t.reportOn} is null) = (${t.reportTo} is null) and (${t.reportTo} is null or ${t.reportTo} in (${inList(minorReportRecipients)}))`),
  ],
);
