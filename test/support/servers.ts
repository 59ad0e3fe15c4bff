import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CryptoService } from '../../src/server/platform/crypto.js';
import { type Database, openPostgres } from '../../src/server/platform/db.js';
import { childEnv, type Server, startServer, tempDir } from '../platform/processes.js';

/** The PostgreSQL server of `npm run test:pg`. */
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Several real Trama processes on one PostgreSQL database, as an instance on several machines runs. */
export interface ServersOnOneDatabase {
  /** DATABASE_URL of the database they share (created for the test, dropped by `close`). */
  url: string;
  /** The same database opened by the test: to seed accounts and read what the servers wrote. */
  database: Database;
  /** The servers' shared master key, to seed encrypted fields (e.g. a TOTP secret) they can read. */
  crypto: CryptoService;
  servers: Server[];
  /** `http://127.0.0.1:<port>` of server `i`. */
  base(i: number): string;
  /** Stops every server (SIGTERM, then SIGKILL), closes the test's connection and drops the database. */
  close(): Promise<void>;
}

/**
 * Starts `count` servers (`node --import tsx src/server/main.ts`, each on its
 * own free port and DATA_DIR) on one fresh database `trama_two_<random>`.
 * They start at the same time, so they also prove that concurrent starts
 * migrate once. They share the secrets an instance's servers must share
 * (session secret, master key, audit key). Extra environment (e.g.
 * `JOBS_WORKERS: 'true'` for a test that a scheduled job runs once) goes in
 * `env`. Only PostgreSQL: PGlite is one process by design (platform/lock).
 *
 * Only this helper's own children are ever killed: by `close`, and by an
 * exit hook if the test process ends first.
 */
export async function startServersOnOneDatabase(count: number, env: Record<string, string> = {}): Promise<ServersOnOneDatabase> {
  const name = `trama_two_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const masterKey = randomBytes(32);
  const shared = {
    DATABASE_URL: url.toString(),
    PORT: '0',
    HOST: '127.0.0.1',
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    TRAMA_MASTER_KEY: masterKey.toString('base64'),
    AUDIT_HMAC_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    ...env,
  };
  const dirs = Array.from({ length: count }, () => tempDir('trama-servers-'));
  const started = await Promise.allSettled(dirs.map((d) => startServer(childEnv(d.dir, shared), 150_000)));
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const killAll = () => servers.forEach((s) => s.child.kill('SIGKILL'));
  process.once('exit', killAll);

  const stopAll = async () => {
    process.removeListener('exit', killAll);
    await Promise.all(servers.map((x) => x.stop()));
    dirs.forEach((d) => d.remove());
    await admin(`drop database if exists ${name} with (force)`);
  };
  const failed = started.find((x) => x.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const database = await openPostgres(url.toString(), 2).catch(async (err: unknown) => {
    await stopAll();
    throw err;
  });
  return {
    url: url.toString(),
    database,
    crypto: new CryptoService(masterKey),
    servers,
    base: (i) => `http://127.0.0.1:${servers[i]!.port}`,
    close: async () => {
      try {
        await database.close();
      } finally {
        await stopAll();
      }
    },
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
