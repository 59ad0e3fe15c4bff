import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from './db.js';
import { LimitKeys, Sweeper, WINDOW_LOCK_SPACE, lockIdOf } from './limits.js';
import { rateLimitHits } from './limits.tables.js';

/** A sliding-window limit: at most `max` counted attempts per key in the last `windowMs`. */
export interface WindowRule {
  readonly bucket: string;
  readonly max: number;
  readonly windowMs: number;
}

/** One key under one rule. */
export interface WindowHit {
  rule: WindowRule;
  key: string;
}

/**
 * Sliding windows kept in PostgreSQL (or PGlite: the same SQL), so every
 * server of an instance counts the same attempts. `take` is atomic across
 * servers: each key is locked (a transaction-scoped advisory lock) while it
 * is counted, so parallel attempts are counted exactly and none slips
 * through between the check and the count.
 */
export class SlidingWindows {
  readonly #sweeper: Sweeper;

  constructor(
    private readonly db: Db,
    private readonly keys: LimitKeys,
    /** The time of an attempt (tests move it forward instead of waiting). */
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.#sweeper = new Sweeper(db);
  }

  /**
   * Checks every hit's window; when none is full, counts one attempt in each
   * and answers 0. When one is full, counts nothing and answers the seconds
   * until the fullest lets an attempt in again (at least 1).
   */
  async take(hits: readonly WindowHit[], now = this.clock()): Promise<number> {
    const stored = hits
      .map((h) => ({ rule: h.rule, key: this.keys.of(h.rule.bucket, h.key) }))
      // One lock order for every server: no deadlock between two takes of the same keys.
      .sort((a, b) => lockIdOf(a.key) - lockIdOf(b.key) || a.key.localeCompare(b.key));
    const wait = await this.db.transaction(async (tx) => {
      let longest = 0;
      for (const h of stored) {
        await tx.execute(sql`select pg_advisory_xact_lock(${WINDOW_LOCK_SPACE}::int, ${lockIdOf(h.key)}::int)`);
        longest = Math.max(longest, await waitOf(tx, h.rule, h.key, now));
      }
      if (longest > 0) return longest;
      await tx.insert(rateLimitHits).values(
        stored.map((h) => ({ bucket: h.rule.bucket, key: h.key, at: now, expiresAt: new Date(now.getTime() + h.rule.windowMs) })),
      );
      return 0;
    });
    await this.#sweeper.maybe(now);
    return wait;
  }

  /** Seconds until the key may try again (0: now), counting nothing. */
  async retryAfter(hit: WindowHit, now = this.clock()): Promise<number> {
    return waitOf(this.db, hit.rule, this.keys.of(hit.rule.bucket, hit.key), now);
  }

  /** Forgets the key's attempts (a success ends the failures counted against an account). */
  async reset(hit: WindowHit): Promise<void> {
    const key = this.keys.of(hit.rule.bucket, hit.key);
    await this.db.delete(rateLimitHits).where(and(eq(rateLimitHits.bucket, hit.rule.bucket), eq(rateLimitHits.key, key)));
  }
}

/**
 * The `max` most recent attempts inside the window decide: the oldest of them
 * leaves the window first. Attempts stamped later than `now` (a server whose
 * clock is a little ahead) count too.
 */
async function waitOf(db: Db | Tx, rule: WindowRule, key: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - rule.windowMs);
  const recent = await db
    .select({ at: rateLimitHits.at })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.bucket, rule.bucket), eq(rateLimitHits.key, key), gt(rateLimitHits.at, since)))
    .orderBy(desc(rateLimitHits.at))
    .limit(rule.max);
  if (recent.length < rule.max) return 0;
  const oldest = recent[recent.length - 1]!.at.getTime();
  return Math.max(1, Math.ceil((oldest + rule.windowMs - now.getTime()) / 1000));
}
