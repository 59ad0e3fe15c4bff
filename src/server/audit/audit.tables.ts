import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, HMAC-chained audit log (a trigger refuses UPDATE and DELETE).
 * Records who did what to which resource and why — never the data itself.
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
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /**
     * How `hash` was computed: 'hmac-sha256' keyed by the audit key `keyId`
     * (AUDIT_HMAC_KEY, outside the database), or 'sha256' for the unkeyed
     * rows written before the chain was keyed (migration 0010).
     */
    alg: text('alg').notNull(),
    keyId: text('key_id'),
  },
  (t) => [
    index('audit_log_org_idx').on(t.actorOrganisationId, t.id),
    index('audit_log_resource_idx').on(t.resourceType, t.resourceId),
  ],
);
