import { type SQL, and, eq, gte, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { OrganisationType } from '../../../shared/domain.js';
import type { ReferralListItem, ReferralOut, ReferralSection } from '../../../shared/referrals.api.js';
import { users } from '../../access/access.tables.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db.js';
import { romeToday } from '../../platform/rome.js';
import { caseConsents, cases, unseal } from '../cases/index.js';
import { organisations } from '../organisations/index.js';
import { referrals } from './referrals.tables.js';

/** How her organisation stands to a referral: it sent it or it received it. */
export type Side = 'sender' | 'recipient';

const fromOrg = alias(organisations, 'from_org');
const toOrg = alias(organisations, 'to_org');
const referrer = alias(users, 'referrer');
const decider = alias(users, 'decider');

/** SQL: the consent the referral rests on is live now (the same test as the choke point's). */
const consentIsLive = (now = new Date()) =>
  sql<boolean>`(${caseConsents.revokedAt} is null and (${caseConsents.expiresOn} is null or ${caseConsents.expiresOn} >= ${romeToday(now)}))`;

/** The columns every answer reads: the referral, both organisations, the case's code, the consent's liveness. */
export const referralColumns = {
  row: referrals,
  caseCode: cases.code,
  caseOrganisationId: cases.organisationId,
  from: { id: fromOrg.id, name: fromOrg.name, type: fromOrg.type },
  to: { id: toOrg.id, name: toOrg.name, type: toOrg.type },
  consentLive: consentIsLive(),
  referredBy: referrer.displayName,
  decidedBy: decider.displayName,
};

/** Selects referrals with what their answers show, filtered by `where`. */
export function selectReferrals(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(referralColumns)
    .from(referrals)
    .innerJoin(cases, eq(cases.id, referrals.caseId))
    .innerJoin(fromOrg, eq(fromOrg.id, referrals.fromOrganisationId))
    .innerJoin(toOrg, eq(toOrg.id, referrals.toOrganisationId))
    .innerJoin(caseConsents, eq(caseConsents.id, referrals.consentId))
    .leftJoin(referrer, eq(referrer.id, referrals.referredBy))
    .leftJoin(decider, eq(decider.id, referrals.decidedBy))
    .where(where);
}

export type ReferralRow = Awaited<ReturnType<typeof selectReferrals>>[number];

/** Keeps live consents only (for the options a new referral may rest on). */
export const liveConsent = () => and(isNull(caseConsents.revokedAt), or(isNull(caseConsents.expiresOn), gte(caseConsents.expiresOn, romeToday())));

export function presentListItem(r: ReferralRow, side: Side): ReferralListItem {
  const row = r.row;
  return {
    id: row.id,
    version: row.version,
    side,
    case: { id: row.caseId, code: r.caseCode },
    from: { ...r.from, type: r.from.type as OrganisationType },
    to: { ...r.to, type: r.to.type as OrganisationType },
    purpose: row.purpose,
    urgency: row.urgency,
    sections: row.sections as ReferralSection[],
    state: row.state,
    referredAt: row.referredAt,
    decidedAt: row.decidedAt,
    firstContactAt: row.firstContactAt,
    consentLive: r.consentLive,
  };
}

/**
 * The recipient reads the notes while the referral is pending, or accepted
 * on a live consent: a withdrawn, annulled or expired referral, or a
 * consent she revoked, leaves it the facts (who, when, for what) only.
 */
export const recipientReadsNotes = (r: ReferralRow) => r.consentLive && (r.row.state === 'in_attesa' || r.row.state === 'accettata');

/** One referral in full as her side sees it; the notes unsealed with the case's key. */
export async function presentReferral(ctx: AppContext, db: DbOrTx, r: ReferralRow, side: Side, mayDecide: boolean): Promise<ReferralOut> {
  const row = r.row;
  const notes = side === 'sender' || recipientReadsNotes(r);
  const pending = row.state === 'in_attesa';
  return {
    ...presentListItem(r, side),
    consentId: side === 'sender' ? row.consentId : null,
    note: notes ? await unseal<string>(ctx.crypto, db, 'referral.note', row.id, row.noteSealed) : null,
    referredBy: r.referredBy,
    decidedBy: r.decidedBy,
    declineReason: row.declineReason,
    // The recipient wrote it; the sender is told why.
    declineNote: await unseal<string>(ctx.crypto, db, 'referral.decline_note', row.id, row.declineNoteSealed),
    acts: {
      accept: side === 'recipient' && pending && mayDecide && r.consentLive,
      decline: side === 'recipient' && pending && mayDecide,
      withdraw: side === 'sender' && pending,
    },
  };
}
