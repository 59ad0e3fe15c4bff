import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { asc, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/server/access/access.tables.js';
import { totpContext } from '../../src/server/access/auth.service.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { verifyAuditChain } from '../../src/server/audit/audit.verify.js';
import { createContext } from '../../src/server/bootstrap.js';
import { systemCreateAccount } from '../../src/server/modules/accounts/index.js';
import { decodeKey, loadConfig } from '../../src/server/platform/config.js';
import { CryptoService, masterKeyId } from '../../src/server/platform/crypto.js';
import { type Database, type Db, openPglite } from '../../src/server/platform/db.js';
import { lockDataDir } from '../../src/server/platform/lock.js';
import { createLogger } from '../../src/server/platform/log.js';
import { dataKeys } from '../../src/server/platform/platform.tables.js';
import { DEMO_TOTP_SECRET, loadDemo } from '../../seeds/demo/demo.js';
import { buildTestApp, freshDatabase } from '../support/app.js';
import { childEnv, runCli, useTempDir } from './processes.js';

const SECRET = 'Via dei Tigli 7, Borgofittizio — indirizzo protetto';
const key = () => randomBytes(32);
const allKeys = (db: Db) => db.select().from(dataKeys).orderBy(asc(dataKeys.id));

describe('CryptoService (envelope encryption)', () => {
  let database: Database;
  let db: Db;
  const master = key();
  let crypto: CryptoService;
  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
    crypto = new CryptoService(master);
  });
  afterAll(() => database.close());

  it('decrypts what it encrypted, with a fresh IV every time and no plaintext inside', async () => {
    const orgId = randomUUID();
    const a = await crypto.encrypt(db, orgId, SECRET, 'cases.address:1');
    const b = await crypto.encrypt(db, orgId, SECRET, 'cases.address:1');
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]); // the IVs differ
    for (const ct of [a, b]) {
      expect(ct).not.toContain('Tigli');
      expect(ct).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 12));
      expect(ct).toMatch(/^v1\.[0-9a-f-]{36}\./);
    }
    expect(await crypto.decrypt(db, a, 'cases.address:1')).toBe(SECRET);
    expect(await crypto.decrypt(db, b, 'cases.address:1')).toBe(SECRET);
    expect(await crypto.decrypt(db, await crypto.encrypt(db, orgId, '', 'empty'), 'empty')).toBe('');
  });

  it('binds the context: a ciphertext moved to another field or record does not decrypt', async () => {
    const ct = await crypto.encrypt(db, null, SECRET, 'users.totp_secret:aaa');
    await expect(crypto.decrypt(db, ct, 'users.totp_secret:bbb')).rejects.toThrow();
    await expect(crypto.decrypt(db, ct, 'users.display_name:aaa')).rejects.toThrow();
    // One flipped character of the ciphertext body fails authentication too.
    const parts = ct.split('.');
    const body = parts[4]!;
    parts[4] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    await expect(crypto.decrypt(db, parts.join('.'), 'users.totp_secret:aaa')).rejects.toThrow();
    await expect(crypto.decrypt(db, 'not-a-ciphertext', 'x')).rejects.toThrow('unknown ciphertext format');
  });

  it('keeps one data key per organisation, and one for the instance', async () => {
    const fresh = await freshDatabase();
    try {
      const [org1, org2, org3] = [randomUUID(), randomUUID(), randomUUID()];
      const c1 = await crypto.encrypt(fresh.db, org1, 'uno', 'x');
      await crypto.encrypt(fresh.db, org1, 'due', 'x');
      const c2 = await crypto.encrypt(fresh.db, org2, 'tre', 'x');
      await crypto.encrypt(fresh.db, null, 'quattro', 'x');
      expect(c1.split('.')[1]).not.toBe(c2.split('.')[1]);
      // Concurrent first uses for a new organisation still create a single key.
      const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => crypto.encrypt(fresh.db, org3, `v${i}`, 'x')));
      expect(new Set(racing.map((c) => c.split('.')[1])).size).toBe(1);
      expect(await Promise.all(racing.map((c) => crypto.decrypt(fresh.db, c, 'x')))).toEqual(racing.map((_, i) => `v${i}`));
      const rows = await allKeys(fresh.db);
      expect(rows).toHaveLength(4);
      expect(rows.map((r) => r.organisationId ?? '').sort()).toEqual([org1, org2, org3, ''].sort());
      for (const r of rows) {
        expect(r.masterKeyId).toBe(masterKeyId(master));
        expect(r.wrappedKey).not.toContain(master.toString('base64url'));
      }
    } finally {
      await fresh.close();
    }
  });

  it('fails clearly when the data key is wrapped by an unknown master key', async () => {
    const ct = await crypto.encrypt(db, null, SECRET, 'ctx');
    const stranger = new CryptoService(key());
    await expect(stranger.decrypt(db, ct, 'ctx')).rejects.toThrow(/wrapped by an unknown master key \([0-9a-f]{16}\)/);
  });
});

describe('master key rotation', () => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
  });
  afterAll(() => database.close());

  it('re-wraps every data key, leaves the data untouched, and needs only the new key afterwards', async () => {
    const oldMaster = key();
    const before = new CryptoService(oldMaster);
    const orgs = [randomUUID(), randomUUID()];
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DP';
    const userId = await db.transaction((tx) =>
      systemCreateAccount(tx, before, { username: 'ruotata', displayName: 'Persona Ruotata', password: 'Cavallo-Pesca-Nuvola-42', totpSecret: secret }),
    );
    const values = await Promise.all(orgs.map((o, i) => before.encrypt(db, o, `valore ${i}`, `ctx:${i}`)));
    const [userBefore] = await db.select().from(users).where(eq(users.id, userId));
    const keysBefore = await allKeys(db);
    expect(keysBefore).toHaveLength(3);

    const newMaster = key();
    const rotating = new CryptoService(newMaster, [oldMaster]);
    expect(await rotating.rotateMasterKey(db)).toEqual({ rewrapped: 3, alreadyCurrent: 0 });

    const keysAfter = await allKeys(db);
    expect(keysAfter.map((k) => k.id)).toEqual(keysBefore.map((k) => k.id));
    for (const [i, k] of keysAfter.entries()) {
      expect(k.masterKeyId).toBe(masterKeyId(newMaster));
      expect(k.wrappedKey).not.toBe(keysBefore[i]!.wrappedKey);
      expect(k.rewrappedAt).toBeInstanceOf(Date);
    }
    const [userAfter] = await db.select().from(users).where(eq(users.id, userId));
    expect(userAfter!.totpSecret).toBe(userBefore!.totpSecret); // byte-identical ciphertext

    const onlyNew = new CryptoService(newMaster);
    expect(await onlyNew.decrypt(db, userAfter!.totpSecret!, totpContext(userId))).toBe(secret);
    for (const [i, v] of values.entries()) expect(await onlyNew.decrypt(db, v, `ctx:${i}`)).toBe(`valore ${i}`);
    await expect(new CryptoService(oldMaster).decrypt(db, values[0]!, 'ctx:0')).rejects.toThrow(/unknown master key/);

    expect(await rotating.rotateMasterKey(db)).toEqual({ rewrapped: 0, alreadyCurrent: 3 });
    // Without the previous key, a key it wrapped cannot be re-wrapped: nothing changes.
    await new CryptoService(oldMaster).encrypt(db, randomUUID(), 'x', 'y');
    await expect(new CryptoService(key()).rotateMasterKey(db)).rejects.toThrow(/unknown master key/);
    expect((await allKeys(db)).filter((k) => k.masterKeyId === masterKeyId(newMaster))).toHaveLength(3);
  });
});

describe('demo secrets at rest', () => {
  // The demo's caseload goes through the services: a load takes seconds.
  it('never stores the demo TOTP secret in clear', { timeout: 180_000 }, async () => {
    const t = await buildTestApp();
    try {
      await loadDemo(t.ctx);
      const rows = await t.db.select().from(users).where(isNotNull(users.totpSecret));
      expect(rows.length).toBeGreaterThanOrEqual(8);
      for (const r of rows) {
        expect(JSON.stringify(r)).not.toContain(DEMO_TOTP_SECRET);
        expect(await t.ctx.crypto.decrypt(t.db, r.totpSecret!, totpContext(r.id))).toBe(DEMO_TOTP_SECRET);
      }
      // Each account's ciphertext is its own (fresh IV, own context).
      expect(new Set(rows.map((r) => r.totpSecret)).size).toBe(rows.length);
    } finally {
      await t.close();
    }
  });
});

describe('npm run trama -- keys:rotate (embedded database)', () => {
  const data = useTempDir();
  const env = () => childEnv(data.dir);
  const secretsFile = () => path.join(data.dir, 'secrets.json');

  it('writes a new master key (mode 0600) and the accounts still log in', async () => {
    const created = await runCli(['user:create', '--username', 'amministratrice', '--name', 'Amministratrice Prova', '--admin'], env());
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const totp = /secret=([A-Z2-7]+)/.exec(created.stdout)?.[1];
    expect(totp).toBeDefined();
    const oldStored = JSON.parse(readFileSync(secretsFile(), 'utf8')) as { masterKey: string; sessionSecret: string };

    const rotated = await runCli(['keys:rotate'], env());
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('Master key rotated: 1 data keys re-wrapped, 0 already current.');

    const stored = JSON.parse(readFileSync(secretsFile(), 'utf8')) as { masterKey: string; sessionSecret: string; previousMasterKeys?: string[] };
    expect(stored.masterKey).not.toBe(oldStored.masterKey);
    expect(decodeKey(stored.masterKey)).toHaveLength(32);
    expect(stored.sessionSecret).toBe(oldStored.sessionSecret);
    expect(stored.previousMasterKeys).toBeUndefined(); // the old key is gone once every data key is re-wrapped
    expect(statSync(secretsFile()).mode & 0o777).toBe(0o600);

    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: data.dir });
    expect(masterKeyId(config.secrets.masterKey)).toBe(masterKeyId(decodeKey(stored.masterKey)!));
    const release = lockDataDir(data.dir);
    const database = await openPglite(path.join(data.dir, 'pgdata'));
    try {
      const ctx = createContext(config, database, createLogger('silent'));
      const [user] = await database.db.select().from(users).where(eq(users.username, 'amministratrice'));
      expect(user!.totpSecret).not.toContain(totp!);
      expect(await ctx.crypto.decrypt(database.db, user!.totpSecret!, totpContext(user!.id))).toBe(totp);
      await expect(new CryptoService(decodeKey(oldStored.masterKey)!).decrypt(database.db, user!.totpSecret!, totpContext(user!.id))).rejects.toThrow(
        /unknown master key/,
      );
      const [k] = await allKeys(database.db);
      expect(k!.masterKeyId).toBe(masterKeyId(config.secrets.masterKey));
      const actions = (await database.db.select().from(auditLog).orderBy(asc(auditLog.id))).map((r) => r.action);
      expect(actions).toEqual(['user.create', 'keys.rotate']);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 2 });
    } finally {
      await database.close();
      release();
    }
  }, 120_000);
});
