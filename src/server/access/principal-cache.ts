import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Database } from '../platform/db.js';
import type { SessionRow } from './sessions.js';

/** The channel the database's triggers notify when a session, an account, a membership or an organisation changes (migration 0038). */
export const PRINCIPAL_CHANNEL = 'trama_principal';
/** Payload of a change that may touch anyone (an organisation renamed or retyped). */
const EVERYONE = '*';
/** Prefix of the marker `heardAll` sends itself. */
const MARKER = 'heard:';
/** An entry is read again from the database after this long even if no change was heard: a bound, not the mechanism. */
const TTL_MS = 30_000;

/** What a session's request needs before its route: the session row and the account's rows, as read together. */
export interface CachedSession<Rows> {
  session: SessionRow;
  rows: Rows;
}

/**
 * The session and account of a signed-in request, kept in this process so
 * that a request does not read them again every time (one statement fewer
 * on every request). Correctness rests on invalidation, not on the TTL:
 * - every change to `sessions`, `users`, `memberships` or `organisations`,
 *   by any server and any code path (a migration, psql), fires a trigger
 *   that notifies PRINCIPAL_CHANNEL with the user's id at commit; every
 *   server listens and drops that user's entries;
 * - this process's own session and account writes drop the entries before
 *   and after their statement as well (`forget`), without waiting for the
 *   notification;
 * - an entry read while a change was heard is not kept (the generation
 *   changed between the read and the store: it may predate the change);
 * - while the listening connection is down, nothing is served from memory
 *   and everything is dropped, until it listens again.
 * The window left is the notification's flight time from another server
 * (milliseconds after that server's commit). See docs/security.md.
 */
export class PrincipalCache<Rows> {
  readonly #entries = new LRUCache<string, CachedSession<Rows>>({ max: 10_000, ttl: TTL_MS });
  #generation = 0;
  #listening = false;
  #stop: (() => Promise<void>) | null = null;
  #database: Database | null = null;
  readonly #markers = new Map<string, () => void>();

  /** Listens on the database; serves from memory only while it does. */
  async start(database: Database): Promise<void> {
    if (this.#stop) return;
    this.#database = database;
    this.#stop = await database.listen(PRINCIPAL_CHANNEL, {
      message: (payload) => {
        if (payload.startsWith(MARKER)) this.#markers.get(payload)?.();
        else if (payload === EVERYONE) this.clear();
        else this.forget(payload);
      },
      state: (listening) => {
        this.clear();
        this.#listening = listening;
      },
    });
  }

  async stop(): Promise<void> {
    const stop = this.#stop;
    this.#stop = null;
    this.#listening = false;
    this.clear();
    await stop?.();
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
        this.clear();
        done();
      }, 5000);
      this.#markers.set(marker, done);
    });
    await database.db.execute(sql`select pg_notify(${PRINCIPAL_CHANNEL}, ${marker})`);
    await heard;
  }

  /** A marker to pass back to `keep`: taken before reading the database. */
  generation(): number {
    return this.#generation;
  }

  get(key: string): CachedSession<Rows> | undefined {
    return this.#listening ? this.#entries.get(key) : undefined;
  }

  /** Keeps what was read, unless a change was heard since `generation` was taken. */
  keep(key: string, entry: CachedSession<Rows>, generation: number): void {
    if (this.#listening && generation === this.#generation) this.#entries.set(key, entry);
  }

  /** Drops the entries of one user (her sessions, her account or memberships changed). */
  forget(userId: string): void {
    this.#generation += 1;
    for (const [key, entry] of this.#entries.entries()) if (entry.session.userId === userId) this.#entries.delete(key);
  }

  /** Drops one session (ended, rotated). */
  forgetSession(key: string): void {
    this.#generation += 1;
    this.#entries.delete(key);
  }

  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
  }
}
