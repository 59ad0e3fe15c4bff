import { and, inArray, isNotNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { notifications } from './notifications.tables.js';

/** Rows deleted per statement: a big first prune never holds a long lock. */
const BATCH = 5000;

/**
 * Deletes the notifications read before `readBefore` and every notification
 * raised before `before`; an unread one raised since `before` always stays.
 * A cutoff, not a run: running it again deletes nothing more (a retried job
 * is harmless). Unscoped on purpose: a system job applying the instance's
 * retention to every person alike. Answers how many went (a count, no row).
 */
export async function systemPruneNotifications(db: Db, cutoff: { readBefore: Date; before: Date }): Promise<number> {
  const old = or(and(isNotNull(notifications.readAt), lt(notifications.readAt, cutoff.readBefore)), lt(notifications.createdAt, cutoff.before));
  let total = 0;
  for (;;) {
    const batch = db.select({ id: notifications.id }).from(notifications).where(old).limit(BATCH);
    const gone = await db.delete(notifications).where(inArray(notifications.id, batch)).returning({ id: notifications.id });
    total += gone.length;
    if (gone.length < BATCH) return total;
  }
}
