import { z } from 'zod';
import { organisationTypes } from '../../../shared/domain.js';
import { accessibilityFeatures, alboStatuses, directoryServices, standardFlags, visibilities } from '../../../shared/directory.js';
import { sportelloFields } from './directory.schemas.js';

/**
 * Output shapes of the reserved directory API (they are the OpenAPI
 * document, and the whitelist the serializer enforces). The optimistic
 * concurrency helpers are in platform/versions.ts.
 */

export const named = z.object({ id: z.uuid(), name: z.string() });
export const idParams = z.object({ id: z.uuid() });
/** An instant with its offset (or Z). */
export const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

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
  services: z.array(z.string()),
  accessibility: z.array(z.string()),
  notes: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.date(),
  /** State at `now.at`: in person, and by phone (h24 → 24/7; else phone hours, else the in-person hours). */
  now: z.object({ at: z.date(), inPerson: hoursStateOut.nullable(), phone: hoursStateOut.nullable() }),
});
export type SportelloOut = z.infer<typeof sportelloOut>;

/** PATCH body: any of the sportello's fields, without the defaults a creation applies. */
export const sportelloPatch = z
  .object(
    Object.fromEntries(
      Object.entries(sportelloFields.shape).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional()]),
    ) as unknown as { [K in keyof typeof sportelloFields.shape]: z.ZodOptional<z.ZodType<z.infer<typeof sportelloFields>[K]>> },
  )
  .strict();
export type SportelloPatch = z.infer<typeof sportelloPatch>;

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
export const networkDetailOut = networkOut.extend({
  comuni: z.array(
    z.object({ istatCode: z.string(), name: z.string(), provinceSigla: z.string(), referentOverride: named.nullable() }),
  ),
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

export const historyOut = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.date(),
      actor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
      source: z.string(),
      entityType: z.enum(['network', 'organisation', 'sportello']),
      entityId: z.uuid(),
      change: z.enum(['create', 'update', 'delete']),
      fields: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown(), redacted: z.boolean() })),
    }),
  ),
  total: z.number().int(),
});

/** OpenAPI description of the If-Match header of a conditional write. */
