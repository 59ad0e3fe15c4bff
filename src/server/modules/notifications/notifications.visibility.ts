import { type SQL, and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { loadPrincipal } from '../../access/principal.js';
import { type Scope, buildScope } from '../../access/scope.js';
import type { DbOrTx } from '../../platform/db.js';
import { type CaseAccess, accessCases } from '../cases/index.js';
import { notifications } from './notifications.tables.js';

/**
 * Which of her notifications she may see now: hers (never anyone else's),
 * raised for the organisation she acts for (or for her person), and — for
 * those pointing to a case — only while the case choke point lets her open
 * that case. A list that showed what the case page hides would be a leak
 * (that a case exists, that it concerns her): the list, the bell's count
 * and the marks all take the same decision, from accessCases.
 */
export async function visibleNotifications(db: DbOrTx, scope: Scope, onlyUnread: boolean): Promise<{ where: SQL; cases: Map<string, CaseAccess> }> {
  const { userId, organisation } = scope.principal;
  const own = and(
    eq(notifications.recipientUserId, userId),
    organisation ? or(isNull(notifications.organisationId), eq(notifications.organisationId, organisation.id)) : isNull(notifications.organisationId),
    onlyUnread ? isNull(notifications.readAt) : undefined,
  )!;
  const pointed = await db
    .selectDistinct({ caseId: notifications.caseId })
    .from(notifications)
    .where(and(own, isNotNull(notifications.caseId)));
  const cases = await accessCases(db, scope, pointed.map((p) => p.caseId!));
  // Each case she may open, with each section the choke point grants her on it: a notification that tells of a section is shown only with it.
  const granted = [...cases.values()].flatMap((a) => [`${a.row.id}:*`, ...[...a.sections].map((s) => `${a.row.id}:${s}`)]);
  const pointer = sql`${notifications.caseId}::text || ':' || coalesce(${notifications.caseSection}, '*')`;
  const where = and(own, granted.length ? or(isNull(notifications.caseId), inArray(pointer, granted)) : isNull(notifications.caseId))!;
  return { where, cases };
}

/**
 * The same decision for an e-mail, made with no session: what she would see
 * in her centre acting for each organisation her unread notifications were
 * raised for (and for none). An e-mail that counted a notification her
 * centre hides would tell her mailbox that a case closed to her moved.
 * Null: nothing she could open (a disabled account, left organisations).
 */
export async function visibleToRecipient(db: DbOrTx, userId: string): Promise<SQL | null> {
  const raisedFor = await db
    .selectDistinct({ organisationId: notifications.organisationId })
    .from(notifications)
    .where(and(eq(notifications.recipientUserId, userId), isNull(notifications.readAt)));
  const parts: SQL[] = [];
  for (const { organisationId } of raisedFor) {
    const principal = await loadPrincipal(db, { userId, organisationId, mfaVerified: true, idHash: 'notifications.email', csrfToken: '' });
    if (!principal) return null;
    parts.push((await visibleNotifications(db, await buildScope(db, principal), true)).where);
  }
  return parts.length ? or(...parts)! : null;
}
