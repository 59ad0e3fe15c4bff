import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { membershipRoles } from '../../shared/domain.js';
import { organisations } from '../modules/organisations/organisations.tables.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-case; unique. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Set for a temporary password (new account, reset): she must choose her own before anything else. */
    passwordChangeRequired: boolean('password_change_required').notNull().default(false),
    /** Instance administrators manage organisations and accounts, never case data. */
    isInstanceAdmin: boolean('is_instance_admin').notNull().default(false),
    /** Active TOTP secret, envelope-encrypted (platform/crypto, instance key). */
    totpSecret: text('totp_secret'),
    /** Secret offered during enrolment, until the first valid code confirms it. */
    totpPendingSecret: text('totp_pending_secret'),
    /** Last accepted TOTP time step: a code is accepted once. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username)],
);

/** A user's role inside an organisation. */
export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** One of `membershipRoles` (src/shared/domain.ts); checked by a constraint. */
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.organisationId] }),
    index('memberships_org_idx').on(t.organisationId),
    check('memberships_role_check', sql.raw(`role in (${membershipRoles.map((r) => `'${r}'`).join(', ')})`)),
  ],
);

/**
 * Server-side sessions. The cookie carries a random 256-bit id; the table
 * keeps only its HMAC, so a copy of the database gives no live session.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    mfaVerified: boolean('mfa_verified').notNull().default(false),
    csrfToken: text('csrf_token').notNull(),
    mfaFailures: bigint('mfa_failures', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId).where(sql`ended_at is null`)],
);

/**
 * API tokens for the helpline's own software (1522 routing lookups, call
 * records). A token acts as one account (a service account of the helpline
 * organisation) for the actions its policy rule opens to tokens. Only the
 * HMAC of the token is stored.
 */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  /** Every token ends: a forgotten one must not open the API for ever. */
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
