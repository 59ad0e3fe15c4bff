import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
