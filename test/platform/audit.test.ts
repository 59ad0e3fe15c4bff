import path from 'node:path';
import { asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { verifyAuditChain } from '../../src/server/audit/audit.verify.js';
import { GENESIS_HASH, rowHash, writeAudit, writeAuditAlone } from '../../src/server/audit/audit.writer.js';
import { type Database, type Db, openPglite, pgCode } from '../../src/server/platform/db.js';
import { lockDataDir } from '../../src/server/platform/lock.js';
import { freshDatabase } from '../support/app.js';
import { childEnv, runCli, useTempDir } from './processes.js';

const rowsOf = (db: Db) => db.select().from(auditLog).orderBy(asc(auditLog.id));
const countOf = async (db: Db) => (await db.select({ n: count() }).from(auditLog))[0]!.n;

/** Writes `n` login events, one transaction each. */
async function writeEvents(db: Db, n: number, resource = 'r') {
  for (let i = 0; i < n; i++) {
    await writeAuditAlone(db, { action: 'auth.login', outcome: 'success', resourceType: 'user', resourceId: `${resource}-${i}`, requestId: `req-${i}` });
  }
}

/** Runs SQL with the append-only trigger switched off, as a database owner could. */
async function withTriggerOff(db: Db, statement: ReturnType<typeof sql>) {
  await db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
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
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 0 });
  });

  it('chains every row to the previous one', async () => {
    await writeEvents(db, 5);
    const rows = await rowsOf(db);
    expect(rows).toHaveLength(5);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    for (const { hash, ...rest } of rows) expect(rowHash(rest)).toBe(hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(5);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 5 });
    // A small batch makes the verifier page through the chain.
    expect(await verifyAuditChain(db, 2)).toEqual({ ok: true, rows: 5 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const [first] = await rowsOf(db);
    const update = await refused(db.update(auditLog).set({ action: 'auth.logout' }).where(eq(auditLog.id, first!.id)));
    expect(pgCode(update)).toBe('42501');
    const del = await refused(db.delete(auditLog).where(eq(auditLog.id, first!.id)));
    expect(pgCode(del)).toBe('42501');
    const truncate = await refused(db.execute(sql`truncate audit_log`));
    expect(pgCode(truncate)).toBe('42501');
    const [again] = await db.select().from(auditLog).where(eq(auditLog.id, first!.id));
    expect(again).toEqual(first);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 5 });
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
    expect(await db.select().from(auditLog).where(eq(auditLog.resourceId, 'rolled-back'))).toHaveLength(0);
    // The sequence value the rolled-back row took leaves a gap, not a break.
    await writeEvents(db, 1, 'after-rollback');
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 1 });
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
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 20 });
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
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before + 11 });
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
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 6 });
  });

  it('names a row whose resource id was changed', async () => {
    const target = (await rowsOf(db))[4]!;
    await withTriggerOff(db, sql`update audit_log set resource_id = 'someone-else' where id = ${target.id}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenId: target.id, reason: 'content_changed' });
    await withTriggerOff(db, sql`update audit_log set resource_id = ${target.resourceId} where id = ${target.id}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('a changed row whose hash was recomputed breaks the link of the next row', async () => {
    const rows = await rowsOf(db);
    const target = rows[1]!;
    const forged = { ...target, action: 'auth.logout' };
    const { hash: _old, ...content } = forged;
    await withTriggerOff(db, sql`update audit_log set action = ${forged.action}, hash = ${rowHash(content)} where id = ${target.id}`);
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

describe('npm run trama -- audit:verify (embedded database)', () => {
  const data = useTempDir();
  const env = () => childEnv(data.dir);

  /** Opens the CLI's PGlite directory from the test, holding its lock like any Trama process. */
  async function onDataDir(fn: (db: Db) => Promise<void>) {
    const release = lockDataDir(data.dir);
    const database = await openPglite(path.join(data.dir, 'pgdata'));
    try {
      await fn(database.db);
    } finally {
      await database.close();
      release();
    }
  }

  it('exits 0 on an intact chain and 1, naming the row, on a tampered one', async () => {
    const empty = await runCli(['audit:verify'], env());
    expect(empty.stderr).toBe('');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('Audit chain intact: 0 rows verified.');

    let targetId = 0;
    await onDataDir(async (db) => {
      await writeEvents(db, 4);
      targetId = (await rowsOf(db))[1]!.id;
    });
    const intact = await runCli(['audit:verify'], env());
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('Audit chain intact: 4 rows verified.');

    await onDataDir((db) => withTriggerOff(db, sql`update audit_log set resource_id = 'forged' where id = ${targetId}`));
    const broken = await runCli(['audit:verify'], env());
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`Audit chain BROKEN at row ${targetId} (its content was changed)`);
    expect(broken.stdout).not.toContain('intact');
  }, 120_000);
});
