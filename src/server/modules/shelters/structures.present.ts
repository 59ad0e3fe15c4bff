import { asc, eq, sql } from 'drizzle-orm';
import type { PlaceState } from '../../../shared/shelters.js';
import type { PlaceCounts, StructureListItem, StructureOut, UnitOut } from '../../../shared/shelters.structures.api.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db.js';
import { comuni } from '../directory/index.js';
import { networkMembers, networks } from '../organisations/index.js';
import { openAddress } from './structures.address.js';
import { shelterPlaces, shelterStructureNetworks, shelterStructures, shelterUnits } from './shelters.tables.js';

/**
 * What the structures' answers show (explicit fields, never a raw row). The
 * opened address appears only in `presentStructure`, which only the
 * service's own-staff paths call.
 */

/** Who acts on a structure: her organisation (the owner, or nothing is hers), whether she may manage, the request. */
export interface StructureActor {
  userId: string | null;
  organisationId: string;
  /** The head (shelter.structure.manage): the service refuses writes without it. */
  manage: boolean;
  requestId: string | null;
}

// The provinces' names come with the comuni (reference data loaded by migration, the same on every server):
// read once per database and kept, so that neither the board nor a structure's page joins 7,900 comuni.
const provinceCache = new WeakMap<object, Promise<Map<string, string>>>();

/** Province code → name (cached per application context). */
export function provinceNames(ctx: AppContext): Promise<Map<string, string>> {
  let names = provinceCache.get(ctx);
  if (!names) {
    names = ctx.database.db
      .selectDistinct({ code: comuni.provinceCode, name: comuni.provinceName })
      .from(comuni)
      .then((rows) => new Map(rows.map((r) => [r.code, r.name])));
    // A failed read is not kept: the next request tries again.
    names.catch(() => provinceCache.delete(ctx));
    provinceCache.set(ctx, names);
  }
  return names;
}

export const province = (names: Map<string, string>, code: string) => ({ code, name: names.get(code) ?? code });

export const emptyCounts = (): PlaceCounts => ({ libero: 0, trattenuto: 0, occupato: 0, fuori_servizio: 0 });

/** SQL: how many of the structure's places are in a state (the board index covers it). */
const countIn = (state: PlaceState) => sql<number>`count(${shelterPlaces.id}) filter (where ${shelterPlaces.state} = ${state})`.mapWith(Number);

/** Her organisation's structures, each with its places counted per state, by name. */
export async function selectStructureList(ctx: AppContext, db: DbOrTx, organisationId: string): Promise<StructureListItem[]> {
  const rows = await db
    .select({
      id: shelterStructures.id,
      version: shelterStructures.version,
      name: shelterStructures.name,
      level: shelterStructures.level,
      active: shelterStructures.active,
      provinceCode: shelterStructures.provinceCode,
      libero: countIn('libero'),
      trattenuto: countIn('trattenuto'),
      occupato: countIn('occupato'),
      fuori_servizio: countIn('fuori_servizio'),
    })
    .from(shelterStructures)
    .leftJoin(shelterPlaces, eq(shelterPlaces.structureId, shelterStructures.id))
    .where(eq(shelterStructures.organisationId, organisationId))
    .groupBy(shelterStructures.id)
    .orderBy(asc(shelterStructures.name), asc(shelterStructures.id));
  const names = await provinceNames(ctx);
  return rows.map(({ provinceCode, libero, trattenuto, occupato, fuori_servizio, ...r }) => ({
    ...r,
    province: province(names, provinceCode),
    counts: { libero, trattenuto, occupato, fuori_servizio },
  }));
}

export type StructureRow = typeof shelterStructures.$inferSelect;

/**
 * One structure in full for its own staff: the address opened, the comune
 * named, the networks served and those it may serve, units and places by
 * label. The caller has checked that the structure is the actor's.
 */
export async function presentStructure(ctx: AppContext, db: DbOrTx, row: StructureRow, actor: StructureActor): Promise<StructureOut> {
  const address = await openAddress(ctx.crypto, db, row.id, row.addressSealed);
  const [served, options, unitRows, placeRows, comune, names] = await Promise.all([
    db
      .select({ id: networks.id, name: networks.name })
      .from(shelterStructureNetworks)
      .innerJoin(networks, eq(networks.id, shelterStructureNetworks.networkId))
      .where(eq(shelterStructureNetworks.structureId, row.id))
      .orderBy(asc(networks.name)),
    db
      .select({ id: networks.id, name: networks.name })
      .from(networkMembers)
      .innerJoin(networks, eq(networks.id, networkMembers.networkId))
      .where(eq(networkMembers.organisationId, row.organisationId))
      .orderBy(asc(networks.name)),
    db.select().from(shelterUnits).where(eq(shelterUnits.structureId, row.id)).orderBy(asc(shelterUnits.label)),
    db
      .select({ id: shelterPlaces.id, unitId: shelterPlaces.unitId, version: shelterPlaces.version, label: shelterPlaces.label, state: shelterPlaces.state })
      .from(shelterPlaces)
      .where(eq(shelterPlaces.structureId, row.id))
      .orderBy(asc(shelterPlaces.label)),
    db.select({ name: comuni.name }).from(comuni).where(eq(comuni.istatCode, address.comuneIstat)),
    provinceNames(ctx),
  ]);
  const counts = emptyCounts();
  const units = new Map<string, UnitOut>(
    unitRows.map((u) => [u.id, { id: u.id, version: u.version, label: u.label, wheelchairAccessible: u.wheelchairAccessible, places: [] }]),
  );
  for (const p of placeRows) {
    counts[p.state] += 1;
    // Only the state: which proposal holds a place, or whose stay occupies it, is the holds' and stays' business.
    units.get(p.unitId)?.places.push({ id: p.id, version: p.version, label: p.label, state: p.state });
  }
  const busy = counts.trattenuto + counts.occupato > 0;
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    level: row.level,
    active: row.active,
    acceptsChildren: row.acceptsChildren,
    maxChildren: row.maxChildren,
    boysMaxAge: row.boysMaxAge,
    petsAllowed: row.petsAllowed,
    wheelchairAccessible: row.wheelchairAccessible,
    languages: row.languages,
    staffed24h: row.staffed24h,
    protectionLevel: row.protectionLevel,
    dailyFeeCents: row.dailyFeeCents,
    contributionCents: row.contributionCents,
    address,
    comuneName: comune[0]?.name ?? null,
    province: province(names, row.provinceCode),
    networks: served,
    networkOptions: options,
    counts,
    units: [...units.values()],
    acts: { manage: actor.manage, deactivate: actor.manage && row.active && !busy },
  };
}
