import { eq } from 'drizzle-orm';
import type { MembershipRole, OrganisationType, Role } from '../../shared/domain.js';
import type { DbOrTx } from '../platform/db.js';
import { organisations } from '../modules/organisations/organisations.tables.js';
import { memberships, users } from './access.tables.js';
import { activeRoles } from './policy.js';
import type { SessionRow } from './sessions.js';

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

export async function loadMemberships(db: DbOrTx, userId: string): Promise<MembershipView[]> {
  const rows = await db
    .select({
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
      organisationType: organisations.type,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organisations.name);
  return rows as MembershipView[];
}

/** Builds the principal of a live session; null when the account is gone or disabled. */
export async function loadPrincipal(
  db: DbOrTx,
  session: Pick<SessionRow, 'userId' | 'organisationId' | 'mfaVerified' | 'idHash' | 'csrfToken'>,
): Promise<Principal | null> {
  const [user] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      isInstanceAdmin: users.isInstanceAdmin,
      passwordChangeRequired: users.passwordChangeRequired,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.id, session.userId));
  if (!user || user.disabledAt) return null;
  const list = await loadMemberships(db, user.id);
  const current = list.find((m) => m.organisationId === session.organisationId) ?? null;
  const organisationRole = current?.role ?? null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    isInstanceAdmin: user.isInstanceAdmin,
    passwordChangeRequired: user.passwordChangeRequired,
    memberships: list,
    organisation: current ? { id: current.organisationId, name: current.organisationName, type: current.organisationType } : null,
    organisationRole,
    roles: activeRoles({ isInstanceAdmin: user.isInstanceAdmin, organisationRole }),
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
