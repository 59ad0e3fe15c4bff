import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { type ActivityKind, activityKinds, agreementKinds } from '../../../shared/autonomy.actions.api.js';
import { users } from '../../access/access.tables.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { cases } from '../cases/cases.tables.js';
import { inList, organisations } from '../organisations/organisations.tables.js';
import { autonomyProgrammes } from './autonomy.tables.js';

/**
 * A programme's group work (docs/autonomy.md, "Group work"): the
 * empowerment workshop (sessions, facilitators, participants referred by
 * several CAV, attendance), the training meetings for operators, and the
 * agreements signed with housing or work bodies. They feed the expected
 * results (`laboratorio_sessioni`, `laboratorio_partecipanti`,
 * `incontri_formativi`, `accordi`). A participant is a case: her
 * attendance is shown to her own team only (the cases' choke point), the
 * others count her.
 */
export const autonomyActivities = pgTable(
  'autonomy_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => autonomyProgrammes.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ActivityKind>().notNull(),
    title: text('title').notNull(),
    /** An agreement: the housing or work body, what kind, the day signed. */
    counterpart: text('counterpart'),
    agreementKind: text('agreement_kind').$type<(typeof agreementKinds)[number]>(),
    signedOn: date('signed_on'),
    /** A training meeting held in one day. */
    heldOn: date('held_on'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('autonomy_activities_programme_idx').on(t.programmeId, t.kind),
    check('autonomy_activities_kind_check', sql`${t.kind} in (${inList(activityKinds)})`),
    check('autonomy_activities_agreement_check', sql`(${t.kind} = 'accordo') = (${t.signedOn} is not null and ${t.counterpart} is not null and ${t.agreementKind} is not null)`),
  ],
);

/** A session of a group activity: its day and who led it (names of staff or organisations). */
export const autonomyActivitySessions = pgTable(
  'autonomy_activity_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => autonomyActivities.id, { onDelete: 'cascade' }),
    heldOn: date('held_on').notNull(),
    facilitators: jsonb('facilitators').$type<string[]>().notNull().default([]),
  },
  (t) => [index('autonomy_activity_sessions_activity_idx').on(t.activityId, t.heldOn)],
);

/** A woman taking part, by case; the organisation that referred her (her team). */
export const autonomyActivityParticipants = pgTable(
  'autonomy_activity_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => autonomyActivities.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    referringOrganisationId: uuid('referring_organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('autonomy_activity_participants_case_idx').on(t.activityId, t.caseId)],
);

/** Attendance: one row per participant and session attended. */
export const autonomyAttendance = pgTable(
  'autonomy_attendance',
  {
    participantId: uuid('participant_id')
      .notNull()
      .references(() => autonomyActivityParticipants.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => autonomyActivitySessions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.sessionId] }), index('autonomy_attendance_session_idx').on(t.sessionId)],
);
