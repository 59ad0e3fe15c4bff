import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { type BuildOptions, buildApp } from '../../src/server/app.js';
import { createContext, type ContextOptions } from '../../src/server/bootstrap.js';
import { chainPending } from '../../src/server/audit/audit.chain.js';
import type { AppContext } from '../../src/server/context.js';
import type { RouteAccessEntry } from '../../src/server/access/guard.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { type Database, type Db, openPglite, openPostgres } from '../../src/server/platform/db.js';
import { createLogger } from '../../src/server/platform/log.js';

export const usePostgres = process.env.TRAMA_TEST_DB === 'pg';
/** The audit chain's key of every test app of this process (the writer's keys are per process). */
export const TEST_AUDIT_KEY = randomBytes(32).toString('base64');
/** Server used by `npm run test:pg`; each test file gets its own fresh database on it. */
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh, migrated database for one test file: PGlite in memory (from the
 * dump made by global-setup) or a new database on the PostgreSQL server.
 */
export async function freshDatabase(): Promise<Database> {
  if (usePostgres) {
    const name = `trama_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openPostgres(url.toString(), 5);
    await database.migrate();
    return {
      ...database,
      close: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dump = process.env.TRAMA_TEST_PGLITE_DUMP;
  if (!dump) {
    const database = await openPglite();
    await database.migrate();
    return database;
  }
  return openPglite(new PGlite({ loadDataDir: new Blob([readFileSync(dump)]) }));
}

/** Every log line the app wrote, for the PII canary checks. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  db: Db;
  routes: RouteAccessEntry[];
  logs: LogCapture;
  /**
   * Chains every committed audit row now (audit.chain.ts chainPending): the
   * app's chainer links rows shortly after their commit; a test that reads
   * hashes or verifies the chain right after a request calls this first.
   */
  chained(): Promise<number>;
  close(): Promise<void>;
}

/** The real application on a fresh database, logging at debug level into memory. */
export async function buildTestApp(
  options: ContextOptions & { env?: Record<string, string>; extraRoutes?: BuildOptions['extraRoutes'] } = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    TRAMA_MASTER_KEY: randomBytes(32).toString('base64'),
    AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
    DATA_DIR: '/nonexistent-trama-test-dir',
    ...options.env,
  });
  const logs = new LogCapture();
  const log = createLogger('trace', logs);
  const ctx = createContext(config, database, log, {
    limitClock: options.limitClock,
    limits: options.limits ?? {
      loginPerIp: { max: 10_000, windowMs: 60_000 },
      loginPerAccount: { max: 10, windowMs: 60_000 },
      mfaPerAccount: { max: 5, windowMs: 60_000 },
    },
  });
  const { app, routes } = await buildApp(ctx, { serveWeb: false, extraRoutes: options.extraRoutes });
  await app.ready();
  return {
    app,
    ctx,
    db: database.db,
    routes,
    logs,
    chained: () => chainPending(database.db),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
