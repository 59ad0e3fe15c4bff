import { and, eq, inArray } from 'drizzle-orm';
import type { NotificationKind } from '../../../shared/notifications.api.js';
import { memberships } from '../../access/access.tables.js';
import type { Tx } from '../../platform/db.js';
import { notify } from '../notifications/index.js';
import { requestCodeParam } from './stays.notify.js';

/**
 * The notices of a placement's life (docs/shelters.md). A kind code, the
 * request's code (`requestCode`: random, the only name another organisation
 * may see) and at most a code parameter (a decline's reason): never the
 * request's need, a note, a structure's name or place, a case code. Raised in the transaction of the
 * change, so a notice exists only if the change committed.
 *
 * - the STRUCTURE's staff (head and operators of its organisation): a
 *   request was put to one of their structures, or taken back; the notice
 *   opens their proposals inbox;
 * - the REQUESTER's staff who may request placements: accepted, declined,
 *   the hold expired; the notice opens their requests.
 */
export type PlacementEvent = 'received' | 'withdrawn' | 'accepted' | 'declined' | 'expired';

export interface PlacementNotice {
  proposalId: string;
  requestId: string;
  code: string;
  structureOrganisationId: string;
  requesterOrganisationId: string;
}

const KIND: Record<PlacementEvent, NotificationKind> = {
  received: 'shelter_proposal_received',
  withdrawn: 'shelter_proposal_withdrawn',
  accepted: 'shelter_proposal_accepted',
  declined: 'shelter_proposal_declined',
  expired: 'shelter_hold_expired',
};
const TO_STRUCTURE: readonly PlacementEvent[] = ['received', 'withdrawn'];

/** Who hears on each side: the roles the policy lets act on it (shelter.stay.write, shelter.request.write). */
const STRUCTURE_ROLES = ['organisation_head', 'operator'] as const;
const REQUESTER_ROLES = ['organisation_head', 'operator', 'social_worker', 'network_coordinator'] as const;

async function staffOf(tx: Tx, organisationId: string, roles: readonly string[]): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), inArray(memberships.role, [...roles] as (typeof memberships.role._.data)[])));
  return rows.map((r) => r.userId);
}

/** Tells the side concerned of `event`, in `tx`; who did it is not told. Answers how many notifications were raised. */
export async function notifyPlacement(tx: Tx, event: PlacementEvent, p: PlacementNotice, actorUserId?: string, params: Record<string, string> = {}): Promise<number> {
  const toStructure = TO_STRUCTURE.includes(event);
  const organisationId = toStructure ? p.structureOrganisationId : p.requesterOrganisationId;
  const people = await staffOf(tx, organisationId, toStructure ? STRUCTURE_ROLES : REQUESTER_ROLES);
  const target = { type: 'shelter' as const, box: toStructure ? ('proposte' as const) : ('richieste' as const) };
  const ids = await notify(tx, { recipients: { people, organisationId }, kind: KIND[event], target, params: { ...params, ...requestCodeParam(p.code) }, ...(actorUserId ? { actorUserId } : {}) });
  return ids.length;
}
