import { Cron } from 'croner';
import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db.js';
import { jobSchedules } from './jobs.tables.js';

/** Every schedule is read in the network's time zone, whatever the server's. */
export const SCHEDULE_TIME_ZONE = 'Europe/Rome';

/** Parses a cron expression (throws on a bad one: a programming error). */
export function parseCron(expression: string): Cron {
  return new Cron(expression, { timezone: SCHEDULE_TIME_ZONE, paused: true });
}

/** The latest occurrence at or before `now` (croner: DST-safe, a skipped 02:30 runs at 03:00, a repeated one once). */
export function latestOccurrence(cron: Cron, now: Date): Date | null {
  // previousRuns looks strictly before its reference; a run exactly at `now` is due.
  return cron.previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}

/**
 * Records a schedule at start. A new one starts at `now` (its first run is
 * its next occurrence); a changed expression starts over at `now` too; an
 * unchanged one keeps its last claimed occurrence, so an occurrence missed
 * while the servers were down still runs (once) at the next tick.
 */
export async function registerSchedule(db: Db, name: string, cron: string, now: Date): Promise<void> {
  await db
    .insert(jobSchedules)
    .values({ name, cron, lastOccurrence: now })
    .onConflictDoUpdate({
      target: jobSchedules.name,
      set: { cron, lastOccurrence: now, updatedAt: sql`now()` },
      setWhere: ne(jobSchedules.cron, cron),
    });
}

/**
 * Claims the occurrence due at `now`, if it is later than the last claimed
 * one. The conditional UPDATE is the whole protocol between servers: the
 * first to move the row forward enqueues, the others update nothing.
 * Answers the claimed occurrence, or null.
 */
export async function claimOccurrence(db: Db, name: string, cron: Cron, now: Date): Promise<Date | null> {
  const due = latestOccurrence(cron, now);
  if (!due) return null;
  const claimed = await db
    .update(jobSchedules)
    .set({ lastOccurrence: due, updatedAt: sql`now()` })
    .where(and(eq(jobSchedules.name, name), lt(jobSchedules.lastOccurrence, due)))
    .returning({ name: jobSchedules.name });
  return claimed.length ? due : null;
}
