import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobKeys, jobSchedules } from '../../src/server/platform/jobs/jobs.tables.js';
import { type ServersOnOneDatabase, startServersOnOneDatabase } from '../support/servers.js';

/**
 * Two real server processes with their job workers on one PostgreSQL
 * database: a scheduled occurrence runs once. PostgreSQL only (`*.pg.test.ts`).
 * The in-process version of the same protocol, on both databases, is in
 * test/platform/jobs.test.ts.
 */
const JOB = 'directory.standards-nightly';
let s: ServersOnOneDatabase;
beforeAll(async () => {
  s = await startServersOnOneDatabase(2, { JOBS_WORKERS: 'true', JOBS_POLL_SECONDS: '0.5' });
}, 240_000);
afterAll(async () => {
  await s?.close();
}, 60_000);

type JobRow = { state: string };
const jobsOf = async () =>
  (await s.database.db.execute<JobRow>(sql`select state::text as state from pgboss.job where name = ${JOB} union all select state::text from pgboss.archive where name = ${JOB}`)).rows;

describe('a scheduled job on two servers', () => {
  it('runs its occurrence once', async () => {
    // Both registered the nightly schedule at start; as if the servers had been down since two nights ago,
    // the last night's 02:30 is now due, and each server's tick (every 30 s) tries to claim it.
    await s.database.db.update(jobSchedules).set({ lastOccurrence: sql`now() - interval '2 days'` }).where(eq(jobSchedules.name, JOB));
    // Waits for the event (the job completed), bounded only by the test's timeout.
    while (!(await jobsOf()).some((j) => j.state === 'completed')) await new Promise((r) => setTimeout(r, 250));
    const [schedule] = await s.database.db.select().from(jobSchedules).where(eq(jobSchedules.name, JOB));
    const ticked = schedule!.lastOccurrence;
    expect(await jobsOf()).toEqual([{ state: 'completed' }]);
    expect(await s.database.db.select().from(jobKeys).where(like(jobKeys.key, `enqueue:${JOB}:%`))).toEqual([
      { key: `enqueue:${JOB}:${ticked.toISOString()}`, createdAt: expect.any(Date) },
    ]);
  }, 120_000);
});
