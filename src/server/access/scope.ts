import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db.js';
import { networkMembers } from '../modules/organisations/index.js';
import type { Principal } from './principal.js';

const scopeBrand: unique symbol = Symbol('Scope');

/**
 * What a principal may see, built only here. Repositories take a Scope and
 * filter by it, so rows out of scope are simply absent (404, not 403).
 *
 * `organisationIds` bounds administrative records (organisations, accounts,
 * audit rows): 'all' for an instance admin; the organisations of the networks her
 * organisation leads (capofila) for a network coordinator; her own organisation otherwise. Case data will
 * get their own, narrower scope (assignment, consent): an instance admin has
 * none.
 */
export interface Scope {
  readonly [scopeBrand]: true;
  readonly principal: Principal;
  readonly organisationIds: 'all' | readonly string[];
}

export async function buildScope(db: DbOrTx, principal: Principal): Promise<Scope> {
  let organisationIds: Scope['organisationIds'] = [];
  if (principal.isInstanceAdmin) {
    organisationIds = 'all';
  } else if (principal.organisation && principal.organisationRole === 'network_coordinator') {
    const led = await db
      .select({ networkId: networkMembers.networkId })
      .from(networkMembers)
      .where(and(eq(networkMembers.organisationId, principal.organisation.id), eq(networkMembers.isCapofila, true)));
    const ids = led.map((n) => n.networkId);
    const members = ids.length
      ? await db.select({ id: networkMembers.organisationId }).from(networkMembers).where(inArray(networkMembers.networkId, ids))
      : [];
    organisationIds = [...new Set([principal.organisation.id, ...members.map((m) => m.id)])];
  } else if (principal.organisation) {
    organisationIds = [principal.organisation.id];
  }
  return { [scopeBrand]: true, principal, organisationIds };
}

/** True when the scope covers the organisation. */
export function scopeCovers(scope: Scope, organisationId: string | null): boolean {
  if (scope.organisationIds === 'all') return true;
  return organisationId !== null && scope.organisationIds.includes(organisationId);
}
