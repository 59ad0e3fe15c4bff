import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Rate limits shared by every server of an instance: nothing two servers
 * could disagree on lives in one process's memory. Keys are HMACs (the
 * limit's secret, platform/limits.keys.ts), never an address or an account
 * name as typed: a username field sometimes receives a password.
 */

/**
 * Sliding windows of failures (failed logins per account, login attempts
 * per address, failed second-factor codes): one row per counted attempt.
 * A key is blocked while it has `max` rows younger than its window.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Which limit: `login_account`, `login_address`, `mfa_account`. */
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** `at` plus the window: past it the row counts for nothing and is swept. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_key').on(t.bucket, t.key, t.at), index('rate_limit_hits_expiry').on(t.expiresAt)],
);

/**
 * Fixed windows of requests (the public area's limit per address and
 * route, @fastify/rate-limit's store): one row per key, its count and the
 * end of its window. UNLOGGED (migration 0023, which drizzle cannot
 * declare): a crash may forget a minute of counts, and a public request
 * does not wait for a WAL flush.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    /** The route and the HMAC of the address. */
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_counters_reset').on(t.resetAt)],
);
