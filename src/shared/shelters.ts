/**
 * Codes of the shelters module (issue 13; docs/shelters.md): structures and
 * their places, the vacancy board, placement requests, stays and the
 * competent social service's agreement. Isomorphic: imports nothing.
 * Labels: shelters.labels.ts.
 */

/**
 * The level of a housing structure (docs/domain.md §1), from the first
 * night to autonomy: emergency house (immediate access, 7/7), casa
 * rifugio and community (first reception, secret or reserved address),
 * second-level flats (semi-autonomy, may ask her a contribution), and a
 * non-dedicated emergency placement (a B&B, a residence).
 */
export const structureLevels = ['pronto_intervento', 'casa_rifugio', 'comunita', 'seconda_accoglienza', 'non_dedicata'] as const;
export type StructureLevel = (typeof structureLevels)[number];

/** Levels at which a stay is free for her wherever she lives (the payer institution owes the fee, never she). */
export const freeStayLevels: readonly StructureLevel[] = ['pronto_intervento', 'casa_rifugio', 'comunita', 'non_dedicata'];

/** How protected the structure is (secret address, staffed entrance, agreements with the police). */
export const protectionLevels = ['alta', 'media', 'ordinaria'] as const;
export type ProtectionLevel = (typeof protectionLevels)[number];

/**
 * A place (a bed) at a given moment: free, held for an accepted request
 * until the hold expires (default 90 minutes, then free again by a job),
 * occupied by a stay, or out of service.
 */
export const placeStates = ['libero', 'trattenuto', 'occupato', 'fuori_servizio'] as const;
export type PlaceState = (typeof placeStates)[number];

/** Default life of a hold on places, in minutes (configurable: SHELTER_HOLD_MINUTES). */
export const HOLD_MINUTES_DEFAULT = 90;

/** Default deadline of an emergency admission's authorisation, in hours (configurable: SHELTER_AUTHORISATION_HOURS). */
export const AUTHORISATION_HOURS_DEFAULT = 72;

/** How soon a place is needed. */
export const placementUrgencies = ['ordinaria', 'urgente', 'emergenza'] as const;
export type PlacementUrgency = (typeof placementUrgencies)[number];

/**
 * The life of a placement request. `aperta`: the requester looks for a
 * structure (none asked, or the last one declined); `in_attesa`: a
 * structure is asked; `accettata`: the structure holds places for her;
 * `ammessa`: a stay began; `chiusa`: ended without a stay (withdrawn,
 * unmet) — `closedReason` says which.
 */
export const placementRequestStates = ['aperta', 'in_attesa', 'accettata', 'ammessa', 'chiusa'] as const;
export type PlacementRequestState = (typeof placementRequestStates)[number];

/** Why a request ended without a stay: the requester withdrew it, or no structure could take her (unmet demand). */
export const placementClosedReasons = ['ritirata', 'non_soddisfatta', 'altro'] as const;
export type PlacementClosedReason = (typeof placementClosedReasons)[number];

/**
 * A request put to one structure. `accettata` holds places until the hold
 * expires (`scaduta`) or a stay uses them (`ammessa`); `ritirata`: the
 * requester took it back.
 */
export const proposalStates = ['in_attesa', 'accettata', 'rifiutata', 'ritirata', 'scaduta', 'ammessa'] as const;
export type ProposalState = (typeof proposalStates)[number];

/** Why a structure declined: counted, because unmet demand is what a network shows the Region. */
export const placementDeclineReasons = ['no_capacity', 'not_appropriate', 'declined_by_woman', 'other'] as const;
export type PlacementDeclineReason = (typeof placementDeclineReasons)[number];

/** A child of the household: age in years and sex (a structure may take boys only up to an age). */
export const childSexes = ['F', 'M'] as const;
export type ChildSex = (typeof childSexes)[number];

/**
 * The criteria the network weighs to choose a structure (docs/domain.md §2
 * point 6), each read as low / medium / high: her autonomy,
 * self-determination and capacity for self-protection, how many problems
 * weigh on her, the risk of repeat violence (prefilled from the latest
 * assessment), danger, and whether she has a support network.
 */
export const placementCriteria = ['autonomia', 'autodeterminazione', 'autoprotezione', 'multiproblematicita', 'rischio_recidiva', 'pericolosita', 'rete_supporto'] as const;
export type PlacementCriterion = (typeof placementCriteria)[number];
export const criterionLevels = ['basso', 'medio', 'alto'] as const;
export type CriterionLevel = (typeof criterionLevels)[number];

/** Distance bands the board and the matching show instead of a place. */
export const distanceBands = ['lt20', '20_50', '50_100', 'gt100'] as const;
export type DistanceBand = (typeof distanceBands)[number];

/** How a stay was agreed: with the competent social service's agreement beforehand, or an emergency admission authorised afterwards. */
export const stayPaths = ['accordo', 'emergenza'] as const;
export type StayPath = (typeof stayPaths)[number];

/**
 * The life of a stay: `in_autorizzazione` (an emergency admission whose
 * authorisation is awaited), `in_corso`, `conclusa` (exited), or
 * `non_autorizzata` (the social service refused the emergency admission:
 * the stay ends and the network coordinator is told).
 */
export const stayStates = ['in_autorizzazione', 'in_corso', 'conclusa', 'non_autorizzata'] as const;
export type StayState = (typeof stayStates)[number];

/** A stay's reference, as the screens, notices, fees and the printed record name it: the first 8 hex digits of its id, upper case. */
export const stayReference = (stayId: string) => stayId.slice(0, 8).toUpperCase();

/** Why a stay ended (ISTAT's shelter survey). */
export const stayExitReasons = ['percorso_concluso', 'fine_periodo', 'abbandono', 'rientro_maltrattante', 'trasferimento', 'altro'] as const;
export type StayExitReason = (typeof stayExitReasons)[number];

/** The competent social service's answer: awaited, given, refused. */
export const authorisationStates = ['in_attesa', 'autorizzata', 'rifiutata'] as const;
export type AuthorisationState = (typeof authorisationStates)[number];

/** The longest free-text note a request, a decline or a stay carries (sealed). */
export const SHELTER_NOTE_MAX = 1000;
