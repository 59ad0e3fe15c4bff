import { randomBytes } from 'node:crypto';
import { asc, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { AuditChainer, chainLag, chainPending, chainRound } from '../../src/server/audit/audit.chain.js';
import { verifyAuditChain } from '../../src/server/audit/audit.verify.js';
import { AuditKeyring, GENESIS_HASH, useAuditKeys, writeAudit, writeAuditAlone } from '../../src/server/audit/audit.writer.js';
import { createLogger } from '../../src/server/platform/log.js';
import { type Database, type Db, pgCode } from '../../src/server/platform/db.js';
import { LogCapture, freshDatabase } from '../support/app.js';

const keys = new AuditKeyring(randomBytes(32));
useAuditKeys(keys);

const event = (resourceId: string) => ({ action: 'auth.login' as const, outcome: 'success' as const, resourceType: 'user', resourceId });
const bySeq = (db: Db) => db.select().from(auditLog).orderBy(asc(auditLog.seq));
const unchained = (db: Db) => db.select().from(auditLog).where(isNull(auditLog.seq)).orderBy(asc(auditLog.id));

async function refused(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('the statement was not refused');
}

describe('the audit chain is linked after commit, off the request path', () => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_truncate`);
    await db.execute(sql`truncate audit_log`);
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_truncate`);
  });

  it('inserts rows unchained in their transaction; chainPending links them in order, once', async () => {
    await db.transaction((tx) => writeAudit(tx, event('a')));
    await writeAuditAlone(db, event('b'));
    const waiting = await unchained(db);
    expect(waiting.map((r) => [r.resourceId, r.seq, r.prevHash, r.hash, r.alg, r.keyId])).toEqual([
      ['a', null, null, null, null, null],
      ['b', null, null, null, null, null],
    ]);
    expect(await chainPending(db)).toBe(2);
    expect(await chainPending(db)).toBe(0);
    const rows = await bySeq(db);
    expect(rows.map((r) => r.resourceId)).toEqual(['a', 'b']);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[1]!.seq).toBe(rows[0]!.seq! + 1);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 2, checkpoints: 0 });
  });

  it('the trigger lets through only the chaining of an unchained row: no change of its content, no re-chaining', async () => {
    await writeAuditAlone(db, event('content'));
    const [row] = await unchained(db);
    // Chaining it while changing what it says: refused.
    const forged = await refused(
      db.execute(sql`update audit_log set seq = 1, prev_hash = ${GENESIS_HASH}, hash = 'x', alg = 'hmac-sha256', action = 'auth.logout' where id = ${row!.id}`),
    );
    expect(pgCode(forged)).toBe('42501');
    // Changing an unchained row without chaining it: refused.
    expect(pgCode(await refused(db.execute(sql`update audit_log set resource_id = 'other' where id = ${row!.id}`)))).toBe('42501');
    await chainPending(db);
    // A chained row cannot be chained again.
    expect(pgCode(await refused(db.execute(sql`update audit_log set seq = 99, hash = 'y' where id = ${row!.id}`)))).toBe('42501');
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 1, checkpoints: 0 });
  });

  it('a row whose transaction took its id early and committed late is chained after the rows chained before it (commit order, nothing skipped)', async () => {
    await writeAuditAlone(db, event('first'));
    await chainPending(db);
    const [first] = await bySeq(db);
    // The late transaction's id: below the chained row's (as when ids are drawn at insert and commits come in another order).
    const lateId = first!.id - 1;
    await db.execute(sql`insert into audit_log (id, at, action, resource_type, resource_id, outcome) values (${lateId}, now(), 'auth.login', 'user', 'late', 'success')`);
    await writeAuditAlone(db, event('after'));
    await chainPending(db);
    const rows = await bySeq(db);
    expect(rows.map((r) => r.resourceId)).toEqual(['first', 'late', 'after']);
    expect(rows[1]!.id).toBe(lateId);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 3, checkpoints: 0 });
  });

  it('concurrent chainers make one chain (the lock): no fork, no row twice', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => writeAuditAlone(db, event(`c-${i}`))));
    const counts = await Promise.all([chainPending(db), chainPending(db), chainRound(db, { wait: false }).then((n) => n ?? 0), chainPending(db)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    const rows = await bySeq(db);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(30);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 30, checkpoints: 0 });
  });

  it('verify counts rows not yet chained, and names the oldest one left unchained too long', async () => {
    await writeAuditAlone(db, event('chained'));
    await chainPending(db);
    await writeAuditAlone(db, event('recent'));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 1, checkpoints: 0, unchained: 1 });
    await db.execute(sql`insert into audit_log (at, action, resource_type, resource_id, outcome) values (now() - interval '2 minutes', 'auth.login', 'user', 'stuck', 'success')`);
    const [stuck] = (await unchained(db)).filter((r) => r.resourceId === 'stuck');
    expect(await verifyAuditChain(db)).toEqual({ ok: false, rows: 1, brokenId: stuck!.id, reason: 'unchained' });
    expect(await chainLag(db)).toMatchObject({ unchained: 2 });
    expect((await chainLag(db)).oldestSeconds).toBeGreaterThanOrEqual(120);
    await chainPending(db);
    expect(await chainLag(db)).toEqual({ unchained: 0, oldestSeconds: 0 });
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 3, checkpoints: 0 });
  });

  it("the server's chainer links rows after they are appended, and chains what is left when it stops", async () => {
    const logs = new LogCapture();
    const chainer = new AuditChainer(db, createLogger('debug', logs), { batch: 500, delayMs: 1, everyMs: 3_600_000, warnSeconds: 10 });
    chainer.start();
    await writeAuditAlone(db, event('served'));
    await chainer.run();
    expect(await unchained(db)).toEqual([]);
    await writeAuditAlone(db, event('at-stop'));
    await chainer.stop();
    expect(await unchained(db)).toEqual([]);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 2, checkpoints: 0 });
  });

  it('a chainer with small rounds (as on PGlite) goes round until every row is linked, in order', async () => {
    const chainer = new AuditChainer(db, createLogger('silent'), { batch: 2, delayMs: 1, everyMs: 3_600_000, warnSeconds: 10 });
    for (const name of ['one', 'two', 'three', 'four', 'five']) await writeAuditAlone(db, event(name));
    await chainer.run();
    expect(await unchained(db)).toEqual([]);
    const seqs = (await db.execute<{ seq: string }>(sql`select seq from audit_log order by id`)).rows.map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    await chainer.stop();
  });
});
