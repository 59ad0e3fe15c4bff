import { createHmac } from 'node:crypto';
import { lte } from 'drizzle-orm';
import type { Db } from './db.js';
import { rateLimitCounters, rateLimitHits } from './limits.tables.js';

/**
 * The keys of shared rate limits. An address or an account name as typed is
 * personal data (and a username field sometimes receives a password), so the
 * database holds only an HMAC of it under a secret every server shares (the
 * session secret: servers that share sessions share it already).
 */
export class LimitKeys {
  readonly #secret: Buffer;

  constructor(secret: string | Buffer) {
    this.#secret = createHmac('sha256', secret).update('trama/rate-limit-keys/v1').digest();
  }

  /** The stored key of `key` in `bucket` (hex, 128 bits). */
  of(bucket: string, key: string): string {
    return createHmac('sha256', this.#secret).update(`${bucket}\0${key}`).digest('hex').slice(0, 32);
  }
}

/** Advisory-lock namespace of the sliding windows (the two-integer form: apart from the audit and import locks). */
export const WINDOW_LOCK_SPACE = 7_363_020;

/** The 32-bit lock id of a stored key (collisions only serialise two keys, never merge their counts). */
export function lockIdOf(storedKey: string): number {
  return Buffer.from(storedKey.slice(0, 8), 'hex').readInt32BE(0);
}

/**
 * Deletes every expired row of both limits. Each server calls it now and then
 * (the windows and counters do, at most once a minute); a scheduled job may
 * call it too. Safe to run anywhere, any number of times.
 */
export async function sweepExpiredLimits(db: Db, now = new Date()): Promise<{ hits: number; counters: number }> {
  const hits = await db.delete(rateLimitHits).where(lte(rateLimitHits.expiresAt, now)).returning({ id: rateLimitHits.id });
  const counters = await db.delete(rateLimitCounters).where(lte(rateLimitCounters.resetAt, now)).returning({ key: rateLimitCounters.key });
  return { hits: hits.length, counters: counters.length };
}

/** Runs the sweep at most once per `everyMs` in this process (which process sweeps does not matter). */
export class Sweeper {
  #last = 0;

  constructor(
    private readonly db: Db,
    private readonly everyMs = 60_000,
  ) {}

  /** Sweeps what expired by `now`; how often is measured on this process's own clock. */
  async maybe(now: Date): Promise<void> {
    if (Date.now() - this.#last < this.everyMs) return;
    this.#last = Date.now();
    await sweepExpiredLimits(this.db, now);
  }
}
