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
  await appendAudit(tx, [event]);
}

/** Appends events to the chain, in order, inside the caller's transaction. */
async function appendAudit(tx: Tx, events: readonly AuditEvent[]): Promise<void> {
  // The lock first, in its own statement: the next statement's snapshot
  // (READ COMMITTED) then sees the head committed by the previous holder.
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const head = await tx.execute<{ prev: string | null; ids: string[] }>(sql`
    select (select hash from audit_log order by id desc limit 1) as prev,
           array(select nextval(pg_get_serial_sequence('audit_log', 'id'))::text
                 from generate_series(1, ${events.length})) as ids`);
  const ids = head.rows[0]!.ids.map(Number).sort((a, b) => a - b);
  let prevHash = head.rows[0]!.prev ?? GENESIS_HASH;
  const at = new Date();
  const rows = events.map((event, i) => {
    const row: Omit<AuditRow, 'hash'> = {
      id: ids[i]!,
      at,
      actorUserId: event.actorUserId ?? null,
      actorOrganisationId: event.actorOrganisationId ?? null,
      action: event.action,
      resourceType: event.resourceType ?? null,
      resourceId: event.resourceId ?? null,
      purpose: event.purpose ?? null,
      outcome: event.outcome,
      requestId: event.requestId ?? null,
      prevHash,
    };
    prevHash = rowHash(row);
    return { ...row, hash: prevHash };
  });
  await tx.insert(auditLog).values(rows);
}

interface Waiting {
  event: AuditEvent;
  settle: (error?: unknown) => void;
}
/** Events of stand-alone writes waiting for the next group commit, per database. */
const waiting = new WeakMap<Db, Waiting[]>();
/** A group larger than this waits for the next commit (bounded statement size). */
const MAX_GROUP = 200;

/**
 * For events with no surrounding action (a denial, a failed login, a read):
 * their own transaction, resolved once the row is committed. Events that
 * arrive while a commit is under way share the next one (group commit): under
 * load the chain's lock and round trips are paid once per group, not once
 * per request. A failed group is retried event by event, so one bad event
 * cannot fail the others.
 */
export function writeAuditAlone(db: Db, event: AuditEvent): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: unknown) => (error === undefined ? resolve() : reject(error as Error));
    const queue = waiting.get(db);
    if (queue) {
      queue.push({ event, settle });
      return;
    }
    waiting.set(db, [{ event, settle }]);
    void drain(db);
  });
}

async function drain(db: Db): Promise<void> {
  const queue = waiting.get(db)!;
  while (queue.length) {
    const group = queue.splice(0, MAX_GROUP);
    try {
      await db.transaction((tx) => appendAudit(tx, group.map((w) => w.event)));
      for (const w of group) w.settle();
    } catch (error) {
      if (group.length === 1) group[0]!.settle(error);
      else for (const w of group) await db.transaction((tx) => appendAudit(tx, [w.event])).then(() => w.settle(), w.settle);
    }
  }
  waiting.delete(db);
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
