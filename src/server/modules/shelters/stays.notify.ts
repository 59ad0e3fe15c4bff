import { and, eq, inArray, sql } from 'drizzle-orm';
import { notificationParamValue } from '../../../shared/notifications.api.js';
import type { NotificationKind } from '../../../shared/notifications.api.js';
import { stayReference } from '../../../shared/shelters.js';
import { memberships } from '../../access/access.tables.js';
import type { Tx } from '../../platform/db.js';
import { notify } from '../notifications/index.js';
import { networkMembers } from '../organisations/index.js';
import { placementRequests, shelterStays, shelterStructureNetworks } from './shelters.tables.js';

/**
 * The stays' notices (docs/shelters.md): a kind code, the reference that
 * says which one — the placement request's code (`requestCode`), or for an
 * emergency admission without a request the stay's reference
 * (`stayReference`) — and at most a code parameter, pointing to the
 * shelters' pages: never a case, a structure's name or address, a person.
 * Raised in the transaction of the change.
 *
 * Who hears: the competent social service's head and social workers (who
 * may decide); a structure's head and operators; the requesting
 * organisation's staff; the network coordinator(s) of the networks the
 * structure serves (the coordinator role in a capofila of such a network).
 */

const ROLES = {
  socialService: ['organisation_head', 'social_worker'],
  structure: ['organisation_head', 'operator'],
  requester: ['organisation_head', 'operator', 'social_worker', 'network_coordinator'],
} as const;

async function staff(tx: Tx, organisationId: string, roles: readonly string[]): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), inArray(memberships.role, [...roles] as (typeof memberships.$inferSelect)['role'][])));
  return rows.map((r) => r.userId);
}

/** The request's code as a notice's parameter (a code of another shape, e.g. a bench's, is left out rather than refused). */
export const requestCodeParam = (code: string | null | undefined): Record<string, string> => (code && notificationParamValue.test(code) ? { requestCode: code } : {});

/** Which stay a notice is about: its request's code, else (an emergency admission without request) its reference. */
export async function stayNoticeParams(tx: Tx, stayId: string): Promise<Record<string, string>> {
  const [row] = await tx.select({ code: placementRequests.code }).from(shelterStays).leftJoin(placementRequests, eq(placementRequests.id, shelterStays.requestId)).where(eq(shelterStays.id, stayId));
  const byRequest = requestCodeParam(row?.code);
  return Object.keys(byRequest).length ? byRequest : { stayReference: stayReference(stayId) };
}

/** Tells one organisation's staff of `roles`. */
export async function tellOrganisation(tx: Tx, organisationId: string, who: keyof typeof ROLES, kind: NotificationKind, params: Record<string, string> = {}, actorUserId?: string): Promise<number> {
  const people = await staff(tx, organisationId, ROLES[who]);
  const box = kind === 'shelter_authorisation_requested' || kind === 'shelter_authorisation_due' ? 'autorizzazioni' : 'permanenze';
  return (await notify(tx, { recipients: { people, organisationId }, kind, target: { type: 'shelter', box }, params, ...(actorUserId ? { actorUserId } : {}) })).length;
}

/** The network coordinator(s) of the networks the structure serves, each told as a member of her capofila. */
export async function tellCoordinators(tx: Tx, structureId: string, kind: NotificationKind, params: Record<string, string> = {}): Promise<number> {
  const rows = await tx
    .selectDistinct({ userId: memberships.userId, organisationId: memberships.organisationId })
    .from(memberships)
    .innerJoin(networkMembers, and(eq(networkMembers.organisationId, memberships.organisationId), eq(networkMembers.isCapofila, true)))
    .innerJoin(shelterStructureNetworks, eq(shelterStructureNetworks.networkId, networkMembers.networkId))
    .where(and(eq(shelterStructureNetworks.structureId, structureId), eq(memberships.role, 'network_coordinator')));
  let n = 0;
  const byOrg = new Map<string, string[]>();
  for (const r of rows) byOrg.set(r.organisationId, [...(byOrg.get(r.organisationId) ?? []), r.userId]);
  for (const [organisationId, people] of byOrg) {
    n += (await notify(tx, { recipients: { people, organisationId }, kind, target: { type: 'shelter', box: 'permanenze' }, params })).length;
  }
  return n;
}

/** SQL: the structures serving a network her organisation leads (a coordinator's view). */
export const ledStructures = (organisationId: string) =>
  sql`(select sn.structure_id from ${shelterStructureNetworks} sn join ${networkMembers} nm on nm.network_id = sn.network_id and nm.is_capofila where nm.organisation_id = ${organisationId})`;
