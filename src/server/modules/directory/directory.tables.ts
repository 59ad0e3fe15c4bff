import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { visibilities, type AccessibilityFeature, type Closure, type DirectoryService } from '../../../shared/directory.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { inList, networks, organisations } from '../organisations/organisations.tables.js';

/**
 * The ISTAT list of Italian comuni (reference/comuni.csv, CC BY 4.0, see
 * reference/README.md), loaded by a migration. `searchName` is the name (and
 * the name in the second language) lower-cased without accents, for
 * accent-insensitive autocomplete.
 */
export const comuni = pgTable(
  'comuni',
  {
    istatCode: text('istat_code').primaryKey(),
    name: text('name').notNull(),
    nameAlt: text('name_alt'),
    provinceCode: text('province_code').notNull(),
    provinceName: text('province_name').notNull(),
    provinceSigla: text('province_sigla').notNull(),
    regionCode: text('region_code').notNull(),
    regionName: text('region_name').notNull(),
    population: integer('population').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    cadastralCode: text('cadastral_code').notNull(),
    searchName: text('search_name').notNull(),
  },
  (t) => [index('comuni_search_idx').on(t.searchName)],
);

/**
 * The comuni a network covers. A comune belongs to one network at most; its
 * 1522 referent may be overridden here (else the network's referent).
 */
export const networkComuni = pgTable(
  'network_comuni',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    istatCode: text('istat_code')
      .notNull()
      .references(() => comuni.istatCode),
    referentSportelloId: uuid('referent_sportello_id').references(() => sportelli.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.istatCode] }), uniqueIndex('network_comuni_comune_key').on(t.istatCode)],
);

/**
 * A point of access (sportello) of an organisation. For a `secret` one the
 * address and coordinates exist only encrypted in `secretLocation` (the
 * organisation's data key): the plain columns stay empty, so no query,
 * export or log can carry them.
 */
export const sportelli = pgTable(
  'sportelli',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    externalId: text('external_id').unique(),
    name: text('name').notNull(),
    visibility: text('visibility').notNull().default('public'),
    address: text('address'),
    comuneCode: text('comune_code')
      .notNull()
      .references(() => comuni.istatCode),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** `{ address, lat, lon }` encrypted, for secret sportelli only. */
    secretLocation: text('secret_location'),
    phones: jsonb('phones').$type<string[]>().notNull().default([]),
    email: text('email'),
    /** The reserved number 1522 transfers calls to; never public. */
    transferPhone: text('transfer_phone'),
    /** In-person opening hours, OpenStreetMap `opening_hours` syntax. */
    openingHours: text('opening_hours'),
    /** Phone reachability, same syntax (falls back to the in-person hours). */
    phoneHours: text('phone_hours'),
    /** An emergency phone answered 24 hours a day. */
    h24: boolean('h24').notNull().default(false),
    closures: jsonb('closures').$type<Closure[]>().notNull().default([]),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    services: jsonb('services').$type<DirectoryService[]>().notNull().default([]),
    accessibility: jsonb('accessibility').$type<AccessibilityFeature[]>().notNull().default([]),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sportelli_org_idx').on(t.organisationId),
    index('sportelli_comune_idx').on(t.comuneCode),
    check('sportelli_visibility_check', sql`${t.visibility} in (${inList(visibilities)})`),
    check(
      'sportelli_secret_location_check',
      sql`${t.visibility} <> 'secret' or (${t.address} is null and ${t.lat} is null and ${t.lon} is null)`,
    ),
  ],
);

/**
 * Change history of the directory: who changed which fields of which entry,
 * when. Values of reserved fields are kept only as "changed" (`null`), and
 * secret locations never appear.
 */
export const directoryChanges = pgTable(
  'directory_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    /** 'import' or 'user'. */
    source: text('source').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    /** The organisation the entry belongs to (for scoping the history). */
    organisationId: uuid('organisation_id'),
    networkId: uuid('network_id'),
    /** 'create' | 'update' | 'delete'. */
    change: text('change').notNull(),
    fields: jsonb('fields').$type<{ field: string; from: unknown; to: unknown }[]>().notNull(),
  },
  (t) => [index('directory_changes_entity_idx').on(t.entityType, t.entityId), index('directory_changes_org_idx').on(t.organisationId)],
);

/**
 * One row, bumped by statement triggers on every change of the tables the
 * territory answer reads (migration 0005): a cache of that answer is valid
 * while the version it was built at is still the current one, in this
 * process or any other.
 */
export const directoryVersion = pgTable('directory_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
