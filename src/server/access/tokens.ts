import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db.js';
import { apiTokens } from './access.tables.js';
import { type Principal, loadPrincipal } from './principal.js';
import type { SessionStore } from './sessions.js';

const PREFIX = 'trama_';
/** Last use is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

/** The bearer token of an `Authorization: Bearer trama_…` header (undefined when there is none). */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S{1,200})$/i.exec(header.trim());
  return m ? m[1] : '';
}

/** A new token for a service account in one organisation: the raw value is returned once, only its HMAC is kept. */
export async function createApiToken(
  db: DbOrTx,
  sessions: SessionStore,
  input: { userId: string; organisationId: string; name: string; createdBy: string },
): Promise<{ id: string; token: string }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const [row] = await db.insert(apiTokens).values({ ...input, tokenHash: sessions.hashId(token) }).returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

/**
 * The principal a token acts as: its account acting for its organisation,
 * second factor counted as done (the token is the possession factor). Null
 * for an unknown or revoked token, or a disabled account.
 */
export async function tokenPrincipal(db: DbOrTx, sessions: SessionStore, raw: string, now = new Date()): Promise<Principal | null> {
  if (!raw.startsWith(PREFIX)) return null;
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sessions.hashId(raw)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return loadPrincipal(db, { userId: row.userId, organisationId: row.organisationId, mfaVerified: true, idHash: `token:${row.id}`, csrfToken: '' });
}
