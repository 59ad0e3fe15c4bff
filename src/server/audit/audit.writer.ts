import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AuditOutcome } from '../../shared/domain.js';
import type { Db, Tx } from '../platform/db.js';
import { auditLog } from './audit.tables.js';
import type { AuditAction } from './catalogue.js';

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises writers so the chain never forks (held until commit). */
const CHAIN_LOCK = 7_363_001;

/** One audit event: who, for which organisation, did what to which resource, why, with what outcome. */
export interface AuditEvent {
  action: AuditAction;
  outcome: AuditOutcome;
  actorUserId?: string | null;
  actorOrganisationId?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  purpose?: string | null;
  requestId?: string | null;
}

export interface AuditRow extends Required<Omit<AuditEvent, 'action' | 'outcome'>> {
  id: number;
  at: Date;
  action: string;
  outcome: string;
  prevHash: string;
  hash: string;
}

/** The hash of a row: its content and its predecessor's hash, so any change or removal breaks the chain. */
export function rowHash(r: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    r.id,
    r.at.toISOString(),
    r.actorUserId,
    r.actorOrganisationId,
    r.action,
    r.resourceType,
    r.resourceId,
    r.purpose,
    r.outcome,
    r.requestId,
    r.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends an event inside the caller's transaction, so the audit row and
 * the action it records commit or roll back together.
 */
export async function writeAudit(tx: Tx, event: AuditEvent): Promise<void> {
  // The lock first, in its own statement: the next statement's snapshot
  // (READ COMMITTED) then sees the head committed by the previous holder.
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const head = await tx.execute<{ prev: string | null; id: string }>(sql`
    select (select hash from audit_log order by id desc limit 1) as prev,
           nextval(pg_get_serial_sequence('audit_log', 'id'))::text as id`);
  const { prev, id } = head.rows[0]!;
  const row: Omit<AuditRow, 'hash'> = {
    id: Number(id),
    at: new Date(),
    actorUserId: event.actorUserId ?? null,
    actorOrganisationId: event.actorOrganisationId ?? null,
    action: event.action,
    resourceType: event.resourceType ?? null,
    resourceId: event.resourceId ?? null,
    purpose: event.purpose ?? null,
    outcome: event.outcome,
    requestId: event.requestId ?? null,
    prevHash: prev ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...row, hash: rowHash(row) });
}

/** For events with no surrounding action (a denial, a failed login): their own transaction. */
export async function writeAuditAlone(db: Db, event: AuditEvent): Promise<void> {
  await db.transaction((tx) => writeAudit(tx, event));
}

/** An event done by the scope's principal, for the organisation she acts for, on one resource. */
export function actedBy(
  scope: { principal: { userId: string; organisation: { id: string } | null } },
  requestId: string,
  action: AuditAction,
  resource?: { type: string; id: string | null },
): AuditEvent {
  return {
    action,
    outcome: 'success',
    actorUserId: scope.principal.userId,
    actorOrganisationId: scope.principal.organisation?.id,
    resourceType: resource?.type ?? null,
    resourceId: resource?.id ?? null,
    requestId,
  };
}
