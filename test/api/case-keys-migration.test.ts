import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, asc, count, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainPending } from '../../src/server/audit/audit.chain.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { verifyAuditChain } from '../../src/server/audit/audit.verify.js';
import { cases, rekeyCases, rekeyCasesIfAsked } from '../../src/server/modules/cases/index.js';
import { sealedColumns } from '../../src/server/modules/cases/cases.keys.js';
import { casesToRekey, rekeyCase } from '../../src/server/modules/cases/cases.rekey.js';
import { sealContext } from '../../src/server/modules/cases/cases.seal.js';
import { caseKeyIdOf } from '../../src/server/platform/crypto.js';
import { migrationsFolder } from '../../src/server/platform/db.js';
import { caseKeys, instanceSettings } from '../../src/server/platform/platform.tables.js';
import { loadDemo } from '../../seeds/demo/demo.js';
import { buildTestApp, freshDatabase, type TestApp } from '../support/app.js';

/**
 * Migration 0017 on a database with sealed data (the demo network): every
 * value sealed under an organisation's key before cases had their own is
 * moved under its case's key by the data step — same plaintext, one
 * transaction per case, resumable after a crash, idempotent — and the audit
 * chain still verifies.
 *
 * The demo is loaded by today's code, which already seals under case keys;
 * the test first puts it back as a database written before 0017 held it:
 * each value re-sealed under its case's organisation key, no case keys, and
 * the migration's request to run the step.
 */

let t: TestApp;
/** Every sealed value's plaintext, by field and record. */
const plain = new Map<string, string>();
const where = (field: string, id: string) => `${field}:${id}`;

async function everyValue(fn: (c: (typeof sealedColumns)[number], v: { id: string; caseId: string; sealed: string }) => Promise<void>) {
  for (const c of sealedColumns) {
    const rows = await t.db.select({ id: c.id, caseId: c.caseId, sealed: c.sealed }).from(c.table);
    for (const r of rows) if (r.sealed) await fn(c, { id: r.id as string, caseId: r.caseId as string, sealed: r.sealed as string });
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  await loadDemo(t.ctx);
  const owners = new Map((await t.db.select({ id: cases.id, organisationId: cases.organisationId }).from(cases)).map((c) => [c.id, c.organisationId]));
  // Back to the state before 0017: sealed under the organisation's key, no case key.
  await t.db.transaction(async (tx) => {
    for (const c of sealedColumns) {
      const rows = await tx.select({ id: c.id, caseId: c.caseId, sealed: c.sealed }).from(c.table);
      for (const r of rows) {
        if (!r.sealed) continue;
        const context = sealContext(c.field, r.id as string);
        const value = await t.ctx.crypto.decrypt(tx, r.sealed as string, context);
        plain.set(where(c.field, r.id as string), value);
        const old = await t.ctx.crypto.encrypt(tx, owners.get(r.caseId as string)!, value, context);
        await tx.update(c.table).set({ [Object.entries(c.table).find(([, col]) => col === c.sealed)![0]]: old }).where(eq(c.id, r.id));
      }
    }
    await tx.delete(caseKeys);
    await tx.insert(instanceSettings).values({ key: 'case_keys.migrate', value: true });
  });
  await chainPending(t.db);
}, 900_000);
afterAll(() => t.close());

describe('migration 0017: a data key per existing case', () => {
  it('starts from values all under organisation keys', async () => {
    expect(plain.size).toBeGreaterThan(500);
    let v1 = 0;
    await everyValue(async (_c, v) => {
      expect(v.sealed.startsWith('v1.')).toBe(true);
      v1++;
    });
    expect(v1).toBe(plain.size);
    expect((await t.db.select({ n: count() }).from(caseKeys))[0]!.n).toBe(0);
  });

  it('resumes after a crash: a case whose transaction failed is left as it was, finished ones are not redone', { timeout: 600_000 }, async () => {
    const pending = await casesToRekey(t.db);
    expect(pending.length).toBeGreaterThan(50);
    // A first run that got through three cases…
    for (const caseId of pending.slice(0, 3)) expect(await t.db.transaction((tx) => rekeyCase(t.ctx, tx, caseId))).toBeGreaterThan(0);
    // …then died in the middle of the fourth (its transaction rolls back).
    await expect(
      t.db.transaction(async (tx) => {
        await rekeyCase(t.ctx, tx, pending[3]!);
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    expect(await casesToRekey(t.db)).toEqual(pending.slice(3));

    // The next start runs the rest, once.
    const auditBefore = (await t.db.select({ n: count() }).from(auditLog))[0]!.n;
    const r = await rekeyCasesIfAsked(t.ctx);
    expect(r).toMatchObject({ cases: pending.length - 3, erased: 0 });
    expect(await t.db.select().from(instanceSettings).where(eq(instanceSettings.key, 'case_keys.migrate'))).toEqual([]);
    expect(await rekeyCasesIfAsked(t.ctx)).toBeNull();
    expect(await rekeyCases(t.ctx)).toEqual({ cases: 0, values: 0, erased: 0 });
    await chainPending(t.db);
    const added = await t.db.select().from(auditLog).where(eq(auditLog.action, 'keys.case_keys')).orderBy(asc(auditLog.id));
    expect(added).toHaveLength(1);
    expect(added[0]!.purpose).toBe(`cases:${r!.cases};values:${r!.values}`);
    expect((await t.db.select({ n: count() }).from(auditLog))[0]!.n).toBe(auditBefore + 1);
  });

  it('leaves every value under its own case key, with the same plaintext', { timeout: 600_000 }, async () => {
    const keyOfCase = new Map<string, string>();
    let seen = 0;
    await everyValue(async (c, v) => {
      const keyId = caseKeyIdOf(v.sealed);
      expect(keyId, `${c.field} still under an organisation key`).not.toBeNull();
      expect(keyOfCase.get(v.caseId) ?? keyId).toBe(keyId);
      keyOfCase.set(v.caseId, keyId!);
      expect(await t.ctx.crypto.decrypt(t.db, v.sealed, sealContext(c.field, v.id))).toBe(plain.get(where(c.field, v.id)));
      seen++;
    });
    expect(seen).toBe(plain.size);
    // One key per case, none shared, each wrapped by a key of the case's own organisation.
    expect(new Set(keyOfCase.values()).size).toBe(keyOfCase.size);
    const keys = await t.db.select().from(caseKeys);
    expect(keys).toHaveLength(keyOfCase.size);
    for (const k of keys) expect(keyOfCase.get(k.caseId)).toBe(k.id);
    for (const c of sealedColumns) expect((await t.db.select({ n: count() }).from(c.table).where(and(like(c.sealed, 'v1.%'))))[0]!.n).toBe(0);
  });

  it('keeps the audit chain whole (audit:verify)', async () => {
    await chainPending(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it("asks for the data step only on a database that holds cases (the migration's last statement)", async () => {
    const statements = readFileSync(path.join(migrationsFolder, '0017_case_keys.sql'), 'utf8').split('--> statement-breakpoint');
    const ask = sql.raw(statements.at(-1)!);
    const asked = (db: TestApp['db']) => db.select().from(instanceSettings).where(eq(instanceSettings.key, 'case_keys.migrate'));
    await t.db.execute(ask);
    expect(await asked(t.db)).toHaveLength(1);
    expect(await rekeyCasesIfAsked(t.ctx)).toEqual({ cases: 0, values: 0, erased: 0 });
    const empty = await freshDatabase();
    try {
      await empty.db.execute(ask);
      expect(await asked(empty.db)).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
