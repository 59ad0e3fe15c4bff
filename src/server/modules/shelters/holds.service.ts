import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { writeAudit } from '../../audit/audit.writer.js';
import type { Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { placementProposals, placementRequests, shelterPlaces, shelterStructures, shelterUnits } from './shelters.tables.js';

/**
 * Holds on places (docs/shelters.md, "Holds"). A place's state is on its
 * row, so taking places is one conditional update that only changes rows
 * still `libero`: two proposals racing for the last place in a unit find
 * the row, one update takes it (the other skips the locked row or finds it
 * taken), and the loser holds nothing. Everything here runs in the
 * caller's transaction.
 */

/**
 * Holds `n` free places in ONE unit of the structure for the proposal
 * (a wheelchair-accessible unit, or one in an accessible structure, when
 * `wheelchair`). Units are tried from the tightest fit up, each in a
 * savepoint: a unit whose places were taken meanwhile holds nothing and
 * the next is tried. Returns the unit, or null when no unit could hold
 * `n` places now (the caller answers 409 `placement_no_place`).
 */
export async function holdPlaces(tx: Tx, structureId: string, proposalId: string, n: number, wheelchair: boolean): Promise<string | null> {
  // Read `for share`: a deactivation (which locks the row) and a hold cannot cross; an inactive structure holds nothing.
  const [structure] = await tx.select({ active: shelterStructures.active }).from(shelterStructures).where(eq(shelterStructures.id, structureId)).for('share');
  if (!structure?.active) return null;
  const accessible = wheelchair ? sql`and (${shelterUnits.wheelchairAccessible} or ${shelterStructures.wheelchairAccessible})` : sql``;
  const candidates = await tx.execute(sql`
    select ${shelterPlaces.unitId} as unit_id
    from ${shelterPlaces}
    join ${shelterUnits} on ${shelterUnits.id} = ${shelterPlaces.unitId}
    join ${shelterStructures} on ${shelterStructures.id} = ${shelterPlaces.structureId}
    where ${shelterPlaces.structureId} = ${structureId} and ${shelterPlaces.state} = 'libero' ${accessible}
    group by ${shelterPlaces.unitId}
    having count(*) >= ${n}
    order by count(*), ${shelterPlaces.unitId}`);
  for (const { unit_id: unitId } of rowsOf<{ unit_id: string }>(candidates)) {
    const held = await tx
      .transaction(async (sp) => {
        const taken = await sp.execute(sql`
          update ${shelterPlaces} set state = 'trattenuto', proposal_id = ${proposalId}, version = version + 1, updated_at = now()
          where state = 'libero' and id in (
            select id from ${shelterPlaces} where unit_id = ${unitId} and state = 'libero' order by label limit ${n} for update skip locked)
          returning id`);
        if (rowsOf(taken).length !== n) throw new Retry();
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof Retry) return false;
        throw error;
      });
    if (held) return unitId;
  }
  return null;
}

class Retry extends Error {}

/** Rows of a raw statement on either driver (pg's result has `.rows`; PGlite's too). */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Frees the places a proposal holds (none: nothing happens). Answers how many were freed. */
export async function releaseHold(tx: Tx, proposalId: string): Promise<number> {
  const freed = await tx
    .update(shelterPlaces)
    .set({ state: 'libero', proposalId: null, version: sql`${shelterPlaces.version} + 1`, updatedAt: new Date() })
    .where(and(eq(shelterPlaces.proposalId, proposalId), eq(shelterPlaces.state, 'trattenuto')))
    .returning({ id: shelterPlaces.id });
  return freed.length;
}

/**
 * Turns an accepted proposal's held places into places occupied by the
 * stay (the stays' admission calls it in its transaction): the proposal
 * becomes `ammessa`, its request `ammessa`. Refused (409) when the proposal
 * is not accepted or its hold expired, even if the job has not run yet.
 * Answers the unit the places are in.
 */
export async function occupyHeldPlaces(tx: Tx, proposalId: string, stayId: string, now = new Date()): Promise<string> {
  await tx.execute(sql`select 1 from ${placementRequests} where ${placementRequests.id} = (select ${placementProposals.requestId} from ${placementProposals} where ${placementProposals.id} = ${proposalId}) for update`);
  const [proposal] = await tx.select().from(placementProposals).where(eq(placementProposals.id, proposalId)).for('update');
  if (!proposal || proposal.state !== 'accettata') throw new AppError('proposal_not_pending');
  if (!proposal.holdExpiresAt || proposal.holdExpiresAt <= now) throw new AppError('hold_expired');
  const places = await tx
    .update(shelterPlaces)
    .set({ state: 'occupato', proposalId: null, stayId, version: sql`${shelterPlaces.version} + 1`, updatedAt: now })
    .where(and(eq(shelterPlaces.proposalId, proposalId), eq(shelterPlaces.state, 'trattenuto')))
    .returning({ unitId: shelterPlaces.unitId });
  if (!places.length) throw new AppError('hold_expired');
  await tx.update(placementProposals).set({ state: 'ammessa', version: proposal.version + 1 }).where(eq(placementProposals.id, proposalId));
  await tx
    .update(placementRequests)
    .set({ state: 'ammessa', version: sql`${placementRequests.version} + 1`, updatedAt: now })
    .where(eq(placementRequests.id, proposal.requestId));
  return places[0]!.unitId;
}

/**
 * Ends a hold that expired (the job): the places are freed, the proposal
 * `scaduta`, its request `aperta` again — once: a proposal no longer
 * accepted, or whose hold runs past `now`, is left alone. Audited without
 * a person. Answers the proposal's request when it expired it.
 */
export async function expireHold(tx: Tx, proposalId: string, now: Date): Promise<{ requestId: string } | null> {
  // The request first, then the proposal: the order every writer of both takes (no deadlock with a withdrawal).
  await tx.execute(sql`select 1 from ${placementRequests} where ${placementRequests.id} = (select ${placementProposals.requestId} from ${placementProposals} where ${placementProposals.id} = ${proposalId}) for update`);
  const [expired] = await tx
    .update(placementProposals)
    .set({ state: 'scaduta', decidedAt: now, version: sql`${placementProposals.version} + 1` })
    .where(and(eq(placementProposals.id, proposalId), eq(placementProposals.state, 'accettata'), lte(placementProposals.holdExpiresAt, now)))
    .returning({ requestId: placementProposals.requestId });
  if (!expired) return null;
  await releaseHold(tx, proposalId);
  await tx
    .update(placementRequests)
    .set({ state: 'aperta', version: sql`${placementRequests.version} + 1`, updatedAt: now })
    .where(and(eq(placementRequests.id, expired.requestId), inArray(placementRequests.state, ['accettata'])));
  await writeAudit(tx, { action: 'shelter.proposal.expire', outcome: 'success', resourceType: 'placement_proposal', resourceId: proposalId, purpose: `placement_request:${expired.requestId}` });
  return expired;
}
