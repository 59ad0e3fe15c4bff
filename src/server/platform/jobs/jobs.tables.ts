import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The jobs platform's own rows, beside pg-boss's schema (`pgboss`, which
 * pg-boss creates and migrates itself). pg-boss carries the queue; these
 * carry what must outlive its retention: schedules, keys and dead letters.
 */

/**
 * One row per recurring job: the last cron occurrence claimed. A server
 * claims an occurrence by moving `last_occurrence` forward with a
 * conditional UPDATE, so on several servers exactly one enqueues it.
 */
export const jobSchedules = pgTable('job_schedules', {
  name: text('name').primaryKey(),
  cron: text('cron').notNull(),
  lastOccurrence: timestamp('last_occurrence', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Keys used once: `enqueue:<job>:<key>` (a job enqueued once per key) and
 * `effect:<key>` (an effect — a notification — done once however often its
 * job runs). Kept JOB_KEYS_KEEP_DAYS (30) days, far past any retry or
 * catch-up, then deleted by the nightly prune (`Jobs.pruneKeys`) — except
 * the enqueue key of a job still waiting in the queue.
 */
export const jobKeys = pgTable('job_keys', {
  key: text('key').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Jobs that failed their last attempt, for the instance administrator. The
 * payload holds ids only (enforced when a job is enqueued); the error is a
 * code or an error class name, never a message (a message may quote data).
 */
export const jobDeadLetters = pgTable(
  'job_dead_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jobId: text('job_id').notNull(),
    name: text('name').notNull(),
    key: text('key'),
    payload: jsonb('payload').notNull(),
    attempts: integer('attempts').notNull(),
    error: text('error').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('job_dead_letters_failed_at').on(t.failedAt)],
);
