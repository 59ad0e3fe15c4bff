import { and, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { romeToday } from '../../platform/rome.js';

import { caseConsents } from '../cases/index.js';

/** Cases holding a live consent to be contacted (purpose `contatto`, not revoked, not expired). */
export async function contactConsented(db: DbOrTx, caseIds: readonly string[], today = romeToday()): Promise<Set<string>> {
  if (!caseIds.length) return new Set();
  const rows = await db
    .selectDistinct({ caseId: caseConsents.caseId })
    .from(caseConsents)
    .where(
      and(
        inArray(caseConsents.caseId, [...caseIds]),
        eq(caseConsents.purpose, 'contatto'),
        isNull(caseConsents.revokedAt),
        or(isNull(caseConsents.expiresOn), gte(caseConsents.expiresOn, today)),
      ),
    );
  return new Set(rows.map((r) => r.caseId));
}
