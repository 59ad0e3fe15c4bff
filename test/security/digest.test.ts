import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest, databaseDigest, DIGEST_SKIPPED_TABLES, digestedTables } from '../support/digest.js';
import { createWorld, login } from '../support/world.js';

/**
 * The "database unchanged" digest that every refusal test relies on must be
 * able to fail: a write to any table (cases included) changes it.
 */

let t: TestApp;
let caseId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const w = await createWorld(t);
  const op = await login(t, w.users.operatorA);
  const res = await op.request('POST', '/api/cases', { contactOn: '2026-01-10', accessChannel: '1522', firstEvent: { channel: 'telefono', durationMinutes: 20 } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  caseId = res.body.id;
});
afterAll(() => t.close());

/** Runs `change` in a transaction, returns the digest seen inside it, and rolls it back. */
async function digestInside(change: (tx: Parameters<Parameters<TestApp['db']['transaction']>[0]>[0]) => Promise<unknown>): Promise<string> {
  let inside = '';
  await t.db
    .transaction(async (tx) => {
      await change(tx);
      inside = await databaseDigest(tx);
      throw new Error('rollback');
    })
    .catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });
  return inside;
}

describe('the database digest', () => {
  it('is stable when nothing changes, and is what the older name computes', async () => {
    const first = await databaseDigest(t.db);
    expect(await databaseDigest(t.db)).toBe(first);
    expect(await adminTablesDigest(t.db)).toBe(first);
  });

  it('changes when a case row changes (a refused case write that wrote would be caught)', async () => {
    const before = await databaseDigest(t.db);
    const inside = await digestInside((tx) => tx.execute(sql`update cases set risk_level = 'elevato' where id = ${caseId}`));
    expect(inside).not.toBe(before);
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('covers every table of the catalogue but sessions and the audit log: emptying any one of them changes it', async () => {
    const tables = await digestedTables(t.db);
    for (const skipped of DIGEST_SKIPPED_TABLES) expect(tables).not.toContain(skipped);
    const before = await databaseDigest(t.db);
    const withRows: string[] = [];
    for (const table of tables) {
      const count = await t.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from "${table}"`));
      if (count.rows[0]!.n === 0) continue;
      withRows.push(table);
      // Foreign keys are not checked for the emptied table (replica role): the change is rolled back.
      const inside = await digestInside(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql.raw(`delete from "${table}"`));
      });
      expect(inside, `emptying ${table} left the digest unchanged`).not.toBe(before);
    }
    // The world and the case fill the tables the refusal tests are about.
    expect(withRows).toEqual(expect.arrayContaining(['users', 'memberships', 'organisations', 'cases', 'case_members', 'case_events']));
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('covers a table created after it was written, without a hand list', async () => {
    const before = await databaseDigest(t.db);
    const inside = await digestInside(async (tx) => {
      await tx.execute(sql`create table digest_probe (id int primary key)`);
      await tx.execute(sql`insert into digest_probe values (1)`);
    });
    expect(inside).not.toBe(before);
  });

  it('ignores a token\'s last use (a read records it) and nothing else of that table', async () => {
    const before = await databaseDigest(t.db);
    expect(await digestInside((tx) => tx.execute(sql`update api_tokens set last_used_at = now()`))).toBe(before);
  });
});
