import { z } from 'zod';
import { caseSections } from './cases.js';
import { organisationTypes } from './domain.js';
import { REFERRAL_NOTE_MAX, declineReasons, referralPurposes, referralStates, referralUrgencies } from './referrals.js';

/**
 * Referrals between organisations (segnalazioni / invii, issue 12), shared by
 * the server and the web. Rules and decisions: docs/referrals.md.
 *
 * Routes (tag `referrals`):
 * - POST /api/cases/:id/referrals           refer the case (the owning organisation's team; header
 *                                           `Idempotency-Key` optional): body `referralCreate` → 201 `referralOut`
 * - GET  /api/cases/:id/referrals           the case's referrals and the consents a new one may rest on
 *                                           (the owning organisation's team) → `caseReferralsOut`
 * - GET  /api/referrals/inbox               received by her organisation; `referralsQuery` → `referralListOut`
 * - GET  /api/referrals/outbox              sent by her organisation (cases she holds; the head: all) → `referralListOut`
 * - GET  /api/referrals/inbox/count         how many wait for her organisation's answer (the navigation's number)
 *                                           → `referralPendingCountOut`; numbers only, reads no case, not audited
 * - GET  /api/referrals/:id                 one referral as her side sees it → `referralOut` (ETag: version)
 * - POST /api/referrals/:id/accept          the recipient (If-Match) → `referralOut`; she joins the case team
 * - POST /api/referrals/:id/decline         the recipient (If-Match), body `referralDecline` → `referralOut`
 * - POST /api/referrals/:id/withdraw        the sender while pending (If-Match) → `referralOut`
 * Writes answer 412 on a stale If-Match, 428 without it; a referral she may not see is 404.
 */

export { declineReasons, referralPurposes, referralStates, referralUrgencies, REFERRAL_NOTE_MAX };
export type { DeclineReason, ReferralPurpose, ReferralState, ReferralUrgency } from './referrals.js';

/** The sections a referral may offer: any of the case's but the authors (a sharing consent never lists them). */
export const referralSection = z.enum(caseSections).exclude(['authors']);
export type ReferralSection = z.infer<typeof referralSection>;

const note = z.string().trim().min(1).max(REFERRAL_NOTE_MAX);
const organisationRef = z.object({ id: z.uuid(), name: z.string(), type: z.enum(organisationTypes) });

/**
 * A new referral. The recipient is the organisation the consent names; the
 * consent must be a live sharing consent of this case that lists the
 * purpose (`referralPurposes`) and every section offered.
 */
export const referralCreate = z
  .object({
    consentId: z.uuid(),
    purpose: z.enum(referralPurposes),
    urgency: z.enum(referralUrgencies),
    /** The minimum the recipient needs (a CPI: `work_housing`); she holds exactly these once she accepts. */
    sections: z
      .array(referralSection)
      .min(1)
      .max(caseSections.length)
      .refine((s) => new Set(s).size === s.length, { error: 'duplicate' }),
    /** What the recipient needs to know to decide (sealed with the case's key). */
    note: note.optional(),
  })
  .strict();
export type ReferralCreate = z.infer<typeof referralCreate>;

export const referralDecline = z
  .object({
    reason: z.enum(declineReasons),
    note: note.optional(),
  })
  .strict();
export type ReferralDecline = z.infer<typeof referralDecline>;

/** Filters of the inbox and the outbox (paged). */
export const referralsQuery = z.object({
  state: z.enum(referralStates).optional(),
  urgency: z.enum(referralUrgencies).optional(),
  purpose: z.enum(referralPurposes).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ReferralsQuery = z.infer<typeof referralsQuery>;

/** What the screens may offer on a referral, decided by the server for the one asking. */
export const referralActs = z.object({ accept: z.boolean(), decline: z.boolean(), withdraw: z.boolean() });

/**
 * One referral as a list shows it: never the woman's identity nor any
 * section's content. `side` says whether her organisation sent it or
 * received it.
 */
export const referralListItem = z.object({
  id: z.uuid(),
  version: z.number().int(),
  side: z.enum(['sender', 'recipient']),
  case: z.object({ id: z.uuid(), code: z.string() }),
  from: organisationRef,
  to: organisationRef,
  purpose: z.enum(referralPurposes),
  urgency: z.enum(referralUrgencies),
  sections: z.array(referralSection),
  state: z.enum(referralStates),
  referredAt: z.date(),
  /** When it left `in_attesa` (accepted, declined, withdrawn, annulled, expired). */
  decidedAt: z.date().nullable(),
  /** The recipient's first contact with her on the timeline after accepting (time to first contact). */
  firstContactAt: z.date().nullable(),
  /** The consent it rests on is live now (an accepted referral's access ends with it). */
  consentLive: z.boolean(),
});
export type ReferralListItem = z.infer<typeof referralListItem>;

/**
 * One referral in full, as her side sees it. The recipient sees the note
 * only while the referral is pending or accepted and its consent is live;
 * the sender always.
 */
export const referralOut = referralListItem.extend({
  /** The consent it rests on: the sender's only (the recipient has no business with the ledger). */
  consentId: z.uuid().nullable(),
  note: z.string().nullable(),
  referredBy: z.string().nullable(),
  /** Who accepted, declined or withdrew it. */
  decidedBy: z.string().nullable(),
  declineReason: z.enum(declineReasons).nullable(),
  declineNote: z.string().nullable(),
  acts: referralActs,
});
export type ReferralOut = z.infer<typeof referralOut>;

export const referralListOut = z.object({
  items: z.array(referralListItem),
  total: z.number().int(),
  /** Her side's referrals by state, with the filters but the state's applied (the tabs' numbers). */
  counts: z.record(z.enum(referralStates), z.number().int()),
});
export type ReferralListOut = z.infer<typeof referralListOut>;

/**
 * The referrals addressed to her organisation still waiting for its answer
 * (`in_attesa`), for the navigation's number: how many, and how many of them
 * are `urgente` or `emergenza`. Numbers only: no case, no organisation.
 */
export const referralPendingCountOut = z.object({
  pending: z.number().int().min(0),
  urgent: z.number().int().min(0),
});
export type ReferralPendingCountOut = z.infer<typeof referralPendingCountOut>;

/** A live sharing consent a new referral may rest on: its recipient, sections and purposes. */
export const referralConsentOption = z.object({
  consentId: z.uuid(),
  recipient: organisationRef,
  sections: z.array(referralSection),
  purposes: z.array(z.enum(referralPurposes)),
  expiresOn: z.string().nullable(),
});

export const caseReferralsOut = z.object({
  items: z.array(referralOut),
  /** The consents a new referral may rest on (none: record a sharing consent that lists the purpose first). */
  consents: z.array(referralConsentOption),
});
export type CaseReferralsOut = z.infer<typeof caseReferralsOut>;
