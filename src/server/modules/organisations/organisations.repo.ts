import { and, count, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import type { OrganisationType } from '../../../shared/domain.js';
import type { Scope } from '../../access/scope.js';
import type { DbOrTx } from '../../platform/db.js';
import { type PageQuery, likePattern, pageOffset } from '../../platform/paging.js';
import { networkMembers, networks, organisations } from './organisations.tables.js';

export interface OrganisationRecord {
  id: string;
  name: string;
  type: OrganisationType;
  createdAt: Date;
  networks: { id: string; name: string }[];
}

/** Rows the scope may see: all for an instance admin, else the scope's organisations. */
function inScope(scope: Scope): SQL | undefined {
  if (scope.organisationIds === 'all') return undefined;
  return inArray(organisations.id, [...scope.organisationIds]);
}

async function withNetworks(db: DbOrTx, rows: Omit<OrganisationRecord, 'networks'>[]): Promise<OrganisationRecord[]> {
  if (!rows.length) return [];
  const links = await db
    .select({ organisationId: networkMembers.organisationId, id: networks.id, name: networks.name })
    .from(networkMembers)
    .innerJoin(networks, eq(networks.id, networkMembers.networkId))
    .where(inArray(networkMembers.organisationId, rows.map((r) => r.id)))
    .orderBy(networks.name);
  return rows.map((r) => ({
    ...r,
    networks: links.filter((l) => l.organisationId === r.id).map(({ id, name }) => ({ id, name })),
  }));
}

const columns = { id: organisations.id, name: organisations.name, type: organisations.type, createdAt: organisations.createdAt };

export async function listOrganisations(db: DbOrTx, scope: Scope, q: PageQuery & { q?: string | undefined }) {
  const where = and(inScope(scope), q.q ? ilike(organisations.name, likePattern(q.q)) : undefined);
  const rows = await db.select(columns).from(organisations).where(where).orderBy(organisations.name).limit(q.pageSize).offset(pageOffset(q));
  const [total] = await db.select({ n: count() }).from(organisations).where(where);
  return { items: await withNetworks(db, rows as Omit<OrganisationRecord, 'networks'>[]), total: total?.n ?? 0 };
}

export async function findOrganisation(db: DbOrTx, scope: Scope, id: string): Promise<OrganisationRecord | null> {
  const rows = await db.select(columns).from(organisations).where(and(eq(organisations.id, id), inScope(scope)));
  const [found] = await withNetworks(db, rows as Omit<OrganisationRecord, 'networks'>[]);
  return found ?? null;
}

export async function insertOrganisation(db: DbOrTx, input: { name: string; type: OrganisationType }) {
  const [row] = await db.insert(organisations).values(input).returning({ id: organisations.id });
  return row!.id;
}

export async function updateOrganisationRow(db: DbOrTx, id: string, input: { name?: string | undefined; type?: OrganisationType | undefined }) {
  await db.update(organisations).set({ ...input, updatedAt: new Date() }).where(eq(organisations.id, id));
}

/** Replaces the organisation's networks, keeping the capofila flag where the link stays. */
export async function setOrganisationNetworks(db: DbOrTx, organisationId: string, networkIds: string[]) {
  const current = await db.select().from(networkMembers).where(eq(networkMembers.organisationId, organisationId));
  const drop = current.filter((c) => !networkIds.includes(c.networkId)).map((c) => c.networkId);
  if (drop.length) {
    await db.delete(networkMembers).where(and(eq(networkMembers.organisationId, organisationId), inArray(networkMembers.networkId, drop)));
  }
  const add = networkIds.filter((id) => !current.some((c) => c.networkId === id));
  if (add.length) await db.insert(networkMembers).values(add.map((networkId) => ({ networkId, organisationId })));
}

export async function existingNetworkIds(db: DbOrTx, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.select({ id: networks.id }).from(networks).where(inArray(networks.id, ids));
  return rows.map((r) => r.id);
}

export async function listNetworks(db: DbOrTx, scope: Scope) {
  const visible =
    scope.organisationIds === 'all'
      ? undefined
      : inArray(
          networks.id,
          db
            .select({ id: networkMembers.networkId })
            .from(networkMembers)
            .where(inArray(networkMembers.organisationId, [...scope.organisationIds])),
        );
  const rows = await db.select().from(networks).where(visible).orderBy(networks.name);
  const capofila = rows.length
    ? await db
        .select({ networkId: networkMembers.networkId, organisationId: networkMembers.organisationId })
        .from(networkMembers)
        .where(and(inArray(networkMembers.networkId, rows.map((r) => r.id)), eq(networkMembers.isCapofila, true)))
    : [];
  return rows.map((n) => ({
    id: n.id,
    name: n.name,
    capofilaOrganisationId: capofila.find((c) => c.networkId === n.id)?.organisationId ?? null,
  }));
}

export async function insertNetwork(db: DbOrTx, input: { name: string; capofilaOrganisationId?: string | undefined }) {
  const [row] = await db.insert(networks).values({ name: input.name }).returning({ id: networks.id });
  if (input.capofilaOrganisationId) {
    await db.insert(networkMembers).values({ networkId: row!.id, organisationId: input.capofilaOrganisationId, isCapofila: true });
  }
  return row!.id;
}
