import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db.js';
import { sessions } from './access.tables.js';
import type { AccountRow } from './principal.js';
import { PrincipalCache } from './principal-cache.js';

export const SESSION_COOKIE = 'trama_session';
/** Last-seen is written at most this often: the idle timeout stays exact to the half minute. */
const TOUCH_EVERY_MS = 30_000;

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export type SessionRow = typeof sessions.$inferSelect;

/**
 * Server-side sessions. The cookie holds a random 256-bit id; the database
 * holds its HMAC under the session secret.
 */
export class SessionStore {
  /** Live sessions with their accounts, kept between requests; every write below drops what it changes. */
  readonly principals = new PrincipalCache<AccountRow[]>();

  constructor(
    private readonly secret: string,
    private readonly policy: SessionPolicy,
  ) {}

  hashId(rawId: string): string {
    return createHmac('sha256', this.secret).update(rawId).digest('base64url');
  }

  async create(db: DbOrTx, userId: string, now = new Date()): Promise<{ rawId: string; row: SessionRow }> {
    const rawId = randomBytes(32).toString('base64url');
    const [row] = await db
      .insert(sessions)
      .values({
        idHash: this.hashId(rawId),
        userId,
        csrfToken: randomBytes(24).toString('base64url'),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.policy.absoluteMs),
      })
      .returning();
    return { rawId, row: row! };
  }

  /** The stored key of a cookie value; null for a value no session can have. */
  keyOf(rawId: string | undefined): string | null {
    return rawId && rawId.length <= 100 ? this.hashId(rawId) : null;
  }

  /**
   * Whether a stored session (found by its key, or not found) is live. An
   * expired session is ended here, once; a live one has its last-seen time
   * moved on (at most every half minute).
   */
  async check(
    db: DbOrTx,
    row: SessionRow | undefined,
    now = new Date(),
  ): Promise<{ status: 'none' } | { status: 'expired'; row: SessionRow } | { status: 'live'; row: SessionRow }> {
    if (!row || row.endedAt) return { status: 'none' };
    const idle = now.getTime() - row.lastSeenAt.getTime() > this.policy.idleMs;
    if (idle || now >= row.expiresAt) {
      await this.end(db, row.idHash, now);
      return { status: 'expired', row };
    }
    if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, row.idHash));
      this.principals.forgetSession(row.idHash);
    }
    return { status: 'live', row };
  }

  /** Gives the session a new id (after the second factor: no fixation) and a new CSRF token. */
  async rotate(db: DbOrTx, idHash: string, changes: Partial<Pick<SessionRow, 'mfaVerified' | 'organisationId'>>) {
    const rawId = randomBytes(32).toString('base64url');
    this.principals.forgetSession(idHash);
    const [row] = await db
      .update(sessions)
      .set({ ...changes, idHash: this.hashId(rawId), csrfToken: randomBytes(24).toString('base64url'), mfaFailures: 0 })
      .where(eq(sessions.idHash, idHash))
      .returning();
    this.principals.forgetSession(idHash);
    return { rawId, row: row! };
  }

  async update(db: DbOrTx, idHash: string, changes: Partial<Pick<SessionRow, 'organisationId' | 'mfaFailures'>>) {
    this.principals.forgetSession(idHash);
    const [row] = await db.update(sessions).set(changes).where(eq(sessions.idHash, idHash)).returning();
    this.principals.forgetSession(idHash);
    return row!;
  }

  async end(db: DbOrTx, idHash: string, now = new Date()): Promise<void> {
    this.principals.forgetSession(idHash);
    await db.update(sessions).set({ endedAt: now }).where(and(eq(sessions.idHash, idHash), isNull(sessions.endedAt)));
    this.principals.forgetSession(idHash);
  }

  /** Ends every session of a user (disabled account, second factor reset). */
  async endAllForUser(db: DbOrTx, userId: string, now = new Date()): Promise<void> {
    this.principals.forget(userId);
    await db.update(sessions).set({ endedAt: now }).where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
    this.principals.forget(userId);
  }

  /** Removes sessions ended or expired more than a day ago. */
  async purge(db: DbOrTx, now = new Date()): Promise<void> {
    const dayAgo = new Date(now.getTime() - 86_400_000);
    await db.delete(sessions).where(or(lt(sessions.endedAt, dayAgo), lt(sessions.expiresAt, dayAgo)));
  }
}
