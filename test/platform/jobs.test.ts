import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../src/server/platform/errors.js';
import PgBoss from 'pg-boss';
import { type Database, sqlExecutor } from '../../src/server/platform/db.js';
import { Jobs, type JobDefinition } from '../../src/server/platform/jobs/index.js';
import { jobSchedules } from '../../src/server/platform/jobs/jobs.tables.js';
import { LogCapture, freshDatabase } from '../support/app.js';
import { createLogger } from '../../src/server/platform/log.js';

/**
 * The jobs contract, the same on the embedded database and on PostgreSQL
 * (`npm test` / `npm run test:pg`): pg-boss runs over either. Time is driven
 * by `runDue(now)`, never waited for.
 */
let database: Database;
const started: Jobs[] = [];
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  for (const j of started) await j.stop();
  await database.close();
});

const HOUR = 3_600_000;
const payload = z.object({ caseId: z.uuid() });
const log = createLogger('silent', new LogCapture());

/** A Jobs instance with a fixed clock and the given jobs, started; its names are unique to the test. */
async function jobsWith(clock: Date, ...defs: JobDefinition<any>[]): Promise<Jobs> {
  const jobs = new Jobs(database, { log, workers: false, pollSeconds: 5, clock: () => clock });
  for (const d of defs) jobs.define(d);
  await jobs.start();
  started.push(jobs);
  return jobs;
}

let n = 0;
let name: string;
beforeEach(() => {
  name = `test.job-${++n}-${randomUUID().slice(0, 8)}`;
});

describe('enqueue', () => {
  it('runs a job once, with its payload', async () => {
    const seen: string[] = [];
    const now = new Date();
    const jobs = await jobsWith(now, { name, payload, handler: async (p) => void seen.push(p.caseId) });
    const caseId = randomUUID();
    expect(await jobs.enqueue(name, { caseId })).toEqual(expect.any(String));
    expect(await jobs.runDue(now)).toEqual({ completed: 1, failed: 0 });
    expect(await jobs.runDue(now)).toEqual({ completed: 0, failed: 0 });
    expect(seen).toEqual([caseId]);
  });

  it('runs a delayed job at its time, not before', async () => {
    const seen: number[] = [];
    const now = new Date();
    const jobs = await jobsWith(now, { name, payload, handler: async () => void seen.push(1) });
    await jobs.enqueue(name, { caseId: randomUUID() }, { at: new Date(now.getTime() + 2 * HOUR) });
    expect(await jobs.runDue(now)).toEqual({ completed: 0, failed: 0 });
    expect(await jobs.runDue(new Date(now.getTime() + HOUR))).toEqual({ completed: 0, failed: 0 });
    expect(await jobs.runDue(new Date(now.getTime() + 2 * HOUR))).toEqual({ completed: 1, failed: 0 });
    expect(seen).toEqual([1]);
  });

  it('enqueues once per key', async () => {
    const seen: number[] = [];
    const jobs = await jobsWith(new Date(), { name, payload, handler: async () => void seen.push(1) });
    const caseId = randomUUID();
    expect(await jobs.enqueue(name, { caseId }, { key: `deadline:${caseId}` })).toEqual(expect.any(String));
    expect(await jobs.enqueue(name, { caseId }, { key: `deadline:${caseId}` })).toBeNull();
    await jobs.runDue();
    expect(await jobs.enqueue(name, { caseId }, { key: `deadline:${caseId}` })).toBeNull(); // after it ran, too
    await jobs.runDue();
    expect(seen).toEqual([1]);
  });

  it('refuses a payload that is not ids, an undefined job, a job defined late', async () => {
    const jobs = await jobsWith(new Date(), { name, payload: z.object({ who: z.string() }), handler: async () => undefined });
    await expect(jobs.enqueue(name, { who: 'Maria Rossi' })).rejects.toThrow(/payload field who/);
    await expect(jobs.enqueue(name, { who: '+39 333 1234567' })).rejects.toThrow(/payload field who/);
    await expect(jobs.enqueue('test.nothing', {})).rejects.toThrow(/not defined/);
    expect(() => jobs.define({ name: 'test.late', payload, handler: async () => undefined })).toThrow(/before the app starts/);
  });
});

describe('retries', () => {
  it('retries with backoff, then keeps a dead letter with ids only and the error code', async () => {
    const attempts: number[] = [];
    const now = new Date();
    const jobs = await jobsWith(now, {
      name,
      payload,
      retry: { limit: 2, delaySeconds: 3600 },
      handler: async (_p, run) => {
        attempts.push(run.attempt);
        throw new AppError('conflict', { detail: 'Maria Rossi' });
      },
    });
    const caseId = randomUUID();
    await jobs.enqueue(name, { caseId }, { key: `k:${caseId}` });
    const at = (hours: number) => new Date(now.getTime() + hours * HOUR);
    expect(await jobs.runDue(at(0))).toEqual({ completed: 0, failed: 1 });
    // The first retry waits 1 to 2 hours, the second 2 to 4 (pg-boss's backoff, from the failure).
    expect(await jobs.runDue(at(0.9))).toEqual({ completed: 0, failed: 0 });
    expect(await jobs.runDue(at(2))).toEqual({ completed: 0, failed: 1 });
    expect(await jobs.runDue(at(2))).toEqual({ completed: 0, failed: 0 });
    expect(await jobs.runDue(at(6.5))).toEqual({ completed: 0, failed: 1 });
    expect(await jobs.runDue(at(100))).toEqual({ completed: 0, failed: 0 });
    expect(attempts).toEqual([1, 2, 3]);
    const dead = (await jobs.deadLetters()).filter((d) => d.name === name);
    expect(dead).toEqual([
      { id: expect.any(String), jobId: expect.any(String), name, key: `k:${caseId}`, payload: { caseId }, attempts: 3, error: 'conflict', failedAt: expect.any(Date) },
    ]);
  });

  it('does an effect once however often its job runs (run.once in the effect transaction)', async () => {
    const effects: string[] = [];
    let failFirst = true;
    const now = new Date();
    const jobs = await jobsWith(now, {
      name,
      payload,
      retry: { limit: 3, delaySeconds: 60 },
      handler: async ({ caseId }, run) => {
        await database.db.transaction(async (tx) => {
          if (await run.once(tx, `notify:${caseId}`)) effects.push(caseId);
        });
        // Fails after the effect committed: the retry must not repeat it.
        if (failFirst) {
          failFirst = false;
          throw new Error('lost the line');
        }
      },
    });
    const caseId = randomUUID();
    await jobs.enqueue(name, { caseId });
    await jobs.enqueue(name, { caseId }); // the same job twice, without a key
    expect(await jobs.runDue(new Date(now.getTime() + HOUR))).toEqual({ completed: 2, failed: 1 });
    expect(effects).toEqual([caseId]);
  });
});

describe('schedules (cron read in Europe/Rome)', () => {
  /** Ticks every 30 minutes from `from` to `to`; answers the occurrences run. */
  async function occurrencesBetween(cron: string, from: string, to: string): Promise<string[]> {
    const runs: string[] = [];
    const jobs = await jobsWith(new Date(from), { name, payload: z.object({}), schedule: { cron, payload: {} }, handler: async (_p, run) => void runs.push(run.key!) });
    for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += HOUR / 2) await jobs.runDue(new Date(t));
    return runs;
  }

  it('runs 02:30 once a day across the spring change (02:30 does not exist: 03:00 CEST)', async () => {
    expect(await occurrencesBetween('30 2 * * *', '2027-03-26T12:00:00Z', '2027-03-29T12:00:00Z')).toEqual([
      '2027-03-27T01:30:00.000Z', // 02:30 CET
      '2027-03-28T01:00:00.000Z', // 03:00 CEST, the first minute after the gap
      '2027-03-29T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('runs 02:30 once a day across the autumn change (02:30 happens twice: the first)', async () => {
    expect(await occurrencesBetween('30 2 * * *', '2026-10-23T12:00:00Z', '2026-10-26T12:00:00Z')).toEqual([
      '2026-10-24T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T00:30:00.000Z', // 02:30 CEST, not again at 02:30 CET
      '2026-10-26T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('runs a missed occurrence once at the next tick, and a schedule starts at its registration', async () => {
    const runs: string[] = [];
    const start = new Date('2026-06-01T10:00:00Z');
    const jobs = await jobsWith(start, { name, payload: z.object({}), schedule: { cron: '0 3 * * *', payload: {} }, handler: async (_p, run) => void runs.push(run.key!) });
    expect(await jobs.runDue(start)).toEqual({ completed: 0, failed: 0 }); // 03:00 of that day is before it existed
    // Down for three nights: the latest occurrence only, once.
    await jobs.runDue(new Date('2026-06-04T12:00:00Z'));
    await jobs.runDue(new Date('2026-06-04T12:30:00Z'));
    expect(runs).toEqual(['2026-06-04T01:00:00.000Z']);
    const [row] = await database.db.select().from(jobSchedules).where((await import('drizzle-orm')).eq(jobSchedules.name, name));
    expect(row!.lastOccurrence.toISOString()).toBe('2026-06-04T01:00:00.000Z');
  });
});

describe('workers (how a server runs them)', () => {
  it('poll, run and complete a job, retry a failed one, and stop with the app', async () => {
    const jobs = new Jobs(database, { log, workers: true, pollSeconds: 0.5 });
    let failOnce = true;
    const done = new Promise<string>((resolve) => {
      jobs.define({
        name,
        payload,
        retry: { limit: 1, delaySeconds: 0 },
        handler: async ({ caseId }) => {
          if (failOnce) {
            failOnce = false;
            throw new Error('first attempt');
          }
          resolve(caseId);
        },
      });
    });
    await jobs.start();
    const caseId = randomUUID();
    await jobs.enqueue(name, { caseId });
    expect(await done).toBe(caseId);
    await jobs.stop();
    expect(await jobs.deadLetters()).not.toContainEqual(expect.objectContaining({ name }));
  });
});

describe('an attempt that runs past its timeout', () => {
  /** Polls (the workers run on their own) until `check` holds, for up to `ms`. */
  async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 15_000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (check(v) || Date.now() > until) return v;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('is a dead letter when it was the last attempt (a worker: pg-boss fails it, the handler never returns)', async () => {
    const jobs = new Jobs(database, { log, workers: true, pollSeconds: 0.5 });
    let release!: () => void;
    const hung = new Promise<void>((resolve) => (release = resolve));
    jobs.define({ name, payload, timeoutSeconds: 1, retry: { limit: 0 }, handler: () => hung });
    await jobs.start();
    started.push(jobs);
    const caseId = randomUUID();
    await jobs.enqueue(name, { caseId }, { key: `t:${caseId}` });
    const dead = await eventually(
      async () => (await jobs.deadLetters()).filter((d) => d.name === name),
      (d) => d.length > 0,
    );
    release();
    expect(dead).toEqual([
      { id: expect.any(String), jobId: expect.any(String), name, key: `t:${caseId}`, payload: { caseId }, attempts: 1, error: 'job_timeout', failedAt: expect.any(Date) },
    ]);
    await jobs.stop();
    // Once only, though the handler finished after all.
    expect((await jobs.deadLetters()).filter((d) => d.name === name)).toHaveLength(1);
  });

  it('is a dead letter when its server died during the last attempt (pg-boss maintenance expires it)', async () => {
    const jobs = await jobsWith(new Date(), { name, payload, timeoutSeconds: 1, retry: { limit: 0 }, handler: async () => undefined });
    const caseId = randomUUID();
    await jobs.enqueue(name, { caseId });
    // A server fetched it and died: the job stays active, started long ago.
    const sql = sqlExecutor(database);
    await sql.executeSql(`UPDATE pgboss.job SET state = 'active', started_on = now() - interval '1 hour' WHERE name = $1`, [name]);
    // Another server's maintenance (pg-boss's own) fails it for good; the next tick records it.
    const boss = new PgBoss({ db: sql, schema: 'pgboss', schedule: false, supervise: false, migrate: false });
    await boss.start();
    await boss.expire();
    await boss.stop({ close: false, graceful: false });
    expect(await jobs.runDue()).toEqual({ completed: 0, failed: 0 });
    expect((await jobs.deadLetters()).filter((d) => d.name === name)).toEqual([
      { id: expect.any(String), jobId: expect.any(String), name, key: null, payload: { caseId }, attempts: 1, error: 'job_timeout', failedAt: expect.any(Date) },
    ]);
  });
});

describe('several workers on one database', () => {
  it('run a scheduled occurrence once, and each enqueued job once', async () => {
    const runs: string[] = [];
    const from = new Date('2026-11-10T01:55:00Z');
    const def = (): JobDefinition<any> => ({
      name,
      payload: z.object({}),
      schedule: { cron: '0 3 * * *', payload: {} },
      handler: async (_p, run) => void runs.push(`${run.key}`),
    });
    // Two servers: two pg-boss instances over the same database, ticking at the same moment.
    const a = await jobsWith(from, def());
    const b = await jobsWith(from, def());
    const tick = new Date('2026-11-10T02:00:00Z');
    const reports = await Promise.all([a.runDue(tick), b.runDue(tick), a.runDue(tick), b.runDue(tick)]);
    expect(reports.reduce((s, r) => s + r.completed, 0)).toBe(1);
    expect(runs).toEqual(['2026-11-10T02:00:00.000Z']);
    for (let i = 0; i < 10; i++) await (i % 2 ? a : b).enqueue(name, {});
    const drained = await Promise.all([a.runDue(tick), b.runDue(tick)]);
    expect(drained.reduce((s, r) => s + r.completed, 0)).toBe(10);
    expect(runs).toHaveLength(11);
  });
});
