import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { LimitKeys, Sweeper } from './limits.js';
import { rateLimitCounters } from './limits.tables.js';

/** A key's count in its current window and the milliseconds left in it. */
export interface CounterState {
  current: number;
  ttl: number;
}

/**
 * Counts one request of `key` in a fixed window of `windowMs` that starts at
 * its first request (@fastify/rate-limit's own semantics). One statement:
 * PostgreSQL's row lock on the upsert makes parallel increments exact, on one
 * server or several.
 */
export async function countRequest(db: Db, key: string, windowMs: number, now = new Date()): Promise<CounterState> {
  const resetAt = new Date(now.getTime() + windowMs);
  const expired = sql`${rateLimitCounters.resetAt} <= ${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key, count: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimitCounters.count} + 1 end`,
        resetAt: sql`case when ${expired} then ${resetAt.toISOString()}::timestamptz else ${rateLimitCounters.resetAt} end`,
      },
    })
    .returning({ count: rateLimitCounters.count, resetAt: rateLimitCounters.resetAt });
  return { current: row!.count, ttl: Math.max(0, row!.resetAt.getTime() - now.getTime()) };
}

/** What the plugin passes besides the documented options (its merged route parameters). */
interface StoreParams {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * A store for @fastify/rate-limit over our database, so the public limits
 * count across every server. Each route gets its own counters (as the
 * plugin's in-memory store does); keys are `METHOD url|HMAC(address)`.
 * `continueExceeding` and `exponentialBackoff` are not supported and refused.
 */
export function sharedRateLimitStore(db: Db, keys: LimitKeys, clock: () => Date = () => new Date()): FastifyRateLimitStoreCtor {
  const sweeper = new Sweeper(db);
  class SharedStore implements FastifyRateLimitStore {
    readonly #prefix: string;

    constructor(plugin: FastifyRateLimitOptions) {
      const options = plugin as StoreParams;
      if (options.continueExceeding || options.exponentialBackoff) {
        throw new Error('the shared rate-limit store supports neither continueExceeding nor exponentialBackoff');
      }
      const route = options.routeInfo;
      this.#prefix = route?.url ? `${[route.method ?? ''].flat().join(',')} ${route.url}` : '';
    }

    incr(key: string, callback: (error: Error | null, result?: CounterState) => void, timeWindow: number): void {
      const now = clock();
      void (async () => {
        let state: CounterState;
        try {
          state = await countRequest(db, `${this.#prefix}|${keys.of('public', key)}`, timeWindow, now);
          await sweeper.maybe(now);
        } catch (err) {
          callback(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        callback(null, state);
      })();
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      return new SharedStore(routeOptions as FastifyRateLimitOptions);
    }
  }
  return SharedStore;
}
