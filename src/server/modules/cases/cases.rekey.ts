import { and, eq, like, sql } from 'drizzle-orm';
import { writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { CaseErasedError } from '../../platform/crypto.js';
import type { DbOrTx, Tx } from '../../platform/db.js';
import { runIfAsked } from '../../platform/start-steps.js';
import { sealedColumns } from './cases.keys.js';
import { sealContext } from './cases.seal.js';
import { cases } from './cases.tables.js';

/**
 * The data step of migration 0017: values sealed before each case had its
 * own key are under the organisation's key (`v1.` ciphertexts); each is
 * opened and sealed again under the case's key (`c1.`), same field, same
 * record, same plaintext. One transaction per case (a crash leaves every
 * case either wholly moved or as it was), and only what is still under an
 * organisation key is read, so a second run resumes where the first
 * stopped and a finished one finds nothing to do.
 */

const SETTING = 'case_keys.migrate';
const UNDER_ORGANISATION_KEY = 'v1.%';

/** The cases with a value still under an organisation key, in id order. */
export async function casesToRekey(db: DbOrTx): Promise<string[]> {
  const ids = new Set<string>();
  for (const c of sealedColumns) {
    const rows = await db.selectDistinct({ caseId: c.caseId }).from(c.table).where(like(c.sealed, UNDER_ORGANISATION_KEY));
    for (const r of rows) ids.add(r.caseId as string);
  }
  return [...ids].sort();
}

/**
 * Moves one case's values to her own key, inside the caller's transaction;
 * returns how many were moved. The case row is locked first: a second
 * process doing the same waits, then finds nothing left.
 */
export async function rekeyCase(ctx: Pick<AppContext, 'crypto'>, tx: Tx, caseId: string): Promise<number> {
  const [row] = await tx.select({ id: cases.id, organisationId: cases.organisationId }).from(cases).where(eq(cases.id, caseId)).for('update');
  if (!row) return 0;
  const owner = { caseId, organisationId: row.organisationId };
  let moved = 0;
  for (const c of sealedColumns) {
    const values = await tx
      .select({ id: c.id, sealed: c.sealed })
      .from(c.table)
      .where(and(eq(c.caseId, caseId), like(c.sealed, UNDER_ORGANISATION_KEY)));
    for (const v of values) {
      const id = v.id as string;
      const sealed = v.sealed as string;
      const context = sealContext(c.field, id);
      const resealed = await ctx.crypto.encryptForCase(tx, owner, await ctx.crypto.decrypt(tx, sealed, context), context);
      // Written only over the value read: the case row's lock does not stop every writer of a part.
      await tx.execute(sql`update ${c.table} set ${sql.identifier(c.sealed.name)} = ${resealed} where ${c.id} = ${id} and ${c.sealed} = ${sealed}`);
      moved++;
    }
  }
  return moved;
}

/**
 * Moves every case still under an organisation key, one transaction per
 * case, and records one `keys.case_keys` audit row with the counts.
 * Values of a case already erased cannot move (her key is gone): they are
 * counted apart and left for the erasure to deal with (see shredCase,
 * which moves them first, so this is not expected).
 */
export async function rekeyCases(ctx: Pick<AppContext, 'crypto' | 'database'>): Promise<{ cases: number; values: number; erased: number }> {
  const { db } = ctx.database;
  const result = { cases: 0, values: 0, erased: 0 };
  for (const caseId of await casesToRekey(db)) {
    try {
      const moved = await db.transaction((tx) => rekeyCase(ctx, tx, caseId));
      if (moved) {
        result.cases++;
        result.values += moved;
      }
    } catch (error) {
      if (!(error instanceof CaseErasedError)) throw error;
      result.erased++;
    }
  }
  if (result.cases) await writeAuditAlone(db, { action: 'keys.case_keys', outcome: 'success', purpose: `cases:${result.cases};values:${result.values}` });
  return result;
}

/**
 * At start: runs the data step when migration 0017 asked for it, then
 * clears the request (only once it finished: a crash runs it again at the
 * next start, from where it stopped). Null when there was nothing asked.
 */
export function rekeyCasesIfAsked(ctx: Pick<AppContext, 'crypto' | 'database'>): Promise<{ cases: number; values: number; erased: number } | null> {
  return runIfAsked(ctx.database.db, SETTING, () => rekeyCases(ctx));
}
