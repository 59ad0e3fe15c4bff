import { and, asc, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { OrganisationType } from '../../../shared/domain.js';
import type { AccessibilityFeature, AlboStatus, Closure, DirectoryService } from '../../../shared/directory.js';
import type { DbOrTx } from '../../platform/db.js';
import { type PageQuery, likePattern, pageOffset } from '../../platform/paging.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { networkComuni, sportelli } from './directory.tables.js';
import { countVisibleSportelli } from './directory.repo.js';
import { type Viewer, scopeCondition, sharingCondition } from './directory.viewer.js';

/**
 * Organisations as directory profiles. A member sees her own organisation
 * and those sharing a network with it; the instance admin all.
 */

/** A function: see the note on `columns` in directory.repo.ts (load order). */
const columns = () => ({
  id: organisations.id,
  name: organisations.name,
  type: organisations.type,
  externalId: organisations.externalId,
  legalName: organisations.legalName,
  alboStatus: organisations.alboStatus,
  alboDate: organisations.alboDate,
  email: organisations.email,
  phone: organisations.phone,
  website: organisations.website,
  services: organisations.services,
  languages: organisations.languages,
  accessibility: organisations.accessibility,
  lineLinkedEmergencyRoom: organisations.lineLinkedEmergencyRoom,
  lineLinkedPolice: organisations.lineLinkedPolice,
  womenOnlyStaff: organisations.womenOnlyStaff,
  version: organisations.version,
});
type ProfileRow = Awaited<ReturnType<typeof selectProfiles>>[number];

const selectProfiles = (db: DbOrTx, where: SQL | undefined) => db.select(columns()).from(organisations).where(where);

export interface ProfileQuery extends PageQuery {
  network?: string | undefined;
  type?: OrganisationType | undefined;
  q?: string | undefined;
}

async function present(db: DbOrTx, v: Viewer, rows: ProfileRow[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const links = await db
    .select({ organisationId: networkMembers.organisationId, id: networks.id, name: networks.name })
    .from(networkMembers)
    .innerJoin(networks, eq(networks.id, networkMembers.networkId))
    .where(inArray(networkMembers.organisationId, ids))
    .orderBy(asc(networks.name));
  const counts = await countVisibleSportelli(db, v, ids);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type as OrganisationType,
    externalId: r.externalId,
    legalName: r.legalName,
    albo: { status: r.alboStatus as AlboStatus | null, date: r.alboDate },
    email: r.email,
    phone: r.phone,
    website: r.website,
    services: r.services as DirectoryService[],
    languages: r.languages,
    accessibility: r.accessibility as AccessibilityFeature[],
    lineLinkedEmergencyRoom: r.lineLinkedEmergencyRoom,
    lineLinkedPolice: r.lineLinkedPolice,
    womenOnlyStaff: r.womenOnlyStaff,
    networks: links.filter((l) => l.organisationId === r.id).map(({ id, name }) => ({ id, name })),
    sportelliCount: counts.get(r.id) ?? 0,
    version: r.version,
  }));
}
export type Profile = Awaited<ReturnType<typeof present>>[number];

export async function listProfiles(db: DbOrTx, v: Viewer, q: ProfileQuery) {
  const where = and(
    sharingCondition(v, organisations.id),
    q.network
      ? inArray(organisations.id, db.select({ id: networkMembers.organisationId }).from(networkMembers).where(eq(networkMembers.networkId, q.network)))
      : undefined,
    q.type ? eq(organisations.type, q.type) : undefined,
    q.q ? or(ilike(organisations.name, likePattern(q.q)), ilike(organisations.legalName, likePattern(q.q))) : undefined,
  );
  const rows = await selectProfiles(db, where).orderBy(asc(organisations.name)).limit(q.pageSize).offset(pageOffset(q));
  const [total] = await db.select({ n: count() }).from(organisations).where(where);
  return { items: await present(db, v, rows), total: total?.n ?? 0 };
}

export async function findProfile(db: DbOrTx, v: Viewer, id: string): Promise<Profile | null> {
  const rows = await selectProfiles(db, and(eq(organisations.id, id), sharingCondition(v, organisations.id)));
  return (await present(db, v, rows))[0] ?? null;
}

/** The profile she may change (her scope), locked for the transaction. */
export async function findManagedProfile(db: DbOrTx, v: Viewer, id: string): Promise<ProfileRow | null> {
  const [row] = await selectProfiles(db, and(eq(organisations.id, id), scopeCondition(v, organisations.id))).for('update');
  return row ?? null;
}

export interface ProfileValues {
  legalName: string | null;
  alboStatus: AlboStatus | null;
  alboDate: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  services: string[];
  languages: string[];
  accessibility: string[];
  lineLinkedEmergencyRoom: boolean | null;
  lineLinkedPolice: boolean | null;
  womenOnlyStaff: boolean | null;
}

export async function updateProfile(db: DbOrTx, id: string, version: number, values: ProfileValues): Promise<boolean> {
  const done = await db
    .update(organisations)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(organisations.id, id), eq(organisations.version, version)))
    .returning({ id: organisations.id });
  return done.length === 1;
}

/**
 * What the minimum-standard check needs of each CAV in the viewer's scope:
 * the hours of ALL its sportelli, secret ones included (the standard counts
 * a shelter desk's hours too). Only hours, closures and whether a transfer
 * number exists leave this function — never a location, a number or a
 * secret sportello's identity.
 */
export async function cavStandardInputs(db: DbOrTx, v: Viewer, networkId: string | undefined) {
  const cavs = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      lineLinkedEmergencyRoom: organisations.lineLinkedEmergencyRoom,
      lineLinkedPolice: organisations.lineLinkedPolice,
      womenOnlyStaff: organisations.womenOnlyStaff,
    })
    .from(organisations)
    .where(
      and(
        eq(organisations.type, 'cav'),
        scopeCondition(v, organisations.id),
        networkId
          ? inArray(organisations.id, db.select({ id: networkMembers.organisationId }).from(networkMembers).where(eq(networkMembers.networkId, networkId)))
          : undefined,
      ),
    )
    .orderBy(asc(organisations.name));
  if (!cavs.length) return [];
  const rows = await db
    .select({
      id: sportelli.id,
      organisationId: sportelli.organisationId,
      openingHours: sportelli.openingHours,
      phoneHours: sportelli.phoneHours,
      h24: sportelli.h24,
      closures: sportelli.closures,
      transferPhone: sportelli.transferPhone,
    })
    .from(sportelli)
    .where(inArray(sportelli.organisationId, cavs.map((c) => c.id)));
  const ids = rows.map((r) => r.id);
  const referents = new Set<string>();
  if (ids.length) {
    for (const r of await db.select({ id: networks.referentSportelloId }).from(networks).where(inArray(networks.referentSportelloId, ids))) referents.add(r.id!);
    for (const r of await db.select({ id: networkComuni.referentSportelloId }).from(networkComuni).where(inArray(networkComuni.referentSportelloId, ids))) referents.add(r.id!);
  }
  return cavs.map(({ id, name, ...profile }) => ({
    organisation: { id, name },
    profile,
    sportelli: rows
      .filter((r) => r.organisationId === id)
      .map((r) => ({
        openingHours: r.openingHours,
        phoneHours: r.phoneHours,
        h24: r.h24,
        closures: r.closures as Closure[],
        transferPhone: r.transferPhone,
        isReferent: referents.has(r.id),
      })),
  }));
}
