import { LRUCache } from 'lru-cache';
import { ChangeListener } from '../platform/change-listener.js';
import type { Database } from '../platform/db.js';
import type { SessionRow } from './sessions.js';

/** The channel the database's triggers notify when a session, an account, a membership or an organisation changes (migration 0038). */
export const PRINCIPAL_CHANNEL = 'trama_principal';
/** Payload of a change that may touch anyone (an organisation renamed or retyped). */
const EVERYONE = '*';
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
  readonly #changes = new ChangeListener(PRINCIPAL_CHANNEL, {
    change: (payload) => (payload === EVERYONE ? this.clear() : this.forget(payload)),
    dropAll: () => this.clear(),
  });

  /** Listens on the database; serves from memory only while it does. */
  start(database: Database): Promise<void> {
    return this.#changes.start(database);
  }

  stop(): Promise<void> {
    return this.#changes.stop();
  }

  /** Resolves once every change committed before the call has been heard (platform/change-listener.ts). */
  heardAll(): Promise<void> {
    return this.#changes.heardAll();
  }

  /** A marker to pass back to `keep`: taken before reading the database. */
  generation(): number {
    return this.#generation;
  }

  get(key: string): CachedSession<Rows> | undefined {
    return this.#changes.listening ? this.#entries.get(key) : undefined;
  }

  /** Keeps what was read, unless a change was heard since `generation` was taken. */
  keep(key: string, entry: CachedSession<Rows>, generation: number): void {
    if (this.#changes.listening && generation === this.#generation) this.#entries.set(key, entry);
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
