import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { notificationPreferences as preferencesShape, notificationsQuery } from '../../../shared/notifications.api.js';
import type { Scope } from '../../access/scope.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { actedBy, writeAudit, writeAudits } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type Tx, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { listedEvents } from '../cases/index.js';
import { presentNotification } from './notifications.present.js';
import { notificationPreferences, notifications } from './notifications.tables.js';
import { visibleNotifications } from './notifications.visibility.js';

const write = <T>(ctx: AppContext, fn: (tx: Tx) => Promise<T>) => writeTransaction(ctx.database.db, fn, () => new AppError('conflict'));
const present = (rows: (typeof notifications.$inferSelect)[], cases: Parameters<typeof presentNotification>[1]) =>
  rows.map((r) => presentNotification(r, cases)).filter((n) => n !== null);

/**
 * Her notification centre, one page. Audited like any list that names
 * cases: one row for the list, and a `case.listed` row naming the cases it
 * shows (purpose `notifications`), so "who was shown this case" stays one query.
 */
export function listNotifications(ctx: AppContext, scope: Scope, query: z.output<typeof notificationsQuery>, requestId: string) {
  return write(ctx, async (tx) => {
    const { where: visible, cases } = await visibleNotifications(tx, scope, query.status === 'unread');
    const where = and(visible, query.kind ? eq(notifications.kind, query.kind) : undefined);
    const rows = await tx
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    const [total] = await tx.select({ n: count() }).from(notifications).where(where);
    const items = present(rows, cases);
    // Only a case's notification names a case (a review's or a referral's names none).
    // A referral's notice on the sender's side shows the case's code: that case was shown too.
    const shown = [...new Set(items.flatMap((i) => (i.target.type === 'case' || (i.target.type === 'referral' && i.target.caseId) ? [i.target.caseId!] : [])))];
    await writeAudits(tx, [
      { ...actedBy(scope, requestId, 'notification.list'), purpose: `page=${query.page};shown=${items.length}` },
      ...listedEvents(scope, requestId, 'notifications', shown.map((id) => ({ id, identity: false }))),
    ]);
    return { items, total: total?.n ?? 0 };
  });
}

/**
 * The bell's number. Polled by every open page, so it is kept cheap (one
 * grouped read and the choke point's lookup of the cases pointed to) and it
 * writes NO audit row: like `auth.me`, which stopped being audited because
 * the web reads it all the time, a row per poll would flood the hash chain
 * with entries that say nothing — the count shows no case and no person,
 * and opening the list (audited) is what reveals which cases.
 */
export async function unreadCount(ctx: AppContext, scope: Scope) {
  const db = ctx.database.db;
  const { where } = await visibleNotifications(db, scope, true);
  const [row] = await db.select({ n: count() }).from(notifications).where(where);
  return { unread: row?.n ?? 0 };
}

/**
 * Marks one of hers read (again: no change). Not hers, or pointing to a
 * case she can no longer open: 404, as if it did not exist, and the probe
 * audited as denied (like every id out of scope). A mark itself is not
 * audited: it is her own bookkeeping, it changes no one's record.
 */
export function markRead(ctx: AppContext, scope: Scope, id: string) {
  return write(ctx, async (tx) => {
    const { where, cases } = await visibleNotifications(tx, scope, false);
    const [found] = await tx.select().from(notifications).where(and(where, eq(notifications.id, id)));
    if (!found) throw resourceNotFound('notification', id);
    const [row] = found.readAt ? [found] : await tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id)).returning();
    const out = presentNotification(row!, cases);
    if (!out) throw resourceNotFound('notification', id);
    return out;
  });
}

/** Marks every notification she sees now (of one kind, if asked) read; what she cannot see stays as it is. */
export function markAllRead(ctx: AppContext, scope: Scope, kind: string | undefined) {
  return write(ctx, async (tx) => {
    const { where } = await visibleNotifications(tx, scope, true);
    const marked = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(where, isNull(notifications.readAt), kind ? eq(notifications.kind, kind) : undefined))
      .returning({ id: notifications.id });
    return { marked: marked.length };
  });
}

const EMAIL_CONTEXT = (userId: string) => `notification_preferences.email:${userId}`;

/** Her e-mail preference (the default: no e-mail). */
export async function getPreferences(ctx: AppContext, scope: Scope) {
  const db = ctx.database.db;
  const userId = scope.principal.userId;
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const email = row?.emailSealed ? await ctx.crypto.decrypt(db, row.emailSealed, EMAIL_CONTEXT(userId)) : null;
  return { frequency: (row?.frequency ?? 'none') as z.output<typeof preferencesShape>['frequency'], email, emailAvailable: ctx.config.mail !== null };
}

/**
 * Sets her own preference. Choosing e-mails anew starts them from now:
 * what waited before is not e-mailed in a burst. Audited (who changed her
 * preference), never the address.
 */
export async function setPreferences(ctx: AppContext, scope: Scope, input: z.output<typeof preferencesShape>, requestId: string) {
  const userId = scope.principal.userId;
  await write(ctx, async (tx) => {
    const [before] = await tx.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    const emailSealed = input.email ? await ctx.crypto.encrypt(tx, null, input.email, EMAIL_CONTEXT(userId)) : null;
    const now = new Date();
    const since = before && before.frequency !== 'none' && input.frequency !== 'none' ? before.since : now;
    const values = { frequency: input.frequency, emailSealed, since, updatedAt: now };
    await tx.insert(notificationPreferences).values({ userId, ...values }).onConflictDoUpdate({ target: notificationPreferences.userId, set: values });
    await writeAudit(tx, { ...actedBy(scope, requestId, 'notification.preferences', { type: 'user', id: userId }), purpose: input.frequency });
  });
  return getPreferences(ctx, scope);
}
