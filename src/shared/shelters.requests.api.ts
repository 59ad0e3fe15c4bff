import { z } from 'zod';
import { istatCode, languageCode } from './fields.js';
import {
  SHELTER_NOTE_MAX,
  childSexes,
  criterionLevels,
  distanceBands,
  placementClosedReasons,
  placementCriteria,
  placementDeclineReasons,
  placementRequestStates,
  placementUrgencies,
  proposalStates,
  protectionLevels,
  structureLevels,
} from './shelters.js';

/**
 * Placement requests, matching and the structures' inbox (issue 13,
 * docs/shelters.md "Placement requests and matching"), shared by the server
 * and the web. A request describes a household's need, never a name; the
 * area to keep her away from is asked as a comune and stored only as its
 * province and a rounded centre.
 *
 * Routes (tag `shelters`):
 * - POST /api/shelters/requests                  create (Idempotency-Key optional) → 201 `placementRequestOut`
 * - GET  /api/shelters/requests                  her organisation's requests, by state → `placementRequestListOut`
 * - GET  /api/shelters/requests/:id              one (audited; ETag) → `placementRequestOut`
 * - PATCH /api/shelters/requests/:id             edit while `aperta` (If-Match) → `placementRequestOut`
 * - POST /api/shelters/requests/:id/close        withdraw or close unmet (If-Match) → `placementRequestOut`
 * - GET  /api/shelters/requests/:id/matches      ranked structures with explanations → `matchListOut`
 * - POST /api/shelters/requests/:id/proposals    put it to one structure (If-Match: the request's) → 201 `placementRequestOut`
 * - POST /api/shelters/proposals/:id/withdraw    the requester takes the proposal back (If-Match: the proposal's) → `proposalOut`
 * - GET  /api/shelters/proposals                 the inbox of her organisation's structures → `proposalListOut`
 * - GET  /api/shelters/proposals/:id             one, as the structure sees it (audited) → `proposalOut`
 * - POST /api/shelters/proposals/:id/accept      hold places in one unit (If-Match; Idempotency-Key optional) → `proposalOut`
 * - POST /api/shelters/proposals/:id/decline     with a coded reason (If-Match) → `proposalOut`
 * - GET  /api/shelters/stats/requests            the coordinator's networks' counts → `requestStatsOut`
 *   (the stays' yearly counts, GET /api/shelters/stats/stays: src/shared/shelters.stats.api.ts)
 */

export const MAX_CHILDREN = 12;
export const MAX_LANGUAGES = 10;
export const MAX_DISTANCE_KM = 500;

export const householdChild = z.object({ age: z.number().int().min(0).max(25), sex: z.enum(childSexes) }).strict();
export type HouseholdChild = z.infer<typeof householdChild>;

const note = z.string().trim().min(1).max(SHELTER_NOTE_MAX);
const criteria = z.partialRecord(z.enum(placementCriteria), z.enum(criterionLevels));

/** The need, as the requester writes it (create and edit share it). */
const need = z.object({
  urgency: z.enum(placementUrgencies),
  /** The level sought; null: any level that fits. */
  level: z.enum(structureLevels).nullable().default(null),
  adults: z.number().int().min(1).max(4).default(1),
  children: z.array(householdChild).max(MAX_CHILDREN).default([]),
  wheelchair: z.boolean().default(false),
  pets: z.boolean().default(false),
  languages: z
    .array(languageCode)
    .max(MAX_LANGUAGES)
    .refine((l) => new Set(l).size === l.length, { error: 'duplicate' })
    .default([]),
  /** The perpetrator's comune (ISTAT code): turned into a province and a rounded centre, never stored. */
  avoidComune: istatCode.nullable().optional(),
  /** How far from that area the structure should be. */
  minDistanceKm: z.number().int().min(0).max(MAX_DISTANCE_KM).nullable().default(null),
  criteria: criteria.default({}),
});

export const placementRequestCreate = need
  .extend({
    /** A case of the requesting organisation she may write (its latest risk prefills `rischio_recidiva`). */
    caseId: z.uuid().optional(),
    /** The social service of her comune (an organisation of type servizio_sociale in one of the requester's networks). */
    socialServiceId: z.uuid().optional(),
    /** Sealed (the case's key when linked, else the organisation's). */
    note: note.optional(),
  })
  .strict();
export type PlacementRequestCreate = z.infer<typeof placementRequestCreate>;

/**
 * An edit, while the request is `aperta`: the need as a whole; `avoidComune`
 * absent keeps the stored area (the comune was never kept), null clears it;
 * `note` and `socialServiceId` the same way.
 */
export const placementRequestUpdate = need
  .extend({
    socialServiceId: z.uuid().nullable().optional(),
    note: note.nullable().optional(),
  })
  .strict();
export type PlacementRequestUpdate = z.infer<typeof placementRequestUpdate>;

export const placementRequestClose = z.object({ reason: z.enum(placementClosedReasons) }).strict();
export type PlacementRequestClose = z.infer<typeof placementRequestClose>;

export const proposalCreate = z.object({ structureId: z.uuid() }).strict();
export type ProposalCreate = z.infer<typeof proposalCreate>;

export const proposalDecline = z.object({ reason: z.enum(placementDeclineReasons), note: note.optional() }).strict();
export type ProposalDecline = z.infer<typeof proposalDecline>;

export const placementRequestsQuery = z.object({
  state: z.enum(placementRequestStates).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type PlacementRequestsQuery = z.infer<typeof placementRequestsQuery>;

export const proposalsQuery = z.object({
  state: z.enum(proposalStates).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ProposalsQuery = z.infer<typeof proposalsQuery>;

export const orgRef = z.object({ id: z.uuid(), name: z.string() });
/** A structure as anyone but its staff sees it: never an address, never a comune. */
export const structureRef = z.object({ id: z.uuid(), name: z.string(), level: z.enum(structureLevels), provinceCode: z.string() });

/** A proposal as the request's history shows it. */
export const proposalHistoryItem = z.object({
  id: z.uuid(),
  version: z.number().int(),
  structure: structureRef,
  state: z.enum(proposalStates),
  sentAt: z.date(),
  decidedAt: z.date().nullable(),
  declineReason: z.enum(placementDeclineReasons).nullable(),
  holdExpiresAt: z.date().nullable(),
});

export const placementRequestSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  state: z.enum(placementRequestStates),
  closedReason: z.enum(placementClosedReasons).nullable(),
  urgency: z.enum(placementUrgencies),
  level: z.enum(structureLevels).nullable(),
  adults: z.number().int(),
  childrenCount: z.number().int(),
  requester: orgRef,
  /** The proposal waiting or holding places, if any. */
  openProposal: proposalHistoryItem.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PlacementRequestSummary = z.infer<typeof placementRequestSummary>;

export const placementRequestActs = z.object({ edit: z.boolean(), close: z.boolean(), propose: z.boolean(), withdrawProposal: z.boolean() });

/** One request, as the requesting organisation sees it. */
export const placementRequestOut = placementRequestSummary.extend({
  children: z.array(householdChild),
  wheelchair: z.boolean(),
  pets: z.boolean(),
  languages: z.array(z.string()),
  /** The province to keep her away from (never the comune). */
  avoidProvinceCode: z.string().nullable(),
  minDistanceKm: z.number().int().nullable(),
  criteria,
  caseId: z.uuid().nullable(),
  socialService: orgRef.nullable(),
  note: z.string().nullable(),
  closedAt: z.date().nullable(),
  proposals: z.array(proposalHistoryItem),
  acts: placementRequestActs,
});
export type PlacementRequestOut = z.infer<typeof placementRequestOut>;

export const placementRequestListOut = z.object({
  items: z.array(placementRequestSummary),
  total: z.number().int(),
  counts: z.record(z.enum(placementRequestStates), z.number().int()),
});
export type PlacementRequestListOut = z.infer<typeof placementRequestListOut>;

// --- Matching ---------------------------------------------------------------

/** The reasons a rank gives, each a code the web words (it, en) with its params. */
export const matchReasons = [
  'household_fits',
  'children_accepted',
  'children_count',
  'boys_age',
  'wheelchair',
  'level',
  'level_for_danger',
  'level_for_autonomy',
  'distance',
  'avoided_province',
  'pets',
  'languages',
  'staffed_for_danger',
  'support_network',
] as const;
export type MatchReason = (typeof matchReasons)[number];

export const matchExplanation = z.object({
  criterion: z.enum(matchReasons),
  /** true: fits; false: does not; partial: in part (some languages, a level near the one sought). */
  fits: z.union([z.boolean(), z.literal('partial')]),
  /** Codes and numbers only (a level, a band, a count): never a place. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type MatchExplanation = z.infer<typeof matchExplanation>;

export const matchItem = z.object({
  rank: z.number().int(),
  score: z.number(),
  structure: structureRef.extend({ protectionLevel: z.enum(protectionLevels), distanceBand: z.enum(distanceBands).nullable() }),
  /** The most free places in one unit (a household is placed in one unit). */
  freePlacesInUnit: z.number().int(),
  /** A hard constraint fails (the household does not fit, boys over age, no wheelchair access): ranked last, not proposable. */
  excluded: z.boolean(),
  explanation: z.array(matchExplanation),
});
export type MatchItem = z.infer<typeof matchItem>;

export const matchListOut = z.object({ items: z.array(matchItem) });
export type MatchListOut = z.infer<typeof matchListOut>;

// --- The structure's inbox ---------------------------------------------------

/** The need as the structure's staff read it: no case, no note, no area but its province. */
export const proposalNeed = z.object({
  code: z.string(),
  urgency: z.enum(placementUrgencies),
  level: z.enum(structureLevels).nullable(),
  adults: z.number().int(),
  children: z.array(householdChild),
  wheelchair: z.boolean(),
  pets: z.boolean(),
  languages: z.array(z.string()),
  criteria,
});

export const proposalActs = z.object({ accept: z.boolean(), decline: z.boolean(), withdraw: z.boolean() });

export const proposalOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  state: z.enum(proposalStates),
  structure: structureRef,
  requester: orgRef,
  need: proposalNeed,
  sentAt: z.date(),
  decidedAt: z.date().nullable(),
  declineReason: z.enum(placementDeclineReasons).nullable(),
  holdExpiresAt: z.date().nullable(),
  /** The unit holding (or that held) her places: the structure's own staff only. */
  unit: z.object({ id: z.uuid(), label: z.string(), places: z.number().int() }).nullable(),
  acts: proposalActs,
});
export type ProposalOut = z.infer<typeof proposalOut>;

export const proposalListOut = z.object({
  items: z.array(proposalOut.omit({ unit: true, acts: true })),
  total: z.number().int(),
  counts: z.record(z.enum(proposalStates), z.number().int()),
});
export type ProposalListOut = z.infer<typeof proposalListOut>;

// --- Counts ------------------------------------------------------------------

/** A count, or null when hidden (1 to threshold-1, or hidden so that no hidden count can be derived). */
export const shown = z.number().int().nullable();

export const requestStatsOut = z.object({
  /** Cells from 1 to threshold-1 are not shown (null). */
  threshold: z.number().int(),
  networks: z.array(orgRef),
  requests: z.array(z.object({ state: z.enum(placementRequestStates), urgency: z.enum(placementUrgencies), count: shown })),
  proposals: z.object({
    accepted: shown,
    expired: shown,
    declined: z.array(z.object({ reason: z.enum(placementDeclineReasons), count: shown })),
  }),
  /** Requests closed `non_soddisfatta` per quarter of their closing (`2026-Q3`). */
  unmet: z.array(z.object({ quarter: z.string(), count: shown })),
});
export type RequestStatsOut = z.infer<typeof requestStatsOut>;
