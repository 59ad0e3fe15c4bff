import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseErasedError, CryptoService, caseKeyIdOf } from '../../src/server/platform/crypto.js';
import type { Database, Db } from '../../src/server/platform/db.js';
import { caseKeys, dataKeys } from '../../src/server/platform/platform.tables.js';
import { freshDatabase } from '../support/app.js';

/**
 * One data key per case (issue 11): master key → organisation key → case
 * key → data. Destroying a case's key makes her ciphertexts unreadable
 * wherever they lie; rotating an organisation's key re-wraps the case keys
 * and leaves the data alone.
 */

const SECRET = 'Via dei Tigli 7, Borgofittizio — indirizzo protetto';
const caseKeyRow = async (db: Db, caseId: string) => (await db.select().from(caseKeys).where(eq(caseKeys.caseId, caseId)))[0];

let database: Database;
let db: Db;
const master = randomBytes(32);
let crypto: CryptoService;
beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  crypto = new CryptoService(master);
});
afterAll(() => database.close());

describe('case keys', () => {
  it('seals each case under its own key, wrapped by her organisation key, bound to the case and the field', async () => {
    const org = randomUUID();
    const [a, b] = [{ caseId: randomUUID(), organisationId: org }, { caseId: randomUUID(), organisationId: org }];
    const ctA = await crypto.encryptForCase(db, a, SECRET, 'case.identity:1');
    const ctA2 = await crypto.encryptForCase(db, a, 'altro', 'case_event.notes:2');
    const ctB = await crypto.encryptForCase(db, b, SECRET, 'case.identity:1');
    expect(ctA).toMatch(/^c1\.[0-9a-f-]{36}\./);
    expect(ctA).not.toContain('Tigli');
    expect(caseKeyIdOf(ctA)).toBe(caseKeyIdOf(ctA2));
    expect(caseKeyIdOf(ctA)).not.toBe(caseKeyIdOf(ctB));
    expect(caseKeyIdOf('v1.x.y.z.w')).toBeNull();
    // A fresh service (nothing cached) opens them: everything needed is in the database and the master key.
    const fresh = new CryptoService(master);
    expect(await fresh.decrypt(db, ctA, 'case.identity:1')).toBe(SECRET);
    expect(await fresh.decrypt(db, ctB, 'case.identity:1')).toBe(SECRET);
    await expect(fresh.decrypt(db, ctA, 'case.identity:2')).rejects.toThrow();
    // Her key is wrapped by her organisation's active data key, never stored in clear.
    const row = await caseKeyRow(db, a.caseId);
    const [orgKey] = await db.select().from(dataKeys).where(eq(dataKeys.organisationId, org));
    expect(row).toMatchObject({ id: caseKeyIdOf(ctA), organisationKeyId: orgKey!.id, shreddedAt: null });
    // A case key row moved to another case does not unwrap (the case id is bound to the wrapping).
    const other = await caseKeyRow(db, b.caseId);
    await db.update(caseKeys).set({ wrappedKey: row!.wrappedKey }).where(eq(caseKeys.id, other!.id));
    await expect(new CryptoService(master).decrypt(db, ctB, 'case.identity:1')).rejects.toThrow();
  });

  it('makes one key for concurrent first seals of the same case', async () => {
    const owner = { caseId: randomUUID(), organisationId: randomUUID() };
    const cts = await Promise.all(Array.from({ length: 8 }, (_, i) => crypto.encryptForCase(db, owner, `v${i}`, 'x')));
    expect(new Set(cts.map(caseKeyIdOf)).size).toBe(1);
    expect(await Promise.all(cts.map((c) => crypto.decrypt(db, c, 'x')))).toEqual(cts.map((_, i) => `v${i}`));
  });

  it('shredding a case key makes every copy of her ciphertexts unreadable, refuses new ones, and is kept as a tombstone', async () => {
    const owner = { caseId: randomUUID(), organisationId: randomUUID() };
    const neighbour = { caseId: randomUUID(), organisationId: owner.organisationId };
    // Opened in one transaction: the key is cached in that transaction only.
    const copy = await db.transaction(async (tx) => {
      const ct = await crypto.encryptForCase(tx, owner, SECRET, 'case.identity:9');
      expect(await crypto.decrypt(tx, ct, 'case.identity:9')).toBe(SECRET);
      return ct;
    });
    const kept = await crypto.encryptForCase(db, neighbour, 'resta', 'x');
    expect(await crypto.cases.erased(db, owner.caseId)).toBe(false);
    expect(await db.transaction((tx) => crypto.cases.shred(tx, owner.caseId))).toEqual({ alreadyErased: false });
    // The same service, which has opened her key before, cannot any more: no key outlives its transaction.
    await expect(crypto.decrypt(db, copy, 'case.identity:9')).rejects.toBeInstanceOf(CaseErasedError);
    await expect(db.transaction((tx) => crypto.decrypt(tx, copy, 'case.identity:9'))).rejects.toBeInstanceOf(CaseErasedError);
    await expect(crypto.encryptForCase(db, owner, 'nuovo', 'x')).rejects.toBeInstanceOf(CaseErasedError);
    expect(await crypto.cases.erased(db, owner.caseId)).toBe(true);
    expect(await caseKeyRow(db, owner.caseId)).toMatchObject({ wrappedKey: null, organisationKeyId: null, shreddedAt: expect.any(Date) });
    expect(await crypto.decrypt(db, kept, 'x')).toBe('resta');
    // Twice changes nothing; a case that never had a key gets a tombstone, so none is ever made for it.
    expect(await crypto.cases.shred(db, owner.caseId)).toEqual({ alreadyErased: true });
    const keyless = randomUUID();
    expect(await crypto.cases.shred(db, keyless)).toEqual({ alreadyErased: false });
    await expect(crypto.encryptForCase(db, { caseId: keyless, organisationId: owner.organisationId }, 'x', 'x')).rejects.toBeInstanceOf(CaseErasedError);
  });

  it('a shred inside a transaction is seen at once in it, and undone with it', async () => {
    const owner = { caseId: randomUUID(), organisationId: randomUUID() };
    const ct = await crypto.encryptForCase(db, owner, SECRET, 'c');
    await expect(
      db.transaction(async (tx) => {
        expect(await crypto.decrypt(tx, ct, 'c')).toBe(SECRET);
        await crypto.cases.shred(tx, owner.caseId);
        await expect(crypto.decrypt(tx, ct, 'c')).rejects.toBeInstanceOf(CaseErasedError);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await crypto.decrypt(db, ct, 'c')).toBe(SECRET);
  });

  it('a key made in a savepoint that rolls back is not used afterwards by the transaction', async () => {
    const owner = { caseId: randomUUID(), organisationId: randomUUID() };
    const ct = await db.transaction(async (tx) => {
      await tx
        .transaction(async (sp) => {
          await crypto.encryptForCase(sp, owner, 'perso', 'c');
          throw new Error('refused');
        })
        .catch(() => undefined);
      return crypto.encryptForCase(tx, owner, SECRET, 'c');
    });
    expect(await new CryptoService(master).decrypt(db, ct, 'c')).toBe(SECRET);
  });

  it('a case that changes organisation has her key re-wrapped by the new one; the data stay as they are', async () => {
    const [from, to] = [randomUUID(), randomUUID()];
    const caseId = randomUUID();
    const ct = await crypto.encryptForCase(db, { caseId, organisationId: from }, SECRET, 'c');
    await crypto.encryptForCase(db, { caseId: randomUUID(), organisationId: to }, 'x', 'x'); // the new owner has a key already
    const before = await caseKeyRow(db, caseId);
    await db.transaction((tx) => crypto.cases.rewrap(tx, caseId, to));
    const after = await caseKeyRow(db, caseId);
    const [toKey] = await db.select().from(dataKeys).where(eq(dataKeys.organisationId, to));
    expect(after).toMatchObject({ id: before!.id, organisationKeyId: toKey!.id, rewrappedAt: expect.any(Date) });
    expect(after!.wrappedKey).not.toBe(before!.wrappedKey);
    expect(await new CryptoService(master).decrypt(db, ct, 'c')).toBe(SECRET);
  });
});

describe('key rotations', () => {
  it("rotating an organisation's key re-wraps its case keys without re-encrypting data; its own older values still open", async () => {
    const org = randomUUID();
    const owners = [randomUUID(), randomUUID(), randomUUID()].map((caseId) => ({ caseId, organisationId: org }));
    const cts = await Promise.all(owners.map((o, i) => crypto.encryptForCase(db, o, `valore ${i}`, `ctx:${i}`)));
    const orgValue = await crypto.encrypt(db, org, 'sede riservata', 'sportello.location:1');
    const erased = owners[2]!.caseId;
    await crypto.cases.shred(db, erased);
    const [oldKey] = await db.select().from(dataKeys).where(eq(dataKeys.organisationId, org));
    const before = await Promise.all(owners.map((o) => caseKeyRow(db, o.caseId)));

    const r = await crypto.rotateOrganisationKey(db, org);
    expect(r.rewrapped).toBe(2); // the shredded key has nothing left to re-wrap
    expect(r.keyId).not.toBe(oldKey!.id);
    const keys = await db.select().from(dataKeys).where(eq(dataKeys.organisationId, org));
    expect(keys.map((k) => [k.id, k.active]).sort()).toEqual(
      [
        [oldKey!.id, false],
        [r.keyId, true],
      ].sort(),
    );
    const after = await Promise.all(owners.map((o) => caseKeyRow(db, o.caseId)));
    for (const i of [0, 1]) {
      expect(after[i]).toMatchObject({ id: before[i]!.id, organisationKeyId: r.keyId });
      expect(after[i]!.wrappedKey).not.toBe(before[i]!.wrappedKey);
    }
    expect(after[2]).toMatchObject({ wrappedKey: null, organisationKeyId: null });
    const fresh = new CryptoService(master);
    expect(await fresh.decrypt(db, cts[0]!, 'ctx:0')).toBe('valore 0');
    expect(await fresh.decrypt(db, cts[1]!, 'ctx:1')).toBe('valore 1');
    await expect(fresh.decrypt(db, cts[2]!, 'ctx:2')).rejects.toBeInstanceOf(CaseErasedError);
    expect(await fresh.decrypt(db, orgValue, 'sportello.location:1')).toBe('sede riservata');
    // New values of the organisation and new case keys go under the new key.
    expect((await crypto.encrypt(db, org, 'x', 'y')).split('.')[1]).toBe(r.keyId);
    const newCase = randomUUID();
    await crypto.encryptForCase(db, { caseId: newCase, organisationId: org }, 'x', 'y');
    expect((await caseKeyRow(db, newCase))!.organisationKeyId).toBe(r.keyId);
  });

  it('rotating the master key leaves case keys as they are, and they open with the new master key alone', async () => {
    const own = await freshDatabase();
    try {
      const oldMaster = randomBytes(32);
      const before = new CryptoService(oldMaster);
      const owner = { caseId: randomUUID(), organisationId: randomUUID() };
      const ct = await before.encryptForCase(own.db, owner, SECRET, 'c');
      const keyBefore = await caseKeyRow(own.db, owner.caseId);
      const newMaster = randomBytes(32);
      expect(await new CryptoService(newMaster, [oldMaster]).rotateMasterKey(own.db)).toEqual({ rewrapped: 1, alreadyCurrent: 0 });
      expect(await caseKeyRow(own.db, owner.caseId)).toEqual(keyBefore);
      expect(await new CryptoService(newMaster).decrypt(own.db, ct, 'c')).toBe(SECRET);
      await expect(new CryptoService(oldMaster).decrypt(own.db, ct, 'c')).rejects.toThrow(/unknown master key/);
    } finally {
      await own.close();
    }
  });
});
