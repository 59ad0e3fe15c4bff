import { eq } from 'drizzle-orm';
import type { MembershipRole, OrganisationType, Role } from '../../shared/domain.js';
import type { DbOrTx } from '../platform/db.js';
import { organisations } from '../modules/organisations/index.js';
import { memberships, sessions, users } from './access.tables.js';
import { activeRoles } from './policy.js';
import type { SessionRow, SessionStore } from './sessions.js';

export interface MembershipView {
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  role: MembershipRole;
}

/** Who is asking: the person, the organisation she acts for, her roles now. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  isInstanceAdmin: boolean;
  /** A temporary password must be replaced before anything else. */
  passwordChangeRequired: boolean;
  memberships: MembershipView[];
  /** The organisation she acts for (null: not chosen yet, or an instance admin acting for none). */
  organisation: { id: string; name: string; type: OrganisationType } | null;
  organisationRole: MembershipRole | null;
  roles: Role[];
  mfaVerified: boolean;
  session: { idHash: string; csrfToken: string };
}

/** An account and one of its memberships per row (none: one row with empty membership columns). */
const accountColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  isInstanceAdmin: users.isInstanceAdmin,
  passwordChangeRequired: users.passwordChangeRequired,
  disabledAt: users.disabledAt,
  organisationId: organisations.id,
  organisationName: organisations.name,
  organisationType: organisations.type,
  role: memberships.role,
};
export type AccountRow = { [K in keyof typeof accountColumns]: (typeof accountColumns)[K]['_']['data'] | null };

type SessionKeys = Pick<SessionRow, 'userId' | 'organisationId' | 'mfaVerified' | 'idHash' | 'csrfToken'>;

/** Builds the principal of a session or token; null when the account is gone or disabled. */
export async function loadPrincipal(db: DbOrTx, session: SessionKeys): Promise<Principal | null> {
  const rows = await db
    .select(accountColumns)
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(users.id, session.userId))
    .orderBy(organisations.name);
  return toPrincipal(rows, session);
}

/**
 * The session of a cookie and its principal in one round trip: every
 * request of a signed-in person pays for it. The principal is null when
 * the session is not live or the account is gone or disabled.
 */
export async function loadSessionPrincipal(db: DbOrTx, store: SessionStore, rawId: string | undefined, now = new Date()) {
  const key = store.keyOf(rawId);
  const read = key ? (store.principals.get(key) ?? (await readSession(db, store, key))) : undefined;
  const state = await store.check(db, read?.session, now);
  return { ...state, principal: state.status === 'live' ? toPrincipal(read!.rows, state.row) : null };
}

/** The session of a key with its account's rows, kept for the next request (access/principal-cache.ts). */
async function readSession(db: DbOrTx, store: SessionStore, key: string) {
  const generation = store.principals.generation();
  const found = await db
    .select({ session: sessions, ...accountColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(sessions.idHash, key))
    .orderBy(organisations.name);
  if (!found[0]) return undefined;
  const read = { session: found[0].session, rows: found };
  if (!read.session.endedAt) store.principals.keep(key, read, generation);
  return read;
}

function toPrincipal(rows: AccountRow[], session: SessionKeys): Principal | null {
  const user = rows[0];
  if (!user?.id || !user.username || user.disabledAt) return null;
  const list: MembershipView[] = rows.flatMap((r) =>
    r.organisationId && r.organisationName && r.organisationType && r.role
      ? [{ organisationId: r.organisationId, organisationName: r.organisationName, organisationType: r.organisationType as OrganisationType, role: r.role as MembershipRole }]
      : [],
  );
  const current = list.find((m) => m.organisationId === session.organisationId) ?? null;
  const organisationRole = current?.role ?? null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName ?? user.username,
    isInstanceAdmin: !!user.isInstanceAdmin,
    passwordChangeRequired: !!user.passwordChangeRequired,
    memberships: list,
    organisation: current ? { id: current.organisationId, name: current.organisationName, type: current.organisationType } : null,
    organisationRole,
    roles: activeRoles({ isInstanceAdmin: !!user.isInstanceAdmin, organisationRole }),
    mfaVerified: session.mfaVerified,
    session: { idHash: session.idHash, csrfToken: session.csrfToken },
  };
}

/** The same principal acting for another of her organisations (or none). */
export function actingFor(p: Principal, organisationId: string | null | undefined): Principal {
  const m = p.memberships.find((x) => x.organisationId === organisationId);
  const organisationRole = m?.role ?? null;
  return {
    ...p,
    organisation: m ? { id: m.organisationId, name: m.organisationName, type: m.organisationType } : null,
    organisationRole,
    roles: activeRoles({ isInstanceAdmin: p.isInstanceAdmin, organisationRole }),
  };
}
