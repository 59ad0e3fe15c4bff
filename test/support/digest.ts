import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { DbOrTx } from '../../src/server/platform/db.js';

/**
 * Tables a refused request may legitimately write, left out of the digest:
 * - `sessions`: every authenticated request touches its session (last seen,
 *   rotation);
 * - `audit_log`: a refusal is audited (the tests check that row separately);
 * - `rate_limit_hits`, `rate_limit_counters`: a refused login attempt or a
 *   public request is counted against its limit (platform/limits*).
 */
export const DIGEST_SKIPPED_TABLES: readonly string[] = ['sessions', 'audit_log', 'rate_limit_hits', 'rate_limit_counters'];

/**
 * Columns a read legitimately writes, left out of their table's rows:
 * - `api_tokens.last_used_at`: a token's use is recorded (at most once a
 *   minute) before the guard decides.
 */
export const DIGEST_SKIPPED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  api_tokens: ['last_used_at'],
};

/** Every table of the public schema, from the catalogue: a new table is covered without editing this file. */
export async function digestedTables(db: DbOrTx): Promise<string[]> {
  const res = await db.execute<{ table_name: string }>(sql`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
    order by table_name`);
  return res.rows.map((r) => r.table_name).filter((name) => !DIGEST_SKIPPED_TABLES.includes(name));
}

/**
 * A digest of the whole database but sessions and the audit log (and the
 * columns above): equal before and after a refused request proves it
 * changed nothing: accounts, organisations, directory, and every case table.
 * The tables are read from the catalogue; each row is hashed as its text, in a
 * stable order (that text), in one query, so the digest does not depend on how a
 * table is indexed.
 */
export async function databaseDigest(db: DbOrTx): Promise<string> {
  const tables = await digestedTables(db);
  const parts = tables.map((table) => {
    const skipped = DIGEST_SKIPPED_COLUMNS[table] ?? [];
    const row = skipped.length ? `(${skipped.reduce((expr, column) => `${expr} - '${column}'`, 'to_jsonb(t)')})::text` : 't::text';
    return `select '${table}' as name, md5(string_agg(r, E'\\n' order by r)) as rows from (select ${row} as r from "${table}" t) x`;
  });
  const res = await db.execute<{ name: string; rows: string | null }>(sql.raw(parts.join('\nunion all\n')));
  const byName = new Map(res.rows.map((r) => [r.name, r.rows ?? '']));
  const hash = createHash('sha256');
  for (const table of tables) hash.update(`${table}\n${byName.get(table)}\n`);
  return hash.digest('hex');
}

/** The former name (it once covered only the administrative tables): the same whole-database digest. */
export const adminTablesDigest = databaseDigest;

/** Runs refused requests and asserts the database is exactly as before them. */
export async function expectUnchanged(db: DbOrTx, run: () => Promise<void>): Promise<void> {
  const before = await databaseDigest(db);
  await run();
  expect(await databaseDigest(db), 'a refused request changed the database').toBe(before);
}
