import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { caseStages, closureOutcomes, consentForms, consentPurposes, documentKinds, emergencyMarks, emergencySources, eventChannels, eventTypes, riskEventKinds, riskLevels } from '../../../shared/cases.js';
import { users } from '../../access/access.tables.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { comuni } from '../directory/directory.tables.js';
import { inList, networks, organisations } from '../organisations/organisations.tables.js';
import type { CaseProfile } from '../../../shared/cases.api.js';
import { type ConsentGiver, consentGivers } from '../../../shared/minors.api.js';
import { type ReferralPurpose, referralPurposes } from '../../../shared/referrals.js';
import type { authorRelationships, CaseSection, childNeeds, ConsentPurpose, contactChannels, custodyStatuses, DocumentKind, DocumentMimeType } from '../../../shared/cases.js';

type Of<T extends readonly string[]> = T[number];

/**
 * A woman's pathway (percorso). It belongs to the organisation that opened
 * it and is known by a pseudonymous code. Columns hold no identifying data:
 * her identity and her safe-contact instructions exist only encrypted with
 * the organisation's data key (`identitySealed`, `safeContactSealed`); the
 * statistical profile is non-identifying by construction (classes, not
 * values).
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    stage: text('stage').notNull().default('contatto'),
    contactOn: date('contact_on').notNull(),
    accoglienzaOn: date('accoglienza_on'),
    presaInCaricoOn: date('presa_in_carico_on'),
    closedOn: date('closed_on'),
    closureOutcome: text('closure_outcome'),
    reopenedCount: smallint('reopened_count').notNull().default(0),
    riskLevel: text('risk_level'),
    /** In emergency now: derived, never edited (docs/cases.md, "Emergency"); set and cleared with what did it, below. */
    emergency: boolean('emergency').notNull().default(false),
    /** What last set or cleared `emergency`: the opening, a timeline event, a risk assessment (null: never in emergency). */
    emergencySource: text('emergency_source').$type<Of<typeof emergencySources>>(),
    /** The event's or assessment's id (null for the opening). */
    emergencySourceId: uuid('emergency_source_id'),
    emergencyChangedAt: timestamp('emergency_changed_at', { withTimezone: true }),
    /** Her comune (her territory); the network follows from it. */
    comuneCode: text('comune_code').references(() => comuni.istatCode),
    networkId: uuid('network_id').references(() => networks.id),
    // Written only through the caseProfile schema (its defaults applied).
    profile: jsonb('profile').$type<CaseProfile>().notNull().default({} as CaseProfile),
    identitySealed: text('identity_sealed'),
    safeContactSealed: text('safe_contact_sealed'),
    lastContactAt: timestamp('last_contact_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_org_stage_idx').on(t.organisationId, t.stage, t.updatedAt),
    // The caseload's default order within an organisation (caseload.page.ts): a page is chosen from this index alone.
    index('cases_caseload_idx').on(t.organisationId, t.updatedAt.desc(), t.id.desc()),
    check('cases_stage_check', sql`${t.stage} in (${inList(caseStages)})`),
    check('cases_outcome_check', sql`${t.closureOutcome} is null or ${t.closureOutcome} in (${inList(closureOutcomes)})`),
    check('cases_risk_check', sql`${t.riskLevel} is null or ${t.riskLevel} in (${inList(riskLevels)})`),
    check('cases_emergency_source_check', sql`${t.emergencySource} is null or ${t.emergencySource} in (${inList(emergencySources)})`),
    // A closed pathway has its date and outcome; an open one has neither.
    check('cases_closure_check', sql`(${t.stage} = 'concluso') = (${t.closedOn} is not null and ${t.closureOutcome} is not null)`),
  ],
);

/** Every change of stage, re-openings included: the pathway's history and the year-end status. */
export const caseStageChanges = pgTable(
  'case_stage_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    stage: text('stage').notNull(),
    on: date('on').notNull(),
    outcome: text('outcome'),
    reopened: boolean('reopened').notNull().default(false),
    byUserId: uuid('by_user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_stage_changes_case_idx').on(t.caseId, t.at)],
);

/**
 * The case team. Staff of the owning organisation see every section; a
 * member of another organisation only the sections her share lists, and
 * only while the consent it rests on (`consentId`) is live.
 */
export const caseMembers = pgTable(
  'case_members',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The operator of reference (one per case) or a team member. */
    referente: boolean('referente').notNull().default(false),
    sections: jsonb('sections').$type<string[]>().notNull(),
    consentId: uuid('consent_id'),
    addedBy: uuid('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index('case_members_user_case_idx').on(t.userId, t.organisationId, t.caseId)],
);

/**
 * Break-the-glass: a head opening a case of her organisation she is not
 * assigned to, for a stated reason (sealed: it may name circumstances),
 * for a limited time. The team sees it on the case; the audit records it.
 */
export const caseBreakGlass = pgTable(
  'case_break_glass',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reasonSealed: text('reason_sealed').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_break_glass_case_idx').on(t.caseId, t.userId, t.expiresAt)],
);

/**
 * The consent ledger: one row per purpose (and recipient organisation, or
 * contact channel), never edited; revocation is dated on the row and takes
 * effect at once for every check that reads it.
 */
export const caseConsents = pgTable(
  'case_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<ConsentPurpose>().notNull(),
    recipientOrganisationId: uuid('recipient_organisation_id').references(() => organisations.id),
    /** Sections a sharing consent covers. */
    sections: jsonb('sections').$type<CaseSection[]>().notNull().default([]),
    channel: text('channel').$type<Of<typeof contactChannels>>(),
    givenOn: date('given_on').notNull(),
    form: text('form').$type<Of<typeof consentForms>>().notNull(),
    expiresOn: date('expires_on'),
    /** The signed form or recording, when she gave it in writing. */
    documentId: uuid('document_id'),
    /** Who gave it (consentGivers): on a minor's case, she or whoever may for her (docs/minors.md); null on rows before it was asked, hers. */
    givenBy: text('given_by').$type<ConsentGiver>(),
    /** The holder of parental responsibility who gave it (an id in the case's minor record), when `givenBy` is `titolare`. */
    holderId: uuid('holder_id'),
    /**
     * A sharing consent: the referral purposes it allows (docs/referrals.md).
     * Empty — as on every consent recorded before referrals existed — allows
     * none: a referral needs her consent to its purpose.
     */
    referralPurposes: jsonb('referral_purposes').$type<ReferralPurpose[]>().notNull().default([]),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [
    index('case_consents_case_idx').on(t.caseId, t.purpose),
    check('case_consents_purpose_check', sql`${t.purpose} in (${inList(consentPurposes)})`),
    check('case_consents_form_check', sql`${t.form} in (${inList(consentForms)})`),
    // Sharing names its recipient; no other purpose has one.
    check('case_consents_recipient_check', sql`(${t.purpose} = 'condivisione') = (${t.recipientOrganisationId} is not null)`),
    check('case_consents_given_by_check', sql`${t.givenBy} is null or ${t.givenBy} in (${inList(consentGivers)})`),
    // A holder names the person; nobody else does.
    check('case_consents_holder_check', sql`(${t.givenBy} is not distinct from 'titolare') = (${t.holderId} is not null)`),
    // Only a sharing consent allows referrals, and only for known purposes.
    check(
      'case_consents_referral_purposes_check',
      sql`(${t.purpose} = 'condivisione' or ${t.referralPurposes} = '[]'::jsonb) and ${t.referralPurposes} <@ '${sql.raw(JSON.stringify(referralPurposes))}'::jsonb`,
    ),
  ],
);

/** The timeline: contacts and interviews. Notes exist only sealed. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    channel: text('channel').$type<Of<typeof eventChannels>>().notNull(),
    type: text('type').$type<Of<typeof eventTypes>>().notNull(),
    /** The event changes the risk: a re-assessment falls due (docs/risk.md). */
    riskEvent: text('risk_event').$type<Of<typeof riskEventKinds>>(),
    /** The event starts (`inizio`) or ends (`fine`) the case's emergency (docs/cases.md). */
    emergency: text('emergency').$type<Of<typeof emergencyMarks>>(),
    durationMinutes: smallint('duration_minutes'),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    operatorUserId: uuid('operator_user_id').references(() => users.id),
    notesSealed: text('notes_sealed'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.at),
    check('case_events_channel_check', sql`${t.channel} in (${inList(eventChannels)})`),
    check('case_events_type_check', sql`${t.type} in (${inList(eventTypes)})`),
    check('case_events_risk_event_check', sql`${t.riskEvent} is null or ${t.riskEvent} in (${inList(riskEventKinds)})`),
    check('case_events_emergency_check', sql`${t.emergency} is null or ${t.emergency} in (${inList(emergencyMarks)})`),
  ],
);

/** Her children, recorded with her pathway; their identifying data sealed like hers. */
export const caseChildren = pgTable('case_children', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id, { onDelete: 'cascade' }),
  /** Age in years when recorded (statistics use classes of it). */
  age: smallint('age'),
  livesWithMother: boolean('lives_with_mother'),
  witnessedViolence: boolean('witnessed_violence'),
  sufferedViolence: boolean('suffered_violence'),
  custody: text('custody').$type<Of<typeof custodyStatuses>>(),
  needs: jsonb('needs').$type<Of<typeof childNeeds>[]>().notNull().default([]),
  /** First name, date of birth, school, court details: sealed. */
  detailsSealed: text('details_sealed'),
  /** She was opened as a case of her own (docs/minors.md): that case; it links back to this one's case. */
  ownCaseId: uuid('own_case_id').references((): AnyPgColumn => cases.id, { onDelete: 'set null' }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
},
// The case page counts her children, and the case sheet lists them: by case, not by a scan.
(t) => [index('case_children_case_idx').on(t.caseId)]);

/**
 * The author(s) of the violence: kept apart, readable only by the owning
 * organisation's assigned staff. No action towards him exists.
 */
export const caseAuthors = pgTable(
  'case_authors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    relationship: text('relationship').$type<Of<typeof authorRelationships>>().notNull(),
    childrenInCommon: boolean('children_in_common'),
    weapons: boolean('weapons'),
    previousReports: boolean('previous_reports'),
    /** Name, description, notes: sealed. */
    detailsSealed: text('details_sealed'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_authors_case_idx').on(t.caseId)],
);

/**
 * Documents of a case: the file and its name exist only sealed (the
 * content base64-encoded inside the ciphertext); type and size are kept
 * plain for the listing and the limits.
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<DocumentKind>().notNull(),
    mimeType: text('mime_type').$type<DocumentMimeType>().notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    nameSealed: text('name_sealed').notNull(),
    contentSealed: text('content_sealed').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_documents_case_idx').on(t.caseId, t.createdAt), check('case_documents_kind_check', sql`${t.kind} in (${inList(documentKinds)})`)],
);
