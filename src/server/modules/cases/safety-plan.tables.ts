import { date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../access/access.tables.js';
import { cases } from './cases.tables.js';

/**
 * The safety plan (piano di sicurezza): append-only, one row per version;
 * the case's current plan is its highest version, the earlier ones its
 * history. What she says in it (places, people, numbers, the code word,
 * her escape route, the checklists) is one value sealed with the case's
 * key; in the clear only what the network acts on: the dates and who
 * agreed it with her.
 */
export const safetyPlanVersions = pgTable(
  'safety_plan_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    contentSealed: text('content_sealed'),
    agreedOn: date('agreed_on'),
    agreedWithUserId: uuid('agreed_with_user_id').references(() => users.id),
    nextReviewOn: date('next_review_on'),
    savedBy: uuid('saved_by').references(() => users.id),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Two saves on the same version: the second breaks the key and gets a conflict, never a lost plan.
  (t) => [unique('safety_plan_versions_case_version_key').on(t.caseId, t.version), index('safety_plan_versions_review_idx').on(t.nextReviewOn)],
);
