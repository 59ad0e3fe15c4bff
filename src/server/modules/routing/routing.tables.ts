import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { callOutcomes } from '../../../shared/directory.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { inList, networks, organisations } from '../organisations/organisations.tables.js';
import { comuni, sportelli } from '../directory/directory.tables.js';

/**
 * Calls handled by the 1522 helpline: time, territory, outcome, language.
 * Never a personal datum: no number, no name, no note.
 */
export const callLog = pgTable(
  'call_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    operatorUserId: uuid('operator_user_id'),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    comuneCode: text('comune_code')
      .notNull()
      .references(() => comuni.istatCode),
    /** The network covering the comune when the call was handled (null: none). */
    networkId: uuid('network_id').references(() => networks.id, { onDelete: 'set null' }),
    sportelloId: uuid('sportello_id').references(() => sportelli.id, { onDelete: 'set null' }),
    outcome: text('outcome').notNull(),
    /** ISO 639-1 code of the language of the call. */
    language: text('language').notNull(),
  },
  (t) => [
    index('call_log_at_idx').on(t.at),
    index('call_log_network_idx').on(t.networkId, t.at),
    check('call_log_outcome_check', sql`${t.outcome} in (${inList(callOutcomes)})`),
  ],
);
