import { LRUCache } from 'lru-cache';
import type { AppContext } from '../../context.js';
import type { BoardItem } from '../../../shared/shelters.structures.api.js';
import { ChangeListener } from '../../platform/change-listener.js';
import type { Database } from '../../platform/db.js';

/** The channel the database's triggers notify when anything the vacancy board reads changes (migration 0043). */
export const BOARD_CHANNEL = 'trama_shelter_board';
/** Distinct answers (filters) kept per board entry: the page's few, not every combination a client may try. */
const ANSWERS_PER_ENTRY = 32;

/** The board of one set of networks, as kept. */
export interface BoardEntry {
  /** Every active structure serving one of the networks, by name, checked once against the answer's schema (`distanceBand` null). */
  items: BoardItem[];
  /** Each item as the schema writes it (JSON), `distanceBand` null and last. */
  json: string[];
  /** Each item's centre, rounded (shelters.geo.ts): for the distance bands of an `area`, never sent. */
  centres: { lat: number; lon: number }[];
  /** The answers already written (items and totals, as JSON, without `at`), by filters; never with an `area`. */
  answers: Map<string, string>;
}

/**
 * The vacancy board kept in this process (docs/shelters.md, "The vacancy
 * board"), modelled on the principal cache (access/principal-cache.ts).
 * Two maps: an organisation's networks (what decides which structures she
 * sees), and per set of networks the board's rows and the answers already
 * written for the filters asked. Correctness rests on invalidation, not on
 * age:
 * - every statement that changes a place, a unit, a structure, the networks
 *   a structure serves or an organisation's networks, by any server and any
 *   code path (a job, a migration, psql), fires a trigger that notifies
 *   BOARD_CHANNEL at commit; every server listens and drops everything;
 * - a state-changing request answered by this process drops everything as
 *   its answer is sent (`changed`, hooked in app.ts), after its commit,
 *   without waiting for the notification;
 * - what was read while a change was heard is not kept (the generation
 *   changed between the read and the store: it may predate the change), and
 *   a request never joins a read begun before a change it has heard of;
 * - while the listening connection is down, nothing is served from memory.
 * The window left is the notification's flight time from another server or
 * a background job (milliseconds after its commit).
 */
export class BoardCache {
  readonly #reach = new LRUCache<string, readonly string[]>({ max: 10_000 });
  readonly #boards = new LRUCache<string, BoardEntry>({ max: 1_000 });
  readonly #filling = new Map<string, { generation: number; promise: Promise<BoardEntry> }>();
  #generation = 0;
  readonly #changes = new ChangeListener(BOARD_CHANNEL, { change: () => this.changed(), dropAll: () => this.changed() });

  /** Listens on the database; serves from memory only while it does. */
  start(database: Database): Promise<void> {
    return this.#changes.start(database);
  }

  stop(): Promise<void> {
    return this.#changes.stop();
  }

  /** Whether answers are kept (tests). */
  get listening(): boolean {
    return this.#changes.listening;
  }

  /** Resolves once every change committed before the call has been heard (platform/change-listener.ts). */
  heardAll(): Promise<void> {
    return this.#changes.heardAll();
  }

  /** Drops everything: something the board reads changed (or may have). */
  changed(): void {
    this.#generation += 1;
    this.#reach.clear();
    this.#boards.clear();
    this.#filling.clear();
  }

  /** The organisation's networks, sorted, from memory or read (and kept if nothing changed meanwhile). */
  async reach(organisationId: string, read: () => Promise<string[]>): Promise<readonly string[]> {
    if (!this.#changes.listening) return read();
    const hit = this.#reach.get(organisationId);
    if (hit) return hit;
    const generation = this.#generation;
    const networks = await read();
    if (this.#changes.listening && generation === this.#generation) this.#reach.set(organisationId, networks);
    return networks;
  }

  /**
   * The board of a set of networks, from memory or read once for all the
   * requests that ask for it at the same generation (a read begun before a
   * change heard is neither joined nor kept).
   */
  board(key: string, read: () => Promise<BoardEntry>): Promise<BoardEntry> {
    if (!this.#changes.listening) return read();
    const hit = this.#boards.get(key);
    if (hit) return Promise.resolve(hit);
    const generation = this.#generation;
    const pending = this.#filling.get(key);
    if (pending?.generation === generation) return pending.promise;
    const promise = read().then((entry: BoardEntry) => {
      if (this.#changes.listening && generation === this.#generation) this.#boards.set(key, entry);
      return entry;
    });
    const filling = { generation, promise };
    this.#filling.set(key, filling);
    const done = () => {
      if (this.#filling.get(key) === filling) this.#filling.delete(key);
    };
    promise.then(done, done);
    return promise;
  }
}

/** A small map kept per entry: the answers already written for the filters asked, oldest dropped first. */
export function rememberAnswer(answers: Map<string, string>, key: string, json: string): void {
  if (answers.size >= ANSWERS_PER_ENTRY) answers.delete(answers.keys().next().value!);
  answers.set(key, json);
}

const caches = new WeakMap<AppContext, BoardCache>();

/** The board cache of this app's context (one per process, started and stopped with the app in app.ts). */
export function boardCache(ctx: AppContext): BoardCache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new BoardCache();
    caches.set(ctx, cache);
  }
  return cache;
}
