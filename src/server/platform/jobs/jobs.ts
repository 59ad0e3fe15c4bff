import PgBoss from 'pg-boss';
import type { Cron } from 'croner';
import { desc, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Database, type Db, type SqlExecutor, type Tx, pgCode, sqlExecutor } from '../db.js';
import { assertIdsOnly, assertJobKey, assertJobName, errorCode } from './jobs.payload.js';
import { claimOccurrence, parseCron, registerSchedule } from './jobs.schedule.js';
import { jobDeadLetters, jobKeys } from './jobs.tables.js';
import type { DeadLetter, EnqueueOptions, JobDefinition, JobRun, RunReport } from './jobs.types.js';

/** pg-boss's schema, beside Trama's tables (pg-boss creates and migrates it). */
const BOSS_SCHEMA = 'pgboss';
/** How long an attempt may run unless its job says otherwise (pg-boss's own default). */
const DEFAULT_TIMEOUT_SECONDS = 15 * 60;
/**
 * What pg-boss keeps of finished jobs, set here rather than left to its
 * defaults. Its maintenance (every 2 minutes, on servers whose workers run)
 * moves a completed job to its archive after 12 hours, a failed one after 7
 * days (our dead letters keep what matters of it, for good), and deletes the
 * archive's rows after 7 days; a job still waiting 30 days after it was due
 * (no server ran it) is archived unrun. So its tables hold about a week of
 * jobs, whose payloads are ids only. Trama never deletes pg-boss's rows itself.
 */
export const BOSS_RETENTION = {
  archiveCompletedAfterSeconds: 12 * 3600,
  archiveFailedAfterSeconds: 7 * 24 * 3600,
  deleteAfterDays: 7,
  retentionDays: 30,
} as const;
/** A queued job waits this long after its time for a server to run it (each queue's `retentionMinutes`). */
const WAITING_MINUTES = BOSS_RETENTION.retentionDays * 24 * 60;

/** The advisory lock under which failures pg-boss recorded alone become dead letters. */
const DEAD_LETTER_LOCK = 7_363_040;
/** How often each server looks for a due schedule occurrence (cron has minutes). */
const SCHEDULE_TICK_MS = 30_000;

export interface JobsOptions {
  log: Logger;
  /** Poll and run jobs (servers). Off in tests, which call `runDue` instead. */
  workers: boolean;
  /** Seconds between two polls of one queue by a worker. */
  pollSeconds: number;
  /** The time (tests give a fixed one); default the real clock. */
  clock?: () => Date;
}

/** The envelope pg-boss stores: the payload and the key it was enqueued with. */
interface Envelope {
  p: Record<string, unknown>;
  k: string | null;
}

interface Registered {
  def: JobDefinition;
  cron: Cron | null;
}

/**
 * The one job API of the product, on pg-boss over the application's own
 * database — PostgreSQL (several servers share the queue; SKIP LOCKED gives
 * each job to one of them) or the embedded PGlite (one process; pg-boss runs
 * over its single connection through `sqlExecutor`).
 *
 * ```ts
 * // at app build time, in a module:
 * const reminder = ctx.jobs.define({ name: 'cases.deadline-reminder', payload: z.object({ caseId: z.uuid() }),
 *   handler: async ({ caseId }, run) => ctx.database.db.transaction(async (tx) => {
 *     if (await run.once(tx, `deadline:${caseId}`)) await notify(tx, …);
 *   }) });
 * await ctx.jobs.enqueue(reminder.name, { caseId }, { at: dueDate, key: `deadline:${caseId}` });
 * ```
 * Started when the app is ready, stopped when it closes (app.ts).
 */
export class Jobs {
  readonly #database: Database;
  readonly #options: JobsOptions;
  readonly #clock: () => Date;
  readonly #jobs = new Map<string, Registered>();
  #sql: SqlExecutor | null = null;
  #boss: PgBoss | null = null;
  #tick: ReturnType<typeof setInterval> | null = null;

  constructor(database: Database, options: JobsOptions) {
    this.#database = database;
    this.#options = options;
    this.#clock = options.clock ?? (() => new Date());
  }

  get #db(): Db {
    return this.#database.db;
  }

  /** Registers a job (before `start`). Answers the definition, to enqueue it by `def.name`. */
  define<D extends JobDefinition<any>>(def: D): D {
    assertJobName(def.name);
    if (this.#boss) throw new Error(`job ${def.name}: define jobs before the app starts`);
    if (this.#jobs.has(def.name)) throw new Error(`job ${def.name}: defined twice`);
    if (def.schedule) assertIdsOnly(def.name, def.payload.parse(def.schedule.payload));
    this.#jobs.set(def.name, { def, cron: def.schedule ? parseCron(def.schedule.cron) : null });
    return def;
  }

  /** Creates the queues, records the schedules and, on a server, starts the workers. */
  async start(): Promise<void> {
    if (this.#boss) return;
    const { workers, pollSeconds, log } = this.#options;
    this.#sql = sqlExecutor(this.#database);
    const boss = new PgBoss({ db: this.#sql, schema: BOSS_SCHEMA, schedule: false, supervise: workers, migrate: true, ...BOSS_RETENTION });
    // pg-boss reports its own troubles (a lost connection) here; the message may quote SQL, not data.
    boss.on('error', (err) => log.error({ err: { code: errorCode(err) } }, 'job queue error'));
    await retryOnDeadlock(() => boss.start());
    this.#boss = boss;
    // Every queue exists before any worker polls: a queue is a partition of pg-boss's job table,
    // and attaching one while another server's workers scan that table can deadlock.
    for (const { def, cron } of this.#jobs.values()) {
      const queue = {
        name: def.name,
        retryLimit: def.retry?.limit ?? 3,
        retryDelay: def.retry?.delaySeconds ?? 60,
        retryBackoff: true,
        expireInSeconds: def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
        retentionMinutes: WAITING_MINUTES,
      };
      await retryOnDeadlock(async () => {
        if (await boss.getQueue(def.name)) await boss.updateQueue(def.name, queue);
        else await boss.createQueue(def.name, queue);
      });
      if (cron) await registerSchedule(this.#db, def.name, def.schedule!.cron, this.#clock());
    }
    if (workers) {
      for (const { def } of this.#jobs.values()) {
        await boss.work<Envelope>(def.name, { pollingIntervalSeconds: pollSeconds, batchSize: 1, includeMetadata: true }, async ([job]) => {
          if (job) await this.#attempt(job);
        });
      }
    }
    if (workers) {
      const tick = () =>
        void this.#enqueueDueSchedules(this.#clock())
          .then(() => this.#recordLostFailures())
          .catch((err) => log.error({ err: { code: errorCode(err) } }, 'job schedule tick failed'));
      tick();
      this.#tick = setInterval(tick, SCHEDULE_TICK_MS);
      this.#tick.unref();
    }
  }

  /** Stops the workers (a running job may finish, up to 10 s) and the schedule tick. */
  async stop(): Promise<void> {
    if (this.#tick) clearInterval(this.#tick);
    this.#tick = null;
    const boss = this.#boss;
    this.#boss = null;
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
  }

  /**
   * Enqueues a job for now or for `at`. With a key, only the first enqueue
   * counts (answers null after). Answers pg-boss's job id.
   */
  async enqueue(name: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<string | null> {
    const boss = this.#started();
    const job = this.#jobs.get(name);
    if (!job) throw new Error(`job ${name}: not defined`);
    const data = job.def.payload.parse(payload);
    assertIdsOnly(name, data);
    const key = options.key ?? null;
    if (key !== null) {
      assertJobKey(name, key);
      if (!(await claimKey(this.#db, `enqueue:${name}:${key}`))) return null;
    }
    const envelope: Envelope = { p: data, k: key };
    try {
      return await boss.send(name, envelope, options.at ? { startAfter: options.at } : {});
    } catch (err) {
      // The key was claimed for a job that never got queued: give it back, so a later enqueue can.
      if (key !== null) await this.#db.delete(jobKeys).where(eq(jobKeys.key, `enqueue:${name}:${key}`));
      throw err;
    }
  }

  /**
   * Deletes the once-only keys created before `before` (the nightly prune
   * chooses it far past any retry), except an enqueue key whose job still
   * waits in the queue: enqueueing it again must stay a no-op until it ran.
   * Answers how many went.
   */
  async pruneKeys(before: Date): Promise<number> {
    const result = await this.#db.execute(sql`
      delete from job_keys k where k.created_at < ${before}
        and not exists (select 1 from ${sql.raw(BOSS_SCHEMA)}.job j
          where j.state < 'active' and j.data->>'k' is not null and k.key = 'enqueue:' || j.name || ':' || (j.data->>'k'))
      returning 1`);
    return result.rows.length;
  }

  /** The dead letters, newest first (ids only in their payloads). */
  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const rows = await this.#db.select().from(jobDeadLetters).orderBy(desc(jobDeadLetters.failedAt), desc(jobDeadLetters.id)).limit(limit);
    return rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }));
  }

  /**
   * Runs, in this process, everything due at `now`: the schedules'
   * occurrences, then every job whose time has come, until none is left
   * (jobs that handlers enqueue included). For tests and the command line:
   * no timer, no waiting. `now` may lie ahead of the real clock: a job due by
   * `now` is made due for pg-boss (whose clock is the database's).
   */
  async runDue(now: Date = this.#clock()): Promise<RunReport> {
    const boss = this.#started();
    const report: RunReport = { completed: 0, failed: 0 };
    await this.#enqueueDueSchedules(now);
    const names = [...this.#jobs.keys()];
    for (let pass = 0; pass < 1000; pass++) {
      // pg-boss fetches `start_after < now()`: bring forward what `now` says is due.
      await this.#sql!.executeSql(
        `UPDATE ${BOSS_SCHEMA}.job SET start_after = now() - interval '1 second' WHERE name = ANY($1) AND state < 'active' AND start_after <= $2`,
        [names, now],
      );
      let ran = 0;
      for (const name of names) {
        const [job] = await boss.fetch<Envelope>(name, { batchSize: 1, includeMetadata: true });
        if (!job) continue;
        ran++;
        try {
          await this.#attempt(job);
          await boss.complete(name, job.id);
          report.completed++;
        } catch (err) {
          await boss.fail(name, job.id, { code: errorCode(err) });
          report.failed++;
        }
      }
      if (!ran) break;
    }
    await this.#recordLostFailures();
    return report;
  }

  #started(): PgBoss {
    if (!this.#boss) throw new Error('jobs: not started (the app starts them when it is ready)');
    return this.#boss;
  }

  async #enqueueDueSchedules(now: Date): Promise<void> {
    for (const { def, cron } of this.#jobs.values()) {
      if (!cron) continue;
      const occurrence = await claimOccurrence(this.#db, def.name, cron, now);
      if (occurrence) await this.enqueue(def.name, def.schedule!.payload as Record<string, unknown>, { key: occurrence.toISOString() });
    }
  }

  /** One attempt of one job; on its last failure the job becomes a dead letter. Rethrows a message-free error. */
  async #attempt(job: PgBoss.JobWithMetadata<Envelope>): Promise<void> {
    const { def } = this.#jobs.get(job.name)!;
    const run: JobRun = {
      id: job.id,
      name: job.name,
      key: job.data.k,
      attempt: job.retryCount + 1,
      once: (tx, key) => claimKey(tx, `effect:${key}`),
    };
    // pg-boss fails an attempt that outlives its expiry without telling the handler (a worker races
    // them; maintenance fails it if its server is gone): race it here too, so the last one is a dead letter.
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('job_timeout'), { code: 'job_timeout' })), Math.max(1, Number(job.expireInSeconds) || DEFAULT_TIMEOUT_SECONDS) * 1000);
    });
    try {
      await Promise.race([def.handler(def.payload.parse(job.data.p), run), expired]);
    } catch (err) {
      const code = errorCode(err);
      this.#options.log.warn({ job: job.name, jobId: job.id, attempt: run.attempt, error: code }, 'job attempt failed');
      if (job.retryCount >= job.retryLimit) await this.#deadLetter({ jobId: job.id, name: job.name, key: job.data.k, payload: job.data.p, attempts: run.attempt, error: code });
      // pg-boss keeps what it is thrown (message and stack) in its table: only the code goes there.
      throw Object.assign(new Error(code), { code });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Records a dead letter once per job (a late handler failure after its timeout adds none). */
  async #deadLetter(d: Omit<DeadLetter, 'id' | 'failedAt'>): Promise<void> {
    await this.#db.execute(sql`
      insert into job_dead_letters (job_id, name, key, payload, attempts, error)
      select ${d.jobId}, ${d.name}, ${d.key}, ${JSON.stringify(d.payload)}::jsonb, ${d.attempts}, ${d.error}
      where not exists (select 1 from job_dead_letters where job_id = ${d.jobId})`);
  }

  /**
   * Jobs pg-boss failed for good without an attempt of ours seeing it: an
   * attempt under way when its server died (maintenance fails it once it
   * expires) or stopped (pg-boss fails what is still running). Each becomes a
   * dead letter, once; the code says which, pg-boss's message is not kept.
   * Runs on every schedule tick and after `runDue`; a failed job stays in
   * pg-boss's table for days (ARCHIVE_FAILED_SECONDS), ample time to be seen.
   */
  async #recordLostFailures(): Promise<number> {
    const names = [...this.#jobs.keys()];
    if (!names.length) return 0;
    return this.#db.transaction(async (tx) => {
      // One recorder at a time across servers: two would both find the same job unrecorded.
      await tx.execute(sql`select pg_advisory_xact_lock(${DEAD_LETTER_LOCK})`);
      const lost = await tx.execute<{ id: string; name: string; data: Envelope | null; retry_count: number; output: { value?: unknown } | null }>(sql`
        select j.id::text as id, j.name, j.data, j.retry_count, j.output from ${sql.raw(BOSS_SCHEMA)}.job j
        where j.name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)}) and j.state = 'failed'
          and not exists (select 1 from job_dead_letters d where d.job_id = j.id::text)`);
      for (const j of lost.rows) {
        await tx.insert(jobDeadLetters).values({
          jobId: j.id,
          name: j.name,
          key: j.data?.k ?? null,
          payload: j.data?.p ?? {},
          attempts: Number(j.retry_count) + 1,
          error: lostFailureCode(j.output),
        });
      }
      if (lost.rows.length) this.#options.log.warn({ deadLetters: lost.rows.length }, 'jobs failed by pg-boss recorded as dead letters');
      return lost.rows.length;
    });
  }
}

/** The code of a failure pg-boss wrote itself: an expiry, or a shutdown while the attempt ran. */
function lostFailureCode(output: { value?: unknown } | null): string {
  const value = output?.value;
  const message = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as { message?: unknown }).message : (output as { message?: unknown } | null)?.message;
  if (typeof message === 'string') {
    if (/^(handler execution exceeded|job failed by timeout)/.test(message)) return 'job_timeout';
    if (message.startsWith('pg-boss shut down')) return 'job_interrupted';
  }
  return errorCode(output);
}

/** Inserts a key once: true the first time. */
async function claimKey(db: Db | Tx, key: string): Promise<boolean> {
  const rows = await db.insert(jobKeys).values({ key }).onConflictDoNothing().returning({ key: jobKeys.key });
  return rows.length > 0;
}

/**
 * Servers starting together set up pg-boss's schema and queues at the same
 * moment; PostgreSQL may end one of them as a deadlock victim (40P01, its
 * transaction rolled back). Setting up is idempotent, so the victim tries
 * again after a short random pause.
 */
async function retryOnDeadlock<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (pgCode(err) !== '40P01' || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}
