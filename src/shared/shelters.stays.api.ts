import { z } from 'zod';
import { isoDate } from './cases.api.js';
import { organisationTypes } from './domain.js';
import { SHELTER_NOTE_MAX, authorisationStates, childSexes, stayExitReasons, stayPaths, stayStates, structureLevels } from './shelters.js';

/**
 * Stays, the competent social service's agreement and the emergency
 * authorisation, and the monthly fees (issue 13; docs/shelters.md, "Stays,
 * agreement and emergency authorisation"). Shared by the server and the web.
 *
 * Routes (tag `shelters`):
 * - POST /api/shelters/authorisations            ask the competent social service to agree a request's stay (the
 *                                                requesting organisation's staff): `authorisationAsk` → 201 `authorisationOut`
 * - GET  /api/shelters/authorisations            the social service's inbox (`authorisationsQuery`) → `authorisationListOut`
 * - GET  /api/shelters/authorisations/:id        one, as the social service sees it → `authorisationOut` (ETag)
 * - POST /api/shelters/authorisations/:id/decide authorise naming the payer, or refuse (If-Match) → `authorisationOut`
 * - POST /api/shelters/stays                     admit from an accepted proposal (`stayAdmit`) → 201 `stayOut`
 * - POST /api/shelters/stays/emergency           admit at once without any request (`stayEmergency`) → 201 `stayOut`
 * - GET  /api/shelters/stays                     the stays of her structures, or those she agreed or pays (`staysQuery`)
 * - GET  /api/shelters/stays/:id                 one stay as her side sees it → `stayOut` (ETag)
 * - GET  /api/shelters/stays/:id/record.pdf      the printed stay record (PDF, Italian): the detail's fields for her side, never an address
 * - POST /api/shelters/stays/:id/exit            the exit (If-Match): `stayExit` → `stayOut`
 * - GET  /api/shelters/stays/:id/moves           the accepted proposals it may move into → `stayMoveCandidatesOut`
 * - POST /api/shelters/stays/:id/move            move between levels (If-Match): `stayMove` → 201 `stayOut` (the new stay)
 * - GET  /api/shelters/fees?month=YYYY-MM        the month's fees per payer → `feesOut`; `/api/shelters/fees.xlsx` the same as XLSX
 * Never an address, a name, a case code; a stay or authorisation she may not see is 404.
 */

export { authorisationStates, stayExitReasons, stayPaths, stayStates };

/** The printed stay record's address (a plain download link on the stay's page). */
export const stayRecordPath = (stayId: string) => `/api/shelters/stays/${encodeURIComponent(stayId)}/record.pdf`;

const note = z.string().trim().min(1).max(SHELTER_NOTE_MAX);
/** A child admitted with her: age and sex (never a name). */
export const stayChild = z.object({ age: z.number().int().min(0).max(25), sex: z.enum(childSexes) }).strict();
const household = { adults: z.number().int().min(1).max(4).default(1), children: z.array(stayChild).max(12).default([]) };

/** Asks the social service of her comune to agree the stay of a request (one open ask per request). */
export const authorisationAsk = z
  .object({
    requestId: z.uuid(),
    /** The competent social service, if the request does not name it yet (it is then recorded on the request). */
    socialServiceId: z.uuid().optional(),
  })
  .strict();
export type AuthorisationAsk = z.infer<typeof authorisationAsk>;

/**
 * The social service's decision. Authorising names who pays the daily fee:
 * itself or another public body of a network it belongs to. Refusing may
 * carry a note, sealed with the social service's key and shown to it alone.
 */
export const authorisationDecide = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('autorizza'), payerOrganisationId: z.uuid() }).strict(),
  z.object({ decision: z.literal('rifiuta'), note: note.optional() }).strict(),
]);
export type AuthorisationDecide = z.infer<typeof authorisationDecide>;

export const authorisationsQuery = z.object({
  state: z.enum(authorisationStates).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type AuthorisationsQuery = z.output<typeof authorisationsQuery>;

const named = z.object({ id: z.uuid(), name: z.string() });
const organisationRef = z.object({ id: z.uuid(), name: z.string(), type: z.enum(organisationTypes) });

/** A structure as anyone but its own staff sees it: a name and a level, never where it is. */
export const structureShown = z.object({ id: z.uuid(), name: z.string(), level: z.enum(structureLevels) });

export const authorisationOut = z.object({
  id: z.uuid(),
  /** What is to be agreed: a request before admission, or a stay already begun in an emergency. */
  subject: z.enum(['richiesta', 'permanenza']),
  requestId: z.uuid().nullable(),
  /** The request's short reference (never personal). */
  requestCode: z.string().nullable(),
  stayId: z.uuid().nullable(),
  state: z.enum(authorisationStates),
  socialService: named,
  /** The structure concerned: the stay's, or the one holding places for the request (null: none yet). */
  structure: structureShown.nullable(),
  adults: z.number().int(),
  children: z.array(stayChild),
  admittedOn: isoDate.nullable(),
  requestedAt: z.date(),
  dueAt: z.date().nullable(),
  overdue: z.boolean(),
  escalatedAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
  payer: organisationRef.nullable(),
  /** The refusal's note: the social service's own staff alone. */
  note: z.string().nullable(),
  version: z.number().int(),
  /** What she may do on it now. */
  acts: z.object({ decide: z.boolean() }),
  /** The payers she may name: herself and the public bodies of her networks (only while she may decide). */
  payers: z.array(organisationRef),
});
export type AuthorisationOut = z.output<typeof authorisationOut>;

export const authorisationListOut = z.object({
  items: z.array(authorisationOut.omit({ payers: true, note: true })),
  total: z.number().int(),
  counts: z.record(z.enum(authorisationStates), z.number().int()),
});
export type AuthorisationListOut = z.output<typeof authorisationListOut>;

/** Her case, if a CAV of the network follows her: only a case the structure's organisation may open (its own, or shared by an accepted referral). */
const caseLink = { caseId: z.uuid().optional() };

/**
 * Admission from an accepted proposal, into the places it holds. `accordo`
 * needs the social service's authorised agreement on the request;
 * `emergenza` admits at once and opens an authorisation on the stay (the
 * request's social service, or the one named here).
 */
export const stayAdmit = z
  .object({
    proposalId: z.uuid(),
    path: z.enum(stayPaths),
    admittedOn: isoDate.optional(),
    socialServiceId: z.uuid().optional(),
    ...household,
    ...caseLink,
    note: note.optional(),
  })
  .strict();
export type StayAdmit = z.input<typeof stayAdmit>;

/**
 * An emergency admission with no request (the police or the emergency room
 * bring her at night): free places in one unit of her structure are taken
 * at once, and the named social service is asked to authorise.
 */
export const stayEmergency = z
  .object({
    structureId: z.uuid(),
    unitId: z.uuid().optional(),
    socialServiceId: z.uuid(),
    admittedOn: isoDate.optional(),
    ...household,
    ...caseLink,
    note: note.optional(),
  })
  .strict();
export type StayEmergency = z.input<typeof stayEmergency>;

export const stayExit = z.object({ exitedOn: isoDate, reason: z.enum(stayExitReasons) }).strict();
export type StayExit = z.infer<typeof stayExit>;

/**
 * A move between levels: this stay ends (`trasferimento`) and a new one
 * begins in the places another structure holds for a request her
 * organisation made; the social service and the payer carry over.
 */
export const stayMove = z.object({ proposalId: z.uuid(), movedOn: isoDate }).strict();
export type StayMove = z.infer<typeof stayMove>;

export const staysQuery = z.object({
  state: z.enum(stayStates).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type StaysQuery = z.output<typeof staysQuery>;

export const staySide = z.enum(['struttura', 'servizio_sociale', 'pagante']);

export const stayOut = z.object({
  id: z.uuid(),
  /** A short reference (the id's first characters), for screens and exports. */
  reference: z.string(),
  side: staySide,
  structure: structureShown,
  /** The unit's label: the structure's own staff alone. */
  unit: named.nullable(),
  path: z.enum(stayPaths),
  state: z.enum(stayStates),
  adults: z.number().int(),
  children: z.array(stayChild),
  admittedOn: isoDate,
  exitedOn: isoDate.nullable(),
  exitReason: z.enum(stayExitReasons).nullable(),
  /** Days so far (admission day counted, exit day not). */
  days: z.number().int(),
  socialService: named.nullable(),
  payer: organisationRef.nullable(),
  dailyFeeCents: z.number().int(),
  contributionCents: z.number().int().nullable(),
  /** The authorisation awaited or given for an emergency admission. */
  authorisation: z.object({ id: z.uuid(), state: z.enum(authorisationStates), dueAt: z.date().nullable(), escalatedAt: z.date().nullable() }).nullable(),
  previousStayId: z.uuid().nullable(),
  nextStayId: z.uuid().nullable(),
  /** The structure's own staff alone: the linked case (opened only through the case's choke point), the request, the note. */
  caseId: z.uuid().nullable(),
  requestId: z.uuid().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  acts: z.object({ exit: z.boolean(), move: z.boolean() }),
});
export type StayOut = z.output<typeof stayOut>;

export const stayListOut = z.object({ items: z.array(stayOut.omit({ note: true })), total: z.number().int() });
export type StayListOut = z.output<typeof stayListOut>;

/** A month, `YYYY-MM`. */
export const feesQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });
export type FeesQuery = z.infer<typeof feesQuery>;

/** One stay's fees in the month: no address, no name, no case code. */
export const feeRowOut = z.object({
  stayReference: z.string(),
  structure: structureShown,
  days: z.number().int(),
  dailyFeeCents: z.number().int(),
  amountCents: z.number().int(),
  payer: named,
  /** A second-level flat's monthly contribution asked of her: hers, never part of the fee. */
  contributionCents: z.number().int().nullable(),
});
export const feesOut = z.object({
  month: z.string(),
  rows: z.array(feeRowOut),
  totals: z.array(z.object({ payer: named, amountCents: z.number().int(), days: z.number().int() })),
  totalCents: z.number().int(),
});
export type FeesOut = z.output<typeof feesOut>;

/**
 * The proposals a stay may move into (`GET /api/shelters/stays/:id/moves`,
 * the stay's structure's staff): accepted proposals still holding places at
 * another structure, for requests of her own organisation. The request's
 * code, the structure's name and level, the places held and until when —
 * never an address, a unit, a case.
 */
export const stayMoveCandidate = z.object({
  proposalId: z.uuid(),
  requestCode: z.string(),
  structure: structureShown,
  /** The places the proposal holds (one unit). */
  places: z.number().int(),
  holdExpiresAt: z.date(),
});
export const stayMoveCandidatesOut = z.object({ items: z.array(stayMoveCandidate) });
export type StayMoveCandidatesOut = z.output<typeof stayMoveCandidatesOut>;
