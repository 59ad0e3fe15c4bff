/**
 * Codes of referrals between organisations (segnalazioni / invii, issue 12;
 * docs/referrals.md). Isomorphic: imports nothing, so the consent ledger
 * (cases.tables.ts, cases.api.ts) can name the purposes a sharing consent
 * allows without loading the referral schemas. Labels: referrals.labels.ts.
 */

/**
 * What the receiving organisation is asked to do. A sharing consent lists
 * the purposes it allows (`case_consents.referral_purposes`); a referral
 * for a purpose the consent does not list is refused.
 */
export const referralPurposes = [
  'presa_in_carico',
  'ospitalita',
  'orientamento_lavoro',
  'alloggio',
  'consulenza_legale',
  'sanitaria',
  'sostegno_psicologico',
  'sostegno_minori',
  'sostegno_economico',
  'altro',
] as const;
export type ReferralPurpose = (typeof referralPurposes)[number];

/** How soon an answer is needed: ordinary, urgent (days), emergency (the same day). */
export const referralUrgencies = ['ordinaria', 'urgente', 'emergenza'] as const;
export type ReferralUrgency = (typeof referralUrgencies)[number];

/**
 * The life of a referral. `in_attesa` is the only open state; every other is
 * final: accepted or declined by the receiving organisation, withdrawn by the
 * referring one, annulled when the consent it rests on is revoked, expired
 * when nobody answered in time (the expiry job).
 */
export const referralStates = ['in_attesa', 'accettata', 'rifiutata', 'ritirata', 'annullata', 'scaduta'] as const;
export type ReferralState = (typeof referralStates)[number];

/** Why the receiving organisation declined. */
export const declineReasons = ['no_capacity', 'not_appropriate', 'declined_by_woman', 'other'] as const;
export type DeclineReason = (typeof declineReasons)[number];

/** The longest note a referral or a decline carries (sealed with the case key). */
export const REFERRAL_NOTE_MAX = 1000;
