import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';

/**
 * The typed database handle. PGlite and node-postgres expose the same
 * Drizzle query API; the node-postgres type stands for both. Built without
 * the schema object: queries name their tables (the relational `db.query`
 * API is not used), so platform/ depends on no module's tables. Migrations
 * are SQL files; drizzle-kit reads the tables through src/server/schema.ts.
 */
export type Db = NodePgDatabase;
/** A transaction handle (same API as Db). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction already open on it. */
export type DbOrTx = Db | Tx;

/** Handles made by readHandle: per-handle caches (case keys) treat them as a transaction would be treated. */
const readHandles = new WeakSet<object>();

/**
 * A handle of its own over the same database, for one request that only
 * reads (and appends its audit row alone): its statements run in
 * autocommit, each on whichever pooled connection is free — no BEGIN and
 * no COMMIT round trip, no connection held while JavaScript runs between
 * statements — and each sees what is committed when it runs, as in a READ
 * COMMITTED transaction. Caches kept per transaction handle (the case keys)
 * live for this handle too: for the request.
 */
export function readHandle(db: Db): Db {
  // Already in a transaction (the demo load runs the services inside its own): reads there must see its writes.
  if (db instanceof PgTransaction) return db;
  const client = (db as unknown as { $client: PGlite | pg.Pool }).$client;
  const handle = (client instanceof PGlite ? drizzlePglite(client) : drizzlePg(client)) as unknown as Db;
  readHandles.add(handle);
  return handle;
}

/** True for a transaction and for a read handle: a handle that lives for one request or less. */
export function isRequestScoped(db: DbOrTx): boolean {
  return db instanceof PgTransaction || readHandles.has(db);
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'pg';
  /** Applies every pending migration in `migrations/`. */
  migrate(): Promise<void>;
  /** Cheap round trip, for /readyz. */
  ping(): Promise<void>;
  /**
   * Hears the channel's notifications (NOTIFY, delivered at commit) until
   * the returned function is called. `state` says whether it is listening:
   * on PostgreSQL the connection can drop (it is opened again, after a
   * pause, and `state(true)` said anew); meanwhile notifications are lost.
   */
  listen(channel: string, on: ListenHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ListenHandlers {
  message(payload: string): void;
  state(listening: boolean): void;
}

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

/**
 * Opens the embedded PGlite database: a directory (the caller must hold its
 * lock, platform/lock), an existing client (tests), or in memory.
 */
export async function openPglite(source?: string | PGlite): Promise<Database> {
  const client = source instanceof PGlite ? source : source ? new PGlite(source) : new PGlite();
  await client.waitReady;
  await client.exec(`SET TIME ZONE 'Europe/Rome'`);
  yieldBeforeStatements(client);
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder });
    },
    ping: async () => {
      await client.query('select 1');
    },
    // One connection: notifications of its own commits are heard before the COMMIT's answer returns.
    listen: async (channel, on) => {
      const unlisten = await client.listen(channel, on.message);
      on.state(true);
      return async () => {
        on.state(false);
        if (!client.closed) await unlisten();
      };
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/**
 * PGlite runs every statement on the server's own thread, and its queue
 * hands the next statement over in a microtask: under load the event loop
 * got no turn until the whole queue had run (0.5–1.9 s at a time,
 * bench/trace.mjs), so no answer left and no request came in meanwhile.
 * One turn of the event loop before each statement and each transaction
 * (not inside one: it is short, and holds the database) lets them through.
 */
function yieldBeforeStatements(client: PGlite): void {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = (async (...args: Parameters<typeof query>) => {
    await turn();
    return query(...args);
  }) as typeof client.query;
  client.exec = async (...args: Parameters<typeof exec>) => {
    await turn();
    return exec(...args);
  };
  client.transaction = (async (...args: Parameters<typeof transaction>) => {
    await turn();
    return transaction(...args);
  }) as typeof client.transaction;
}

/** Session advisory lock held while migrating (apart from the audit, import and rate-limit locks). */
const MIGRATION_LOCK = 7_363_030;

/** Distinct statements a connection keeps prepared (server memory); later ones run unnamed. */
const MAX_PREPARED = 2_000;

/**
 * Names every parametrised statement of this connection after its text, so
 * PostgreSQL parses and plans it once per connection and reuses the plan
 * (node-postgres prepares a named statement on its first use). Drizzle sends
 * unnamed statements, each parsed and planned anew: for the choke point's
 * and the case page's queries, planning cost more than running them. A text
 * without values may hold several statements (pg-boss, `executeSql`): it
 * stays unnamed, as does any statement beyond MAX_PREPARED distinct ones.
 */
function prepareStatements(client: pg.Client): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const prepared = new Set<string>();
  client.query = ((config: unknown, ...rest: unknown[]) => {
    const c = config as { text?: unknown; values?: unknown; name?: unknown } | null;
    // Drizzle passes the values beside the config.
    const values = c && typeof c === 'object' ? (c.values ?? rest[0]) : undefined;
    if (c && typeof c === 'object' && typeof c.text === 'string' && !c.name && Array.isArray(values) && values.length) {
      const name = `t${createHash('sha1').update(c.text).digest('base64url')}`;
      if (prepared.has(name) || prepared.size < MAX_PREPARED) {
        prepared.add(name);
        return query({ ...c, name }, ...rest);
      }
    }
    return query(config, ...rest);
  }) as typeof client.query;
}

/** Opens a pool on a PostgreSQL server. */
export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, options: '-c TimeZone=Europe/Rome' });
  // An idle client error (server restart) must not crash the process.
  pool.on('error', () => undefined);
  pool.on('connect', prepareStatements);
  const db = drizzlePg(pool);
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    kind: 'pg',
    migrate: async () => {
      // Several servers may start at once on one database: the first migrates, the others wait
      // on this session lock and then find nothing left to do (drizzle's migrator alone would
      // let two of them apply the same migration). Closing the connection releases the lock.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK]);
        await migratePg(drizzlePg(client), { migrationsFolder });
      } finally {
        client.release(true);
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: async (channel, on) => {
      const stop = await listenPostgres(url, channel, on);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

/** Pause before opening a dropped listening connection again. */
const RELISTEN_MS = 1000;

/**
 * A connection of its own (not the pool's: it is held for as long as the
 * server runs) that LISTENs on the channel; when it drops, `state(false)`,
 * and it is opened again until it listens or the listener is stopped.
 */
async function listenPostgres(url: string, channel: string, on: ListenHandlers): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    const dropped = () => {
      if (client !== next) return;
      client = null;
      on.state(false);
      if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), RELISTEN_MS).unref();
    };
    next.on('error', dropped);
    next.on('end', dropped);
    next.on('notification', (n) => {
      if (n.channel === channel) on.message(n.payload ?? '');
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (stopped) await next.end();
      else on.state(true);
    } catch (err) {
      dropped();
      await next.end().catch(() => undefined);
      throw err;
    }
  };
  // A first failure is retried like a later drop: the server starts, and serves without what depends on listening.
  await connect().catch(() => undefined);
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const last = client;
    client = null;
    on.state(false);
    await last?.end().catch(() => undefined);
  };
}

/**
 * Raw SQL on the open client, for a library that brings its own SQL (pg-boss,
 * platform/jobs): `executeSql(text, values)` answers `{ rows }` on both
 * drivers. A text without values may hold several statements (PGlite's
 * `exec`); if one fails inside an explicit BEGIN, the connection is rolled
 * back before it is used again — PGlite has one connection, and a pooled
 * PostgreSQL connection would otherwise go back to the pool mid-transaction.
 */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

export function sqlExecutor(database: Database): SqlExecutor {
  const client = (database.db as unknown as { $client: PGlite | pg.Pool }).$client;
  if (client instanceof PGlite) {
    return {
      executeSql: async (text, values) => {
        try {
          if (values?.length) return await client.query(text, values);
          const results = await client.exec(text);
          return results[results.length - 1] ?? { rows: [] };
        } catch (err) {
          // Harmless outside a transaction (a warning), vital inside one.
          await client.exec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      },
    };
  }
  const pool = client;
  return {
    executeSql: async (text, values) => {
      const c = await pool.connect();
      try {
        return await c.query(text, values);
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
  };
}

/** Unique-violation check that works for both drivers. */
export function isUniqueViolation(err: unknown): boolean {
  return pgCode(err) === '23505';
}

export function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Runs a write in one transaction (all or nothing) and turns a unique
 * violation into `onDuplicate` (a 409 for the caller).
 */
export async function writeTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, onDuplicate: () => Error): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw onDuplicate();
    throw err;
  }
}
