import { and, count, eq, exists, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { MembershipRole, OrganisationType } from '../../../shared/domain.js';
import { memberships, users } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import type { DbOrTx } from '../../platform/db.js';
import { type PageQuery, likePattern, pageOffset } from '../../platform/paging.js';
import { organisations } from '../organisations/index.js';

/**
 * Accounts the scope may see: every account for an instance admin; otherwise
 * the accounts holding a membership in one of the scope's organisations.
 * For this module the scope is the principal's own organisation (a network
 * coordinator does not manage other organisations' staff).
 */
function inScope(db: DbOrTx, scope: Scope, organisationIds = visibleOrganisations(scope)): SQL | undefined {
  if (organisationIds === 'all') return undefined;
  return exists(
    db
      .select({ one: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.userId, users.id), inArray(memberships.organisationId, [...organisationIds]))),
  );
}

export function visibleOrganisations(scope: Scope): 'all' | string[] {
  if (scope.organisationIds === 'all') return 'all';
  return scope.principal.organisation ? [scope.principal.organisation.id] : [];
}

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  isInstanceAdmin: users.isInstanceAdmin,
  disabledAt: users.disabledAt,
  totpSecret: users.totpSecret,
  createdAt: users.createdAt,
};

type Row = Pick<typeof users.$inferSelect, keyof typeof columns>;

async function withMemberships(db: DbOrTx, scope: Scope, rows: Row[]) {
  if (!rows.length) return [];
  const visible = visibleOrganisations(scope);
  const links = await db
    .select({
      userId: memberships.userId,
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
      organisationType: organisations.type,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(inArray(memberships.userId, rows.map((r) => r.id)), visible === 'all' ? undefined : inArray(memberships.organisationId, visible)))
    .orderBy(organisations.name);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    isInstanceAdmin: r.isInstanceAdmin,
    disabled: r.disabledAt !== null,
    mfaEnrolled: r.totpSecret !== null,
    createdAt: r.createdAt,
    // Only the memberships she may see: a head does not learn where else a colleague works.
    memberships: links
      .filter((l) => l.userId === r.id)
      .map(({ organisationId, organisationName, organisationType, role }) => ({
        organisationId,
        organisationName,
        organisationType: organisationType as OrganisationType,
        role: role as MembershipRole,
      })),
  }));
}

export type AccountRecord = Awaited<ReturnType<typeof withMemberships>>[number];

export async function listAccounts(db: DbOrTx, scope: Scope, q: PageQuery & { q?: string | undefined; organisationId?: string | undefined }) {
  const visible = visibleOrganisations(scope);
  // The filter narrows the scope, never widens or probes it: an organisation
  // she may not see gives an empty list (not "her colleagues who also work there").
  const filter = q.organisationId && (visible === 'all' || visible.includes(q.organisationId)) ? [q.organisationId] : [];
  const where = and(
    inScope(db, scope),
    q.q ? or(ilike(users.username, likePattern(q.q)), ilike(users.displayName, likePattern(q.q))) : undefined,
    q.organisationId ? inScope(db, scope, filter) : undefined,
  );
  const rows = await db.select(columns).from(users).where(where).orderBy(users.displayName).limit(q.pageSize).offset(pageOffset(q));
  const [total] = await db.select({ n: count() }).from(users).where(where);
  return { items: await withMemberships(db, scope, rows), total: total?.n ?? 0 };
}

export async function findAccount(db: DbOrTx, scope: Scope, id: string): Promise<AccountRecord | null> {
  const rows = await db.select(columns).from(users).where(and(eq(users.id, id), inScope(db, scope)));
  const [found] = await withMemberships(db, scope, rows);
  return found ?? null;
}

/**
 * True when every membership of the account lies inside the scope (so she may
 * disable it or reset its factor). An instance admin's account is never
 * inside an organisation's scope: a head may not lock out the administrator
 * who happens to work in her organisation too.
 */
export async function isWhollyInScope(db: DbOrTx, scope: Scope, userId: string): Promise<boolean> {
  const visible = visibleOrganisations(scope);
  if (visible === 'all') return true;
  const [account] = await db.select({ isInstanceAdmin: users.isInstanceAdmin }).from(users).where(eq(users.id, userId));
  if (!account || account.isInstanceAdmin) return false;
  const rows = await db.select({ organisationId: memberships.organisationId }).from(memberships).where(eq(memberships.userId, userId));
  return rows.every((r) => visible.includes(r.organisationId));
}
