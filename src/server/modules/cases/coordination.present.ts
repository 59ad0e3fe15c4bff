import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { organisations } from '../organisations/index.js';
import type { CaseAccess } from './cases.access.js';

/**
 * Who coordinates the case, as the case's page shows it to whoever holds
 * it: the owner (since null) unless the choke point found coordination
 * handed to another organisation on a live consent. Its name is read only
 * then (one statement more for a coordinated case, none otherwise).
 */
export async function coordinationOf(db: DbOrTx, access: CaseAccess, owner: { id: string; name: string }) {
  const held = access.coordination;
  if (!held) return { organisation: owner, since: null };
  const [named] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, held.organisationId));
  return { organisation: named ?? { id: held.organisationId, name: '' }, since: held.since };
}
