import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db.js';
import { apiTokens } from './access.tables.js';
import type { Role } from '../../shared/domain.js';
import { type PolicyTable, activeRoles, isAllowed } from './policy.js';
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
  input: { userId: string; organisationId: string; name: string; createdBy: string; expiresAt: Date },
): Promise<{ id: string; token: string }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const [row] = await db.insert(apiTokens).values({ ...input, tokenHash: sessions.hashId(token) }).returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

/**
 * The principal a token acts as: its account acting for its organisation,
 * second factor counted as done (the token is the possession factor). Null
 * for an unknown, revoked or expired token, or a disabled account.
 *
 * A token carries no more than its account's role in that organisation
 * today: never the account's instance-admin rights (a token is for the
 * helpline's software, not for running the instance), and nothing once the
 * role is gone. The guard then allows only actions open to tokens.
 */
export async function tokenPrincipal(db: DbOrTx, sessions: SessionStore, raw: string, now = new Date()): Promise<Principal | null> {
  if (!raw.startsWith(PREFIX)) return null;
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sessions.hashId(raw)), isNull(apiTokens.revokedAt)));
  if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  const principal = await loadPrincipal(db, { userId: row.userId, organisationId: row.organisationId, mfaVerified: true, idHash: `token:${row.id}`, csrfToken: '' });
  if (!principal) return null;
  const { organisationRole } = principal;
  return { ...principal, isInstanceAdmin: false, roles: activeRoles({ isInstanceAdmin: false, organisationRole }) };
}

/** The actions a token of an account with this role may call: open to tokens and to the role (none without a role). */
export function tokenScopes(policy: PolicyTable, role: Role | null): string[] {
  if (!role) return [];
  return Object.entries(policy)
    .filter(([, rule]) => rule.apiToken && isAllowed(rule, [role]))
    .map(([action]) => action)
    .sort();
}
