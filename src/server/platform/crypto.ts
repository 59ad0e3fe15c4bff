import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from './db.js';
import { dataKeys } from './platform.tables.js';

const ALGO = 'aes-256-gcm';

/**
 * Purposes of the keys derived from the instance's data key (HKDF-SHA256,
 * one `info` label each): a derived key serves one purpose only, and
 * knowing one says nothing of the data key or of another purpose's key.
 */
export type DerivedKeyPurpose = 'case-search-index';
const VERSION = 'v1';

/** Fingerprint of a master key, stored beside each key it wraps. */
export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGO, key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64url')).join('.');
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [iv, tag, ct] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !ct) throw new Error('malformed ciphertext');
  const decipher = createDecipheriv(ALGO, key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

/**
 * Envelope encryption of identifying fields. Each organisation (and the
 * instance itself) has an AES-256-GCM data key, stored wrapped by the master
 * key from configuration. Ciphertexts name their data key, so rotating the
 * master key re-wraps data keys without touching the data.
 *
 * `context` is bound as additional authenticated data (e.g.
 * `users.totp_secret:<id>`): a ciphertext copied to another field or record
 * does not decrypt.
 */
export class CryptoService {
  readonly #master: Buffer;
  readonly #masterId: string;
  readonly #previous: Map<string, Buffer>;
  /** Unwrapped data keys by id: unwrapping is cheap, but not free. */
  readonly #cache = new Map<string, Buffer>();

  constructor(master: Buffer, previous: readonly Buffer[] = []) {
    this.#master = master;
    this.#masterId = masterKeyId(master);
    this.#previous = new Map(previous.map((k) => [masterKeyId(k), k]));
  }

  async encrypt(db: DbOrTx, organisationId: string | null, plaintext: string, context: string): Promise<string> {
    const { id, key } = await this.#activeKey(db, organisationId);
    return `${VERSION}.${id}.${seal(key, Buffer.from(plaintext, 'utf8'), `${id}|${context}`)}`;
  }

  async decrypt(db: DbOrTx, ciphertext: string, context: string): Promise<string> {
    const [version, id, ...rest] = ciphertext.split('.');
    if (version !== VERSION || !id || rest.length !== 3) throw new Error('unknown ciphertext format');
    const key = await this.#keyById(db, id);
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
