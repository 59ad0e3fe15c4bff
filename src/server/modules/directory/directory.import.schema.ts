import { z } from 'zod';
import { organisationTypes } from '../../../shared/domain.js';
import { accessibilityFeatures, alboStatuses, directoryServices } from '../../../shared/directory.js';
import { bothOrNoCoordinates, email, istatCode, languageCode, phone, transferPhone } from '../../../shared/directory.api.js';
import { checkedSportelloFields } from './directory.schemas.js';

/**
 * The directory import file, format `trama-directory/1`: networks,
 * organisations and sportelli, each identified by its `externalId` so that
 * importing the same file twice changes nothing and a changed file updates
 * in place. Items refer to each other by `externalId` (`trama:<id>` names a
 * stored item that has none: the JSON export writes it). The JSON Schema
 * published at GET /api/schemas/directory-import.json is generated from
 * this; docs/directory-import.md documents it.
 */

const externalId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'external_id')
  .describe('Stable identifier of the item in the source system');

export const importNetwork = z
  .object({
    externalId,
    name: z.string().trim().min(2).max(200),
    capofila: externalId.describe('externalId of the ente capofila (an organisation of this file or already stored, of any type); it becomes a member of the network'),
    comuni: z.array(istatCode).max(8000).default([]).describe('ISTAT codes of the comuni the network covers: the complete list, it replaces the stored one'),
    referent: externalId.nullable().default(null).describe('externalId of the (non-secret) sportello 1522 transfers to, of an organisation of the network'),
    referentOverrides: z
      .array(z.object({ comune: istatCode, referent: externalId }).strict())
      .max(8000)
      .default([])
      .describe('A different 1522 referent for some comuni'),
  })
  .strict();

export const importOrganisation = z
  .object({
    externalId,
    name: z.string().trim().min(2).max(200),
    type: z.enum(organisationTypes),
    networks: z.array(externalId).max(50).default([]).describe('externalIds of the networks it belongs to (links to networks not in the file are kept)'),
    legalName: z.string().trim().min(2).max(300).nullable().default(null),
    albo: z
      .object({ status: z.enum(alboStatuses), date: z.iso.date().nullable().default(null) })
      .strict()
      .nullable()
      .default(null),
    email: email.nullable().default(null),
    phone: phone.nullable().default(null),
    website: z.url({ protocol: /^https?$/ }).max(300).nullable().default(null),
    services: z.array(z.enum(directoryServices)).max(directoryServices.length).default([]),
    languages: z.array(languageCode).max(20).default([]),
    accessibility: z.array(z.enum(accessibilityFeatures)).max(accessibilityFeatures.length).default([]),
    lineLinkedEmergencyRoom: z.boolean().nullable().default(null).describe("Minimum standard: the organisation's phone line is linked with the emergency rooms (null: not declared)"),
    lineLinkedPolice: z.boolean().nullable().default(null).describe("Minimum standard: the organisation's phone line is linked with the police (null: not declared)"),
    womenOnlyStaff: z.boolean().nullable().default(null).describe('Minimum standard: the staff in contact with women are women only (null: not declared)'),
  })
  .strict();

export const importSportello = checkedSportelloFields
  .extend({
    externalId,
    organisation: externalId.describe('externalId of the organisation it belongs to'),
    // Absent means "keep the stored number": the export never carries it (it
    // is reserved to 1522), so re-importing an export must not erase it.
    transferPhone: transferPhone
      .nullable()
      .optional()
      .describe('Reserved number 1522 transfers calls to (never exported); absent: keep the stored one; null: remove it'),
  })
  .strict()
  .refine(bothOrNoCoordinates, { message: 'coordinates_pair', path: ['lon'] });

export const directoryImportFile = z
  .object({
    format: z.literal('trama-directory/1'),
    networks: z.array(importNetwork).max(1000).default([]),
    organisations: z.array(importOrganisation).max(20_000).default([]),
    sportelli: z.array(importSportello).max(50_000).default([]),
  })
  .strict();

export type DirectoryImportFile = z.infer<typeof directoryImportFile>;
export type ImportNetwork = z.infer<typeof importNetwork>;
export type ImportOrganisation = z.infer<typeof importOrganisation>;
export type ImportSportello = z.infer<typeof importSportello>;

/** The published JSON Schema (draft 2020-12) of the import file, for the input side. */
export function directoryImportJsonSchema() {
  return {
    ...z.toJSONSchema(directoryImportFile, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }),
    $id: 'urn:trama:schema:directory-import:1',
    title: 'Trama directory import (trama-directory/1)',
  };
}
