import { z } from 'zod';
import { isoDate } from './cases.api.js';
import { namedRef } from './routing.api.js';

/**
 * Referral counters (docs/referrals.md, "Statistics"): numbers only, never a
 * case. An organisation's head reads her organisation's own (as sender and
 * as recipient); a network coordinator reads the same per organisation of a
 * network her organisation leads, with small cells suppressed (null).
 */

/** The longest period one read may cover (days): a dashboard, not an export of the history. */
export const REFERRAL_STATS_MAX_DAYS = 3 * 366;

/**
 * The referrals SENT in [from, to] (Italian calendar days, both included),
 * counted by the state they are in now. Default: the last 365 days.
 */
const period = { from: isoDate.optional(), to: isoDate.optional() };
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const inOrder = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;
const notTooLong = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || days(q.from, q.to) <= REFERRAL_STATS_MAX_DAYS;

export const referralStatsQuery = z
  .object(period)
  .refine(inOrder, { path: ['to'], error: 'from_after_to' })
  .refine(notTooLong, { path: ['from'], error: 'out_of_range' });

export const referralNetworkStatsQuery = z
  .object({ network: z.uuid(), ...period })
  .refine(inOrder, { path: ['to'], error: 'from_after_to' })
  .refine(notTooLong, { path: ['from'], error: 'out_of_range' });

/** A count, or null when it is a small cell the server suppressed (network view only). */
const shown = z.number().int().nullable();
/** Hours, one decimal; null when there is nothing to measure or the cell is suppressed. */
const hours = z.number().nullable();

/** Time from a referral being sent to the recipient's first contact with her, over the referrals that had one. */
export const firstContactTimes = z.object({ count: shown, medianHours: hours, p90Hours: hours });

export const referralCounts = z.object({
  /** Sent in the period (every state below adds up to it). */
  requested: shown,
  pending: shown,
  accepted: shown,
  declined: shown,
  withdrawn: shown,
  /** Annulled: the consent it rested on was revoked before an answer. */
  annulled: shown,
  expired: shown,
  /** Declined referrals by the reason code given (the web words it). */
  declineReasons: z.array(z.object({ reason: z.string(), count: shown })),
});

export const referralStatsPeriod = z.object({ from: isoDate, to: isoDate });

export const referralStatsOut = z.object({
  period: referralStatsPeriod,
  organisation: namedRef,
  asSender: referralCounts.extend({
    /** Per recipient organisation (that made at least one first contact). */
    firstContact: z.array(firstContactTimes.extend({ organisation: namedRef })),
  }),
  asRecipient: referralCounts.extend({ firstContact: firstContactTimes }),
});

export const referralNetworkStatsOut = z.object({
  period: referralStatsPeriod,
  network: namedRef,
  /** Counts from 1 to threshold - 1 are null (and one more where a total would give them away). */
  threshold: z.number().int(),
  organisations: z.array(
    z.object({
      organisation: namedRef,
      asSender: referralCounts,
      asRecipient: referralCounts.extend({ firstContact: firstContactTimes }),
    }),
  ),
});

export type ReferralStats = z.infer<typeof referralStatsOut>;
export type ReferralNetworkStats = z.infer<typeof referralNetworkStatsOut>;
