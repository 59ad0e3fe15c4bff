import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Envelope encryption data keys: one AES-256 key per organisation (and one
 * for the instance, organisation_id null), stored wrapped by the master key.
 */
export const dataKeys = pgTable(
  'data_keys',
  {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Null: the instance's own key (e.g. for staff TOTP secrets). */
  organisationId: uuid('organisation_id'),
  /** AES-256-GCM of the data key under the master key: iv.tag.ciphertext (base64url). */
  wrappedKey: text('wrapped_key').notNull(),
  /** Fingerprint of the master key that wrapped it. */
  masterKeyId: text('master_key_id').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  rewrappedAt: timestamp('rewrapped_at', { withTimezone: true }),
  },
  // At most one active key per organisation (and one for the instance).
  (t) => [
    uniqueIndex('data_keys_one_active')
      .on(sql`coalesce(${t.organisationId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.active}`),
  ],
);

/**
 * One data key per case (envelope one level deeper: master key →
 * organisation key → case key → the case's data), stored wrapped by a data
 * key of the owning organisation. Destroying it (crypto-shredding) leaves the
 * row as a tombstone — no key, `shredded_at` set — so no new key is ever
 * made for an erased case.
 */
export const caseKeys = pgTable(
  'case_keys',
  {
    /** Named in each ciphertext sealed under it (`c1.<id>.…`). */
    id: uuid('id').primaryKey(),
    /** No foreign key: platform/ knows no module's tables (and the tombstone may outlive the case row). */
    caseId: uuid('case_id').notNull(),
    /** The organisation data key wrapping it; null once shredded. */
    organisationKeyId: uuid('organisation_key_id').references(() => dataKeys.id),
    /** AES-256-GCM of the case key under that organisation key; null once shredded. */
    wrappedKey: text('wrapped_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    rewrappedAt: timestamp('rewrapped_at', { withTimezone: true }),
    shreddedAt: timestamp('shredded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('case_keys_case_idx').on(t.caseId),
    index('case_keys_organisation_key_idx').on(t.organisationKeyId),
    check(
      'case_keys_shredded_check',
      sql`(${t.shreddedAt} is null and ${t.wrappedKey} is not null and ${t.organisationKeyId} is not null) or (${t.shreddedAt} is not null and ${t.wrappedKey} is null and ${t.organisationKeyId} is null)`,
    ),
  ],
);

/** Small instance-wide settings (e.g. whether the demo network is loaded). */
export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Idempotency keys of creating requests that a client may retry (a lost
 * answer on a bad line): the same key and body give back what the first
 * request created instead of creating it twice. Kept 24 hours.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    /** Method and route, e.g. `POST /api/cases`. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    resourceId: text('resource_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
