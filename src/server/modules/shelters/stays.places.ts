import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { shelterPlaces, shelterUnits } from './shelters.tables.js';

/**
 * The place updates a stay makes (docs/shelters.md, "Stays"). Each is one
 * conditional update on the places' own state, so two admissions racing for
 * the same beds find them in the state they need once: the second changes
 * fewer rows than it needs and its transaction is rolled back (no double
 * booking). Places an accepted proposal holds become a stay's through the
 * holds' own `occupyHeldPlaces` (holds.service.ts).
 */

/**
 * Takes `n` free places of one unit for the stay, in one statement: the
 * rows are locked (SKIP LOCKED: a racing admission takes other rows, or
 * none) and changed only while still `libero`. Fewer than `n`: 409, and
 * the caller's transaction rolls back what was taken.
 */
export async function takeFree(tx: Tx, unitId: string, n: number, stayId: string): Promise<void> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    update ${shelterPlaces} set state = 'occupato', stay_id = ${stayId}, version = version + 1, updated_at = now()
    where id in (
      select id from ${shelterPlaces} where unit_id = ${unitId} and state = 'libero' order by label limit ${n} for update skip locked
    ) and state = 'libero'
    returning id`);
  if (rows.length < n) throw new AppError('stay_no_free_place');
}

/** A unit of the structure with at least `n` free places (the given one, or the one with the fewest that suffice). */
export async function unitWithRoom(tx: Tx, structureId: string, n: number, unitId?: string): Promise<string> {
  const rows = await tx
    .select({ unitId: shelterUnits.id, free: count(shelterPlaces.id) })
    .from(shelterUnits)
    .leftJoin(shelterPlaces, and(eq(shelterPlaces.unitId, shelterUnits.id), eq(shelterPlaces.state, 'libero')))
    .where(and(eq(shelterUnits.structureId, structureId), unitId ? eq(shelterUnits.id, unitId) : undefined))
    .groupBy(shelterUnits.id)
    .orderBy(asc(count(shelterPlaces.id)), asc(shelterUnits.label));
  if (unitId && !rows.length) throw new AppError('not_found');
  const fit = rows.find((r) => r.free >= n);
  if (!fit) throw new AppError('stay_no_free_place');
  return fit.unitId;
}

/** The stay's places are free again (its exit). */
export async function freeStayPlaces(tx: Tx, stayId: string): Promise<number> {
  const rows = await tx
    .update(shelterPlaces)
    .set({ state: 'libero', stayId: null, version: sql`${shelterPlaces.version} + 1`, updatedAt: new Date() })
    .where(and(eq(shelterPlaces.stayId, stayId), eq(shelterPlaces.state, 'occupato')))
    .returning({ id: shelterPlaces.id });
  return rows.length;
}
