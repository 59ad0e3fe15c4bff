import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisationTypes } from '../../../shared/domain.js';
import { alboStatuses } from '../../../shared/directory.js';

/** SQL list of literal codes for a check constraint (codes are our own constants, never input). */
export const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const networks = pgTable('networks', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** Identifier in an imported directory file (idempotent re-import). */
  externalId: text('external_id').unique(),
  /** The sportello 1522 transfers to for the network's comuni (overridable per comune). */
  referentSportelloId: uuid('referent_sportello_id'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique(),
    /** One of `organisationTypes` (src/shared/domain.ts); checked by a constraint. */
    type: text('type').notNull(),
    externalId: text('external_id').unique(),
    legalName: text('legal_name'),
    /** Regional register status, one of `alboStatuses`, and the date of that status. */
    alboStatus: text('albo_status'),
    alboDate: date('albo_date'),
    email: text('email'),
    phone: text('phone'),
    website: text('website'),
    services: jsonb('services').$type<string[]>().notNull().default([]),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    accessibility: jsonb('accessibility').$type<string[]>().notNull().default([]),
    /** Minimum standard (Intesa 2022): the phone line is linked with the emergency rooms / the police; staff in contact with women are women only. Null: not declared. */
    lineLinkedEmergencyRoom: boolean('line_linked_emergency_room'),
    lineLinkedPolice: boolean('line_linked_police'),
    womenOnlyStaff: boolean('women_only_staff'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('organisations_type_check', sql`${t.type} in (${inList(organisationTypes)})`),
    check('organisations_albo_check', sql`${t.alboStatus} is null or ${t.alboStatus} in (${inList(alboStatuses)})`),
  ],
);

/** An organisation can belong to several networks; one of them leads it (capofila). */
export const networkMembers = pgTable(
  'network_members',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    isCapofila: boolean('is_capofila').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.networkId, t.organisationId] }),
    index('network_members_org_idx').on(t.organisationId),
  ],
);
