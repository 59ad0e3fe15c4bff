import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { riskLevels, riskOccasions } from '../../../shared/cases.js';
import type { Instrument } from '../../../shared/risk/instrument.js';
import { users } from '../../access/access.tables.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { cases } from '../cases/cases.tables.js';
import { inList, networks, organisations } from '../organisations/organisations.tables.js';

/**
 * Risk assessment (issue 12, docs/risk.md). An instrument is versioned data
 * a network loads: its definition, checked by the shared engine's
 * `parseInstrument`, is stored as parsed (defaults filled in). A network
 * never changes a loaded version: it loads a new one and retires the old.
 */
export const riskInstruments = pgTable(
  'risk_instruments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    /** The instrument's own id (`trama-esempio`) and version, from the definition. */
    code: text('code').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Instrument>().notNull(),
    loadedBy: uuid('loaded_by').references(() => users.id),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [unique('risk_instruments_network_code_version_key').on(t.networkId, t.code, t.version)],
);

/**
 * The assessments of a case: append-only (no route changes or deletes one;
 * a new assessment is a new row). Answers and the judgement's reason exist
 * only sealed with the case key; score and levels are the server's own
 * computation with the shared engine. The instrument's code and version are
 * copied so the row says what was used even if the instrument is retired.
 */
export const riskAssessments = pgTable(
  'risk_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => riskInstruments.id),
    instrumentCode: text('instrument_code').notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    answersSealed: text('answers_sealed'),
    reasonSealed: text('reason_sealed'),
    /** Null under structured professional judgement. */
    score: doublePrecision('score'),
    computedLevel: text('computed_level').$type<(typeof riskLevels)[number]>(),
    judgementLevel: text('judgement_level').$type<(typeof riskLevels)[number]>(),
    finalLevel: text('final_level').$type<(typeof riskLevels)[number]>().notNull(),
    lowered: boolean('lowered').notNull().default(false),
    occasion: text('occasion').$type<(typeof riskOccasions)[number]>().notNull(),
    assessedOn: date('assessed_on').notNull(),
    assessorUserId: uuid('assessor_user_id').references(() => users.id),
    assessorOrganisationId: uuid('assessor_organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('risk_assessments_case_idx').on(t.caseId, t.assessedOn),
    check('risk_assessments_final_check', sql`${t.finalLevel} in (${inList(riskLevels)})`),
    check('risk_assessments_computed_check', sql`${t.computedLevel} is null or ${t.computedLevel} in (${inList(riskLevels)})`),
    check('risk_assessments_judgement_check', sql`${t.judgementLevel} is null or ${t.judgementLevel} in (${inList(riskLevels)})`),
    check('risk_assessments_occasion_check', sql`${t.occasion} in (${inList(riskOccasions)})`),
    /** Lowered only by a judgement with a reason (the service audits it too). */
    check('risk_assessments_lowered_check', sql`not ${t.lowered} or (${t.judgementLevel} is not null and ${t.reasonSealed} is not null)`),
  ],
);
