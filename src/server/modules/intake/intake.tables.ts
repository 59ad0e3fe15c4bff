import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { consentForms, contactChannels } from '../../../shared/cases.js';
import { intakeDeclineReasons, intakeSources, intakeStatuses, intakeUrgencies } from '../../../shared/intake.api.js';
import { users } from '../../access/access.tables.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { cases } from '../cases/cases.tables.js';
import { comuni } from '../directory/directory.tables.js';
import { inList, organisations } from '../organisations/organisations.tables.js';

/**
 * An inbound referral (docs/intake.md): a woman sent to a CAV by an
 * organisation outside it, with her consent to be contacted. How to reach
 * her and the note exist only sealed with the RECIPIENT CAV's data key: they
 * are for the CAV, and the sender never reads them back. Once the referral
 * is closed (a case opened from it, or declined) they are erased here: the
 * case holds them under its own key, or nothing of her is kept.
 */
export const inboundReferrals = pgTable(
  'inbound_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The sender's reference (`R26-XXXX-XXXX`): nothing about her. */
    reference: text('reference').notNull().unique(),
    senderOrganisationId: uuid('sender_organisation_id')
      .notNull()
      .references(() => organisations.id),
    senderUserId: uuid('sender_user_id').references(() => users.id),
    recipientOrganisationId: uuid('recipient_organisation_id')
      .notNull()
      .references(() => organisations.id),
    source: text('source').notNull(),
    urgency: text('urgency').notNull(),
    comuneCode: text('comune_code')
      .notNull()
      .references(() => comuni.istatCode),
    consentChannel: text('consent_channel').notNull(),
    consentGivenOn: date('consent_given_on').notNull(),
    consentForm: text('consent_form').notNull(),
    /** Under the recipient organisation's key; null once closed. */
    contactSealed: text('contact_sealed'),
    noteSealed: text('note_sealed'),
    status: text('status').notNull().default('inviata'),
    attempts: smallint('attempts').notNull().default(0),
    firstAttemptAt: timestamp('first_attempt_at', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    /** The case opened from it (one at most: the unique index stops a second even at once). */
    caseId: uuid('case_id')
      .unique()
      .references(() => cases.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('inbound_referrals_recipient_idx').on(t.recipientOrganisationId, t.status, t.createdAt),
    index('inbound_referrals_sender_idx').on(t.senderOrganisationId, t.createdAt),
    check('inbound_referrals_source_check', sql`${t.source} in (${inList(intakeSources)})`),
    check('inbound_referrals_urgency_check', sql`${t.urgency} in (${inList(intakeUrgencies)})`),
    check('inbound_referrals_status_check', sql`${t.status} in (${inList(intakeStatuses)})`),
    check('inbound_referrals_channel_check', sql`${t.consentChannel} in (${inList(contactChannels)})`),
    check('inbound_referrals_form_check', sql`${t.consentForm} in (${inList(consentForms)})`),
    check('inbound_referrals_reason_check', sql`${t.declineReason} is null or ${t.declineReason} in (${inList(intakeDeclineReasons)})`),
    // Declined has its reason, taken in charge its case (until an erased case sets it null), and only closed ones a closing time.
    check('inbound_referrals_declined_check', sql`(${t.status} = 'rifiutata') = (${t.declineReason} is not null)`),
    check('inbound_referrals_closed_check', sql`(${t.status} in ('presa_in_carico', 'rifiutata')) = (${t.closedAt} is not null)`),
    // An open referral holds how to reach her; a closed one holds nothing of her.
    check('inbound_referrals_contact_check', sql`(${t.status} in ('inviata', 'non_raggiunta')) = (${t.contactSealed} is not null)`),
  ],
);
