import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { caseSections } from '../../../shared/cases.js';
import { emailFrequencies, notificationCaseTabs, notificationKinds } from '../../../shared/notifications.api.js';
import { users } from '../../access/access.tables.js';
import { cases } from '../cases/cases.tables.js';
import { inList, organisations } from '../organisations/organisations.tables.js';
import { referrals } from '../referrals/referrals.tables.js';

/**
 * One notification for one person: a kind code, code-only parameters and a
 * target (a case and its tab), never a sentence — the web words it. It is
 * shown only while she acts for the organisation it was raised for, and a
 * case-targeted one only while the case choke point lets her open the case.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientUserId: uuid('recipient_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The organisation she was notified as a member of (null: her person, whichever she acts for). */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** Codes only (shared/notifications.api.ts `notificationParams`). */
    params: jsonb('params').$type<Record<string, string>>().notNull().default({}),
    /** The case it points to; an erased case takes its notifications with it. */
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    caseTab: text('case_tab'),
    /** The case section it tells of (a deadline: the profile; a review: the plan): the reader must hold it, as on the case page. */
    caseSection: text('case_section'),
    /** The multi-agency case review it points to (docs/reviews.md); reviews are never deleted, so no cascade is needed. */
    reviewId: uuid('review_id'),
    /** The referral it tells of (docs/referrals.md); a referral that goes (its case erased) takes its notifications with it. */
    referralId: uuid('referral_id').references(() => referrals.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** Claimed for an e-mail (immediate or digest): set once, so it is never e-mailed twice. */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipientUserId, t.createdAt),
    index('notifications_unread_idx').on(t.recipientUserId).where(sql`read_at is null`),
    check('notifications_kind_check', sql`kind in (${inList(notificationKinds)})`),
    check('notifications_case_tab_check', sql`case_tab is null or case_tab in (${inList(notificationCaseTabs)})`),
    check('notifications_case_section_check', sql`case_section is null or case_section in (${inList(caseSections)})`),
  ],
);

/**
 * Her own e-mail preference (never set by anyone else). The address is
 * encrypted with the instance key (platform/crypto): an account carries no
 * e-mail otherwise, and a copy of the database must not list staff addresses.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    frequency: text('frequency').notNull().default('none'),
    emailSealed: text('email_sealed'),
    /** E-mails tell only of what arrived after she asked for them (no backlog flood). */
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
    /** The Rome day of her last digest: at most one a day. */
    lastDigestOn: date('last_digest_on'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [check('notification_preferences_frequency_check', sql`frequency in (${inList(emailFrequencies)})`)],
);
