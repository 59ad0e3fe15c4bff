import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { arrayContains, asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { users } from '../../src/server/access/access.tables.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { AuditCheckpointer, CHECKPOINT_FILE, readCheckpoints, signCheckpoint } from '../../src/server/audit/audit.checkpoint.js';
import { verifyAuditChain } from '../../src/server/audit/audit.verify.js';
import { chainPending } from '../../src/server/audit/audit.chain.js';
import {
  AuditKeyring,
  GENESIS_HASH,
  type HashedContent,
  auditKeys,
  keyedRowHash,
  rowHash,
  useAuditKeys,
  writeAudit,
  writeAuditAlone,
  writeAudits,
} from '../../src/server/audit/audit.writer.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { createLogger } from '../../src/server/platform/log.js';
import { type Database, type Db, openPglite, pgCode } from '../../src/server/platform/db.js';
import { lockDataDir } from '../../src/server/platform/lock.js';
import { LogCapture, freshDatabase } from '../support/app.js';
import { childEnv, runCli, tempDir, useTempDir } from './processes.js';

/** The keys of this file's writers (the application sets them from AUDIT_HMAC_KEY). */
const keys = new AuditKeyring(randomBytes(32));
useAuditKeys(keys);

/** Every row, chained first (the chainer links rows after their commit: here, deterministically, now). */
const rowsOf = async (db: Db) => {
  await chainPending(db);
  return db.select().from(auditLog).orderBy(asc(auditLog.id));
};
const countOf = async (db: Db) => (await db.select({ n: count() }).from(auditLog))[0]!.n;

/** Writes `n` login events, one transaction each. */
async function writeEvents(db: Db, n: number, resource = 'r') {
  for (let i = 0; i < n; i++) {
    await writeAuditAlone(db, { action: 'auth.login', outcome: 'success', resourceType: 'user', resourceId: `${resource}-${i}`, requestId: `req-${i}` });
  }
  await chainPending(db);
}

/** Runs SQL with the append-only trigger switched off, as a database owner could. */
async function withTriggerOff(db: Db, statement: ReturnType<typeof sql>) {
  await db.execute(sql`alter table audit_log disable trigger user`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`alter table audit_log enable trigger user`);
  }
}

async function refused(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('the statement was not refused');
}

describe('hash-chained, append-only audit log', () => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
  });
  afterAll(() => database.close());

  it('starts empty and verified', async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 0, checkpoints: 0 });
  });

  it('chains every row to the previous one', async () => {
    await writeEvents(db, 5);
    const rows = await rowsOf(db);
    expect(rows).toHaveLength(5);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    for (const { hash, ...rest } of rows) {
      expect(rest).toMatchObject({ alg: 'hmac-sha256', keyId: keys.currentId });
      expect(keyedRowHash(rest, keys.current)).toBe(hash);
    }
    expect(new Set(rows.map((r) => r.hash)).size).toBe(5);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 5, checkpoints: 0 });
    // A small batch makes the verifier page through the chain.
    expect(await verifyAuditChain(db, { batch: 2 })).toEqual({ ok: true, rows: 5, checkpoints: 0 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const [first] = await rowsOf(db);
    const update = await refused(db.update(auditLog).set({ action: 'auth.logout' }).where(eq(auditLog.id, first!.id)));
    expect(pgCode(update)).toBe('42501');
    const del = await refused(db.delete(auditLog).where(eq(auditLog.id, first!.id)));
    expect(pgCode(del)).toBe('42501');
    const truncate = await refused(db.execute(sql`truncate audit_log`));
    expect(pgCode(truncate)).toBe('42501');
    const [again] = await db.select().from(auditLog).where(eq(auditLog.id, first!.id)).orderBy(asc(auditLog.id));
    expect(again).toEqual(first);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 5, checkpoints: 0 });
  });

  it('writes the audit row in the transaction of its action: a rollback leaves no row', async () => {
    const before = await countOf(db);
    await expect(
      db.transaction(async (tx) => {
        await writeAudit(tx, { action: 'user.create', outcome: 'success', resourceType: 'user', resourceId: 'rolled-back' });
        throw new Error('the action failed after its audit row');
      }),
    ).rejects.toThrow('the action failed');
    expect(await countOf(db)).toBe(before);
    expect(await db.select().from(auditLog).where(eq(auditLog.resourceId, 'rolled-back')).orderBy(asc(auditLog.id))).toHaveLength(0);
    // The sequence value the rolled-back row took leaves a gap, not a break.
    await writeEvents(db, 1, 'after-rollback');
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 1, checkpoints: 0 });
  });

  it('keeps one unbroken chain under 20 concurrent writers', async () => {
    const before = await countOf(db);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writeAuditAlone(db, { action: 'access.denied', outcome: 'denied', resourceType: 'probe', resourceId: `concurrent-${i}` }),
      ),
    );
    const rows = await rowsOf(db);
    expect(rows).toHaveLength(before + 20);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length); // no fork: each hash has one successor
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 20, checkpoints: 0 });
  });

  it('commits stand-alone events in groups, and one bad event fails alone', async () => {
    const before = await countOf(db);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        writeAuditAlone(db, {
          action: 'access.denied',
          outcome: 'denied',
          // Not a uuid: the database refuses this row, and only this row.
          actorUserId: i === 5 ? 'not-a-uuid' : null,
          resourceType: 'probe',
          resourceId: `grouped-${i}`,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    const rows = (await rowsOf(db)).slice(before);
    expect(rows.map((r) => r.resourceId)).toEqual(Array.from({ length: 12 }, (_, i) => `grouped-${i}`).filter((_, i) => i !== 5));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 11, checkpoints: 0 });
  });
});

describe('tampering is detected', () => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
    await writeEvents(db, 6);
  });
  afterAll(() => database.close());

  it('names a row whose action was changed (content_changed), and accepts it once restored', async () => {
    const rows = await rowsOf(db);
    const target = rows[2]!;
    await withTriggerOff(db, sql`update audit_log set action = 'auth.logout' where id = ${target.id}`);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, rows: 2, brokenId: target.id, reason: 'content_changed' });
    await withTriggerOff(db, sql`update audit_log set action = ${target.action} where id = ${target.id}`);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 6, checkpoints: 0 });
  });

  it('names a row whose resource id was changed', async () => {
    const target = (await rowsOf(db))[4]!;
    await withTriggerOff(db, sql`update audit_log set resource_id = 'someone-else' where id = ${target.id}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenId: target.id, reason: 'content_changed' });
    await withTriggerOff(db, sql`update audit_log set resource_id = ${target.resourceId} where id = ${target.id}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('a list row names its cases under the hash: the trigger refuses a change to them, and a forced one is found', async () => {
    const shown = [randomUUID(), randomUUID(), randomUUID()];
    await db.transaction((tx) => writeAudits(tx, [{ action: 'case.listed', outcome: 'success', resourceType: 'case', purpose: 'caseload', subjectIds: shown }]));
    const row = (await rowsOf(db)).at(-1)!;
    expect(row.subjectIds).toEqual(shown);
    expect((await db.select({ id: auditLog.id }).from(auditLog).where(arrayContains(auditLog.subjectIds, [shown[1]!])).orderBy(asc(auditLog.id))).map((r) => r.id)).toEqual([row.id]);
    // Even the chainer's one allowed update may not touch them (the trigger's WHEN condition names the column).
    const refusedUpdate = await refused(db.execute(sql`update audit_log set subject_ids = ${sql.param([shown[0]!])}::uuid[] where id = ${row.id}`));
    expect(pgCode(refusedUpdate)).toBe('42501');
    await withTriggerOff(db, sql`update audit_log set subject_ids = ${sql.param([shown[0]!, shown[2]!])}::uuid[] where id = ${row.id}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenId: row.id, reason: 'content_changed' });
    await withTriggerOff(db, sql`update audit_log set subject_ids = ${sql.param(shown)}::uuid[] where id = ${row.id}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('a changed row whose HMAC was recomputed (with the key) breaks the link of the next row', async () => {
    const rows = await rowsOf(db);
    const target = rows[1]!;
    const forged = { ...target, action: 'auth.logout' };
    const { hash: _old, ...content } = forged;
    await withTriggerOff(db, sql`update audit_log set action = ${forged.action}, hash = ${keyedRowHash(content, keys.current)} where id = ${target.id}`);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, rows: 2, brokenId: rows[2]!.id, reason: 'chain_broken' });
    await withTriggerOff(db, sql`update audit_log set action = ${target.action}, hash = ${target.hash} where id = ${target.id}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('a deleted middle row breaks the chain at the next row', async () => {
    const rows = await rowsOf(db);
    await withTriggerOff(db, sql`delete from audit_log where id = ${rows[3]!.id}`);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, rows: 3, brokenId: rows[4]!.id, reason: 'chain_broken' });
  });
});

/** The chain from row `fromId` on, recomputed by someone with database rights: as the old code did (unkeyed) or with a key. */
async function rechain(db: Db, fromId: number, how: { key?: Buffer; keyId?: string }) {
  const rows = await rowsOf(db);
  const start = rows.findIndex((r) => r.id >= fromId);
  let prev = start === 0 ? GENESIS_HASH : rows[start - 1]!.hash;
  await db.execute(sql`alter table audit_log disable trigger user`);
  try {
    for (const r of rows.slice(start)) {
      const row: HashedContent = how.key
        ? { ...r, prevHash: prev, alg: 'hmac-sha256', keyId: how.keyId ?? new AuditKeyring(how.key).currentId }
        : { ...r, prevHash: prev, alg: 'sha256', keyId: null };
      const hash = how.key ? keyedRowHash(row, how.key) : rowHash(row);
      await db.execute(sql`update audit_log set prev_hash = ${prev}, hash = ${hash}, alg = ${row.alg}, key_id = ${row.keyId} where id = ${r.id}`);
      prev = hash;
    }
  } finally {
    await db.execute(sql`alter table audit_log enable trigger user`);
  }
}

describe('keyed chain (HMAC) and signed checkpoints outside the database', () => {
  let database: Database;
  let db: Db;
  const dirs: (() => void)[] = [];
  /** A fresh checkpoint directory. */
  const checkpointDir = () => {
    const d = tempDir('trama-checkpoints-');
    dirs.push(d.remove);
    return d.dir;
  };
  const checkpointer = (dir: string, everyRows = 1_000_000, logs = new LogCapture()) =>
    new AuditCheckpointer(db, keys, { dir, everyMs: 3_600_000, everyRows }, createLogger('info', logs));
  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await database.close();
    dirs.forEach((remove) => remove());
  });
  // Each test on a log of its own.
  beforeEach(async () => {
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_truncate`);
    await db.execute(sql`truncate audit_log`);
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_truncate`);
  });

  it('an honest log verifies against its checkpoints, which are written to the file and the log', async () => {
    const dir = checkpointDir();
    const logs = new LogCapture();
    const cp = checkpointer(dir, 1_000_000, logs);
    await writeEvents(db, 3);
    const first = await cp.checkpoint();
    expect(await cp.checkpoint()).toBeNull(); // the head did not move
    await writeEvents(db, 3, 'more');
    const second = await cp.checkpoint();
    const lines = readFileSync(path.join(dir, CHECKPOINT_FILE), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([first, second]);
    const rows = await rowsOf(db);
    expect(second).toMatchObject({ id: rows[5]!.id, hash: rows[5]!.hash, keyId: keys.currentId });
    expect(logs.lines.filter((l) => l.includes('audit checkpoint')).map((l) => (JSON.parse(l) as { auditCheckpoint: unknown }).auditCheckpoint)).toEqual([first, second]);
    expect(await verifyAuditChain(db, { checkpoints: readCheckpoints(dir) })).toEqual({ ok: true, rows: 6, checkpoints: 2 });
  });

  it('writes a checkpoint every N appended rows, and one at stop', async () => {
    const dir = checkpointDir();
    const cp = checkpointer(dir, 4);
    cp.start();
    await writeEvents(db, 5);
    await new Promise((resolve) => setImmediate(resolve));
    await cp.checkpoint(); // waits for the one the 4th row started (and adds the 5th row's head)
    await writeEvents(db, 1, 'last');
    await cp.stop();
    const ids = readCheckpoints(dir).map((l) => l.checkpoint!.id);
    const rows = await rowsOf(db);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.at(-1)).toBe(rows.at(-1)!.id);
    expect(await verifyAuditChain(db, { checkpoints: readCheckpoints(dir) })).toMatchObject({ ok: true, rows: 6 });
  });

  it('deleting the newest rows is detected (truncated) once a checkpoint covers them', async () => {
    const dir = checkpointDir();
    await writeEvents(db, 6);
    await checkpointer(dir).checkpoint();
    const rows = await rowsOf(db);
    await withTriggerOff(db, sql`delete from audit_log where id >= ${rows[4]!.id}`);
    expect(await verifyAuditChain(db, { checkpoints: readCheckpoints(dir) })).toEqual({ ok: false, rows: 4, brokenId: rows[5]!.id, reason: 'truncated' });
    // Without the checkpoints, the shortened chain is a valid chain: what the anchor is for.
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 4, checkpoints: 0 });
  });

  it('deleting a row and recomputing the chain unkeyed (as sha256 rows) is detected, with or without checkpoints', async () => {
    const dir = checkpointDir();
    await writeEvents(db, 6);
    await checkpointer(dir).checkpoint();
    const rows = await rowsOf(db);
    await withTriggerOff(db, sql`delete from audit_log where id = ${rows[2]!.id}`);
    await rechain(db, rows[3]!.id, {});
    expect(await verifyAuditChain(db)).toEqual({ ok: false, rows: 2, brokenId: rows[3]!.id, reason: 'downgraded' });
    // The whole log recomputed unkeyed from the first row: only the checkpoint sees it.
    await rechain(db, rows[0]!.id, {});
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 5, checkpoints: 0 });
    expect(await verifyAuditChain(db, { checkpoints: readCheckpoints(dir) })).toEqual({ ok: false, rows: 4, brokenId: rows[5]!.id, reason: 'checkpoint_mismatch' });
  });

  it('deleting a row and recomputing the chain with a wrong key is detected', async () => {
    await writeEvents(db, 6);
    const rows = await rowsOf(db);
    await withTriggerOff(db, sql`delete from audit_log where id = ${rows[2]!.id}`);
    const wrong = randomBytes(32);
    // Under its own key id: a key the instance does not have.
    await rechain(db, rows[3]!.id, { key: wrong });
    expect(await verifyAuditChain(db)).toEqual({ ok: false, rows: 2, brokenId: rows[3]!.id, reason: 'unknown_key' });
    // Under the real key's id: the HMAC does not match.
    await rechain(db, rows[3]!.id, { key: wrong, keyId: keys.currentId });
    expect(await verifyAuditChain(db)).toEqual({ ok: false, rows: 2, brokenId: rows[3]!.id, reason: 'content_changed' });
  });

  it('with the key (but not the checkpoint file), re-chaining is detected up to the last checkpoint, not after it', async () => {
    const dir = checkpointDir();
    await writeEvents(db, 4);
    await checkpointer(dir).checkpoint();
    await writeEvents(db, 2, 'after');
    const rows = await rowsOf(db);
    await withTriggerOff(db, sql`delete from audit_log where id = ${rows[1]!.id}`);
    await rechain(db, rows[2]!.id, { key: keys.current });
    expect(await verifyAuditChain(db, { checkpoints: readCheckpoints(dir) })).toEqual({ ok: false, rows: 2, brokenId: rows[3]!.id, reason: 'checkpoint_mismatch' });
  });

  it('the documented limit: the newest rows after the last checkpoint can be removed undetected', async () => {
    const dir = checkpointDir();
    await writeEvents(db, 3);
    await checkpointer(dir).checkpoint();
    await writeEvents(db, 2, 'after');
    const rows = await rowsOf(db);
    await withTriggerOff(db, sql`delete from audit_log where id > ${rows[2]!.id}`);
    expect(await verifyAuditChain(db, { checkpoints: readCheckpoints(dir) })).toEqual({ ok: true, rows: 3, checkpoints: 1 });
  });

  it('a checkpoint line not signed by a configured key is refused', async () => {
    await writeEvents(db, 2);
    const rows = await rowsOf(db);
    const forged = signCheckpoint(new AuditKeyring(randomBytes(32)), { id: rows[0]!.id, hash: rows[0]!.hash });
    const checkpoints = [
      { line: 1, checkpoint: signCheckpoint(keys, rows[1]!) },
      { line: 2, checkpoint: { ...forged, keyId: keys.currentId } },
    ];
    expect(await verifyAuditChain(db, { checkpoints })).toEqual({ ok: false, rows: 0, checkpointLine: 2, reason: 'checkpoint_invalid' });
    expect(await verifyAuditChain(db, { checkpoints: [{ line: 7, checkpoint: null }] })).toMatchObject({ ok: false, checkpointLine: 7, reason: 'checkpoint_invalid' });
    expect(await verifyAuditChain(db, { checkpoints: checkpoints.slice(0, 1) })).toEqual({ ok: true, rows: 2, checkpoints: 1 });
  });

  it('rows written before the chain was keyed (sha256) stay verifiable, and may not follow a keyed row', async () => {
    await writeEvents(db, 4);
    const rows = await rowsOf(db);
    // The first two rows as the previous version wrote them (the migration marks them sha256).
    await rechain(db, rows[0]!.id, {});
    await rechain(db, rows[2]!.id, { key: keys.current });
    expect((await rowsOf(db)).map((r) => r.alg)).toEqual(['sha256', 'sha256', 'hmac-sha256', 'hmac-sha256']);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 4, checkpoints: 0 });
    await rechain(db, rows[3]!.id, {});
    expect(await verifyAuditChain(db)).toEqual({ ok: false, rows: 3, brokenId: rows[3]!.id, reason: 'downgraded' });
  });

  it('after a key rotation, rows and checkpoints of the previous key verify while it is listed', async () => {
    const dir = checkpointDir();
    const old = keys;
    await writeEvents(db, 2);
    await checkpointer(dir).checkpoint();
    const rotated = new AuditKeyring(randomBytes(32), [old.current]);
    useAuditKeys(rotated);
    try {
      await writeEvents(db, 2, 'rotated');
      const rows = await rowsOf(db);
      expect(rows.map((r) => r.keyId)).toEqual([old.currentId, old.currentId, rotated.currentId, rotated.currentId]);
      expect(await verifyAuditChain(db, { checkpoints: readCheckpoints(dir) })).toEqual({ ok: true, rows: 4, checkpoints: 1 });
      // The previous key dropped too early: its rows can no longer be verified.
      const dropped = new AuditKeyring(rotated.current);
      expect(await verifyAuditChain(db, { keys: dropped })).toEqual({ ok: false, rows: 0, brokenId: rows[0]!.id, reason: 'unknown_key' });
    } finally {
      useAuditKeys(old);
    }
    expect(auditKeys()).toBe(old);
  });
});

describe('npm run trama -- audit:verify (embedded database)', () => {
  const data = useTempDir();
  const env = () => childEnv(data.dir);
  /** A CLI run migrates a fresh database first: slow on a loaded machine. */
  const cliTimeout = 300_000;

  /** Opens the CLI's PGlite directory from the test, with its audit keys, holding its lock like any Trama process. */
  async function onDataDir(fn: (db: Db, config: ReturnType<typeof loadConfig>) => Promise<void>) {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: data.dir });
    const release = lockDataDir(data.dir);
    const database = await openPglite(path.join(data.dir, 'pgdata'));
    await database.migrate();
    useAuditKeys(new AuditKeyring(config.secrets.auditKey));
    try {
      await fn(database.db, config);
    } finally {
      useAuditKeys(keys);
      await database.close();
      release();
    }
  }

  it('exits 0 on an intact chain and 1, naming the row, on a tampered one', async () => {
    const empty = await runCli(['audit:verify'], env(), cliTimeout);
    expect(empty.stderr).toBe('');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('Audit chain intact: 0 rows verified.');
    expect(empty.stdout).toContain(`No checkpoint in ${data.dir}`);

    let targetId = 0;
    let newestId = 0;
    await onDataDir(async (db, config) => {
      await writeEvents(db, 4);
      await new AuditCheckpointer(db, auditKeys(), config.auditCheckpoint, createLogger('silent')).checkpoint();
      targetId = (await rowsOf(db))[1]!.id;
      newestId = (await rowsOf(db))[3]!.id;
    });
    const intact = await runCli(['audit:verify'], env(), cliTimeout);
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('Audit chain intact: 4 rows verified.');
    expect(intact.stdout).toContain(`1 signed checkpoints match (${data.dir}).`);

    await onDataDir((db) => withTriggerOff(db, sql`delete from audit_log where id = ${newestId}`));
    const truncated = await runCli(['audit:verify'], env(), cliTimeout);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain(`Audit chain BROKEN at row ${newestId} (a signed checkpoint names this row, beyond the end of the chain: the newest rows were removed)`);

    await onDataDir((db) => withTriggerOff(db, sql`update audit_log set resource_id = 'forged' where id = ${targetId}`));
    const broken = await runCli(['audit:verify'], env(), cliTimeout);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`Audit chain BROKEN at row ${targetId} (its content was changed)`);
    expect(broken.stdout).not.toContain('intact');
  }, 1_500_000); // four CLI processes: minutes on a loaded machine

  it('user:create writes the account and its audit row in one transaction: a refused audit row leaves no account', async () => {
    await onDataDir(async (db) => {
      await db.execute(sql`create function refuse_user_create() returns trigger language plpgsql as $$
        begin if new.action = 'user.create' then raise exception 'refused for the test'; end if; return new; end $$`);
      await db.execute(sql`create trigger refuse_user_create before insert on audit_log for each row execute function refuse_user_create()`);
    });
    const run = await runCli(['user:create', '--username', 'senza.traccia', '--name', 'Persona Senza Traccia', '--admin'], env(), cliTimeout);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('Account created');
    await onDataDir(async (db) => {
      expect(await db.select({ id: users.id }).from(users).where(eq(users.username, 'senza.traccia'))).toEqual([]);
      await db.execute(sql`drop trigger refuse_user_create on audit_log`);
    });
  }, 600_000);
});

describe('npm run trama -- audit:rotate-key (embedded database)', () => {
  const data = useTempDir();

  it('signs new rows with a new key, keeps the old one in secrets.json, and the whole chain still verifies', async () => {
    const before = loadConfig({ NODE_ENV: 'test', DATA_DIR: data.dir });
    const oldKeys = new AuditKeyring(before.secrets.auditKey);
    const release = lockDataDir(data.dir);
    const database = await openPglite(path.join(data.dir, 'pgdata'));
    await database.migrate();
    useAuditKeys(oldKeys);
    try {
      await writeEvents(database.db, 2, 'before-rotation');
    } finally {
      useAuditKeys(keys);
      await database.close();
      release();
    }

    const run = await runCli(['audit:rotate-key'], childEnv(data.dir), 300_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const after = loadConfig({ NODE_ENV: 'test', DATA_DIR: data.dir });
    const newKeys = new AuditKeyring(after.secrets.auditKey, after.secrets.previousAuditKeys);
    expect(newKeys.currentId).not.toBe(oldKeys.currentId);
    expect(newKeys.key(oldKeys.currentId)?.equals(oldKeys.current)).toBe(true);
    expect(run.stdout).toContain(`Audit key rotated: new rows and checkpoints are signed with key ${newKeys.currentId}; 1 previous key(s) kept`);
    const stored = JSON.parse(readFileSync(path.join(data.dir, 'secrets.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['auditKey', 'masterKey', 'previousAuditKeys', 'sessionSecret']);

    const release2 = lockDataDir(data.dir);
    const reopened = await openPglite(path.join(data.dir, 'pgdata'));
    try {
      const rows = await rowsOf(reopened.db);
      expect(rows.map((r) => [r.action, r.keyId])).toEqual([
        ['auth.login', oldKeys.currentId],
        ['auth.login', oldKeys.currentId],
        ['keys.rotate', newKeys.currentId],
      ]);
      const checkpoints = readCheckpoints(after.auditCheckpoint.dir);
      expect(checkpoints.map((l) => l.checkpoint?.keyId)).toEqual([newKeys.currentId]);
      expect(await verifyAuditChain(reopened.db, { keys: newKeys, checkpoints })).toEqual({ ok: true, rows: 3, checkpoints: 1 });
      // Without the previous key, its rows cannot be verified: it must stay listed.
      expect(await verifyAuditChain(reopened.db, { keys: new AuditKeyring(after.secrets.auditKey), checkpoints })).toMatchObject({ ok: false, reason: 'unknown_key' });
    } finally {
      await reopened.close();
      release2();
    }
  }, 600_000);
});
