import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, HMAC-chained audit log. Records who did what to which
 * resource and why — never the data itself. A row is inserted in its
 * action's transaction unchained (`seq`, `prev_hash`, `hash`, `alg`,
 * `key_id` null) and chained after its commit by the single chainer
 * (audit.chain.ts); a trigger refuses every other UPDATE, and every DELETE
 * and TRUNCATE (migrations 0001, 0020).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorOrganisationId: uuid('actor_organisation_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    purpose: text('purpose'),
    outcome: text('outcome').notNull(),
    /** Request id, to join with the (personal-data-free) logs. */
    requestId: text('request_id'),
    /** The row's place in the chain (the chainer's order: commit order), null until chained. */
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
    /**
     * How `hash` was computed: 'hmac-sha256' keyed by the audit key `keyId`
     * (AUDIT_HMAC_KEY, outside the database), or 'sha256' for the unkeyed
     * rows written before the chain was keyed (migration 0010).
     */
    alg: text('alg'),
    keyId: text('key_id'),
    /**
     * The cases a list showed, for a `case.listed` row: one row per list,
     * not one per case (a caseload page wrote 51 rows), each case still
     * found by the GIN index below ("who saw her" is one query). Covered
     * by the row's hash; null on every other row.
     */
    subjectIds: uuid('subject_ids').array(),
  },
  (t) => [
    index('audit_log_org_idx').on(t.actorOrganisationId, t.id),
    index('audit_log_resource_idx').on(t.resourceType, t.resourceId),
    uniqueIndex('audit_log_seq_idx').on(t.seq),
    // What the chainer reads each round: small, since rows leave it once chained.
    index('audit_log_unchained_idx').on(t.id).where(sql`seq is null`),
    // No pending list (fastupdate off): its merge would land on whichever request overflows it.
    index('audit_log_subjects_idx').using('gin', t.subjectIds).with({ fastupdate: false }),
  ],
);
