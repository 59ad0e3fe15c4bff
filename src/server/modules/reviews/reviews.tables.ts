import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { actionStatuses, riskLevels } from '../../../shared/cases.js';
import { reviewLegalBases, reviewModes, reviewSharingBases, reviewStatuses } from '../../../shared/reviews.api.js';
import { users } from '../../access/access.tables.js';
// Table files import table files directly (not a module's index): the schema loads before any module's routes.
import { cases } from '../cases/cases.tables.js';
import { inList, networks, organisations } from '../organisations/organisations.tables.js';

/**
 * Multi-agency case reviews (issue 12, docs/reviews.md). A review is the
 * network's meeting: organisations take part, never people by name; its
 * minutes are sealed with the chair organisation's key (they span cases:
 * no single case key fits them).
 */
export const caseReviews = pgTable(
  'case_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    chairOrganisationId: uuid('chair_organisation_id')
      .notNull()
      .references(() => organisations.id),
    heldOn: date('held_on').notNull(),
    mode: text('mode').$type<(typeof reviewModes)[number]>().notNull(),
    /** A place or a meeting room (never about a woman). */
    place: text('place'),
    status: text('status').$type<(typeof reviewStatuses)[number]>().notNull().default('planned'),
    minutesSealed: text('minutes_sealed'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_reviews_network_idx').on(t.networkId, t.heldOn),
    check('case_reviews_status_check', sql`${t.status} in (${inList(reviewStatuses)})`),
    check('case_reviews_mode_check', sql`${t.mode} in (${inList(reviewModes)})`),
  ],
);

/** The organisations taking part (members of the network, never a perpetrator programme: the service checks it). */
export const caseReviewParticipants = pgTable(
  'case_review_participants',
  {
    reviewId: uuid('review_id')
      .notNull()
      .references(() => caseReviews.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.organisationId] }), index('case_review_participants_org_idx').on(t.organisationId)],
);

/**
 * A case on the agenda, brought by the organisation that owns it: the
 * minimum the participants read — its code and risk level as shared, and a
 * short brief sealed with the case's key (erasing the case erases it). The
 * basis for sharing is kept: a consent, or a legal basis to protect her
 * life with its reason (sealed too).
 */
export const caseReviewItems = pgTable(
  'case_review_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => caseReviews.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    broughtByOrganisationId: uuid('brought_by_organisation_id')
      .notNull()
      .references(() => organisations.id),
    basis: text('basis').$type<(typeof reviewSharingBases)[number]>().notNull(),
    legalBasis: text('legal_basis').$type<(typeof reviewLegalBases)[number]>(),
    reasonSealed: text('reason_sealed'),
    briefSealed: text('brief_sealed'),
    caseCode: text('case_code').notNull(),
    riskLevel: text('risk_level').$type<(typeof riskLevels)[number]>(),
    version: integer('version').notNull().default(1),
    broughtBy: uuid('brought_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('case_review_items_review_case_key').on(t.reviewId, t.caseId),
    index('case_review_items_case_idx').on(t.caseId),
    check('case_review_items_basis_check', sql`${t.basis} in (${inList(reviewSharingBases)})`),
    check('case_review_items_legal_basis_check', sql`${t.legalBasis} is null or ${t.legalBasis} in (${inList(reviewLegalBases)})`),
    /** Without her consent, only on a legal basis with its reason. */
    check('case_review_items_protect_life_check', sql`${t.basis} <> 'tutela_vita' or (${t.legalBasis} is not null and ${t.reasonSealed} is not null)`),
    check('case_review_items_risk_check', sql`${t.riskLevel} is null or ${t.riskLevel} in (${inList(riskLevels)})`),
  ],
);

/**
 * An action decided at a review, owned by a participant organisation. Its
 * text is sealed with the case's key when it is about an agenda item, else
 * with the chair organisation's key.
 */
export const caseReviewActions = pgTable(
  'case_review_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => caseReviews.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').references(() => caseReviewItems.id, { onDelete: 'cascade' }),
    ownerOrganisationId: uuid('owner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    dueOn: date('due_on'),
    status: text('status').$type<(typeof actionStatuses)[number]>().notNull().default('prevista'),
    textSealed: text('text_sealed'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_review_actions_review_idx').on(t.reviewId),
    index('case_review_actions_owner_idx').on(t.ownerOrganisationId, t.status, t.dueOn),
    check('case_review_actions_status_check', sql`${t.status} in (${inList(actionStatuses)})`),
  ],
);
