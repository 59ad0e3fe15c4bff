import { type SQL, sql } from 'drizzle-orm';
import { type ProtectionLevel, type StructureLevel, distanceBands } from '../../../shared/shelters.js';
import type { BoardOut, BoardQuery } from '../../../shared/shelters.structures.api.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import { readHandle } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { networkMembers } from '../organisations/index.js';
import { province, provinceNames } from './structures.present.js';
import { type Area, areaDistanceKm, areaOfComune, distanceBand } from './shelters.geo.js';
import { REQUESTING_ORGANISATION_TYPES } from './shelters.policy.js';
import { shelterPlaces, shelterStructureNetworks, shelterStructures } from './shelters.tables.js';

/**
 * The vacancy board (docs/shelters.md, "The vacancy board"): for the
 * organisation she acts for, the active structures that serve one of its
 * networks, each with its features and its free places counted — in all,
 * in its fullest-free unit, per unit. Never an address, a comune, a held
 * or occupied place's holder: counts only.
 *
 * One statement: the structures in reach, filtered by their plain
 * columns, then their places counted per unit and per structure in one
 * aggregate that reads only `shelter_places_board_idx` (structure, state,
 * unit). The provinces' names come from memory; an `area` costs one
 * primary-key read of the comune, never stored.
 *
 * Not audited: the board shows no person and no address, only how many
 * places the network's structures have free now, which every member of
 * the network may know; it is read often, and a row per read would drown
 * the log (the same reasoning as the bell's count, docs/security.md).
 */

interface BoardRow extends Record<string, unknown> {
  id: string;
  name: string;
  level: StructureLevel;
  province_code: string;
  area_lat: number;
  area_lon: number;
  accepts_children: boolean;
  max_children: number | null;
  boys_max_age: number | null;
  pets_allowed: boolean;
  wheelchair_accessible: boolean;
  languages: string[];
  staffed_24h: boolean;
  protection_level: ProtectionLevel;
  free: number;
  capacity: number;
  largest: number;
  units_free: number[];
}

/** The organisation she acts for, when it may read the board (the policy says the same; an instance admin never). */
function readingOrganisation(scope: Scope): string {
  const { organisation, isInstanceAdmin } = scope.principal;
  if (!organisation) throw new AppError('organisation_required');
  if (isInstanceAdmin || !(REQUESTING_ORGANISATION_TYPES as readonly string[]).includes(organisation.type)) throw new AppError('forbidden');
  return organisation.id;
}

export async function readBoard(ctx: AppContext, scope: Scope, q: BoardQuery): Promise<BoardOut> {
  const organisationId = readingOrganisation(scope);
  const db = readHandle(ctx.database.db);
  let area: Area | null = null;
  if (q.area) {
    area = await areaOfComune(db, q.area);
    if (!area) throw new AppError('validation_failed', { errors: [{ pointer: '/querystring/area', code: 'unknown_comune' }] });
  }
  const s = shelterStructures;
  const filters: SQL[] = [];
  if (q.level) filters.push(sql`and ${s.level} = ${q.level}`);
  if (q.province) filters.push(sql`and ${s.provinceCode} = ${q.province}`);
  if (q.wheelchair) filters.push(sql`and ${s.wheelchairAccessible}`);
  if (q.pets) filters.push(sql`and ${s.petsAllowed}`);
  if (q.children) filters.push(sql`and ${s.acceptsChildren}`);
  if (q.staffed24h) filters.push(sql`and ${s.staffed24h}`);
  if (q.language) filters.push(sql`and ${s.languages} @> jsonb_build_array(${q.language}::text)`);
  const household = q.household ? sql`and coalesce(a.largest, 0) >= ${q.household}` : sql``;
  // The structures in reach first (a few hundred at most), then one aggregate over their places — by unit,
  // then by structure — read from the board index alone: a count per structure in a lateral subquery
  // cost a hash aggregate per structure (16 ms of 21 for 160 structures on PGlite).
  const { rows } = await db.execute<BoardRow>(sql`
    with visible as (
      select ${s.id} as id from ${s}
       where ${s.active}
         and exists (select 1 from ${shelterStructureNetworks} sn
                       join ${networkMembers} nm on nm.network_id = sn.network_id
                      where sn.structure_id = ${s.id} and nm.organisation_id = ${organisationId})
         ${sql.join(filters, sql` `)}
    ),
    units as (
      select p.structure_id,
             count(*) filter (where p.state = 'libero')::int as free,
             count(*) filter (where p.state <> 'fuori_servizio')::int as capacity
        from ${shelterPlaces} p
       where p.structure_id in (select id from visible)
       group by p.structure_id, p.unit_id
    ),
    a as (
      select structure_id, sum(free)::int as free, sum(capacity)::int as capacity, max(free)::int as largest,
             coalesce(json_agg(free order by free desc) filter (where free > 0), '[]'::json) as units_free
        from units group by structure_id
    )
    select ${s.id} as id, ${s.name} as name, ${s.level} as level, ${s.provinceCode} as province_code,
           ${s.areaLat} as area_lat, ${s.areaLon} as area_lon, ${s.acceptsChildren} as accepts_children,
           ${s.maxChildren} as max_children, ${s.boysMaxAge} as boys_max_age, ${s.petsAllowed} as pets_allowed,
           ${s.wheelchairAccessible} as wheelchair_accessible, ${s.languages} as languages, ${s.staffed24h} as staffed_24h,
           ${s.protectionLevel} as protection_level,
           coalesce(a.free, 0) as free, coalesce(a.capacity, 0) as capacity, coalesce(a.largest, 0) as largest,
           coalesce(a.units_free, '[]'::json) as units_free
      from ${s}
      join visible v on v.id = ${s.id}
      left join a on a.structure_id = ${s.id}
     where true ${household}
     order by ${s.name}, ${s.id}`);
  const names = await provinceNames(ctx);
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    level: r.level,
    province: province(names, r.province_code),
    features: {
      acceptsChildren: r.accepts_children,
      maxChildren: r.max_children,
      boysMaxAge: r.boys_max_age,
      petsAllowed: r.pets_allowed,
      wheelchairAccessible: r.wheelchair_accessible,
      languages: r.languages,
      staffed24h: r.staffed_24h,
      protectionLevel: r.protection_level,
    },
    free: Number(r.free),
    capacity: Number(r.capacity),
    largestUnitFree: Number(r.largest),
    unitsFree: r.units_free.map(Number),
    // Computed for this answer from two rounded centres; the reader's comune is never kept.
    distanceBand: area ? distanceBand(areaDistanceKm(area, { lat: r.area_lat, lon: r.area_lon })) : null,
  }));
  // Nearest first when she gave an area (then by name, as read).
  if (area) items.sort((a, b) => distanceBands.indexOf(a.distanceBand!) - distanceBands.indexOf(b.distanceBand!));
  return { items, totals: { structures: items.length, free: items.reduce((n, i) => n + i.free, 0) }, at: new Date() };
}
