import { asc, inArray } from 'drizzle-orm';
import { type AuditEvent, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AuditAction } from '../../audit/catalogue.js';
import { type Db, type DbOrTx, type Tx, isUniqueViolation } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { networks } from '../organisations/index.js';

/**
 * What the programmes' and the regional funds' services do alike: the
 * audit event of what she did to one of their records, a write in one
 * transaction, the audit of a list read, and the networks a list offers.
 */

/** Who acts, as the audit records her. */
export interface AuditedActor {
  userId: string;
  organisationId: string;
  requestId: string;
}

/** The audit event of a successful read or write on one record of `resourceType` (a refusal is audited by the error hook). */
export const eventOn =
  (resourceType: string) =>
  (actor: AuditedActor, action: AuditAction, resourceId: string, purpose: string | null = null): AuditEvent => ({
    action,
    outcome: 'success',
    actorUserId: actor.userId,
    actorOrganisationId: actor.organisationId,
    resourceType,
    resourceId,
    purpose,
    requestId: actor.requestId,
  });

/** A write in one transaction (a savepoint inside a seed's); a duplicate (a unique index) is 409 `conflict`. */
export async function write<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict');
    throw err;
  }
}

/** A list read, audited once with how many rows it showed (never which). */
export const auditListed = (db: Db, actor: AuditedActor, action: AuditAction, count: number) =>
  writeAuditAlone(db, { action, outcome: 'success', actorUserId: actor.userId, actorOrganisationId: actor.organisationId, purpose: `count:${count}`, requestId: actor.requestId });

/** Networks by id, by name: those a list lets her act for (open a year, create a programme). */
export const networksNamed = async (db: Db, ids: readonly string[]): Promise<{ id: string; name: string }[]> =>
  ids.length ? db.select({ id: networks.id, name: networks.name }).from(networks).where(inArray(networks.id, [...ids])).orderBy(asc(networks.name)) : [];
