import { and, asc, count, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { comuni, networkComuni, sportelli } from './directory.tables.js';
import { NOTHING, type Viewer, visibleSportelli } from './directory.viewer.js';

/**
 * Networks as the directory shows them: territory (comuni), capofila and
 * 1522 referent. A member sees the networks her organisation belongs to;
 * the instance admin all of them.
 */

function visibleNetworks(v: Viewer): SQL | undefined {
  if (v.scope.organisationIds === 'all') return undefined;
  return v.networks.length ? inArray(networks.id, [...v.networks]) : NOTHING;
}

export interface NetworkSummary {
  id: string;
  name: string;
  externalId: string | null;
  capofila: { id: string; name: string } | null;
  comuniCount: number;
  referent: { id: string; name: string } | null;
  version: number;
}

async function summaries(db: DbOrTx, v: Viewer, where: SQL | undefined): Promise<NetworkSummary[]> {
  const rows = await db
    .select({
      id: networks.id,
      name: networks.name,
      externalId: networks.externalId,
      version: networks.version,
      referentId: sportelli.id,
      referentName: sportelli.name,
    })
    .from(networks)
    // The referent only when the viewer may see it (a secret one never shows).
    .leftJoin(sportelli, and(eq(sportelli.id, networks.referentSportelloId), visibleSportelli(v)))
    .where(and(visibleNetworks(v), where))
    .orderBy(asc(networks.name));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const capofila = await db
    .select({ networkId: networkMembers.networkId, id: organisations.id, name: organisations.name })
    .from(networkMembers)
    .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
    .where(and(inArray(networkMembers.networkId, ids), eq(networkMembers.isCapofila, true)));
  const counts = await db
    .select({ networkId: networkComuni.networkId, n: count() })
    .from(networkComuni)
    .where(inArray(networkComuni.networkId, ids))
    .groupBy(networkComuni.networkId);
  return rows.map((r) => {
    const lead = capofila.find((c) => c.networkId === r.id);
    return {
      id: r.id,
      name: r.name,
      externalId: r.externalId,
      capofila: lead ? { id: lead.id, name: lead.name } : null,
      comuniCount: counts.find((c) => c.networkId === r.id)?.n ?? 0,
      referent: r.referentId && r.referentName ? { id: r.referentId, name: r.referentName } : null,
      version: r.version,
    };
  });
}

export const listNetworks = (db: DbOrTx, v: Viewer) => summaries(db, v, undefined);

export async function findNetwork(db: DbOrTx, v: Viewer, id: string) {
  const [summary] = await summaries(db, v, eq(networks.id, id));
  if (!summary) return null;
  const list = await db
    .select({ istatCode: comuni.istatCode, name: comuni.name, provinceSigla: comuni.provinceSigla, overrideId: sportelli.id, overrideName: sportelli.name })
    .from(networkComuni)
    .innerJoin(comuni, eq(comuni.istatCode, networkComuni.istatCode))
    .leftJoin(sportelli, and(eq(sportelli.id, networkComuni.referentSportelloId), visibleSportelli(v)))
    .where(eq(networkComuni.networkId, id))
    .orderBy(asc(comuni.name), asc(comuni.istatCode));
  return {
    ...summary,
    comuni: list.map((c) => ({
      istatCode: c.istatCode,
      name: c.name,
      provinceSigla: c.provinceSigla,
      referentOverride: c.overrideId && c.overrideName ? { id: c.overrideId, name: c.overrideName } : null,
    })),
  };
}

/** The network as it is stored, for a write: locked; only a network she coordinates (the admin: any). */
export async function findManagedNetwork(db: DbOrTx, v: Viewer, id: string) {
  const led = v.scope.organisationIds === 'all' ? undefined : v.ledNetworks.length ? inArray(networks.id, [...v.ledNetworks]) : NOTHING;
  const [row] = await db.select().from(networks).where(and(eq(networks.id, id), led)).for('update');
  if (!row) return null;
  const territory = await db
    .select({ comune: networkComuni.istatCode, sportelloId: networkComuni.referentSportelloId })
    .from(networkComuni)
    .where(eq(networkComuni.networkId, id))
    .orderBy(asc(networkComuni.istatCode));
  return { ...row, territory };
}

export async function existingComuni(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db.select({ istatCode: comuni.istatCode }).from(comuni).where(inArray(comuni.istatCode, codes));
  return new Set(rows.map((r) => r.istatCode));
}

/** Comuni among these already covered by another network (a comune belongs to one network at most). */
export async function comuniTakenElsewhere(db: DbOrTx, networkId: string, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db
    .select({ istatCode: networkComuni.istatCode })
    .from(networkComuni)
    .where(and(inArray(networkComuni.istatCode, codes), ne(networkComuni.networkId, networkId)));
  return new Set(rows.map((r) => r.istatCode));
}

/**
 * Of these sportelli, those that may be a 1522 referent of the network (not
 * secret, of one of its member organisations), each with its organisation's
 * type: whether it is a service that takes calls is the caller's rule.
 */
export async function referentCandidates(db: DbOrTx, networkId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: sportelli.id, type: organisations.type })
    .from(sportelli)
    .innerJoin(networkMembers, and(eq(networkMembers.organisationId, sportelli.organisationId), eq(networkMembers.networkId, networkId)))
    .innerJoin(organisations, eq(organisations.id, sportelli.organisationId))
    .where(and(inArray(sportelli.id, ids), ne(sportelli.visibility, 'secret')));
  return new Map(rows.map((r) => [r.id, r.type]));
}

/** Replaces the network's comuni and their per-comune referents. */
export async function replaceTerritory(db: DbOrTx, networkId: string, territory: { comune: string; sportelloId: string | null }[]) {
  await db.delete(networkComuni).where(eq(networkComuni.networkId, networkId));
  if (territory.length) {
    await db.insert(networkComuni).values(territory.map((t) => ({ networkId, istatCode: t.comune, referentSportelloId: t.sportelloId })));
  }
}

/** Writes name and referent when the version is still the one read; false otherwise. */
export async function updateNetworkRow(db: DbOrTx, id: string, version: number, values: { name: string; referentSportelloId: string | null }) {
  const done = await db
    .update(networks)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(networks.id, id), eq(networks.version, version)))
    .returning({ id: networks.id });
  return done.length === 1;
}
