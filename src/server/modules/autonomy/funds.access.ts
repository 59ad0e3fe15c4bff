import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { fundedOrganisationTypes } from '../../../shared/autonomy.funds.api.js';
import type { MembershipRole } from '../../../shared/domain.js';
import type { Scope } from '../../access/scope.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import type { DbOrTx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { networkMembers, organisations } from '../organisations/index.js';
import { fundsAllocations, fundsApplications, fundsYears } from './funds.tables.js';

/**
 * Who sees and who manages a funds year (docs/autonomy.md, "Regional
 * funds"):
 * - the capofila: the head of the network's ente capofila, or its network
 *   coordinator — the whole year, and every write of the capofila;
 * - a partner: the staff of a CAV or shelter of the network (or of an
 *   organisation with an application or allocation in it) — its own
 *   application, allocation and rendicontazione only;
 * - anyone else: 404 (audited as denied).
 */

export interface FundsActor {
  userId: string;
  organisationId: string;
  role: MembershipRole | null;
  displayName: string;
  requestId: string;
}

export type YearRow = typeof fundsYears.$inferSelect;
export type FundsSide = 'capofila' | 'partner';

export function fundsActor(scope: Scope, requestId: string): FundsActor {
  const { organisation, isInstanceAdmin, organisationRole, userId, displayName } = scope.principal;
  if (!organisation || isInstanceAdmin) throw new AppError('organisation_required');
  return { userId, organisationId: organisation.id, role: (organisationRole ?? null) as MembershipRole | null, displayName, requestId };
}

const managerRoles: readonly string[] = ['organisation_head', 'network_coordinator'];

/** The networks whose funds she manages: her organisation is their capofila and she is its head or network coordinator. */
export async function managedNetworkIds(db: DbOrTx, actor: FundsActor): Promise<string[]> {
  if (!actor.role || !managerRoles.includes(actor.role)) return [];
  const rows = await db
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.organisationId, actor.organisationId), eq(networkMembers.isCapofila, true)));
  return rows.map((r) => r.id);
}

/** SQL: the years she may see (for the list). */
export function visibleYears(actor: FundsActor, managed: readonly string[]) {
  const member = sql`${fundsYears.networkId} in (select m.network_id from ${networkMembers} m join ${organisations} o on o.id = m.organisation_id
    where m.organisation_id = ${actor.organisationId} and o.type in (${sql.join(
      fundedOrganisationTypes.map((t) => sql`${t}`),
      sql`, `,
    )}))`;
  const own = sql`${fundsYears.id} in (select ${fundsApplications.yearId} from ${fundsApplications} where ${fundsApplications.organisationId} = ${actor.organisationId}
    union select ${fundsAllocations.yearId} from ${fundsAllocations} where ${fundsAllocations.organisationId} = ${actor.organisationId})`;
  return or(managed.length ? inArray(fundsYears.networkId, [...managed]) : undefined, member, own)!;
}

/** Her side of a year; null when she may not see it. */
export async function sideOf(db: DbOrTx, actor: FundsActor, row: YearRow): Promise<FundsSide | null> {
  if ((await managedNetworkIds(db, actor)).includes(row.networkId)) return 'capofila';
  const [hit] = await db.select({ id: fundsYears.id }).from(fundsYears).where(and(eq(fundsYears.id, row.id), visibleYears(actor, [])));
  return hit ? 'partner' : null;
}

/** The year and her side; 404 (audited as denied) when she may not see it. With `lock`, the row is held `for update`. */
export async function yearFor(db: DbOrTx, actor: FundsActor, id: string, lock = false): Promise<{ row: YearRow; side: FundsSide }> {
  const q = db.select().from(fundsYears).where(eq(fundsYears.id, id));
  const [row] = lock ? await q.for('update') : await q;
  const side = row ? await sideOf(db, actor, row) : null;
  if (!row || !side) throw resourceNotFound('funds_year', id);
  return { row, side };
}

/**
 * A refusal the policy could not make (her side of the year, or her role
 * within it: a partner managing, an operator submitting): 403, audited by
 * the funds routes' error hook as the guard audits its own (`access.denied`
 * naming the route and its action).
 */
export class SideForbidden extends AppError {
  constructor() {
    super('forbidden');
  }
}

export function requireCapofila(side: FundsSide): void {
  if (side !== 'capofila') throw new SideForbidden();
}
