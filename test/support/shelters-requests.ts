import { randomBytes, randomUUID } from 'node:crypto';
import type { MembershipRole } from '../../src/shared/domain.js';
import type { ProtectionLevel, StructureLevel } from '../../src/shared/shelters.js';
import { shelterPlaces, shelterStructures, shelterUnits } from '../../src/server/modules/shelters/index.js';
import { shelterStructureNetworks } from '../../src/server/modules/shelters/shelters.tables.js';
import { areaOfComune } from '../../src/server/modules/shelters/shelters.geo.js';
import type { TestApp } from './app.js';
import { COMUNI } from './directory.js';
import { createUser, createWorld } from './world.js';

/**
 * Structures, units and places for the placement tests, written directly
 * (plain inserts, the address a sealed dummy under the organisation's key):
 * the requests' tests do not depend on the structures' routes.
 */

export interface StructureOptions {
  networks: string[];
  name?: string;
  level?: StructureLevel;
  protectionLevel?: ProtectionLevel;
  /** Where it is (a comune of COMUNI): only its province and rounded centre are stored. */
  comune?: string;
  units?: { places: number; wheelchair?: boolean }[];
  acceptsChildren?: boolean;
  maxChildren?: number | null;
  boysMaxAge?: number | null;
  petsAllowed?: boolean;
  wheelchairAccessible?: boolean;
  languages?: string[];
  staffed24h?: boolean;
  active?: boolean;
}

export interface InsertedStructure {
  id: string;
  units: { id: string; places: string[] }[];
}

/** A structure of `organisationId` with its units of free places. */
export async function insertStructure(t: TestApp, organisationId: string, o: StructureOptions): Promise<InsertedStructure> {
  const id = randomUUID();
  const area = (await areaOfComune(t.db, o.comune ?? COMUNI.bergamo))!;
  const addressSealed = await t.ctx.crypto.encrypt(t.db, organisationId, JSON.stringify({ street: 'Via di Prova 1', comuneIstat: o.comune ?? COMUNI.bergamo, postcode: '00000' }), `shelter.address:${id}`);
  await t.db.insert(shelterStructures).values({
    id,
    organisationId,
    name: o.name ?? `Struttura ${randomBytes(3).toString('hex')}`,
    level: o.level ?? 'casa_rifugio',
    addressSealed,
    provinceCode: area.provinceCode,
    areaLat: area.lat,
    areaLon: area.lon,
    acceptsChildren: o.acceptsChildren ?? true,
    maxChildren: o.maxChildren ?? null,
    boysMaxAge: o.boysMaxAge ?? null,
    petsAllowed: o.petsAllowed ?? false,
    wheelchairAccessible: o.wheelchairAccessible ?? false,
    languages: o.languages ?? [],
    staffed24h: o.staffed24h ?? false,
    protectionLevel: o.protectionLevel ?? 'alta',
    active: o.active ?? true,
  });
  if (o.networks.length) await t.db.insert(shelterStructureNetworks).values(o.networks.map((networkId) => ({ structureId: id, networkId })));
  const units: InsertedStructure['units'] = [];
  for (const [i, u] of (o.units ?? [{ places: 2 }]).entries()) {
    const unitId = randomUUID();
    await t.db.insert(shelterUnits).values({ id: unitId, structureId: id, label: `U${i + 1}`, wheelchairAccessible: u.wheelchair ?? false });
    const places = Array.from({ length: u.places }, () => randomUUID());
    if (places.length) await t.db.insert(shelterPlaces).values(places.map((pid, k) => ({ id: pid, unitId, structureId: id, label: String(k + 1) })));
    units.push({ id: unitId, places });
  }
  return { id, units };
}

/** createWorld plus the shelter's head and operator (the casa rifugio of the network). */
export async function createPlacementWorld(t: TestApp) {
  const w = await createWorld(t);
  const member = (organisationId: string, role: MembershipRole) => ({ memberships: [{ organisationId, role }] });
  return {
    ...w,
    users: {
      ...w.users,
      shelterHead: await createUser(t, member(w.orgs.shelter, 'organisation_head')),
      shelterOperator: await createUser(t, member(w.orgs.shelter, 'operator')),
    },
  };
}
export type PlacementWorld = Awaited<ReturnType<typeof createPlacementWorld>>;

/** A minimal valid request body. */
export const requestBody = (over: Record<string, unknown> = {}) => ({ urgency: 'urgente', adults: 1, children: [], ...over });
