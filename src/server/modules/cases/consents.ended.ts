import { and, desc, eq, inArray } from 'drizzle-orm';
import { memberships } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import { type AuditEvent, writeAudits } from '../../audit/audit.writer.js';
import type { Tx } from '../../platform/db.js';
import { notify } from '../notifications/index.js';
// The referrals table through the schema (not the referrals module, which builds on this one).
import { referrals } from '../../schema.js';

/**
 * What a revoked consent ended, audited and told in the revoking
 * transaction (docs/referrals.md, "Revocation ends it"; a holder found to be the author
 * revokes his consents too: docs/minors.md):
 *
 * - each pending referral annulled: `referral.annul` on its case (purpose
 *   `referral:<id>`, the revoker as actor), and the recipient's staff who
 *   may answer told `referral_annulled` — pointing to the referral, naming
 *   no case (they never held it);
 * - each member who left the team: `case.team` on the case (purpose
 *   `left:<user id>:consent_revoked`), and she is told `case_share_ended` —
 *   no case, no code (she can no longer open it): the notice points to the
 *   accepted referral that brought her organisation, which she still reads
 *   as its recipient (the facts only), or else to her caseload.
 *
 * Who revoked is not told of her own act.
 */

/** The roles that may answer a referral for the recipient (as referrals.notify.ts). */
const DECIDERS = ['organisation_head', 'operator', 'social_worker'] as const;

export interface LeftMember {
  userId: string;
  organisationId: string;
  consentId: string;
}

export async function tellWhatEnded(tx: Tx, scope: Scope, caseId: string, left: readonly LeftMember[], annulled: readonly { id: string; toOrganisationId: string }[]): Promise<void> {
  if (!left.length && !annulled.length) return;
  const actor = { outcome: 'success' as const, actorUserId: scope.principal.userId, actorOrganisationId: scope.principal.organisation?.id ?? null, resourceType: 'case', resourceId: caseId };
  const events: AuditEvent[] = [
    ...annulled.map((r) => ({ ...actor, action: 'referral.annul' as const, purpose: `referral:${r.id}` })),
    ...left.map((m) => ({ ...actor, action: 'case.team' as const, purpose: `left:${m.userId}:consent_revoked` })),
  ];
  await writeAudits(tx, events);

  for (const r of annulled) {
    const staff = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organisationId, r.toOrganisationId), inArray(memberships.role, [...DECIDERS])));
    await notify(tx, {
      recipients: { people: staff.map((s) => s.userId), organisationId: r.toOrganisationId },
      kind: 'referral_annulled',
      target: { type: 'referral', referralId: r.id },
      actorUserId: scope.principal.userId,
    });
  }

  for (const m of left) {
    const [via] = await tx
      .select({ id: referrals.id })
      .from(referrals)
      .where(and(eq(referrals.caseId, caseId), eq(referrals.consentId, m.consentId), eq(referrals.toOrganisationId, m.organisationId), eq(referrals.state, 'accettata')))
      .orderBy(desc(referrals.decidedAt))
      .limit(1);
    await notify(tx, {
      recipients: { people: [m.userId], organisationId: m.organisationId },
      kind: 'case_share_ended',
      target: via ? { type: 'referral', referralId: via.id } : { type: 'caseload' },
      actorUserId: scope.principal.userId,
    });
  }
}
