import { eq, sql } from 'drizzle-orm';
import { type ProtectionLevel, type StructureLevel, distanceBands } from '../../../shared/shelters.js';
import { type BoardItem, type BoardQuery, boardOut } from '../../../shared/shelters.structures.api.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, readHandle } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { networkMembers } from '../organisations/index.js';
import { type BoardEntry, boardCache, rememberAnswer } from './board.cache.js';
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
 * Kept in memory (board.cache.ts) per set of networks, which is all that
 * decides what an organisation sees, and dropped on every change any server
 * makes to what it reads. On a miss, one statement: the structures in
 * reach, then their places counted per unit and per structure in one
 * aggregate that reads only `shelter_places_board_idx` (structure, state,
 * unit). The filters are applied to the kept rows; the answer to a set of
 * filters is written once (its JSON kept with the rows) and sent as text
 * with a fresh `at`. An `area` costs one primary-key read of the comune,
 * never stored: the bands and the order are computed for that answer.
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

/** The networks of the organisation, sorted: what decides which structures it sees. */
async function readNetworks(db: DbOrTx, organisationId: string): Promise<string[]> {
  const rows = await db.select({ id: networkMembers.networkId }).from(networkMembers).where(eq(networkMembers.organisationId, organisationId));
  return rows.map((r) => r.id).sort();
}

/** Every active structure serving one of the networks, by name, with its places counted: one statement. */
async function readEntry(ctx: AppContext, db: DbOrTx, networks: readonly string[]): Promise<BoardEntry> {
  const s = shelterStructures;
  // The structures in reach first (a few hundred at most), then one aggregate over their places — by unit,
  // then by structure — read from the board index alone: a count per structure in a lateral subquery
  // cost a hash aggregate per structure (16 ms of 21 for 160 structures on PGlite).
  const { rows } = await db.execute<BoardRow>(sql`
    with visible as (
      select ${s.id} as id from ${s}
       where ${s.active}
         and exists (select 1 from ${shelterStructureNetworks} sn
                      where sn.structure_id = ${s.id} and sn.network_id = any(${`{${networks.join(',')}}`}::uuid[]))
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
    distanceBand: null,
  }));
  // Checked against the answer's schema once, here: what it gives (its keys, in its order) is what every answer
  // sends, each item written once. The band is its last key: null here, spliced in for an answer with an area.
  const checked = boardOut.parse({ items, totals: totalsOf(items), at: new Date() });
  const json = checked.items.map((i) => JSON.stringify(i));
  if (!json.every((j) => j.endsWith(NO_BAND))) throw new Error('board item: distanceBand is not its last key');
  return { items: checked.items, json, centres: rows.map((r) => ({ lat: r.area_lat, lon: r.area_lon })), answers: new Map() };
}

const NO_BAND = '"distanceBand":null}';

const totalsOf = (items: BoardItem[]) => ({ structures: items.length, free: items.reduce((n, i) => n + i.free, 0) });

/** The filters other than `area`, as a key: the same filters give the same answer from the same rows. */
const filtersKey = (q: BoardQuery) =>
  [q.level ?? '', q.province ?? '', q.wheelchair ? 1 : 0, q.pets ? 1 : 0, q.children ? 1 : 0, q.staffed24h ? 1 : 0, q.household ?? 0, q.language ?? ''].join('|');

/** The same filters the statement used to apply, on the kept rows. */
const matches = (q: BoardQuery) => (i: BoardItem) =>
  (!q.level || i.level === q.level) &&
  (!q.province || i.province.code === q.province) &&
  (!q.wheelchair || i.features.wheelchairAccessible) &&
  (!q.pets || i.features.petsAllowed) &&
  (!q.children || i.features.acceptsChildren) &&
  (!q.staffed24h || i.features.staffed24h) &&
  (!q.language || i.features.languages.includes(q.language)) &&
  (!q.household || i.largestUnitFree >= q.household);

/** Items and totals as the schema writes them, without the closing brace: `at` is added per answer. */
const written = (items: BoardItem[], json: string[]) =>
  `{"items":[${json.join(',')}],"totals":${JSON.stringify(totalsOf(items))}`;

/**
 * The board as the JSON text of `boardOut` (the route sends it as is): the
 * same keys in the same order as the schema's own serialisation, which a
 * test compares byte for byte.
 */
export async function readBoard(ctx: AppContext, scope: Scope, q: BoardQuery): Promise<string> {
  const organisationId = readingOrganisation(scope);
  const db = readHandle(ctx.database.db);
  let area: Area | null = null;
  if (q.area) {
    area = await areaOfComune(db, q.area);
    if (!area) throw new AppError('validation_failed', { errors: [{ pointer: '/querystring/area', code: 'unknown_comune' }] });
  }
  const cache = boardCache(ctx);
  const networks = await cache.reach(organisationId, () => readNetworks(db, organisationId));
  const entry: BoardEntry = networks.length
    ? await cache.board(networks.join(','), () => readEntry(ctx, db, networks))
    : { items: [], json: [], centres: [], answers: new Map() };
  const at = `,"at":${JSON.stringify(new Date())}}`;
  const chosen = () => {
    const match = matches(q);
    return entry.items.flatMap((item, n) => (match(item) ? [n] : []));
  };
  if (!area) {
    const key = filtersKey(q);
    let answer = entry.answers.get(key);
    if (answer === undefined) {
      const kept = chosen();
      answer = written(
        kept.map((n) => entry.items[n]!),
        kept.map((n) => entry.json[n]!),
      );
      rememberAnswer(entry.answers, key, answer);
    }
    return answer + at;
  }
  // Computed for this answer from two rounded centres; the reader's comune is never kept. Nearest first (then by name, as kept).
  const from = area;
  const banded = chosen()
    .map((n) => ({ n, band: distanceBand(areaDistanceKm(from, entry.centres[n]!)) }))
    .sort((a, b) => distanceBands.indexOf(a.band) - distanceBands.indexOf(b.band));
  return (
    written(
      banded.map(({ n }) => entry.items[n]!),
      banded.map(({ n, band }) => `${entry.json[n]!.slice(0, -NO_BAND.length)}"distanceBand":${JSON.stringify(band)}}`),
    ) + at
  );
}
