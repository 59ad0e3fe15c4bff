import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../../src/server/platform/db.js';

/**
 * Creating and migrating a PGlite takes seconds; each test file instead
 * starts from a dump of one freshly migrated database (PGlite mode only).
 */
export default async function setup() {
  if (process.env.TRAMA_TEST_DB === 'pg') return;
  const dir = mkdtempSync(path.join(tmpdir(), 'trama-test-'));
  const pg = new PGlite();
  await migrate(drizzle(pg), { migrationsFolder });
  const dump = await pg.dumpDataDir('none');
  await pg.close();
  const file = path.join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.TRAMA_TEST_PGLITE_DUMP = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
