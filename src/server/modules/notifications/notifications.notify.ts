import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { MembershipRole } from '../../../shared/domain.js';
import { type NotificationKind, type NotificationTarget, notificationParams, notificationTarget } from '../../../shared/notifications.api.js';
import { memberships, users } from '../../access/access.tables.js';
import type { Tx } from '../../platform/db.js';
import { notifications } from './notifications.tables.js';

/** Who hears of it: named people (as members of an organisation, or as persons), or everyone holding a role in an organisation. */
export type Recipients =
  | { people: readonly string[]; organisationId: string | null }
  | { role: MembershipRole; organisationId: string };

export interface Notice {
  recipients: Recipients;
  kind: NotificationKind;
  /** Codes only: the shape refuses a name, a comune, a sentence. */
  params?: Record<string, string>;
  target: NotificationTarget;
  /** Left out of the recipients (who did it needs no notice of it). */
  actorUserId?: string;
}

/**
 * Raises a notification in the caller's write transaction: it exists only
 * if what it tells of was committed. Nothing is sent from here — e-mails
 * go out after commit (notifications.mail.ts), from committed rows only.
 * Disabled accounts get none. Returns the rows' ids.
 */
export async function notify(tx: Tx, notice: Notice): Promise<string[]> {
  const params = notificationParams.parse(notice.params ?? {});
  const target = notificationTarget.parse(notice.target);
  const { recipients } = notice;
  const people =
    'people' in recipients
      ? recipients.people.length
        ? await tx.select({ id: users.id }).from(users).where(and(inArray(users.id, [...recipients.people]), isNull(users.disabledAt)))
        : []
      : await tx
          .select({ id: users.id })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.organisationId, recipients.organisationId), eq(memberships.role, recipients.role), isNull(users.disabledAt)));
  const ids = [...new Set(people.map((p) => p.id))].filter((id) => id !== notice.actorUserId);
  if (!ids.length) return [];
  const rows = await tx
    .insert(notifications)
    .values(
      ids.map((recipientUserId) => ({
        recipientUserId,
        organisationId: recipients.organisationId,
        kind: notice.kind,
        params,
        caseId: target.type === 'case' ? target.caseId : target.type === 'referral' ? (target.caseId ?? null) : null,
        caseTab: target.type === 'case' ? (target.tab ?? null) : null,
        caseSection: target.type === 'case' ? (target.section ?? null) : null,
        reviewId: target.type === 'review' ? target.reviewId : null,
        referralId: target.type === 'referral' ? target.referralId : null,
      })),
    )
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}
