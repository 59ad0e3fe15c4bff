import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.js';
import { cases } from './cases.tables.js';
import { caseCoordination } from './coordination.tables.js';

/**
 * A coordination handed on one of these (revoked) consents returns to the
 * owner, in the revoking transaction (docs/cases.md, "Coordination"); the
 * case's version moves on, so a handover form open on it turns stale.
 */
export async function endCoordinationOn(tx: Tx, caseId: string, consentIds: readonly string[]): Promise<void> {
  if (!consentIds.length) return;
  const ended = await tx
    .delete(caseCoordination)
    .where(and(eq(caseCoordination.caseId, caseId), inArray(caseCoordination.consentId, [...consentIds])))
    .returning({ caseId: caseCoordination.caseId });
  if (ended.length) await tx.update(cases).set({ version: sql`${cases.version} + 1`, updatedAt: new Date() }).where(eq(cases.id, caseId));
}
