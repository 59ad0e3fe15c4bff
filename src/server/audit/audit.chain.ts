import { asc, desc, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../platform/db.js';
import { auditLog } from './audit.tables.js';
import { type AuditRow, GENESIS_HASH, KEYED, auditKeys, keyedRowHash, onAuditAppended } from './audit.writer.js';

/**
 * The chainer: audit rows are inserted unchained in their action's
 * transaction (no lock, no head to read: audited requests run in
 * parallel), and chained here after they commit.
 *
 * Order. A round takes the chain's lock, reads the head, and chains every
 * row its snapshot sees unchained, in id order. A row is visible only once
 * its transaction has committed, so each round chains what committed since
 * the previous one: the chain's order is the commit order, to the grain of
 * a round (within one, id order). Nothing is skipped: a round looks for
 * `seq is null`, never for ids past the last one chained, so a transaction
 * that took an id early and committed late is chained by a later round
 * (docs/security.md says why not an xmin horizon).
 *
 * One chainer at a time. The lock is a transaction-level advisory lock:
 * on several servers sharing a PostgreSQL database each runs a chainer and
 * whichever holds the lock chains the round (the others skip it); on
 * PGlite there is one process.
 */
export const CHAIN_LOCK = 7_363_001;

type ChainedListener = (rows: number) => void;
const chainedListeners = new Set<ChainedListener>();
/** Called after rows were chained (committed); returns the unsubscribe. */
export function onAuditChained(listener: ChainedListener): () => void {
  chainedListeners.add(listener);
  return () => chainedListeners.delete(listener);
}

/** Rows chained per round at most (one UPDATE statement). */
const BATCH = 500;

/**
 * One round: chains up to `batch` committed unchained rows after the head.
 * Returns how many, or null when another chainer holds the lock and
 * `wait` is false.
 */
export async function chainRound(db: Db, { wait, batch = BATCH }: { wait: boolean; batch?: number }): Promise<number | null> {
  const keys = auditKeys();
  const chained = await db.transaction(async (tx) => {
    // The lock first, in its own statement: the next statements' snapshots
    // (READ COMMITTED) see the head the previous holder committed.
    if (wait) await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
    else {
      const got = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${CHAIN_LOCK}) as ok`);
      if (!got.rows[0]!.ok) return null;
    }
    const pending = await tx.select().from(auditLog).where(isNull(auditLog.seq)).orderBy(asc(auditLog.id)).limit(batch);
    if (!pending.length) return 0;
    const [head] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).where(isNotNull(auditLog.seq)).orderBy(desc(auditLog.seq)).limit(1);
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const links = pending.map((r) => {
      const row: Omit<AuditRow, 'hash'> = { ...r, prevHash, alg: KEYED, keyId: keys.currentId };
      prevHash = keyedRowHash(row, keys.current);
      seq += 1;
      return sql`(${r.id}::bigint, ${seq}::bigint, ${row.prevHash}, ${prevHash}, ${KEYED}, ${keys.currentId})`;
    });
    // The one update the append-only trigger lets through (migration 0020): a null place set once.
    await tx.execute(sql`
      update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash, alg = v.alg, key_id = v.key_id
      from (values ${sql.join(links, sql`, `)}) as v(id, seq, prev_hash, hash, alg, key_id)
      where a.id = v.id and a.seq is null`);
    return pending.length;
  });
  if (chained) for (const listener of chainedListeners) listener(chained);
  return chained;
}

/**
 * Chains every committed row now, waiting for the lock if another chainer
 * holds it: what a command does before it exits, what shutdown does, and
 * what tests call before they read hashes (deterministic, no sleeps).
 * Returns how many rows it chained.
 */
export async function chainPending(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const n = (await chainRound(db, { wait: true })) ?? 0;
    total += n;
    if (n < BATCH) return total;
  }
}

/** How far the chain is behind: committed rows not yet chained, and the age of the oldest. */
export interface ChainLag {
  unchained: number;
  /** Seconds since the oldest unchained row was written (0 when none). */
  oldestSeconds: number;
}

export async function chainLag(db: Db): Promise<ChainLag> {
  const result = await db.execute<{ n: number; oldest: number | null }>(
    sql`select count(*)::int as n, extract(epoch from now() - min(at))::float8 as oldest from audit_log where seq is null`,
  );
  const r = result.rows[0]!;
  return { unchained: Number(r.n), oldestSeconds: Math.max(0, Math.round(Number(r.oldest ?? 0) * 10) / 10) };
}

export interface ChainerOptions {
  /** Rows per round at most (one UPDATE). */
  batch: number;
  /** A round this long after rows were appended (their transaction commits meanwhile). */
  delayMs: number;
  /** A round at least this often (rows of other servers, of commands, a missed commit). */
  everyMs: number;
  /** The lag is logged as a warning above this. */
  warnSeconds: number;
}

/**
 * A round costs six statements whatever its size: at most one every 50 ms
 * gathers the rows of many requests under load (at 1,000 audited reads a
 * second, some 50 rows a round instead of one or two), for a lag that
 * stays under a tenth of a second.
 */
export const CHAINER_DEFAULTS: ChainerOptions = { batch: BATCH, delayMs: 50, everyMs: 1000, warnSeconds: 10 };

/**
 * PGlite runs every statement on the server's own thread: a round of 500
 * rows held the database, and so every request, for about 350 ms under
 * load. Rounds of 100 rows hold it for a fifth of that and leave the
 * event loop a turn in between (platform/db.ts); the lag stays the same,
 * in more rounds.
 */
export const PGLITE_CHAIN_BATCH = 100;

/**
 * The server's chainer: a round shortly after rows were appended and on a
 * timer; the lag measured on the timer (`status()`, the log line
 * `audit chain lag`). Stopping chains whatever is left.
 */
export class AuditChainer {
  #timer: NodeJS.Timeout | undefined;
  #soon: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #lag: ChainLag & { at: Date | null } = { unchained: 0, oldestSeconds: 0, at: null };
  #ticks = 0;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly options: ChainerOptions = CHAINER_DEFAULTS,
  ) {}

  start(): void {
    this.#unsubscribe = onAuditAppended(() => this.#schedule());
    this.#timer = setInterval(() => void this.#tick(), this.options.everyMs);
    this.#timer.unref();
  }

  /** The last measured lag (an administrator's figure; the readiness probe's field). */
  status(): ChainLag & { at: Date | null } {
    return { ...this.#lag };
  }

  #schedule(): void {
    if (this.#stopped || this.#soon) return;
    this.#soon = setTimeout(() => {
      this.#soon = undefined;
      void this.run();
    }, this.options.delayMs);
  }

  /** Rounds until nothing is left; a call while one runs makes it go round once more. */
  run(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          for (;;) {
            const n = await chainRound(this.db, { wait: false, batch: this.options.batch });
            // Another chainer holds the lock: it chains these rows, or the timer's round will.
            if (n === null || n < this.options.batch) break;
          }
        } while (this.#again && !this.#stopped);
      } catch (err) {
        this.log.error({ err }, 'audit chaining failed');
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  async #tick(): Promise<void> {
    await this.run();
    try {
      const lag = await chainLag(this.db);
      this.#lag = { ...lag, at: new Date() };
      const level = lag.oldestSeconds > this.options.warnSeconds ? 'warn' : 'debug';
      // Once a minute at info, so the figure is in the logs even when all is well.
      this.log[level === 'debug' && this.#ticks++ % 60 === 0 ? 'info' : level]({ auditChainLag: lag }, 'audit chain lag');
    } catch (err) {
      this.log.error({ err }, 'audit chain lag not measured');
    }
  }

  /** Stops the timers and chains what is left (shutdown). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#soon);
    this.#unsubscribe?.();
    await this.#running;
    try {
      await chainPending(this.db);
    } catch (err) {
      // The database is gone (closed first, or down): the rows are committed, and the next chainer to run links them.
      this.log.warn({ err }, 'audit chaining at shutdown failed');
    }
  }
}
