import { z } from 'zod';
import {
  accessChannels,
  ageBands,
  authorRelationships,
  caseSections,
  childNeeds,
  citizenships,
  closureOutcomes,
  consentForms,
  consentPurposes,
  contactChannels,
  custodyStatuses,
  educationLevels,
  employmentStatuses,
  eventChannels,
  eventTypes,
  fragilities,
  livingSituations,
  protectionMeasureTypes,
  reportKinds,
  riskLevels,
  violenceDurations,
  violenceTypes,
} from '../../../shared/cases.js';
import { email, istatCode, languageCode, phone } from '../directory/index.js';

/**
 * Input shapes of the pathway. Free text is bounded everywhere; codes are
 * closed lists. Identifying fields are grouped (identity, safe contact,
 * notes, children's and authors' details) because each group is sealed as
 * one ciphertext.
 */

export const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const codes = <T extends readonly [string, ...string[]]>(values: T, max = values.length) => z.array(z.enum(values)).max(max).default([]);

/** Her identity: every field optional (she may stay anonymous, or give a first name only). */
export const identity = z
  .object({
    firstName: text(80).optional(),
    lastName: text(80).optional(),
    birthDate: isoDate.optional(),
    phones: z.array(phone).max(5).optional(),
    email: email.optional(),
    address: text(300).optional(),
    documents: z.array(z.object({ kind: text(60), number: text(60) }).strict()).max(5).optional(),
    notes: text(4000).optional(),
  })
  .strict();
export type Identity = z.infer<typeof identity>;

/** How and when she can be contacted safely: shown to anyone about to contact her. */
export const safeContact = z
  .object({
    channels: codes(contactChannels),
    hours: text(200).optional(),
    noMessages: z.boolean().default(false),
    codeWord: text(80).optional(),
    safePerson: z.object({ name: text(80), phone: phone.optional(), relation: text(80).optional() }).strict().optional(),
    notes: text(1000).optional(),
  })
  .strict();
export type SafeContact = z.infer<typeof safeContact>;

export const report = z
  .object({
    kind: z.enum(reportKinds),
    /** The day the report was registered: the legal deadlines run from it. */
    registeredOn: isoDate,
    precautionaryRequestedOn: isoDate.optional(),
  })
  .strict();

export const protectionMeasure = z
  .object({ type: z.enum(protectionMeasureTypes), requestedOn: isoDate.optional(), grantedOn: isoDate.optional() })
  .strict();

/** The statistical profile (ISTAT classes): nothing in it identifies her. */
export const caseProfile = z
  .object({
    ageBand: z.enum(ageBands).optional(),
    citizenship: z.enum(citizenships).optional(),
    /** ISO 3166-1 alpha-2, for EU and non-EU citizens. */
    country: z.string().regex(/^[A-Z]{2}$/).optional(),
    education: z.enum(educationLevels).optional(),
    employment: z.enum(employmentStatuses).optional(),
    living: z.enum(livingSituations).optional(),
    fragilities: codes(fragilities),
    violenceTypes: codes(violenceTypes),
    authorRelationship: z.enum(authorRelationships).optional(),
    authorsCount: z.number().int().min(1).max(20).optional(),
    violenceDuration: z.enum(violenceDurations).optional(),
    helpSoughtBefore: z.boolean().optional(),
    accessChannel: z.enum(accessChannels).optional(),
    languages: z.array(languageCode).max(5).default([]),
    reports: z.array(report).max(20).default([]),
    protectionMeasures: z.array(protectionMeasure).max(20).default([]),
  })
  .strict();
export type CaseProfile = z.infer<typeof caseProfile>;

/** The first contact: all it needs is a date (anonymous by default). */
export const caseCreate = z
  .object({
    contactOn: isoDate,
    accessChannel: z.enum(accessChannels).optional(),
    emergency: z.boolean().default(false),
    comuneCode: istatCode.optional(),
    riskLevel: z.enum(riskLevels).optional(),
    identity: identity.optional(),
    safeContact: safeContact.optional(),
    profile: caseProfile.optional(),
    /** The first contact itself, on the timeline. */
    firstEvent: z
      .object({
        /** When it happened (default: now for a contact today, else midday of contactOn). */
        at: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
        channel: z.enum(eventChannels),
        type: z.enum(eventTypes).default('ascolto'),
        durationMinutes: z.number().int().min(1).max(600).optional(),
        notes: text(4000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CaseCreate = z.infer<typeof caseCreate>;

/** PATCH: whole groups are replaced (identity, safe contact, profile); null clears one. */
export const casePatch = z
  .object({
    emergency: z.boolean().optional(),
    comuneCode: istatCode.nullable().optional(),
    riskLevel: z.enum(riskLevels).nullable().optional(),
    identity: identity.nullable().optional(),
    safeContact: safeContact.nullable().optional(),
    profile: caseProfile.optional(),
  })
  .strict();
export type CasePatch = z.infer<typeof casePatch>;

export const stageChange = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('accoglienza'), on: isoDate }).strict(),
  z.object({ stage: z.literal('presa_in_carico'), on: isoDate }).strict(),
  z.object({ stage: z.literal('concluso'), on: isoDate, outcome: z.enum(closureOutcomes) }).strict(),
]);
export type StageChange = z.infer<typeof stageChange>;

export const reopen = z.object({ on: isoDate, stage: z.enum(['accoglienza', 'presa_in_carico']).default('presa_in_carico') }).strict();

export const memberAdd = z
  .object({
    userId: z.uuid(),
    referente: z.boolean().default(false),
    /** For a member of another organisation: the sections of her share (within its consent). */
    sections: z.array(z.enum(caseSections)).max(caseSections.length).optional(),
  })
  .strict();

export const breakGlass = z.object({ reason: text(500) }).strict();

export const consentCreate = z
  .object({
    purpose: z.enum(consentPurposes),
    recipientOrganisationId: z.uuid().optional(),
    sections: z.array(z.enum(caseSections)).max(caseSections.length).default([]),
    channel: z.enum(contactChannels).optional(),
    givenOn: isoDate,
    form: z.enum(consentForms),
    expiresOn: isoDate.optional(),
    /** The signed form, already uploaded to the case's documents. */
    documentId: z.uuid().optional(),
  })
  .strict();
export type ConsentCreate = z.infer<typeof consentCreate>;

export const eventCreate = z
  .object({
    at: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
    channel: z.enum(eventChannels),
    type: z.enum(eventTypes),
    durationMinutes: z.number().int().min(1).max(600).optional(),
    notes: text(4000).optional(),
  })
  .strict();
export type EventCreate = z.infer<typeof eventCreate>;

export const eventFilter = z.object({
  type: z.enum(eventTypes).optional(),
  channel: z.enum(eventChannels).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const childFields = z
  .object({
    age: z.number().int().min(0).max(17).nullable().default(null),
    livesWithMother: z.boolean().nullable().default(null),
    witnessedViolence: z.boolean().nullable().default(null),
    sufferedViolence: z.boolean().nullable().default(null),
    custody: z.enum(custodyStatuses).nullable().default(null),
    needs: codes(childNeeds),
    details: z
      .object({ firstName: text(80).optional(), birthDate: isoDate.optional(), school: text(200).optional(), court: text(2000).optional(), notes: text(2000).optional() })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type ChildFields = z.infer<typeof childFields>;

export const authorFields = z
  .object({
    relationship: z.enum(authorRelationships),
    childrenInCommon: z.boolean().nullable().default(null),
    weapons: z.boolean().nullable().default(null),
    previousReports: z.boolean().nullable().default(null),
    details: z.object({ name: text(120).optional(), description: text(2000).optional(), notes: text(2000).optional() }).strict().nullable().default(null),
  })
  .strict();
export type AuthorFields = z.infer<typeof authorFields>;
