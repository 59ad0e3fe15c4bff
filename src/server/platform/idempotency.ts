import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from './db.js';
import { AppError } from './errors.js';
import { idempotencyKeys } from './platform.tables.js';

/**
 * Idempotency-Key for creating requests a client may retry: the first
 * request with a key creates and records what it created (in its own
 * transaction); a repeat with the same key and the same body gets that
 * resource back; the same key with another body is refused (422). Keys are
 * per account and route, and kept 24 hours.
 */

export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().trim().min(8).max(100).optional() }).loose();

const TTL_MS = 24 * 3_600_000;

export interface IdempotencyClaim {
  userId: string;
  scope: string;
  key: string;
  requestHash: string;
}

export function claimOf(userId: string, scope: string, key: string | undefined, body: unknown): IdempotencyClaim | null {
  if (!key) return null;
  return { userId, scope, key, requestHash: createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex') };
}

/** The resource an earlier request with this claim created (null: none yet, or expired). */
export async function earlierResult(db: Db, claim: IdempotencyClaim): Promise<string | null> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key)));
  if (!row || Date.now() - row.createdAt.getTime() > TTL_MS) return null;
  if (row.requestHash !== claim.requestHash) throw new AppError('idempotency_key_reused');
  return row.resourceId;
}

/**
 * Records the claim inside the creating transaction. Two concurrent
 * requests with one key: the second breaks the primary key and its whole
 * transaction rolls back (a conflict), so nothing is created twice.
 */
export async function recordResult(tx: Tx, claim: IdempotencyClaim, resourceId: string): Promise<void> {
  await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(Date.now() - TTL_MS)));
  await tx.insert(idempotencyKeys).values({ ...claim, resourceId });
}
