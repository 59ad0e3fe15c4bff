import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { verifyAuditChain } from '../../src/server/audit/audit.verify.js';
import { createContext } from '../../src/server/bootstrap.js';
import { insertOrganisation } from '../../src/server/modules/organisations/index.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { openPglite } from '../../src/server/platform/db.js';
import { lockDataDir } from '../../src/server/platform/lock.js';
import { createLogger } from '../../src/server/platform/log.js';
import { caseKeys, dataKeys } from '../../src/server/platform/platform.tables.js';
import { childEnv, runCli, useTempDir } from './processes.js';

/**
 * The key commands on an embedded database holding a case key: an
 * organisation key rotation re-wraps the case keys, a master key rotation
 * leaves them alone, and in both the sealed values stay byte for byte.
 */
describe('npm run trama -- keys:rotate-organisations and keys:rotate (embedded database)', () => {
  const data = useTempDir();
  const env = () => childEnv(data.dir);

  /** Runs `fn` on the database with the DATA_DIR lock held, as the server would. */
  async function withDatabase<T>(fn: (ctx: ReturnType<typeof createContext>) => Promise<T>): Promise<T> {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: data.dir });
    const release = lockDataDir(data.dir);
    const database = await openPglite(path.join(data.dir, 'pgdata'));
    try {
      return await fn(createContext(config, database, createLogger('silent')));
    } finally {
      await database.close();
      release();
    }
  }

  it('re-wraps case keys under the new organisation key, then the master key, without touching a ciphertext', async () => {
    const migrated = await runCli(['db:migrate'], env());
    expect(migrated.stderr).toBe('');
    const caseId = randomUUID();
    const { organisationId, sealed } = await withDatabase(async (ctx) => {
      const organisationId = await insertOrganisation(ctx.database.db, { name: 'CAV Chiavi (prova)', type: 'cav' });
      const sealed = await ctx.crypto.encryptForCase(ctx.database.db, { caseId, organisationId }, 'Via dei Tigli 7', `case.identity:${caseId}`);
      return { organisationId, sealed };
    });
    const keyBefore = await withDatabase(async (ctx) => (await ctx.database.db.select().from(caseKeys).where(eq(caseKeys.caseId, caseId)))[0]!);

    const rotated = await runCli(['keys:rotate-organisations', organisationId], env());
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('1 organisation key(s) replaced: 1 case keys re-wrapped, no data re-encrypted.');

    const afterOrganisation = await withDatabase(async (ctx) => {
      const { db } = ctx.database;
      const [key] = await db.select().from(caseKeys).where(eq(caseKeys.caseId, caseId));
      const [active] = await db.select().from(dataKeys).where(and(eq(dataKeys.organisationId, organisationId), eq(dataKeys.active, true)));
      expect(key).toMatchObject({ id: keyBefore.id, organisationKeyId: active!.id });
      expect(key!.organisationKeyId).not.toBe(keyBefore.organisationKeyId);
      expect(await ctx.crypto.decrypt(db, sealed, `case.identity:${caseId}`)).toBe('Via dei Tigli 7');
      return key!;
    });

    const master = await runCli(['keys:rotate'], env());
    expect(master.stderr).toBe('');
    expect(master.stdout).toMatch(/Master key rotated: \d+ data keys re-wrapped/);

    await withDatabase(async (ctx) => {
      const { db } = ctx.database;
      // The case key row is as the organisation rotation left it: a master rotation does not reach it.
      expect((await db.select().from(caseKeys).where(eq(caseKeys.caseId, caseId)))[0]).toEqual(afterOrganisation);
      expect(await ctx.crypto.decrypt(db, sealed, `case.identity:${caseId}`)).toBe('Via dei Tigli 7');
      const actions = (await db.select().from(auditLog).orderBy(asc(auditLog.id))).map((r) => [r.action, r.resourceId, r.purpose]);
      expect(actions).toEqual([
        ['keys.organisation_rotate', organisationId, 'case_keys:1'],
        ['keys.rotate', null, expect.stringMatching(/^master:/)],
      ]);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    });

    const unknown = await runCli(['keys:rotate-organisations', 'Nessuna organizzazione così'], env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown organisation');
  }, 240_000);
});
