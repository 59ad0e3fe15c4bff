import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { actionStatuses, goalStatuses, planActionTypes, planAreas } from '../../../shared/cases.js';
import { users } from '../../access/access.tables.js';
import { inList, organisations } from '../organisations/organisations.tables.js';
import { cases } from './cases.tables.js';

/**
 * The individual plan (progetto individualizzato): goals by area, actions
 * with an owner organisation and a due date, reviews with her agreement,
 * équipe meetings whose decisions become actions. Free text is sealed with
 * the owning organisation's key, like every note of a case.
 */
export const planGoals = pgTable(
  'plan_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    area: text('area').$type<(typeof planAreas)[number]>().notNull(),
    status: text('status').$type<(typeof goalStatuses)[number]>().notNull().default('aperto'),
    descriptionSealed: text('description_sealed'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_goals_case_idx').on(t.caseId),
    check('plan_goals_area_check', sql`${t.area} in (${inList(planAreas)})`),
    check('plan_goals_status_check', sql`${t.status} in (${inList(goalStatuses)})`),
  ],
);

export const planActions = pgTable(
  'plan_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => planGoals.id, { onDelete: 'cascade' }),
    type: text('type').$type<(typeof planActionTypes)[number]>().notNull(),
    ownerOrganisationId: uuid('owner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    dueOn: date('due_on'),
    status: text('status').$type<(typeof actionStatuses)[number]>().notNull().default('prevista'),
    descriptionSealed: text('description_sealed'),
    /** The équipe meeting that decided it, if any. */
    meetingId: uuid('meeting_id'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_actions_case_idx').on(t.caseId),
    index('plan_actions_due_idx').on(t.ownerOrganisationId, t.status, t.dueOn),
    // The list is closed on purpose: no mediation type can ever be stored.
    check('plan_actions_type_check', sql`${t.type} in (${inList(planActionTypes)})`),
    check('plan_actions_status_check', sql`${t.status} in (${inList(actionStatuses)})`),
  ],
);

export const planReviews = pgTable(
  'plan_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    on: date('on').notNull(),
    /** She agreed with the plan as reviewed (her will and timing come first); null: she was not asked. */
    herAgreement: boolean('her_agreement'),
    notesSealed: text('notes_sealed'),
    nextReviewOn: date('next_review_on'),
    byUserId: uuid('by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_reviews_case_idx').on(t.caseId, t.on)],
);

export const caseMeetings = pgTable(
  'case_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    on: date('on').notNull(),
    /** Participants who have an account; others are named in the sealed minutes. */
    participantUserIds: jsonb('participant_user_ids').$type<string[]>().notNull().default([]),
    minutesSealed: text('minutes_sealed'),
    byUserId: uuid('by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_meetings_case_idx').on(t.caseId, t.on)],
);
