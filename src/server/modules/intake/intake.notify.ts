import type { Tx } from '../../platform/db.js';
import { notify } from '../notifications/index.js';
import type { inboundReferrals } from './intake.tables.js';

/**
 * The notices of an inbound referral: codes only, nothing of the woman
 * (not her comune, not the sender's reference). They point to the inbox or
 * to the sent list, whose pages decide again what she may see.
 */

/** A referral arrived: the CAV's staff (head and operators) hear of it, with its urgency. */
export async function notifyRecipients(tx: Tx, cavId: string, urgency: string, actorUserId: string): Promise<void> {
  for (const role of ['organisation_head', 'operator'] as const) {
    await notify(tx, { recipients: { role, organisationId: cavId }, kind: 'intake_received', params: { urgency }, target: { type: 'intake', box: 'inbox' }, actorUserId });
  }
}

/** Taken in charge or declined: the person who sent it hears of it, as a member of the organisation she sent for. */
export async function notifySender(tx: Tx, row: typeof inboundReferrals.$inferSelect, kind: 'intake_taken' | 'intake_declined', params: Record<string, string>): Promise<void> {
  if (!row.senderUserId) return;
  await notify(tx, { recipients: { people: [row.senderUserId], organisationId: row.senderOrganisationId }, kind, params, target: { type: 'intake', box: 'sent' } });
}
