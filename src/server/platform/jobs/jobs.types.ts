import type { z } from 'zod';
import type { Tx } from '../db.js';

/**
 * A job: a name, the shape of its payload, a handler, how it retries and,
 * for a recurring job, its schedule. Registered at app build time through
 * `Jobs.define` (modules do it; platform/ knows none of them).
 *
 * Rules a handler keeps:
 * - The payload carries ids only (uuids, dates, integers, booleans): the
 *   instance administrator sees payloads of dead jobs, and she never sees
 *   case data. `enqueue` refuses anything else.
 * - A handler may run more than once (a retry, a server that died after the
 *   work but before pg-boss heard of it). Its effects that must happen once —
 *   a notification — go through `run.once(tx, key)` in the same transaction
 *   as the effect.
 * - It throws to fail; the error's code (AppError) or class name is kept,
 *   never its message.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** Letters, digits, `_`, `-`, `.`; module prefix first: `directory.standards-nightly`. */
  name: string;
  payload: S;
  handler: (payload: z.output<S>, run: JobRun) => Promise<void>;
  /**
   * Retries after the first attempt (default 3), the first after
   * `delaySeconds` (default 60), then doubling with jitter (pg-boss's
   * backoff: attempt n waits between d·2ⁿ⁻¹ and d·2ⁿ). After the last one
   * the job is a dead letter.
   */
  retry?: { limit?: number; delaySeconds?: number };
  /**
   * An attempt that runs longer than this fails with the code `job_timeout`
   * (retried, or a dead letter after the last one). Default 900 (15 min,
   * pg-boss's); at most 23 hours. The attempt is not cancelled: its handler
   * may still finish, so what it does must be safe to do twice (`run.once`).
   */
  timeoutSeconds?: number;
  /**
   * A recurring job: a cron expression (minute hour day month weekday) read
   * in Europe/Rome, so `30 2 * * *` is 02:30 Italian time summer and winter.
   * An occurrence missed while no server ran is run once at the next start
   * (only the latest one). Each occurrence is enqueued once, keyed
   * `<cron occurrence>`, whatever the number of servers.
   */
  schedule?: { cron: string; payload: z.input<S> };
}

/** What a handler knows of the run it is in. */
export interface JobRun {
  /** pg-boss's job id. */
  id: string;
  name: string;
  /** The key it was enqueued with (for a scheduled job: the occurrence, ISO instant). */
  key: string | null;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * Claims an effect key in `tx`: true the first time (do the effect in the
   * same transaction), false ever after (it was done: skip it). Because the
   * key and the effect commit together, the effect happens exactly once.
   */
  once(tx: Tx, key: string): Promise<boolean>;
}

export interface EnqueueOptions {
  /** Run no earlier than this instant (default: now). */
  at?: Date;
  /**
   * Enqueue only once per key: a second enqueue with the same key is a no-op
   * that answers null, while the job waits and for JOB_KEYS_KEEP_DAYS after
   * (the nightly prune then forgets the key).
   */
  key?: string;
}

/** A job that failed its last attempt, as the instance administrator sees it. */
export interface DeadLetter {
  id: string;
  jobId: string;
  name: string;
  key: string | null;
  /** Ids only (see JobDefinition). */
  payload: Record<string, unknown>;
  attempts: number;
  error: string;
  failedAt: Date;
}

/** What `runDue` did. */
export interface RunReport {
  /** Attempts that succeeded. */
  completed: number;
  /** Attempts that threw (retried or dead). */
  failed: number;
}
