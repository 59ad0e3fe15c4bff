import { and, eq, inArray } from 'drizzle-orm';
import type { NotificationKind } from '../../../shared/notifications.api.js';
import { memberships } from '../../access/access.tables.js';
import type { Tx } from '../../platform/db.js';
import { caseMembers } from '../cases/index.js';
import { notify } from '../notifications/index.js';
import type { referrals } from './referrals.tables.js';

/**
 * The notices of a referral's life (docs/referrals.md, "Notifications").
 * Each is a kind code and, at most, a code parameter (a decline's reason,
 * hours waited): never a name, a note, a purpose's free text. Raised in the
 * transaction of the change it tells of, so it exists only if that committed.
 *
 * Who hears, and why they may:
 * - the RECIPIENT's staff who may decide (head, operators, social workers
 *   of the organisation it was sent to): it arrived, it was withdrawn, it
 *   still waits. The notice names no case (they hold nothing of it before
 *   accepting) and is shown only while they act for that organisation;
 * - the SENDER's case team (its members for the referring organisation):
 *   accepted, declined, unanswered for long, expired. The notice points to
 *   the case too, so the centre shows it only while the case's choke point
 *   lets her open the case — with its pseudonymous code, nothing more.
 */

type Referral = Pick<typeof referrals.$inferSelect, 'id' | 'caseId' | 'fromOrganisationId' | 'toOrganisationId'>;

/** The roles that may answer a referral for the recipient (the service's `mayDecide`, the policy's staff). */
const DECIDERS = ['organisation_head', 'operator', 'social_worker'] as const;

export type ReferralEvent = 'received' | 'withdrawn' | 'waiting' | 'accepted' | 'declined' | 'unanswered' | 'expired';

const toRecipient: Partial<Record<ReferralEvent, NotificationKind>> = {
  received: 'referral_received',
  withdrawn: 'referral_withdrawn',
  waiting: 'referral_waiting',
};
const toSender: Partial<Record<ReferralEvent, NotificationKind>> = {
  accepted: 'referral_accepted',
  declined: 'referral_declined',
  unanswered: 'referral_unanswered',
  expired: 'referral_expired',
};

/** The recipient's staff who may decide (the disabled are left out by `notify`). */
async function deciders(tx: Tx, organisationId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), inArray(memberships.role, [...DECIDERS])));
  return rows.map((r) => r.userId);
}

/** The case's team members for the referring organisation (the referral's sender side, as the outbox shows it). */
async function senderTeam(tx: Tx, r: Referral): Promise<string[]> {
  const rows = await tx
    .select({ userId: caseMembers.userId })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, r.caseId), eq(caseMembers.organisationId, r.fromOrganisationId)));
  return rows.map((m) => m.userId);
}

/**
 * Tells the side concerned of `event` on referral `r`, in `tx`. `actorUserId`
 * (who did it) is not told. Answers how many notifications were raised.
 */
export async function notifyReferral(tx: Tx, event: ReferralEvent, r: Referral, opts: { params?: Record<string, string>; actorUserId?: string } = {}): Promise<number> {
  const common = { params: opts.params ?? {}, ...(opts.actorUserId ? { actorUserId: opts.actorUserId } : {}) };
  const recipientKind = toRecipient[event];
  if (recipientKind) {
    const people = await deciders(tx, r.toOrganisationId);
    const target = { type: 'referral' as const, referralId: r.id };
    return (await notify(tx, { recipients: { people, organisationId: r.toOrganisationId }, kind: recipientKind, target, ...common })).length;
  }
  const senderKind = toSender[event]!;
  const people = await senderTeam(tx, r);
  const target = { type: 'referral' as const, referralId: r.id, caseId: r.caseId };
  return (await notify(tx, { recipients: { people, organisationId: r.fromOrganisationId }, kind: senderKind, target, ...common })).length;
}
