import { eq } from 'drizzle-orm';
import { writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import { rekeyCase } from './cases.rekey.js';
import { caseSearchTokens } from './search.tables.js';

/** Who erases a case and why (retention, her request): the reason is a code, never a sentence about her. */
export interface ShredBy {
  actorUserId?: string | null;
  actorOrganisationId?: string | null;
  requestId?: string | null;
  /** E.g. `retention` or `erasure_request`. */
  reason?: string | null;
}

/**
 * Crypto-shredding of one case, in the caller's transaction: her data key
 * is destroyed, so every ciphertext of hers — in this database, a replica,
 * an export of the table — can no longer be opened (backups: see
 * docs/security.md). Values still under the organisation's key (a case the
 * data step of 0017 has not reached) are first moved under hers, or they
 * would survive. Her blind-index tokens go too. The case row keeps what is
 * not sealed (code, stage, dates: statistics); reading it answers 410
 * `case_erased`, and lists show it without a name. Audited as `case.erase`
 * the first time; a second call changes nothing.
 */
export async function shredCase(ctx: Pick<AppContext, 'crypto'>, tx: Tx, caseId: string, by: ShredBy = {}): Promise<{ alreadyErased: boolean }> {
  if (!(await ctx.crypto.cases.erased(tx, caseId))) await rekeyCase(ctx, tx, caseId);
  const done = await ctx.crypto.cases.shred(tx, caseId);
  await tx.delete(caseSearchTokens).where(eq(caseSearchTokens.caseId, caseId));
  if (!done.alreadyErased) {
    await writeAudit(tx, {
      action: 'case.erase',
      outcome: 'success',
      actorUserId: by.actorUserId ?? null,
      actorOrganisationId: by.actorOrganisationId ?? null,
      resourceType: 'case',
      resourceId: caseId,
      purpose: by.reason ?? null,
      requestId: by.requestId ?? null,
    });
  }
  return done;
}
