import { and, eq, inArray, sql } from 'drizzle-orm';
import type { MatchListOut } from '../../../shared/shelters.requests.api.js';
import type { Scope } from '../../access/scope.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { actedBy, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, readHandle } from '../../platform/db.js';
import { type Candidate, rank } from './matching.js';
import { networksOf } from './requests.common.js';
import { ownRequest } from './requests.service.js';
import { shelterPlaces, shelterStructureNetworks, shelterStructures, shelterUnits } from './shelters.tables.js';

/**
 * Loads the matching's candidates: active structures serving one of the
 * requester's networks with at least one free place, with the free places
 * of each unit (full structures are left out: nothing to propose). The
 * columns are named one by one: the sealed address is never read here.
 */
export async function loadCandidates(db: DbOrTx, networkIds: readonly string[]): Promise<Candidate[]> {
  if (!networkIds.length) return [];
  const free = sql<number>`count(*) filter (where ${shelterPlaces.state} = 'libero')`.mapWith(Number);
  const rows = await db
    .select({
      id: shelterStructures.id,
      name: shelterStructures.name,
      level: shelterStructures.level,
      protectionLevel: shelterStructures.protectionLevel,
      provinceCode: shelterStructures.provinceCode,
      areaLat: shelterStructures.areaLat,
      areaLon: shelterStructures.areaLon,
      acceptsChildren: shelterStructures.acceptsChildren,
      maxChildren: shelterStructures.maxChildren,
      boysMaxAge: shelterStructures.boysMaxAge,
      petsAllowed: shelterStructures.petsAllowed,
      wheelchairAccessible: shelterStructures.wheelchairAccessible,
      languages: shelterStructures.languages,
      staffed24h: shelterStructures.staffed24h,
      unitId: shelterUnits.id,
      unitWheelchair: shelterUnits.wheelchairAccessible,
      free,
    })
    .from(shelterStructures)
    .innerJoin(shelterUnits, eq(shelterUnits.structureId, shelterStructures.id))
    .innerJoin(shelterPlaces, eq(shelterPlaces.unitId, shelterUnits.id))
    .where(
      and(
        eq(shelterStructures.active, true),
        sql`exists (select 1 from ${shelterStructureNetworks} where ${shelterStructureNetworks.structureId} = ${shelterStructures.id} and ${inArray(shelterStructureNetworks.networkId, [...networkIds])})`,
      ),
    )
    .groupBy(shelterStructures.id, shelterUnits.id)
    .having(sql`count(*) filter (where ${shelterPlaces.state} = 'libero') > 0`);
  const byId = new Map<string, Candidate & { units: Candidate['units'][number][] }>();
  for (const r of rows) {
    const { unitId, unitWheelchair, free: n, ...s } = r;
    const c = byId.get(s.id) ?? { ...s, units: [] };
    c.units.push({ id: unitId, wheelchairAccessible: unitWheelchair, free: n });
    byId.set(s.id, c);
  }
  return [...byId.values()];
}

/** The ranked structures for her organisation's request, each with its reasons (audited; another's request: 404). */
export async function matchRequest(ctx: AppContext, scope: Scope, id: string, requestId: string): Promise<MatchListOut> {
  const db = readHandle(ctx.database.db);
  const r = await ownRequest(db, scope, id);
  if (!r) throw resourceNotFound('placement_request', id);
  const row = r.row;
  const candidates = await loadCandidates(db, await networksOf(db, row.requestingOrganisationId));
  const items = rank(
    {
      adults: row.adults,
      children: row.children,
      level: row.level,
      wheelchair: row.wheelchair,
      pets: row.pets,
      languages: row.languages,
      criteria: row.criteria,
      avoid: row.avoidProvinceCode && row.avoidLat !== null && row.avoidLon !== null ? { provinceCode: row.avoidProvinceCode, lat: row.avoidLat, lon: row.avoidLon } : null,
      minDistanceKm: row.minDistanceKm,
    },
    candidates,
  );
  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.request.match', { type: 'placement_request', id }), purpose: `${items.length} structures` });
  return { items };
}
