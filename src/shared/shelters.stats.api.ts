import { z } from 'zod';
import { isoDate } from './cases.api.js';
import { orgRef, shown } from './shelters.requests.api.js';
import { stayExitReasons, stayPaths, structureLevels } from './shelters.js';

/**
 * The stays' yearly counts (issue 13; docs/shelters.md, "Yearly stay
 * counts"): what a casa rifugio, a network coordinator and the regional
 * observatory report each year (ISTAT's survey of the case rifugio), per
 * structure level. Counts only — never a person, an address, a comune, a
 * case code or a stay's id; cells 1 to threshold-1 hidden (null), and
 * others with them so that none can be derived from a total.
 *
 * Route (tag `shelters`):
 * - GET /api/shelters/stats/stays?year=YYYY   → `stayStatsOut` (the network coordinator and the observatory analyst:
 *   the structures serving her networks, as the request counts; a housing organisation's head and operators: its own structures)
 */

export { stayExitReasons, stayPaths };

export const stayStatsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export type StayStatsQuery = z.infer<typeof stayStatsQuery>;

/** Length of an exited stay, in days from admission to exit (the exit day not counted). */
export const stayLengthBands = ['lt30', 'd30_89', 'd90_179', 'd180_plus'] as const;
export type StayLengthBand = (typeof stayLengthBands)[number];
/** Lower bound in days of each band (the next band's is its upper bound, excluded). */
export const stayLengthBandFrom: Record<StayLengthBand, number> = { lt30: 0, d30_89: 30, d90_179: 90, d180_plus: 180 };

/** An emergency admission's authorisation: given, refused, awaited past its deadline (or escalated), awaited. */
export const stayAuthorisationOutcomes = ['autorizzata', 'rifiutata', 'in_ritardo', 'in_attesa'] as const;
export type StayAuthorisationOutcome = (typeof stayAuthorisationOutcomes)[number];

/** One row of counts: a structure level, or all levels together. */
const stayCounts = z.object({
  /** Stays begun in the year (a move's next stay included: it is an admission to that structure), by path. */
  admissions: shown,
  admissionsByPath: z.array(z.object({ path: z.enum(stayPaths), count: shown })),
  /** Stays running at `asOf` (31 December, or today in the current year). */
  running: shown,
  /** The adults and the children of the stays lived in the year; a move's next stay is the same household, counted once. */
  women: shown,
  children: shown,
  /** Days lived in the year: the admission day counted, the exit day not (as the fees count). */
  presenceDays: shown,
  /** Stays ended in the year, by reason, and by their length. */
  exits: shown,
  exitsByReason: z.array(z.object({ reason: z.enum(stayExitReasons), count: shown })),
  exitsByLength: z.array(z.object({ band: z.enum(stayLengthBands), count: shown })),
  /** The emergency admissions of the year by their authorisation's outcome (one per admission). */
  authorisations: z.array(z.object({ outcome: z.enum(stayAuthorisationOutcomes), count: shown })),
});
export type StayCounts = z.output<typeof stayCounts>;

export const stayStatsOut = z.object({
  year: z.number().int(),
  /** The day the year is counted through: 31 December, or today in the current year. */
  asOf: isoDate,
  threshold: z.number().int(),
  /** `reti`: the structures serving the networks listed; `strutture`: her organisation's own structures. */
  scope: z.enum(['reti', 'strutture']),
  networks: z.array(orgRef),
  /** How many structures the counts cover. */
  structures: z.number().int(),
  levels: z.array(stayCounts.extend({ level: z.enum(structureLevels) })),
  total: stayCounts,
});
export type StayStatsOut = z.output<typeof stayStatsOut>;
