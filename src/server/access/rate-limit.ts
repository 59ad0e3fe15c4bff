/**
 * Sliding-window counter of failures per key (an account, an address).
 * A key is blocked while it has `max` failures in the last `windowMs`; once
 * the attacker stops, the window empties and the real user can log in again.
 * In memory: the embedded database is single-process by design; an instance
 * on several machines needs a shared store (pg-boss era).
 */
export class FailureWindow {
  readonly #hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  #recent(key: string, now: number): number[] {
    const list = (this.#hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.#hits.set(key, list);
    else this.#hits.delete(key);
    return list;
  }

  /** Seconds until the key may try again, or 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.#recent(key, now);
    if (list.length < this.max) return 0;
    return Math.ceil((list[list.length - this.max]! + this.windowMs - now) / 1000);
  }

  fail(key: string, now = Date.now()): void {
    const list = this.#recent(key, now);
    list.push(now);
    this.#hits.set(key, list);
    if (this.#hits.size > 100_000) this.#prune(now);
  }

  reset(key: string): void {
    this.#hits.delete(key);
  }

  #prune(now: number): void {
    for (const key of this.#hits.keys()) this.#recent(key, now);
  }
}
