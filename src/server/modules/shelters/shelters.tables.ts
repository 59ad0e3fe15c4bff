import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  type ChildSex,
  type CriterionLevel,
  type PlaceState,
  type PlacementClosedReason,
  type PlacementCriterion,
  type PlacementDeclineReason,
  type PlacementRequestState,
  type PlacementUrgency,
  type ProposalState,
  type ProtectionLevel,
  type StayExitReason,
  type StayPath,
  type StayState,
  type StructureLevel,
  authorisationStates,
  placeStates,
  placementClosedReasons,
  placementDeclineReasons,
  placementRequestStates,
  placementUrgencies,
  proposalStates,
  protectionLevels,
  stayExitReasons,
  stayPaths,
  stayStates,
  structureLevels,
  type AuthorisationState,
} from '../../../shared/shelters.js';
import { users } from '../../access/access.tables.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { cases } from '../cases/cases.tables.js';
import { planActions } from '../cases/plan.tables.js';
import { inList, networks, organisations } from '../organisations/organisations.tables.js';

/**
 * Shelters (issue 13, docs/shelters.md). A housing organisation runs
 * structures; a structure has units (a room, a flat) of places (beds). No
 * column names her: a placement request describes a need, a stay links at
 * most to a case, which the structure's staff open only through the case's
 * choke point (its own case, or what an accepted referral shares).
 *
 * A structure's address is secret (docs/domain.md rule 3): it exists only
 * sealed with the owning organisation's key (`address_sealed`: street,
 * comune, postcode), opened for that organisation's staff alone. What the
 * board and the matching need stays in plain columns and is never finer
 * than a province: `province_code`, and the centre of its area rounded to a
 * tenth of a degree (about 10 km) for distance bands.
 */
export const shelterStructures = pgTable(
  'shelter_structures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** A name the network knows it by (never its street). */
    name: text('name').notNull(),
    level: text('level').$type<StructureLevel>().notNull(),
    /** `{ street, comuneIstat, postcode, notes? }`, sealed with the organisation key (context: the structure id). */
    addressSealed: text('address_sealed').notNull(),
    provinceCode: text('province_code').notNull(),
    /** The area's centre, rounded to 0.1° so that it never points at a street. */
    areaLat: doublePrecision('area_lat').notNull(),
    areaLon: doublePrecision('area_lon').notNull(),
    /** Rules: whether she may come with children, how many at most, boys up to which age (null: any age). */
    acceptsChildren: boolean('accepts_children').notNull().default(true),
    maxChildren: integer('max_children'),
    boysMaxAge: integer('boys_max_age'),
    petsAllowed: boolean('pets_allowed').notNull().default(false),
    wheelchairAccessible: boolean('wheelchair_accessible').notNull().default(false),
    /** ISO 639-1 codes of the languages the staff speak. */
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    staffed24h: boolean('staffed_24h').notNull().default(false),
    protectionLevel: text('protection_level').$type<ProtectionLevel>().notNull(),
    /** The daily fee owed by the payer institution, in euro cents (never by her at a free level). */
    dailyFeeCents: integer('daily_fee_cents').notNull().default(0),
    /** A second-level flat may ask her a monthly contribution, in euro cents (recorded as hers, not as a fee). */
    contributionCents: integer('contribution_cents'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('shelter_structures_org_idx').on(t.organisationId),
    uniqueIndex('shelter_structures_name_idx').on(t.organisationId, t.name),
    check('shelter_structures_level_check', sql`${t.level} in (${inList(structureLevels)})`),
    check('shelter_structures_protection_check', sql`${t.protectionLevel} in (${inList(protectionLevels)})`),
    check('shelter_structures_fee_check', sql`${t.dailyFeeCents} >= 0 and (${t.contributionCents} is null or ${t.contributionCents} >= 0)`),
    // A contribution is asked only at the second level: a casa rifugio is free for her wherever she lives.
    check('shelter_structures_contribution_check', sql`${t.contributionCents} is null or ${t.level} = 'seconda_accoglienza'`),
    check('shelter_structures_children_check', sql`(${t.maxChildren} is null or ${t.maxChildren} >= 0) and (${t.boysMaxAge} is null or ${t.boysMaxAge} between 0 and 25)`),
  ],
);

/** The networks a structure takes women from (its board rows are shown to their members). */
export const shelterStructureNetworks = pgTable(
  'shelter_structure_networks',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => shelterStructures.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.structureId, t.networkId] }), index('shelter_structure_networks_network_idx').on(t.networkId)],
);

/** A unit of a structure: a room or a flat, the most a household is placed in. */
export const shelterUnits = pgTable(
  'shelter_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => shelterStructures.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    wheelchairAccessible: boolean('wheelchair_accessible').notNull().default(false),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('shelter_units_label_idx').on(t.structureId, t.label)],
);

/**
 * A place (a bed). Its state is kept on the row so that taking the last
 * free place is one conditional update: two requests racing for it find
 * one row `libero`, and only one update changes it. A held place names the
 * proposal holding it; an occupied one, the stay.
 */
export const shelterPlaces = pgTable(
  'shelter_places',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => shelterUnits.id, { onDelete: 'cascade' }),
    /** Denormalised from the unit: the board counts by structure without a join. */
    structureId: uuid('structure_id')
      .notNull()
      .references(() => shelterStructures.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    state: text('state').$type<PlaceState>().notNull().default('libero'),
    proposalId: uuid('proposal_id').references(() => placementProposals.id),
    stayId: uuid('stay_id').references(() => shelterStays.id),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('shelter_places_label_idx').on(t.unitId, t.label),
    index('shelter_places_board_idx').on(t.structureId, t.state, t.unitId),
    index('shelter_places_proposal_idx').on(t.proposalId),
    index('shelter_places_stay_idx').on(t.stayId),
    check('shelter_places_state_check', sql`${t.state} in (${inList(placeStates)})`),
    check(
      'shelter_places_holder_check',
      sql`(${t.state} = 'trattenuto') = (${t.proposalId} is not null) and (${t.state} = 'occupato') = (${t.stayId} is not null)`,
    ),
  ],
);

/**
 * A placement request: the need, without identity (docs/shelters.md). The
 * requesting organisation (a CAV, the social service, a shelter moving her
 * on, the coordinator) may link its own case; a structure sees that case
 * only through the case's choke point. Her comune is never stored: the area
 * she should be kept away from is a province and a rounded centre, like a
 * structure's.
 */
export const placementRequests = pgTable(
  'placement_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A short reference shown on screens and in notifications (never personal). */
    code: text('code').notNull().unique(),
    requestingOrganisationId: uuid('requesting_organisation_id')
      .notNull()
      .references(() => organisations.id),
    requestedBy: uuid('requested_by').references(() => users.id),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    /** The social service of her comune, competent to agree the stay and to say who pays (may be named later). */
    socialServiceId: uuid('social_service_id').references(() => organisations.id),
    urgency: text('urgency').$type<PlacementUrgency>().notNull(),
    /** The level sought; null: any level that fits. */
    level: text('level').$type<StructureLevel>(),
    adults: integer('adults').notNull().default(1),
    children: jsonb('children').$type<{ age: number; sex: ChildSex }[]>().notNull().default([]),
    wheelchair: boolean('wheelchair').notNull().default(false),
    pets: boolean('pets').notNull().default(false),
    /** ISO 639-1 codes of the languages she speaks. */
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    /** Where the perpetrator is: a province and a rounded centre; the structure should be at least `min_distance_km` away. */
    avoidProvinceCode: text('avoid_province_code'),
    avoidLat: doublePrecision('avoid_lat'),
    avoidLon: doublePrecision('avoid_lon'),
    minDistanceKm: integer('min_distance_km'),
    criteria: jsonb('criteria').$type<Partial<Record<PlacementCriterion, CriterionLevel>>>().notNull().default({}),
    /** Sealed with the requesting organisation's key (or the case's, when linked). */
    noteSealed: text('note_sealed'),
    state: text('state').$type<PlacementRequestState>().notNull().default('aperta'),
    closedReason: text('closed_reason').$type<PlacementClosedReason>(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('placement_requests_org_idx').on(t.requestingOrganisationId, t.state, t.createdAt.desc()),
    index('placement_requests_case_idx').on(t.caseId),
    index('placement_requests_social_idx').on(t.socialServiceId),
    check('placement_requests_urgency_check', sql`${t.urgency} in (${inList(placementUrgencies)})`),
    check('placement_requests_level_check', sql`${t.level} is null or ${t.level} in (${inList(structureLevels)})`),
    check('placement_requests_state_check', sql`${t.state} in (${inList(placementRequestStates)})`),
    check('placement_requests_closed_check', sql`(${t.state} = 'chiusa') = (${t.closedReason} is not null) and (${t.closedReason} is null or ${t.closedReason} in (${inList(placementClosedReasons)}))`),
    check('placement_requests_household_check', sql`${t.adults} between 1 and 4 and jsonb_array_length(${t.children}) <= 12`),
  ],
);

/**
 * A request put to one structure, and its answer. An accepted proposal
 * holds places (`shelter_places.proposal_id`) until `hold_expires_at`; the
 * hold job frees them and marks it `scaduta`. One open proposal per request.
 */
export const placementProposals = pgTable(
  'placement_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => placementRequests.id, { onDelete: 'cascade' }),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => shelterStructures.id),
    state: text('state').$type<ProposalState>().notNull().default('in_attesa'),
    sentBy: uuid('sent_by').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    declineReason: text('decline_reason').$type<PlacementDeclineReason>(),
    declineNoteSealed: text('decline_note_sealed'),
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('placement_proposals_structure_idx').on(t.structureId, t.state, t.sentAt.desc()),
    index('placement_proposals_request_idx').on(t.requestId, t.sentAt),
    index('placement_proposals_hold_idx').on(t.holdExpiresAt).where(sql`${t.state} = 'accettata'`),
    uniqueIndex('placement_proposals_one_open_idx').on(t.requestId).where(sql`${t.state} in ('in_attesa', 'accettata')`),
    check('placement_proposals_state_check', sql`${t.state} in (${inList(proposalStates)})`),
    check('placement_proposals_reason_check', sql`(${t.state} = 'rifiutata') = (${t.declineReason} is not null) and (${t.declineReason} is null or ${t.declineReason} in (${inList(placementDeclineReasons)}))`),
    check('placement_proposals_hold_check', sql`(${t.state} = 'accettata') <= (${t.holdExpiresAt} is not null)`),
  ],
);

/**
 * A stay in a structure (rule 4: no stay is recorded by any other path; a
 * plan action of type `ospitalita_casa_rifugio` is done only through one,
 * `plan_action_id`). `accordo`: admitted with the competent social
 * service's agreement; `emergenza`: admitted at once, its authorisation
 * awaited (`shelter_authorisations`). A move between levels ends one stay
 * (`trasferimento`) and begins the next (`previous_stay_id`).
 */
export const shelterStays = pgTable(
  'shelter_stays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => shelterStructures.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => shelterUnits.id),
    requestId: uuid('request_id').references(() => placementRequests.id),
    proposalId: uuid('proposal_id').references(() => placementProposals.id),
    /** Her case, if a CAV of the network follows her (opened only through the case's choke point). */
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    planActionId: uuid('plan_action_id').references(() => planActions.id, { onDelete: 'set null' }),
    previousStayId: uuid('previous_stay_id'),
    path: text('path').$type<StayPath>().notNull(),
    state: text('state').$type<StayState>().notNull(),
    adults: integer('adults').notNull().default(1),
    children: jsonb('children').$type<{ age: number; sex: ChildSex }[]>().notNull().default([]),
    admittedOn: date('admitted_on').notNull(),
    admittedBy: uuid('admitted_by').references(() => users.id),
    /** The competent social service and the institution that pays the daily fee (named by the social service). */
    socialServiceId: uuid('social_service_id').references(() => organisations.id),
    payerOrganisationId: uuid('payer_organisation_id').references(() => organisations.id),
    /** The fee per day, copied at admission (the structure's may change later). */
    dailyFeeCents: integer('daily_fee_cents').notNull().default(0),
    contributionCents: integer('contribution_cents'),
    exitedOn: date('exited_on'),
    exitReason: text('exit_reason').$type<StayExitReason>(),
    noteSealed: text('note_sealed'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('shelter_stays_structure_idx').on(t.structureId, t.state, t.admittedOn.desc()),
    index('shelter_stays_payer_idx').on(t.payerOrganisationId, t.admittedOn),
    index('shelter_stays_case_idx').on(t.caseId),
    index('shelter_stays_social_idx').on(t.socialServiceId, t.state),
    uniqueIndex('shelter_stays_plan_action_idx').on(t.planActionId),
    check('shelter_stays_path_check', sql`${t.path} in (${inList(stayPaths)})`),
    check('shelter_stays_state_check', sql`${t.state} in (${inList(stayStates)})`),
    check('shelter_stays_exit_check', sql`(${t.exitedOn} is not null) = (${t.exitReason} is not null) and (${t.exitReason} is null or ${t.exitReason} in (${inList(stayExitReasons)}))`),
    check('shelter_stays_dates_check', sql`${t.exitedOn} is null or ${t.exitedOn} >= ${t.admittedOn}`),
    // An agreed stay has its social service and payer from the start; only an emergency admission waits for them.
    check('shelter_stays_agreed_check', sql`${t.path} = 'emergenza' or (${t.socialServiceId} is not null and ${t.payerOrganisationId} is not null)`),
    check('shelter_stays_contribution_check', sql`${t.dailyFeeCents} >= 0 and (${t.contributionCents} is null or ${t.contributionCents} >= 0)`),
  ],
);

/**
 * The competent social service's agreement (rule 4): asked for a request
 * before admission (`request_id`), or for an emergency admission after it
 * (`stay_id`, with `due_at`: 72 hours by default; overdue, the job tells
 * the network coordinator once, `escalated_at`). Deciding names the payer.
 */
export const shelterAuthorisations = pgTable(
  'shelter_authorisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    socialServiceId: uuid('social_service_id')
      .notNull()
      .references(() => organisations.id),
    requestId: uuid('request_id').references(() => placementRequests.id, { onDelete: 'cascade' }),
    stayId: uuid('stay_id').references(() => shelterStays.id, { onDelete: 'cascade' }),
    state: text('state').$type<AuthorisationState>().notNull().default('in_attesa'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    payerOrganisationId: uuid('payer_organisation_id').references(() => organisations.id),
    noteSealed: text('note_sealed'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('shelter_authorisations_inbox_idx').on(t.socialServiceId, t.state, t.requestedAt.desc()),
    index('shelter_authorisations_due_idx').on(t.dueAt).where(sql`${t.state} = 'in_attesa' and ${t.escalatedAt} is null`),
    uniqueIndex('shelter_authorisations_one_open_request_idx').on(t.requestId).where(sql`${t.state} = 'in_attesa'`),
    uniqueIndex('shelter_authorisations_one_open_stay_idx').on(t.stayId).where(sql`${t.state} = 'in_attesa'`),
    check('shelter_authorisations_state_check', sql`${t.state} in (${inList(authorisationStates)})`),
    check('shelter_authorisations_subject_check', sql`(${t.requestId} is not null) <> (${t.stayId} is not null)`),
    check('shelter_authorisations_decided_check', sql`(${t.state} = 'in_attesa') = (${t.decidedAt} is null)`),
    check('shelter_authorisations_payer_check', sql`${t.state} <> 'autorizzata' or ${t.payerOrganisationId} is not null`),
  ],
);
