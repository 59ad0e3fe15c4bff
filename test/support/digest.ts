import { createHash } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { memberships, users } from '../../src/server/access/access.tables.js';
import { networkMembers, networks, organisations } from '../../src/server/modules/organisations/index.js';
import type { Db } from '../../src/server/platform/db.js';

/**
 * A digest of the administrative tables (accounts, memberships,
 * organisations, networks and their links): equal before and after a
 * refused request proves it changed nothing. Sessions and the audit log are
 * left out on purpose: a refusal is audited, and reading touches a session.
 */
export async function adminTablesDigest(db: Db): Promise<string> {
  const parts = await Promise.all([
    db.select().from(users).orderBy(asc(users.id)),
    db.select().from(memberships).orderBy(asc(memberships.userId), asc(memberships.organisationId)),
    db.select().from(organisations).orderBy(asc(organisations.id)),
    db.select().from(networks).orderBy(asc(networks.id)),
    db.select().from(networkMembers).orderBy(asc(networkMembers.networkId), asc(networkMembers.organisationId)),
  ]);
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
