import type { SlidingWindows, WindowHit, WindowRule } from '../platform/limits.windows.js';

/**
 * A limit on failures per key (an account, an address), counted in a sliding
 * window shared by every server (platform/limits.windows: PostgreSQL, or
 * PGlite in the embedded mode). A key is blocked while it has `max` counted
 * attempts in the last `windowMs`; once the attacker stops, the window
 * empties and the real user can log in again.
 */
export class FailureWindow implements WindowRule {
  constructor(
    readonly windows: SlidingWindows,
    readonly bucket: string,
    readonly max: number,
    readonly windowMs: number,
  ) {
    if (!Number.isInteger(max) || max < 1 || !(windowMs > 0)) throw new Error(`invalid limit for ${bucket}`);
  }

  hit(key: string): WindowHit {
    return { rule: this, key };
  }

  /** Seconds until the key may try again (0: now), counting nothing. */
  retryAfter(key: string, now?: Date): Promise<number> {
    return this.windows.retryAfter(this.hit(key), now);
  }

  /**
   * Counts an attempt of the key unless its window is full: 0 when counted,
   * else the seconds to wait. An attempt is counted before its outcome is
   * known (a success then resets the key), so parallel guesses cannot all
   * pass the check before any failure is recorded.
   */
  take(key: string, now?: Date): Promise<number> {
    return this.windows.take([this.hit(key)], now);
  }

  reset(key: string): Promise<void> {
    return this.windows.reset(this.hit(key));
  }
}
