import type { Scope } from '../../access/scope.js';
import { type AuditEvent, actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AuditAction } from '../../audit/catalogue.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, type Tx, readHandle, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { and, eq, sql } from 'drizzle-orm';
import { type CaseAccess, type CaseNeed, type CaseRow, type ReadOptions, accessCase, grants, headedOrganisation } from './cases.access.js';
import { caseAuthors, caseChildren, cases } from './cases.tables.js';
import { planGoals } from './plan.tables.js';

const DENIED = Symbol('denied');
/** Her data key was destroyed (cases.shred.ts): nothing of her is left to read or to add to. */
const ERASED = Symbol('erased');

/** Refusals inside a use case (a part not on this case, her own account): denied attempts, audited like a refused case. */
const isRefusal = (error: unknown): error is AppError =>
  error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden' || error.code === 'own_account_change');

/**
 * Runs the work in a savepoint: a refusal it throws (a part of another
 * case, her own account) undoes whatever the work wrote, and the denied
 * attempt is audited in the surrounding transaction, which commits only
 * that row. Any other error rolls back everything, as before.
 */
async function refusedOrDone<T>(tx: Tx, work: (sp: Tx) => Promise<T>, audit: AuditEvent): Promise<{ value: T } | { refused: AppError }> {
  try {
    return { value: await tx.transaction((sp) => work(sp as unknown as Tx)) };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    await writeAudit(tx, { ...audit, outcome: 'denied' });
    return { refused: error };
  }
}

/**
 * Runs a use case on one case: one transaction, access checked first at
 * the choke point (with what it needs: a section, or an act of the owning
 * organisation), then the work,
 * then its audit row — all or nothing. Without access the answer is 404,
 * whether the case exists or not, and the attempt is audited as denied.
 */
export async function onCase<T>(
  ctx: AppContext,
  scope: Scope,
  caseId: string,
  requestId: string,
  action: AuditAction,
  /** What the use case needs of the case: the case itself, a section (or any of several), or an act of the owning organisation. */
  need: CaseNeed,
  work: (tx: Tx, access: CaseAccess) => Promise<T>,
  /** What the audit row says of what was done (e.g. the sections printed), never the content. */
  purposeOf?: (value: T) => string,
): Promise<T> {
  const audit = actedBy(scope, requestId, action, { type: 'case', id: caseId });
  const result = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const access = await accessCase(tx, scope, caseId);
      if (!access || !grants(access, need)) {
        await writeAudit(tx, { ...audit, outcome: 'denied' });
        return DENIED;
      }
      if (await ctx.crypto.cases.erased(tx, caseId)) {
        await writeAudit(tx, { ...audit, outcome: 'failure', purpose: 'case_erased' });
        return ERASED;
      }
      const done = await refusedOrDone(tx, (sp) => work(sp, access), audit);
      if ('refused' in done) return done;
      const purpose = [access.via === 'break_glass' ? 'break_glass' : null, purposeOf?.(done.value) ?? null].filter(Boolean).join(';');
      await writeAudit(tx, { ...audit, purpose: purpose || null });
      return done;
    },
    () => new AppError('conflict'),
  );
  if (result === DENIED) throw new AppError('not_found');
  if (result === ERASED) throw new AppError('case_erased');
  if ('refused' in result) throw result.refused;
  return result.value;
}

/**
 * A read of one case that writes nothing but its audit row (the case's
 * page): the same choke point, the same audit, on a read handle in
 * autocommit (db.ts readHandle) rather than in a transaction — the
 * decision with the case's row and key in one statement, the work's reads,
 * and the audit row appended alone, in the next group commit shared with
 * the other requests (audit.writer.ts writeAuditAlone). The answer leaves
 * only once its audit row is committed; a denied or erased case is audited
 * the same way before its 404 or 410.
 */
export async function readOnCase<T>(
  ctx: AppContext,
  scope: Scope,
  caseId: string,
  requestId: string,
  action: AuditAction,
  need: CaseNeed,
  work: (db: DbOrTx, access: CaseAccess) => Promise<T>,
  options: ReadOptions = {},
): Promise<T> {
  const audit = actedBy(scope, requestId, action, { type: 'case', id: caseId });
  const db = readHandle(ctx.database.db);
  const access = await accessCase(db, scope, caseId, new Date(), options);
  if (!access || !grants(access, need)) {
    await writeAuditAlone(ctx.database.db, { ...audit, outcome: 'denied' });
    throw new AppError('not_found');
  }
  if (await ctx.crypto.cases.erased(db, caseId)) {
    await writeAuditAlone(ctx.database.db, { ...audit, outcome: 'failure', purpose: 'case_erased' });
    throw new AppError('case_erased');
  }
  const value = await work(db, access);
  await writeAuditAlone(ctx.database.db, { ...audit, purpose: access.via === 'break_glass' ? 'break_glass' : null });
  return value;
}

/** A stale version: 412, nothing written. */
export function checkVersion(access: CaseAccess, version: number): void {
  if (access.row.version !== version) throw new AppError('precondition_failed');
}

/**
 * Runs a head's action on a case of her organisation that does not open
 * the case (its team, a break-the-glass opening): the owning
 * organisation's head only; anyone else gets 404, audited as denied.
 */
export async function onOwnCase<T>(
  ctx: AppContext,
  scope: Scope,
  caseId: string,
  requestId: string,
  action: AuditAction,
  work: (tx: Tx, row: CaseRow) => Promise<T>,
  purpose: string | null = null,
): Promise<T> {
  const audit = actedBy(scope, requestId, action, { type: 'case', id: caseId });
  const headed = headedOrganisation(scope);
  const result = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const [row] = headed ? await tx.select().from(cases).where(and(eq(cases.id, caseId), eq(cases.organisationId, headed))) : [];
      if (!row) {
        await writeAudit(tx, { ...audit, outcome: 'denied' });
        return DENIED;
      }
      const done = await refusedOrDone(tx, (sp) => work(sp, row), audit);
      if ('refused' in done) return done;
      await writeAudit(tx, { ...audit, purpose });
      return done;
    },
    () => new AppError('conflict'),
  );
  if (result === DENIED) throw new AppError('not_found');
  if ('refused' in result) throw result.refused;
  return result.value;
}

/**
 * A part changed: the case moves up the caseload. Its version stays: parts
 * have their own (children, authors, goals, actions) or are append-only
 * (consents, timeline, documents), and a form open on the case must not
 * turn stale for them.
 */
export async function markChanged(tx: Tx, caseId: string, lastContactAt?: Date): Promise<void> {
  await tx
    .update(cases)
    .set({ updatedAt: new Date(), ...(lastContactAt ? { lastContactAt: sql`greatest(${cases.lastContactAt}, ${lastContactAt})` } : {}) })
    .where(eq(cases.id, caseId));
}

/** A part of a case with its own version. */
type VersionedPart = typeof caseChildren | typeof caseAuthors | typeof planGoals;

/**
 * Replaces a versioned part of a case (If-Match): 404 when the part is not
 * on this case, 412 when its version is stale; nothing written either way.
 */
export async function replacePart(tx: Tx, table: VersionedPart, caseId: string, target: { id: string; version: number }, values: Record<string, unknown>): Promise<void> {
  // The three tables share id, case_id and version; Drizzle cannot type an update over a union of tables.
  const t = table as typeof caseChildren;
  const [row] = await tx
    .update(t)
    .set({ ...values, version: target.version + 1 })
    .where(and(eq(t.id, target.id), eq(t.caseId, caseId), eq(t.version, target.version)))
    .returning({ id: t.id });
  if (row) return;
  const [exists] = await tx.select({ id: t.id }).from(t).where(and(eq(t.id, target.id), eq(t.caseId, caseId)));
  throw new AppError(exists ? 'precondition_failed' : 'not_found');
}
