import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from './db.js';

/** Prefix of the marker `heardAll` sends itself (no trigger's payload starts with it). */
const MARKER = 'heard:';
/** How long `heardAll` waits for its own marker before it gives up (and drops everything). */
const HEARD_TIMEOUT_MS = 5000;

/** What a cache does with what its channel says. */
export interface ChangeHandlers {
  /** A trigger's payload (a change committed by any server or code path). */
  change(payload: string): void;
  /**
   * Everything kept may be stale: the listening connection went up or down,
   * the cache stops, or a marker was not heard in time.
   */
  dropAll(): void;
}

/**
 * The listening half of a cache kept in memory and invalidated by the
 * database's notifications (the principal cache, the vacancy board): it
 * listens on one channel, says whether it listens (a cache serves from
 * memory only while it does), and can wait until every change committed
 * before the call has been heard. One place for that logic, so the caches
 * cannot drift apart on how they stay correct.
 */
export class ChangeListener {
  #listening = false;
  #stop: (() => Promise<void>) | null = null;
  #database: Database | null = null;
  readonly #markers = new Map<string, () => void>();
  readonly channel: string;
  readonly #on: ChangeHandlers;

  constructor(channel: string, on: ChangeHandlers) {
    this.channel = channel;
    this.#on = on;
  }

  /** Listens on the database (once; a second call does nothing). */
  async start(database: Database): Promise<void> {
    if (this.#stop) return;
    this.#database = database;
    this.#stop = await database.listen(this.channel, {
      message: (payload) => {
        if (payload.startsWith(MARKER)) this.#markers.get(payload)?.();
        else this.#on.change(payload);
      },
      // Up or down, what was kept may have missed a change: drop it before saying so.
      state: (listening) => {
        this.#on.dropAll();
        this.#listening = listening;
      },
    });
  }

  async stop(): Promise<void> {
    const stop = this.#stop;
    this.#stop = null;
    this.#listening = false;
    this.#on.dropAll();
    await stop?.();
  }

  /** Whether the channel is heard now: what is kept may be served only then. */
  get listening(): boolean {
    return this.#listening;
  }

  /**
   * Resolves once every change committed before the call has been heard:
   * notifications arrive in commit order, so a marker notified now arrives
   * after them. For a writer that bypasses this process's own writes (a
   * test writing to the database directly) and must see them at once.
   */
  async heardAll(): Promise<void> {
    const database = this.#database;
    if (!database || !this.#listening) return;
    const marker = `${MARKER}${randomUUID()}`;
    const heard = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#markers.delete(marker);
        resolve();
      };
      // Not heard (the connection dropped meanwhile): dropping it all says the same.
      const timer = setTimeout(() => {
        this.#on.dropAll();
        done();
      }, HEARD_TIMEOUT_MS);
      this.#markers.set(marker, done);
    });
    await database.db.execute(sql`select pg_notify(${this.channel}, ${marker})`);
    await heard;
  }
}
