import { z } from 'zod';
import {
  accessChannels,
  ageBands,
  authorRelationships,
  caseSections,
  caseStages,
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
  riskEventKinds,
  emergencyMarks,
  emergencySources,
  riskLevels,
  violenceDurations,
  violenceTypes,
} from './cases.js';
import { isCountryCode } from './countries.js';
import { referralPurposes } from './referrals.js';
import { email, istatCode, languageCode, phone } from './fields.js';
import { consentGivers } from './minors.api.js';
import { coordinationShown } from './coordination.api.js';

/**
 * The cases API, shared by the server (validation, serializer whitelist,
 * OpenAPI) and the web (its types and its forms' limits).
 *
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

/** How many reports, and how many protection measures, a profile lists at most. */
export const PROFILE_MAX_ENTRIES = 20;
/** How many languages a profile lists at most. */
export const PROFILE_MAX_LANGUAGES = 5;

/** The statistical profile (ISTAT classes): nothing in it identifies her. */
export const caseProfile = z
  .object({
    ageBand: z.enum(ageBands).optional(),
    citizenship: z.enum(citizenships).optional(),
    /** ISO 3166-1 alpha-2, for EU and non-EU citizens: a country's code (countries.ts), not any two letters. */
    country: z.string().refine(isCountryCode, 'country_code').optional(),
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
    languages: z.array(languageCode).max(PROFILE_MAX_LANGUAGES).default([]),
    reports: z.array(report).max(PROFILE_MAX_ENTRIES).default([]),
    protectionMeasures: z.array(protectionMeasure).max(PROFILE_MAX_ENTRIES).default([]),
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
/** `emergency` is not here: it is derived from events and assessments (docs/cases.md), so the strict schema refuses it. */
export const casePatch = z
  .object({
    comuneCode: istatCode.nullable().optional(),
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
    /** A sharing consent: the referral purposes it allows (docs/referrals.md); none, no referral rests on it. */
    referralPurposes: z.array(z.enum(referralPurposes)).max(referralPurposes.length).optional(),
    /** Who gave it: required on a minor's case (docs/minors.md), hers otherwise. */
    givenBy: z.enum(consentGivers).optional(),
    /** The holder of parental responsibility who gave it (`givenBy: titolare`): an id of the case's minor record. */
    holderId: z.uuid().optional(),
  })
  .strict();
export type ConsentCreate = z.infer<typeof consentCreate>;

export const eventCreate = z
  .object({
    at: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
    channel: z.enum(eventChannels),
    type: z.enum(eventTypes),
    /** The event changes the risk (a separation, a breach, new violence): a re-assessment is due at once (docs/risk.md). */
    riskEvent: z.enum(riskEventKinds).optional(),
    /** The event starts or ends the emergency (docs/cases.md); `fine` needs its reason in `notes`. */
    emergency: z.enum(emergencyMarks).optional(),
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

/** Output shapes of the cases API: the OpenAPI document, and the whitelist the serializer enforces. */

const named = z.object({ id: z.uuid(), name: z.string() });
const day = z.string();

export const caseTeamOut = z.array(
  z.object({
    userId: z.uuid(),
    displayName: z.string(),
    organisation: named,
    referente: z.boolean(),
    sections: z.array(z.string()),
    addedAt: z.date(),
  }),
);

export const caseOut = z.object({
  id: z.uuid(),
  code: z.string(),
  organisation: named,
  comune: z.object({ istatCode: z.string(), name: z.string(), provinceSigla: z.string() }).nullable(),
  network: named.nullable(),
  stage: z.enum(caseStages),
  contactOn: day,
  accoglienzaOn: day.nullable(),
  presaInCaricoOn: day.nullable(),
  closedOn: day.nullable(),
  closureOutcome: z.enum(closureOutcomes).nullable(),
  reopenedCount: z.number().int(),
  riskLevel: z.enum(riskLevels).nullable(),
  emergency: z.boolean(),
  /** What last set or cleared the emergency (null: never in emergency): the opening, an event (its id, `timeline`), an assessment (its id, `risk`). */
  emergencyBy: z.object({ source: z.enum(emergencySources), id: z.uuid().nullable(), on: z.boolean(), at: z.date() }).nullable(),
  lastContactAt: z.date().nullable(),
  /** Null when her access does not cover the section. */
  profile: caseProfile.nullable(),
  deadlines: z.array(z.object({ kind: z.enum(reportKinds), registeredOn: day, hearingBy: day, prosecutorBy: day, judgeBy: day })),
  identity: identity.nullable(),
  safeContact: safeContact.nullable(),
  stages: z.array(z.object({ stage: z.enum(caseStages), on: day, outcome: z.enum(closureOutcomes).nullable(), reopened: z.boolean() })),
  team: caseTeamOut,
  /** Who coordinates the plan and team: the owner (since null) or the organisation it was handed to (docs/cases.md). */
  coordination: coordinationShown,
  access: z.object({
    via: z.enum(['team', 'break_glass']),
    owner: z.boolean(),
    sections: z.array(z.enum(caseSections)),
    /** What the screens may offer, as the choke point decided. */
    acts: z.object({
      editRecord: z.boolean(),
      changeStage: z.boolean(),
      manageConsents: z.boolean(),
      readBreakGlass: z.boolean(),
      /** Goals, new actions, reviews, meetings: the owner's or the coordinating organisation's holders of the plan. */
      leadPlan: z.boolean(),
      /** She acts for the coordinating organisation: she adds and removes her colleagues (`/coordination/team`). */
      manageOwnColleagues: z.boolean(),
    }),
  }),
  breakGlass: z.array(z.object({ displayName: z.string(), at: z.date(), expiresAt: z.date(), reason: z.string().nullable() })),
  counts: z.object({ events: z.number().nullable(), consents: z.number().nullable(), children: z.number().nullable(), authors: z.number().nullable() }),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const caseSummaryOut = z.object({
  id: z.uuid(),
  code: z.string(),
  stage: z.enum(caseStages),
  riskLevel: z.enum(riskLevels).nullable(),
  emergency: z.boolean(),
  contactOn: day,
  lastContactAt: z.date().nullable(),
  comune: z.object({ istatCode: z.string(), name: z.string() }).nullable(),
  /** Her first name, only where her access holds the identity section (the same decision as the detail). */
  alias: z.string().nullable(),
  onTeam: z.boolean(),
  /** The sections she holds on this case (none: a case of the head's caseload she has not opened). */
  sections: z.array(z.enum(caseSections)),
  referente: z.string().nullable(),
  team: z.array(z.string()),
  updatedAt: z.date(),
});

export const consentsOut = z.array(
  z.object({
    id: z.uuid(),
    purpose: z.enum(consentPurposes),
    recipient: named.nullable(),
    sections: z.array(z.enum(caseSections)),
    channel: z.enum(contactChannels).nullable(),
    givenOn: day,
    form: z.enum(consentForms),
    expiresOn: day.nullable(),
    documentId: z.uuid().nullable(),
    /** The referral purposes a sharing consent allows (empty: none). */
    referralPurposes: z.array(z.enum(referralPurposes)),
    /** Who gave it (null: recorded before it was asked, hers). */
    givenBy: z.enum(consentGivers).nullable(),
    holderId: z.uuid().nullable(),
    recordedBy: z.string().nullable(),
    recordedAt: z.date(),
    revokedAt: z.date().nullable(),
    active: z.boolean(),
  }),
);

export const eventsOut = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      at: z.date(),
      channel: z.enum(eventChannels),
      type: z.enum(eventTypes),
      riskEvent: z.enum(riskEventKinds).nullable(),
      emergency: z.enum(emergencyMarks).nullable(),
      durationMinutes: z.number().nullable(),
      organisation: named,
      operator: z.string().nullable(),
      notes: z.string().nullable(),
    }),
  ),
  total: z.number().int(),
});

const partBase = { id: z.uuid(), version: z.number().int(), createdAt: z.date() };
export const childrenOut = z.array(
  z.object({
    ...partBase,
    age: z.number().nullable(),
    livesWithMother: z.boolean().nullable(),
    witnessedViolence: z.boolean().nullable(),
    sufferedViolence: z.boolean().nullable(),
    custody: z.enum(custodyStatuses).nullable(),
    needs: z.array(z.enum(childNeeds)),
    details: childFields.shape.details.unwrap(),
    /** Opened as a case of her own (docs/minors.md): shown only to whoever holds that case; null otherwise. */
    ownCase: z.object({ id: z.uuid(), code: z.string() }).nullable(),
  }),
);
export const authorsOut = z.array(
  z.object({
    ...partBase,
    relationship: z.enum(authorRelationships),
    childrenInCommon: z.boolean().nullable(),
    weapons: z.boolean().nullable(),
    previousReports: z.boolean().nullable(),
    details: authorFields.shape.details.unwrap(),
  }),
);
export const savedPartOut = z.object({ id: z.uuid(), version: z.number().int() });

/** The access history of one case (audit rows, never values). */
export const caseAccessLogOut = z.object({
  items: z.array(
    z.object({
      at: z.date(),
      /** The audit action (`case.read`, `case.listed`, `case.update`, `access.denied`…). */
      action: z.string(),
      outcome: z.enum(['success', 'failure', 'denied']),
      purpose: z.string().nullable(),
      actor: z.string().nullable(),
      organisation: z.string().nullable(),
    }),
  ),
  total: z.number().int(),
});

/** Someone the head may add to the team; `sharedSections` null for her own staff (every section). */
export const teamCandidatesOut = z.array(
  z.object({ userId: z.uuid(), displayName: z.string(), organisation: z.object({ id: z.uuid(), name: z.string() }), role: z.string(), sharedSections: z.array(z.enum(caseSections)).nullable() }),
);

/**
 * The caseload's orders: by last change (the default), code, stage, risk or
 * last contact. Her name is sealed, so it cannot order anything.
 */
export const caseloadSorts = ['recent', 'code', 'stage', 'risk', 'lastContact'] as const;
export type CaseloadSort = (typeof caseloadSorts)[number];
/** What a click on a column first shows: the latest change, the highest risk and the longest silence first. */
export const caseloadDefaultOrder: Record<CaseloadSort, 'asc' | 'desc'> = { recent: 'desc', code: 'asc', stage: 'asc', risk: 'desc', lastContact: 'asc' };
export const caseloadSort = { sort: z.enum(caseloadSorts).default('recent'), order: z.enum(['asc', 'desc']).optional() };
