import { z } from 'zod';
import { accessibilityFeatures, alboStatuses, directoryServices, standardFlags, visibilities } from './directory.js';
import { organisationTypes } from './domain.js';
import { email, istatCode, languageCode, phone } from './fields.js';
import { hoursLimitCode, hoursLimits } from './hours-limits.js';
import { weeklySchedule } from './schedule.js';

/**
 * The reserved directory API, shared by the server (validation, serializer
 * whitelist, OpenAPI; the import file reuses the sportello's fields) and
 * the web (its types and its forms' rules).
 *
 * Opening hours: this shape checks their size only (length, rules, time
 * ranges, no open end: hours-limits.ts). Their grammar
 * (`opening_hours`, evaluated in Europe/Rome) is checked by the server where
 * it parses a request (directory.schemas.ts), and shown to the web by the
 * live preview, so the library stays out of the browser bundle.
 */

export { email, istatCode, languageCode, phone };

// ---- Requests ----------------------------------------------------------

/** 1522 itself and the emergency and public-utility short numbers: never a line 1522 transfers a call to. */
const EMERGENCY_NUMBERS = new Set(['1522', '112', '113', '114', '115', '117', '118', '1515', '1530', '116000']);
/** The digits of a number, the Italian prefix (+39, 0039) left out. */
const digitsOf = (value: string) => value.replace(/[^0-9+]/g, '').replace(/^(\+|00)39(?=\d{3})/, '');
/** The reserved number 1522 transfers calls to: a phone number, and not 1522 or an emergency number. */
export const transferPhone = z
  .string()
  .trim()
  .refine((value) => !EMERGENCY_NUMBERS.has(digitsOf(value)), { message: 'transfer_emergency_number', abort: true })
  .regex(/^\+?[0-9][0-9 ./-]{3,19}$/, 'phone_number');

/** Refuses an expression beyond the complexity limits (hours-limits.ts) with its own code. */
const withinLimits = (value: string, ctx: z.core.$RefinementCtx<string>) => {
  if (value.length > hoursLimits.length) return;
  const code = hoursLimitCode(value);
  if (code) ctx.addIssue({ code: 'custom', message: code, params: { reason: code }, continue: false });
};

/** An `opening_hours` expression as far as its shape and size go (the server adds the grammar check). */
export const hoursText = z.string().trim().min(2).max(hoursLimits.length).superRefine(withinLimits);

const isoDate = z.iso.date();
const validMonthDay = (m: number, d: number) => d <= new Date(Date.UTC(2024, m, 0)).getUTCDate();
const closureLabel = z.string().trim().min(1).max(100);

export const closure = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('annual'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), label: closureLabel })
    .refine((c) => validMonthDay(c.month, c.day), { message: 'no_such_day', path: ['day'] }),
  z.object({ kind: z.literal('once'), from: isoDate, to: isoDate, label: closureLabel }).refine((c) => c.from <= c.to, { message: 'from_after_to', path: ['to'] }),
]);
export const closuresMax = 50;
export const phonesMax = 5;

const latitude = z.number().min(35).max(48);
const longitude = z.number().min(6).max(19);

/** A sportello's fields (organisation and identity excluded). */
export const sportelloFields = z.object({
  name: z.string().trim().min(2).max(200),
  visibility: z.enum(visibilities).default('public'),
  address: z.string().trim().min(2).max(300).nullable().default(null),
  comuneCode: istatCode,
  lat: latitude.nullable().default(null),
  lon: longitude.nullable().default(null),
  phones: z.array(phone).max(phonesMax).default([]),
  email: email.nullable().default(null),
  transferPhone: transferPhone.nullable().default(null),
  openingHours: hoursText.nullable().default(null),
  phoneHours: hoursText.nullable().default(null),
  h24: z.boolean().default(false),
  closures: z.array(closure).max(closuresMax).default([]),
  languages: z.array(languageCode).max(20).default([]),
  services: z.array(z.enum(directoryServices)).max(directoryServices.length).default([]),
  accessibility: z.array(z.enum(accessibilityFeatures)).max(accessibilityFeatures.length).default([]),
  notes: z.string().trim().max(1000).nullable().default(null),
});
export type SportelloFields = z.infer<typeof sportelloFields>;

/** Coordinates come in pairs. */
export const bothOrNoCoordinates = (s: { lat?: number | null; lon?: number | null }) => (s.lat == null) === (s.lon == null);

/** POST body: a new sportello of an organisation. */
export const sportelloCreate = sportelloFields.extend({ organisationId: z.uuid() }).strict();

type PatchShape = { [K in keyof typeof sportelloFields.shape]: z.ZodOptional<z.ZodType<z.output<typeof sportelloFields>[K], z.input<typeof sportelloFields>[K]>> };

/** PATCH body: any of the sportello's fields, without the defaults a creation applies. */
export const sportelloPatch = z
  .object(
    Object.fromEntries(
      Object.entries(sportelloFields.shape).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional()]),
    ) as unknown as PatchShape,
  )
  .strict();
export type SportelloPatch = z.infer<typeof sportelloPatch>;

/** An instant with its offset (or Z). */
export const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

/** The live preview of opening hours: a computation, nothing stored. */
export const hoursPreviewIn = z.object({ openingHours: z.string().max(hoursLimits.length).superRefine(withinLimits), closures: z.array(closure).max(closuresMax).default([]), at: instant.optional() }).strict();

export const networkPatch = z
  .object({
    name: z.string().trim().min(2).max(200).optional(),
    /** The full list of the network's comuni (replaces the current one). */
    comuni: z.array(istatCode).max(8000).optional(),
    referentSportelloId: z.uuid().nullable().optional(),
    /** The full list of per-comune referents (replaces the current one); when absent, overrides of comuni that stay are kept. */
    referentOverrides: z.array(z.object({ comune: istatCode, sportelloId: z.uuid() }).strict()).max(8000).optional(),
  })
  .strict();

export const profilePatch = z
  .object({
    legalName: z.string().trim().min(2).max(300).nullable().optional(),
    albo: z
      .object({ status: z.enum(alboStatuses).nullable(), date: z.iso.date().nullable() })
      .strict()
      .refine((a) => a.status !== null || a.date === null, { message: 'date_needs_status', path: ['date'] })
      .optional(),
    email: email.nullable().optional(),
    phone: phone.nullable().optional(),
    website: z.url({ protocol: /^https?$/ }).max(300).nullable().optional(),
    services: z.array(z.enum(directoryServices)).max(directoryServices.length).optional(),
    languages: z.array(languageCode).max(20).optional(),
    accessibility: z.array(z.enum(accessibilityFeatures)).max(accessibilityFeatures.length).optional(),
    /** Minimum standard (Intesa 2022): the phone line's link with emergency rooms and police; women-only staff in contact with women. */
    lineLinkedEmergencyRoom: z.boolean().nullable().optional(),
    lineLinkedPolice: z.boolean().nullable().optional(),
    womenOnlyStaff: z.boolean().nullable().optional(),
  })
  .strict();

export const exportFormats = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * What an export contains. `public`: the public map, for the national map and
 * anyone (public sportelli only, no routing details). `internal`: the network's
 * own directory, reserved sportelli included and marked (never secret ones).
 */
export const exportKinds = ['public', 'internal'] as const;
export type ExportKind = (typeof exportKinds)[number];

/** JSON is the import format, the whole directory: only the internal export has it (the public one would not import back). */
export const exportQuery = z
  .object({ network: z.uuid(), kind: z.enum(exportKinds), format: z.enum(exportFormats) })
  .refine((q) => q.kind === 'internal' || q.format !== 'json', { message: 'public_map_no_json', path: ['format'] });

// ---- Answers -----------------------------------------------------------

export const named = z.object({ id: z.uuid(), name: z.string() });
export const idParams = z.object({ id: z.uuid() });

export const hoursStateOut = z.object({
  open: z.boolean(),
  unknown: z.boolean(),
  closesAt: z.date().nullable(),
  nextChange: z.date().nullable(),
  nextOpening: z.date().nullable(),
  comment: z.string().nullable(),
});

const closureOut = z.union([
  z.object({ kind: z.literal('annual'), month: z.number(), day: z.number(), label: z.string() }),
  z.object({ kind: z.literal('once'), from: z.string(), to: z.string(), label: z.string() }),
]);

export const sportelloOut = z.object({
  id: z.uuid(),
  externalId: z.string().nullable(),
  organisation: named.extend({ type: z.enum(organisationTypes) }),
  name: z.string(),
  visibility: z.enum(visibilities),
  /** For a secret sportello: decrypted for its own staff only (each read audited). */
  address: z.string().nullable(),
  comune: z.object({ istatCode: z.string(), name: z.string(), provinceSigla: z.string() }),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  phones: z.array(z.string()),
  email: z.string().nullable(),
  /** The reserved 1522 transfer number: its organisation's staff, its coordinator and the admin only (else null). */
  transferPhone: z.string().nullable(),
  openingHours: z.string().nullable(),
  phoneHours: z.string().nullable(),
  h24: z.boolean(),
  closures: z.array(closureOut),
  languages: z.array(z.string()),
  services: z.array(z.enum(directoryServices)),
  accessibility: z.array(z.enum(accessibilityFeatures)),
  notes: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.date(),
  /** State at `now.at`: in person, and by phone (h24 → 24/7; else phone hours, else the in-person hours). */
  now: z.object({ at: z.date(), inPerson: hoursStateOut.nullable(), phone: hoursStateOut.nullable() }),
});
export type SportelloOut = z.infer<typeof sportelloOut>;

export const sportelloPage = z.object({ items: z.array(sportelloOut), total: z.number().int() });

/** Why an expression is not valid: its syntax, or its rules with the holiday and closure rules appended. */
export const hoursPreviewErrors = ['syntax', 'with_closures'] as const;
export type HoursPreviewError = (typeof hoursPreviewErrors)[number];

export const hoursPreviewOut = z.object({
  valid: z.boolean(),
  /** A code, never the parser's English message. */
  error: z.enum(hoursPreviewErrors).nullable(),
  /** How many warnings the parser has: its texts are English, the web says one sentence of its own. */
  warnings: z.number().int().min(0),
  normalised: z.string().nullable(),
  state: hoursStateOut.nullable(),
  week: z.array(
    z.object({
      date: z.string(),
      intervals: z.array(z.object({ from: z.date(), to: z.date(), unknown: z.boolean(), comment: z.string().nullable() })),
    }),
  ),
  /** The expression as a week (the weekly grid loads it; closures aside); null when no one week tells it (seasons, dates) or it is invalid. */
  schedule: weeklySchedule.nullable(),
});

export const networkOut = z.object({
  id: z.uuid(),
  name: z.string(),
  externalId: z.string().nullable(),
  capofila: named.nullable(),
  comuniCount: z.number().int(),
  /** The 1522 referent (null: none, or one the viewer may not see). */
  referent: named.nullable(),
  version: z.number().int(),
});
export const networkList = z.object({ items: z.array(networkOut) });
export const networkDetailOut = networkOut.extend({
  comuni: z.array(z.object({ istatCode: z.string(), name: z.string(), provinceSigla: z.string(), referentOverride: named.nullable() })),
});

export const organisationProfileOut = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(organisationTypes),
  externalId: z.string().nullable(),
  legalName: z.string().nullable(),
  albo: z.object({ status: z.enum(alboStatuses).nullable(), date: z.string().nullable() }),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  services: z.array(z.enum(directoryServices)),
  languages: z.array(z.string()),
  accessibility: z.array(z.enum(accessibilityFeatures)),
  /** Minimum standard (Intesa 2022), as declared: null, not declared. */
  lineLinkedEmergencyRoom: z.boolean().nullable(),
  lineLinkedPolice: z.boolean().nullable(),
  womenOnlyStaff: z.boolean().nullable(),
  networks: z.array(named),
  /** Sportelli the viewer may see (secret ones count for their own staff only). */
  sportelliCount: z.number().int(),
  version: z.number().int(),
});
export const organisationProfilePage = z.object({ items: z.array(organisationProfileOut), total: z.number().int() });

export const standardsOut = z.object({
  at: z.date(),
  days: z.number().int(),
  items: z.array(
    z.object({
      organisation: named,
      flags: z.array(z.enum(standardFlags)),
      inPersonDays: z.array(z.string()),
      phoneDays: z.array(z.string()),
      hasTransferPhone: z.boolean(),
      isReferent: z.boolean(),
      lineLinkedEmergencyRoom: z.boolean().nullable(),
      lineLinkedPolice: z.boolean().nullable(),
      womenOnlyStaff: z.boolean().nullable(),
    }),
  ),
});

export const historyEntityTypes = ['network', 'organisation', 'sportello'] as const;

export const historyOut = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.date(),
      actor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
      source: z.string(),
      entityType: z.enum(historyEntityTypes),
      entityId: z.uuid(),
      /** Its name now, when the viewer may see it (a deleted or unseen one has none). */
      entityName: z.string().nullable(),
      change: z.enum(['create', 'update', 'delete']),
      /** Values as stored: codes and ids (names change; the history must not). */
      fields: z.array(
        z.object({
          field: z.string(),
          from: z.unknown(),
          to: z.unknown(),
          redacted: z.boolean(),
          /** Hour fields: the week each expression gives, for words (null: no one week tells it, show the expression). */
          fromSchedule: weeklySchedule.nullable().optional(),
          toSchedule: weeklySchedule.nullable().optional(),
        }),
      ),
    }),
  ),
  /** The names of the ids and ISTAT codes this page mentions, where the viewer may see them. */
  names: z.record(z.string(), z.string()),
  total: z.number().int(),
});

const importCounts = z.object({ networks: z.number(), organisations: z.number(), sportelli: z.number() });
/** A doubtful value accepted (see docs/directory-import.md): where, which item, which code; never the value. */
const importWarningOut = z.object({ pointer: z.string(), code: z.string(), item: z.string().optional() });
export const importReportOut = z.object({ created: importCounts, updated: importCounts, unchanged: importCounts, warnings: z.array(importWarningOut), dryRun: z.boolean() });

export const comuneOut = z.object({ istatCode: z.string(), name: z.string(), nameAlt: z.string().nullable(), provinceSigla: z.string(), regionName: z.string() });
