import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { aeadOpen as open, aeadSeal as seal } from './aead.js';
import { CaseKeyring, type CaseOwner } from './case-keys.js';
import type { Db, DbOrTx } from './db.js';
import { dataKeys } from './platform.tables.js';

export { CaseErasedError, type CaseOwner } from './case-keys.js';

/**
 * Purposes of the keys derived from the instance's data key (HKDF-SHA256,
 * one `info` label each): a derived key serves one purpose only, and
 * knowing one says nothing of the data key or of another purpose's key.
 */
export type DerivedKeyPurpose = 'case-search-index';
/** A ciphertext under an organisation's (or the instance's) data key. */
const VERSION = 'v1';
/** A ciphertext under a case's own data key. */
const CASE_VERSION = 'c1';

/** The id of the case key a ciphertext is sealed under (null: not under a case key). */
export function caseKeyIdOf(ciphertext: string | null | undefined): string | null {
  if (!ciphertext?.startsWith(`${CASE_VERSION}.`)) return null;
  return ciphertext.split('.')[1] ?? null;
}

/** Fingerprint of a master key, stored beside each key it wraps. */
export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * Envelope encryption of identifying fields: master key (configuration) →
 * a data key per organisation and one for the instance (`data_keys`,
 * wrapped by the master key) → a data key per case (`case_keys`, wrapped by
 * her organisation's key; case-keys.ts) → the data. Ciphertexts name their
 * key, so rotating the master key or an organisation key re-wraps keys
 * without touching the data, and destroying a case key makes every copy of
 * that case's ciphertexts unreadable (crypto-shredding).
 *
 * `context` is bound as additional authenticated data (e.g.
 * `users.totp_secret:<id>`): a ciphertext copied to another field or record
 * does not decrypt.
 */
export class CryptoService {
  readonly #master: Buffer;
  readonly #masterId: string;
  readonly #previous: Map<string, Buffer>;
  /**
   * Unwrapped organisation and instance keys by id, for the process's life:
   * a few dozen keys, needed by nearly every request. Case keys are not
   * kept here (case-keys.ts caches them per transaction).
   */
  readonly #cache = new Map<string, Buffer>();
  /** The per-case keys, wrapped by the organisation keys. */
  readonly cases: CaseKeyring;

  constructor(master: Buffer, previous: readonly Buffer[] = []) {
    this.#master = master;
    this.#masterId = masterKeyId(master);
    this.#previous = new Map(previous.map((k) => [masterKeyId(k), k]));
    this.cases = new CaseKeyring({ active: (db, organisationId) => this.#activeKey(db, organisationId), byId: (db, id) => this.#keyById(db, id) });
  }

  async encrypt(db: DbOrTx, organisationId: string | null, plaintext: string, context: string): Promise<string> {
    const { id, key } = await this.#activeKey(db, organisationId);
    return `${VERSION}.${id}.${seal(key, Buffer.from(plaintext, 'utf8'), `${id}|${context}`)}`;
  }

  /** Seals under the case's own key (made on first use); throws CaseErasedError once it is shredded. */
  async encryptForCase(db: DbOrTx, owner: CaseOwner, plaintext: string, context: string): Promise<string> {
    const { id, key } = await this.cases.forCase(db, owner);
    return `${CASE_VERSION}.${id}.${seal(key, Buffer.from(plaintext, 'utf8'), `${id}|${context}`)}`;
  }

  /** Opens either kind of ciphertext; under a shredded case key, throws CaseErasedError. */
  async decrypt(db: DbOrTx, ciphertext: string, context: string): Promise<string> {
    const [version, id, ...rest] = ciphertext.split('.');
    if ((version !== VERSION && version !== CASE_VERSION) || !id || rest.length !== 3) throw new Error('unknown ciphertext format');
    const key = version === CASE_VERSION ? await this.cases.byId(db, id) : await this.#keyById(db, id);
    return open(key, rest.join('.'), `${id}|${context}`).toString('utf8');
  }

  /**
   * A key for one purpose, derived (HKDF-SHA256) from the instance's own
   * data key: stable across master-key rotations (the data key is re-wrapped,
   * never changed), unknown to whoever holds only a copy of the database
   * (the data key is stored wrapped by the master key). Cached per purpose.
   */
  async derivedKey(db: DbOrTx, purpose: DerivedKeyPurpose): Promise<Buffer> {
    const cacheId = `derived:${purpose}`;
    const cached = this.#cache.get(cacheId);
    if (cached) return cached;
    const { key } = await this.#activeKey(db, null);
    const derived = Buffer.from(hkdfSync('sha256', key, Buffer.from('trama', 'utf8'), Buffer.from(`trama/${purpose}/v1`, 'utf8'), 32));
    this.#cache.set(cacheId, derived);
    return derived;
  }

  /**
   * Re-wraps every data key with the current master key (keys wrapped by a
   * previous master key must have it in TRAMA_MASTER_KEY_PREVIOUS). Data are
   * not re-encrypted. Runs in one transaction: all keys or none.
   */
  async rotateMasterKey(db: Db): Promise<{ rewrapped: number; alreadyCurrent: number }> {
    return db.transaction(async (tx) => {
      const rows = await tx.select().from(dataKeys).for('update');
      let rewrapped = 0;
      for (const row of rows) {
        if (row.masterKeyId === this.#masterId) continue;
        const key = this.#unwrap(row);
        await tx
          .update(dataKeys)
          .set({ wrappedKey: seal(this.#master, key, `dek|${row.id}`), masterKeyId: this.#masterId, rewrappedAt: new Date() })
          .where(eq(dataKeys.id, row.id));
        rewrapped++;
      }
      return { rewrapped, alreadyCurrent: rows.length - rewrapped };
    });
  }

  /**
   * Gives the organisation a new data key and re-wraps every case key its
   * old ones wrapped: case data are not re-encrypted. The old key stays,
   * inactive, for the organisation's own older ciphertexts (e.g. a secret
   * sportello's location). One transaction: all or nothing.
   */
  async rotateOrganisationKey(db: Db, organisationId: string): Promise<{ keyId: string; rewrapped: number }> {
    return db.transaction(async (tx) => {
      const old = await tx.select().from(dataKeys).where(eq(dataKeys.organisationId, organisationId)).for('update');
      await tx.update(dataKeys).set({ active: false }).where(and(eq(dataKeys.organisationId, organisationId), eq(dataKeys.active, true)));
      const next = await this.#activeKey(tx, organisationId);
      let rewrapped = 0;
      for (const row of old) rewrapped += await this.cases.rewrapAll(tx, row.id, next);
      return { keyId: next.id, rewrapped };
    });
  }

  #unwrap(row: { id: string; wrappedKey: string; masterKeyId: string }): Buffer {
    const master = row.masterKeyId === this.#masterId ? this.#master : this.#previous.get(row.masterKeyId);
    if (!master) {
      throw new Error(`data key ${row.id} is wrapped by an unknown master key (${row.masterKeyId})`);
    }
    return open(master, row.wrappedKey, `dek|${row.id}`);
  }

  async #keyById(db: DbOrTx, id: string): Promise<Buffer> {
    const cached = this.#cache.get(id);
    if (cached) return cached;
    const [row] = await db.select().from(dataKeys).where(eq(dataKeys.id, id));
    if (!row) throw new Error('unknown data key');
    const key = this.#unwrap(row);
    this.#cache.set(id, key);
    return key;
  }

  async #activeKey(db: DbOrTx, organisationId: string | null): Promise<{ id: string; key: Buffer }> {
    const where = and(
      eq(dataKeys.active, true),
      organisationId ? eq(dataKeys.organisationId, organisationId) : isNull(dataKeys.organisationId),
    );
    let [row] = await db.select().from(dataKeys).where(where).limit(1);
    if (!row) {
      const id = crypto.randomUUID();
      const key = randomBytes(32);
      // A concurrent first use may win the race: the unique index keeps one key.
      await db
        .insert(dataKeys)
        .values({ id, organisationId, wrappedKey: seal(this.#master, key, `dek|${id}`), masterKeyId: this.#masterId })
        .onConflictDoNothing();
      [row] = await db.select().from(dataKeys).where(where).limit(1);
      if (!row) throw new Error('could not create a data key');
    }
    return { id: row.id, key: await this.#keyById(db, row.id) };
  }
}
