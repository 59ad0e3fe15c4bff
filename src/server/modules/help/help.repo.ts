import { and, eq, inArray } from 'drizzle-orm';
import type { Closure } from '../../../shared/directory.js';
import type { DbOrTx } from '../../platform/db.js';
import { sportelli } from '../directory/index.js';

/**
 * Queries of the public "Trova aiuto" area. They read only public
 * sportelli, so they take no Scope. (The comuni search is the directory's.)
 */

/** The local closures of public sportelli (for their week of opening hours). */
export async function publicClosures(db: DbOrTx, ids: string[]): Promise<Map<string, Closure[]>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: sportelli.id, closures: sportelli.closures })
    .from(sportelli)
    .where(and(inArray(sportelli.id, ids), eq(sportelli.visibility, 'public')));
  return new Map(rows.map((r) => [r.id, r.closures]));
}
