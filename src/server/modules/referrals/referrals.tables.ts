import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CaseSection } from '../../../shared/cases.js';
import { type DeclineReason, type ReferralPurpose, type ReferralState, type ReferralUrgency, declineReasons, referralPurposes, referralStates, referralUrgencies } from '../../../shared/referrals.js';
import { users } from '../../access/access.tables.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { caseConsents, cases } from '../cases/cases.tables.js';
import { inList, organisations } from '../organisations/organisations.tables.js';

/**
 * A referral (segnalazione / invio, docs/referrals.md): the organisation
 * that owns a case asks another organisation of the network to take part
 * in her pathway, for a purpose, on a live sharing consent that lists the
 * purpose and the sections offered. Columns hold nothing about her: the
 * notes exist only sealed with the case's key.
 *
 * The timings, for the jobs and the statistics (all timestamptz):
 * - `referred_at`: sent;
 * - `decided_at`: left `in_attesa` — accepted or declined (`decided_by`
 *   of the recipient), withdrawn (of the sender), annulled (the consent's
 *   revocation, `decided_by` who revoked it), expired (the job; null);
 * - `first_contact_at`: the recipient's first contact with her on the
 *   timeline after accepting (the contact's own time), set in the
 *   transaction that records it;
 * - `reminded_at`: the reminder job's last reminder to the recipient.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** The referring organisation: the case's owner when it was sent. */
    fromOrganisationId: uuid('from_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The recipient: the organisation the consent names. */
    toOrganisationId: uuid('to_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The sharing consent it rests on: its revocation annuls a pending referral and ends the access of an accepted one. */
    consentId: uuid('consent_id')
      .notNull()
      .references(() => caseConsents.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<ReferralPurpose>().notNull(),
    urgency: text('urgency').$type<ReferralUrgency>().notNull(),
    /** The sections offered, within the consent's: exactly those the accepting member holds. */
    sections: jsonb('sections').$type<CaseSection[]>().notNull(),
    noteSealed: text('note_sealed'),
    state: text('state').$type<ReferralState>().notNull().default('in_attesa'),
    version: integer('version').notNull().default(1),
    referredBy: uuid('referred_by').references(() => users.id),
    referredAt: timestamp('referred_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    declineReason: text('decline_reason').$type<DeclineReason>(),
    declineNoteSealed: text('decline_note_sealed'),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [
    // The inbox and the outbox: an organisation's referrals by state, newest first.
    index('referrals_to_idx').on(t.toOrganisationId, t.state, t.referredAt.desc()),
    index('referrals_from_idx').on(t.fromOrganisationId, t.state, t.referredAt.desc()),
    index('referrals_case_idx').on(t.caseId, t.referredAt),
    index('referrals_consent_idx').on(t.consentId),
    // The jobs' scan: pending referrals by age.
    index('referrals_pending_idx').on(t.referredAt).where(sql`${t.state} = 'in_attesa'`),
    // One pending referral per case and recipient: a second one waits for the first's answer.
    uniqueIndex('referrals_one_pending_idx').on(t.caseId, t.toOrganisationId).where(sql`${t.state} = 'in_attesa'`),
    check('referrals_purpose_check', sql`${t.purpose} in (${inList(referralPurposes)})`),
    check('referrals_urgency_check', sql`${t.urgency} in (${inList(referralUrgencies)})`),
    check('referrals_state_check', sql`${t.state} in (${inList(referralStates)})`),
    check('referrals_reason_check', sql`${t.declineReason} is null or ${t.declineReason} in (${inList(declineReasons)})`),
    // A declined referral says why; no other does.
    check('referrals_declined_check', sql`(${t.state} = 'rifiutata') = (${t.declineReason} is not null)`),
    // Pending is the only state without a decision's time.
    check('referrals_decided_check', sql`(${t.state} = 'in_attesa') = (${t.decidedAt} is null)`),
    check('referrals_parties_check', sql`${t.fromOrganisationId} <> ${t.toOrganisationId}`),
  ],
);
