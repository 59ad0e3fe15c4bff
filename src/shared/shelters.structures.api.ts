import { z } from 'zod';
import { istatCode, languageCode } from './fields.js';
import { distanceBands, placeStates, protectionLevels, structureLevels } from './shelters.js';

/**
 * Structures, units and places (the housing organisation's own staff) and
 * the vacancy board (the requesting organisations of the networks a
 * structure serves), issue 13. Rules: docs/shelters.md.
 *
 * Routes (tag `shelters`):
 * - GET   /api/shelters/structures                          her organisation's structures with counts per state → `structureListOut`
 * - POST  /api/shelters/structures                          create (the head): `structureCreate` → 201 `structureOut`
 * - GET   /api/shelters/structures/:id                      one structure, its opened address, units and places → `structureOut` (ETag)
 * - PATCH /api/shelters/structures/:id                      edit (the head, If-Match): `structureUpdate` → `structureOut`
 * - PUT   /api/shelters/structures/:id/networks             networks served (the head, If-Match): `structureNetworksIn` → `structureOut`
 * - POST  /api/shelters/structures/:id/deactivate           (the head, If-Match) only with no place held or occupied → `structureOut`
 * - POST  /api/shelters/structures/:id/reactivate           (the head, If-Match) → `structureOut`
 * - POST  /api/shelters/structures/:id/units                add a unit with its places (the head): `unitCreate` → 201 `structureOut`
 * - PATCH /api/shelters/structures/:id/units/:unitId        rename (the head, If-Match: the unit's version): `unitUpdate` → `structureOut`
 * - POST  /api/shelters/structures/:id/units/:unitId/places add a place (the head): `placeCreate` → 201 `structureOut`
 * - PATCH /api/shelters/structures/:id/places/:placeId      rename (the head, If-Match: the place's version): `placeUpdate` → `structureOut`
 * - POST  /api/shelters/structures/:id/places/:placeId/service  out of service and back (the head, If-Match: the place's
 *                                                           version): `placeServiceIn` → `structureOut`; only a free place
 *                                                           goes out, only an out-of-service one comes back (409 otherwise)
 * - GET   /api/shelters/board                               the vacancy board: `boardQuery` → `boardOut` (counts, never an address)
 * A structure of another organisation answers 404; a stale If-Match 412, none 428.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

/** The secret address: sealed with the organisation's key, opened for its staff alone. */
export const structureAddress = z
  .object({
    street: text(200),
    comuneIstat: istatCode,
    postcode: z.string().regex(/^\d{5}$/),
    /** How to reach it, who to ask for at the door (staff only). */
    notes: text(500).optional(),
  })
  .strict();
export type StructureAddress = z.infer<typeof structureAddress>;

const languages = z
  .array(languageCode)
  .max(20)
  .refine((l) => new Set(l).size === l.length, { error: 'duplicate' });

/** Everything about a structure but its networks, units and places. */
const structureFields = z.object({
  name: text(120),
  level: z.enum(structureLevels),
  acceptsChildren: z.boolean(),
  /** Null: no limit. */
  maxChildren: z.number().int().min(0).max(20).nullable(),
  /** Boys up to this age (null: any age). */
  boysMaxAge: z.number().int().min(0).max(25).nullable(),
  petsAllowed: z.boolean(),
  wheelchairAccessible: z.boolean(),
  languages,
  staffed24h: z.boolean(),
  protectionLevel: z.enum(protectionLevels),
  /** Euro cents per day, owed by the payer institution. */
  dailyFeeCents: z.number().int().min(0).max(10_000_000),
  /** Euro cents per month she may be asked: only at the second level (else 400). */
  contributionCents: z.number().int().min(0).max(10_000_000).nullable(),
  address: structureAddress,
});

export const structureCreate = structureFields
  .extend({
    /** The networks it takes women from: only networks her organisation belongs to. */
    networkIds: z.array(z.uuid()).max(20).default([]),
  })
  .strict();
export type StructureCreate = z.infer<typeof structureCreate>;

/** An edit names only what changes (If-Match: the structure's version). */
export const structureUpdate = structureFields.partial().strict();
export type StructureUpdate = z.infer<typeof structureUpdate>;

export const structureNetworksIn = z.object({ networkIds: z.array(z.uuid()).max(20) }).strict();
export type StructureNetworksIn = z.infer<typeof structureNetworksIn>;

export const unitCreate = z
  .object({
    label: text(60),
    wheelchairAccessible: z.boolean().default(false),
    /** How many places (beds) it has, labelled 1, 2, … (more can be added later). */
    places: z.number().int().min(1).max(30),
  })
  .strict();
export type UnitCreate = z.infer<typeof unitCreate>;

export const unitUpdate = z.object({ label: text(60).optional(), wheelchairAccessible: z.boolean().optional() }).strict();
export type UnitUpdate = z.infer<typeof unitUpdate>;

export const placeCreate = z.object({ label: text(30) }).strict();
export type PlaceCreate = z.infer<typeof placeCreate>;
export const placeUpdate = placeCreate;
export type PlaceUpdate = z.infer<typeof placeUpdate>;

/** `true`: take a free place out of service; `false`: put it back (free). */
export const placeServiceIn = z.object({ outOfService: z.boolean() }).strict();
export type PlaceServiceIn = z.infer<typeof placeServiceIn>;

/** How many places are in each state. */
export const placeCounts = z.object({ libero: z.number().int(), trattenuto: z.number().int(), occupato: z.number().int(), fuori_servizio: z.number().int() });
export type PlaceCounts = z.infer<typeof placeCounts>;

const province = z.object({ code: z.string(), name: z.string() });

export const structureListItem = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  level: z.enum(structureLevels),
  active: z.boolean(),
  province,
  counts: placeCounts,
});
export type StructureListItem = z.infer<typeof structureListItem>;

export const structureListOut = z.object({ items: z.array(structureListItem) });
export type StructureListOut = z.infer<typeof structureListOut>;

export const placeOut = z.object({ id: z.uuid(), version: z.number().int(), label: z.string(), state: z.enum(placeStates) });
export type PlaceOut = z.infer<typeof placeOut>;

export const unitOut = z.object({ id: z.uuid(), version: z.number().int(), label: z.string(), wheelchairAccessible: z.boolean(), places: z.array(placeOut) });
export type UnitOut = z.infer<typeof unitOut>;

/** One structure as its own staff see it: the address opened, units and places with their states (never who holds them). */
export const structureOut = structureFields.extend({
  id: z.uuid(),
  version: z.number().int(),
  active: z.boolean(),
  province,
  /** The comune's name, for the staff's own screen (never shown outside the organisation). */
  comuneName: z.string().nullable(),
  networks: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Networks her organisation belongs to: what `networks` may be set to. */
  networkOptions: z.array(z.object({ id: z.uuid(), name: z.string() })),
  counts: placeCounts,
  units: z.array(unitOut),
  acts: z.object({ manage: z.boolean(), deactivate: z.boolean() }),
});
export type StructureOut = z.infer<typeof structureOut>;

// --- The vacancy board --------------------------------------------------------

/** Filters of the board (a plain form: they change the address only). */
export const boardQuery = z.object({
  level: z.enum(structureLevels).optional(),
  /** ISTAT province code (3 digits). */
  province: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
  wheelchair: z.stringbool().optional(),
  pets: z.stringbool().optional(),
  /** Structures that take children at all. */
  children: z.stringbool().optional(),
  staffed24h: z.stringbool().optional(),
  /** Adults and children together: structures with that many free places in one unit. */
  household: z.coerce.number().int().min(1).max(16).optional(),
  language: languageCode.optional(),
  /** A comune (ISTAT) from which each structure's distance band is computed: the reader's input, never stored. */
  area: istatCode.optional(),
});
export type BoardQuery = z.infer<typeof boardQuery>;

export const boardItem = z.object({
  id: z.uuid(),
  name: z.string(),
  level: z.enum(structureLevels),
  province,
  features: z.object({
    acceptsChildren: z.boolean(),
    maxChildren: z.number().int().nullable(),
    boysMaxAge: z.number().int().nullable(),
    petsAllowed: z.boolean(),
    wheelchairAccessible: z.boolean(),
    languages: z.array(z.string()),
    staffed24h: z.boolean(),
    protectionLevel: z.enum(protectionLevels),
  }),
  /** Free places in all. */
  free: z.number().int(),
  /** Places in service (free, held or occupied): how big it is, not who is there. */
  capacity: z.number().int(),
  /** The most free places in one unit: the largest household it can take now. */
  largestUnitFree: z.number().int(),
  /** Free places of each unit that has any, largest first. */
  unitsFree: z.array(z.number().int()),
  /** Only with `area`. */
  distanceBand: z.enum(distanceBands).nullable(),
});
export type BoardItem = z.infer<typeof boardItem>;

export const boardOut = z.object({
  items: z.array(boardItem),
  totals: z.object({ structures: z.number().int(), free: z.number().int() }),
  /** When the counts were read. */
  at: z.date(),
});
export type BoardOut = z.infer<typeof boardOut>;
