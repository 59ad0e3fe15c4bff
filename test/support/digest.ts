import { createHash } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { apiTokens, memberships, users } from '../../src/server/access/access.tables.js';
import { directoryChanges, networkComuni, sportelli } from '../../src/server/modules/directory/index.js';
import { networkMembers, networks, organisations } from '../../src/server/modules/organisations/index.js';
import { callLog } from '../../src/server/modules/routing/index.js';
import type { Db } from '../../src/server/platform/db.js';

/**
 * A digest of the administrative and directory tables (accounts,
 * memberships, tokens, organisations, networks and their links, territory,
 * sportelli, directory history, call log): equal before and after a refused
 * request proves it changed nothing. Sessions and the audit log are left out
 * on purpose: a refusal is audited, and reading touches a session (and a
 * token's last use).
 */
export async function adminTablesDigest(db: Db): Promise<string> {
  const parts = await Promise.all([
    db.select().from(users).orderBy(asc(users.id)),
    db.select().from(memberships).orderBy(asc(memberships.userId), asc(memberships.organisationId)),
    db.select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt }).from(apiTokens).orderBy(asc(apiTokens.id)),
    db.select().from(organisations).orderBy(asc(organisations.id)),
    db.select().from(networks).orderBy(asc(networks.id)),
    db.select().from(networkMembers).orderBy(asc(networkMembers.networkId), asc(networkMembers.organisationId)),
    db.select().from(networkComuni).orderBy(asc(networkComuni.networkId), asc(networkComuni.istatCode)),
    db.select().from(sportelli).orderBy(asc(sportelli.id)),
    db.select().from(directoryChanges).orderBy(asc(directoryChanges.id)),
    db.select().from(callLog).orderBy(asc(callLog.id)),
  ]);
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
