import type { z } from 'zod';
import type { Json } from '../../../shared/json';
import type { caseReferralsOut, referralConsentOption, referralListItem, referralListOut, referralOut, referralPendingCountOut } from '../../../shared/referrals.api';

/** Shapes of the referrals API, derived from the shared schemas (src/shared/referrals.api.ts); instants as ISO strings. */
export type ReferralItem = Json<z.output<typeof referralListItem>>;
export type Referral = Json<z.output<typeof referralOut>>;
export type ReferralList = Json<z.output<typeof referralListOut>>;
export type ReferralPendingCount = Json<z.output<typeof referralPendingCountOut>>;
export type CaseReferrals = Json<z.output<typeof caseReferralsOut>>;
export type ConsentOption = Json<z.output<typeof referralConsentOption>>;
/** The two lists of the referrals page: received by her organisation, sent by it. */
export type Box = 'inbox' | 'outbox';
