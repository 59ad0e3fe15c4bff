import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { aeadOpen, aeadSeal } from './aead.js';
import { type DbOrTx, isRequestScoped } from './db.js';
import { caseKeys } from './platform.tables.js';

/** The case whose data key was destroyed (crypto-shredding): her data can no longer be read, nor any added. */
export class CaseErasedError extends Error {
  constructor() {
    super('the case was erased: its data key is destroyed');
    this.name = 'CaseErasedError';
  }
}

/** What sealing under a case key needs: the case, and the organisation whose key wraps hers. */
export interface CaseOwner {
  caseId: string;
  organisationId: string;
}

/** What the case keyring needs of the organisation keys (crypto.ts). */
export interface OrganisationKeys {
  active(db: DbOrTx, organisationId: string): Promise<{ id: string; key: Buffer }>;
  byId(db: DbOrTx, id: string): Promise<Buffer>;
}

interface Unwrapped {
  id: string;
  caseId: string;
  /** Null: shredded. */
  key: Buffer | null;
}

type Row = typeof caseKeys.$inferSelect;

/**
 * Key rows a query of this transaction already read alongside its cases
 * (the choke point joins them: cases.access.ts), by case (null: the case had
 * no key yet) and by id. The rows hold only wrapped keys; a keyring unwraps
 * one when it is used, instead of reading it again. Per transaction handle,
 * like the keyring's cache.
 */
const offered = new WeakMap<object, { byCase: Map<string, Row | null>; byId: Map<string, Row> }>();

/** Hands the key rows of these cases (null: no key yet) to every keyring, for this transaction only. */
export function offerCaseKeys(db: DbOrTx, rows: ReadonlyMap<string, Row | null>): void {
  if (!isRequestScoped(db) || !rows.size) return;
  let o = offered.get(db);
  if (!o) offered.set(db, (o = { byCase: new Map(), byId: new Map() }));
  for (const [caseId, row] of rows) {
    o.byCase.set(caseId, row);
    if (row) o.byId.set(row.id, row);
  }
}

/** A key row offered in this transaction: the row, null (she had no key), or undefined (not offered). */
function offeredRow(db: DbOrTx, by: 'byCase' | 'byId', id: string): Row | null | undefined {
  if (!isRequestScoped(db)) return undefined;
  return offered.get(db)?.[by].get(id);
}

/** Forgets what was offered of a case whose key changes in this transaction (made, shredded, re-wrapped). */
function withdraw(db: DbOrTx, caseId: string): void {
  if (!isRequestScoped(db)) return;
  const o = offered.get(db);
  const row = o?.byCase.get(caseId);
  if (row) o!.byId.delete(row.id);
  o?.byCase.delete(caseId);
}

const wrapAad = (id: string, caseId: string) => `cek|${id}|${caseId}`;

/**
 * The per-case data keys, each wrapped by a data key of the owning
 * organisation. Unwrapped keys are cached per transaction handle only (a
 * WeakMap: gone with the transaction, so a request holds the keys of the
 * cases it touched, for as long as it runs, and no process-wide table of
 * every case's key builds up in memory); a request's read handle (db.ts
 * readHandle) is treated the same way. On the shared database handle
 * nothing is cached. A savepoint is its own handle: a key created or shredded in a
 * savepoint that rolls back is never seen by the surrounding transaction.
 */
export class CaseKeyring {
  readonly #organisations: OrganisationKeys;
  readonly #perTx = new WeakMap<object, { byId: Map<string, Unwrapped>; byCase: Map<string, Unwrapped> }>();

  constructor(organisations: OrganisationKeys) {
    this.#organisations = organisations;
  }

  #cache(db: DbOrTx) {
    if (!isRequestScoped(db)) return null;
    let c = this.#perTx.get(db);
    if (!c) this.#perTx.set(db, (c = { byId: new Map(), byCase: new Map() }));
    return c;
  }

  async #unwrap(db: DbOrTx, row: Row): Promise<Unwrapped> {
    if (!row.wrappedKey || !row.organisationKeyId) return { id: row.id, caseId: row.caseId, key: null };
    const wrapping = await this.#organisations.byId(db, row.organisationKeyId);
    return { id: row.id, caseId: row.caseId, key: aeadOpen(wrapping, row.wrappedKey, wrapAad(row.id, row.caseId)) };
  }

  async #remember(db: DbOrTx, row: Row): Promise<Unwrapped> {
    const u = await this.#unwrap(db, row);
    const cache = this.#cache(db);
    cache?.byId.set(u.id, u);
    cache?.byCase.set(u.caseId, u);
    return u;
  }

  /** The key a ciphertext names (throws CaseErasedError once shredded). */
  async byId(db: DbOrTx, id: string): Promise<Buffer> {
    const u = this.#cache(db)?.byId.get(id) ?? (await this.#load(db, eq(caseKeys.id, id), offeredRow(db, 'byId', id) ?? undefined));
    if (!u) throw new Error('unknown case key');
    if (!u.key) throw new CaseErasedError();
    return u.key;
  }

  async #load(db: DbOrTx, where: ReturnType<typeof eq>, known?: Row | null): Promise<Unwrapped | null> {
    const row = known === undefined ? (await db.select().from(caseKeys).where(where))[0] : known;
    return row ? this.#remember(db, row) : null;
  }

  /** The case's key, made on first use (throws CaseErasedError once shredded). */
  async forCase(db: DbOrTx, owner: CaseOwner): Promise<{ id: string; key: Buffer }> {
    let u = this.#cache(db)?.byCase.get(owner.caseId) ?? (await this.#load(db, eq(caseKeys.caseId, owner.caseId), offeredRow(db, 'byCase', owner.caseId)));
    if (!u) {
      withdraw(db, owner.caseId);
      const id = randomUUID();
      const key = randomBytes(32);
      const wrapping = await this.#organisations.active(db, owner.organisationId);
      // A concurrent first seal of the same case may win: the unique index keeps one key.
      await db
        .insert(caseKeys)
        .values({ id, caseId: owner.caseId, organisationKeyId: wrapping.id, wrappedKey: aeadSeal(wrapping.key, key, wrapAad(id, owner.caseId)) })
        .onConflictDoNothing();
      u = await this.#load(db, eq(caseKeys.caseId, owner.caseId));
      if (!u) throw new Error('could not create a case key');
    }
    if (!u.key) throw new CaseErasedError();
    return { id: u.id, key: u.key };
  }

  /**
   * Loads the keys named by these ciphertexts in one query (a list of cases
   * would otherwise read one key each). Ciphertexts not under a case key,
   * nulls and already cached keys are skipped. Only useful in a transaction.
   */
  async preload(db: DbOrTx, keyIds: readonly string[]): Promise<void> {
    const cache = this.#cache(db);
    if (!cache) return;
    const missing: string[] = [];
    for (const id of new Set(keyIds)) {
      if (cache.byId.has(id)) continue;
      const row = offeredRow(db, 'byId', id);
      if (row) await this.#remember(db, row);
      else missing.push(id);
    }
    if (!missing.length) return;
    for (const row of await db.select().from(caseKeys).where(inArray(caseKeys.id, missing))) await this.#remember(db, row);
  }

  /** True when the case's key was destroyed. */
  async erased(db: DbOrTx, caseId: string): Promise<boolean> {
    const cached = this.#cache(db)?.byCase.get(caseId);
    if (cached) return !cached.key;
    const known = offeredRow(db, 'byCase', caseId);
    if (known !== undefined) return !!known?.shreddedAt;
    const [row] = await db.select({ shreddedAt: caseKeys.shreddedAt }).from(caseKeys).where(eq(caseKeys.caseId, caseId));
    return !!row?.shreddedAt;
  }

  /**
   * Destroys the case's key: every ciphertext sealed under it, wherever a
   * copy of it lies, can no longer be opened. A case with no key yet gets a
   * tombstone, so none is ever made for it. Idempotent.
   */
  async shred(db: DbOrTx, caseId: string): Promise<{ alreadyErased: boolean }> {
    const gone = { organisationKeyId: null, wrappedKey: null, shreddedAt: new Date() };
    const updated = await db
      .update(caseKeys)
      .set(gone)
      .where(and(eq(caseKeys.caseId, caseId), isNull(caseKeys.shreddedAt)))
      .returning({ id: caseKeys.id });
    if (!updated.length) {
      const inserted = await db.insert(caseKeys).values({ id: randomUUID(), caseId, ...gone }).onConflictDoNothing().returning({ id: caseKeys.id });
      if (!inserted.length) {
        this.#forget(db, caseId);
        return { alreadyErased: true };
      }
    }
    this.#forget(db, caseId);
    return { alreadyErased: false };
  }

  #forget(db: DbOrTx, caseId: string) {
    withdraw(db, caseId);
    const cache = this.#cache(db);
    const u = cache?.byCase.get(caseId);
    if (!cache || !u) return;
    u.key?.fill(0);
    cache.byCase.delete(caseId);
    cache.byId.delete(u.id);
  }

  /**
   * Wraps the case's key with another organisation's active key (a case
   * that changes owner): the data stay as they are. Nothing to do for a
   * case without a key, refused for an erased one.
   */
  async rewrap(db: DbOrTx, caseId: string, organisationId: string): Promise<void> {
    withdraw(db, caseId);
    const [row] = await db.select().from(caseKeys).where(eq(caseKeys.caseId, caseId)).for('update');
    if (!row) return;
    const u = await this.#unwrap(db, row);
    if (!u.key) throw new CaseErasedError();
    const wrapping = await this.#organisations.active(db, organisationId);
    await this.#write(db, row, wrapping, u.key);
  }

  /** Re-wraps every case key wrapped by `fromKeyId` with `to` (an organisation key rotation). */
  async rewrapAll(db: DbOrTx, fromKeyId: string, to: { id: string; key: Buffer }): Promise<number> {
    const rows = await db.select().from(caseKeys).where(eq(caseKeys.organisationKeyId, fromKeyId)).for('update');
    for (const row of rows) {
      const u = await this.#unwrap(db, row);
      await this.#write(db, row, to, u.key!);
    }
    return rows.length;
  }

  async #write(db: DbOrTx, row: Row, wrapping: { id: string; key: Buffer }, key: Buffer) {
    await db
      .update(caseKeys)
      .set({ organisationKeyId: wrapping.id, wrappedKey: aeadSeal(wrapping.key, key, wrapAad(row.id, row.caseId)), rewrappedAt: new Date() })
      .where(eq(caseKeys.id, row.id));
  }
}
