import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { OrganisationType } from '../../../shared/domain.js';
import type { Closure, Visibility } from '../../../shared/directory.js';
import type { DbOrTx } from '../../platform/db.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { comuni, directoryVersion, networkComuni, sportelli } from './directory.tables.js';
import { Hours, type HoursState } from './hours.js';

/**
 * What the directory knows about a comune at an instant: the network that
 * covers it (or the nearest one), its 1522 referent and its sportelli with
 * their state. Secret sportelli are never loaded here. Callers present a
 * subset: the public page drops reserved sportelli and transfer numbers.
 */

export interface ComuneRow {
  istatCode: string;
  name: string;
  provinceSigla: string;
  regionName: string;
  lat: number;
  lon: number;
}

export interface SportelloState {
  id: string;
  name: string;
  visibility: Exclude<Visibility, 'secret'>;
  organisation: { id: string; name: string; type: OrganisationType };
  address: string | null;
  comune: { istatCode: string; name: string };
  lat: number | null;
  lon: number | null;
  phones: string[];
  email: string | null;
  transferPhone: string | null;
  openingHours: string | null;
  phoneHours: string | null;
  h24: boolean;
  languages: string[];
  services: string[];
  accessibility: string[];
  distanceKm: number;
  /** In person. */
  inPerson: HoursState | null;
  /** By phone (phone hours, else the in-person hours; always for an h24 line). */
  phone: HoursState | null;
}

export interface Territory {
  comune: ComuneRow;
  /** The network covering the comune; when none does, the nearest network (`nearest: true`). */
  network: { id: string; name: string } | null;
  nearest: boolean;
  referent: SportelloState | null;
  sportelli: SportelloState[];
}

const EARTH_KM = 6371;
/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const comuneColumns = {
  istatCode: comuni.istatCode,
  name: comuni.name,
  provinceSigla: comuni.provinceSigla,
  regionName: comuni.regionName,
  lat: comuni.lat,
  lon: comuni.lon,
};

export async function findComune(db: DbOrTx, istatCode: string): Promise<ComuneRow | null> {
  const [row] = await db.select(comuneColumns).from(comuni).where(eq(comuni.istatCode, istatCode));
  return row ?? null;
}

/** Null when there are no hours, or a stored expression no longer parses or is beyond the limits (hours-limits.ts): never a 500 on the public page or the 1522 answer. */
function stateOf(expression: string | null, closures: Closure[], at: Date): HoursState | null {
  if (!expression) return null;
  try {
    return Hours.of(expression, closures).state(at);
  } catch {
    return null;
  }
}

type Row = Awaited<ReturnType<typeof loadSportelli>>[number];

function loadSportelli(db: DbOrTx, where: ReturnType<typeof and>) {
  return db
    .select({
      id: sportelli.id,
      name: sportelli.name,
      visibility: sportelli.visibility,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationType: organisations.type,
      address: sportelli.address,
      comuneCode: sportelli.comuneCode,
      comuneName: comuni.name,
      comuneLat: comuni.lat,
      comuneLon: comuni.lon,
      lat: sportelli.lat,
      lon: sportelli.lon,
      phones: sportelli.phones,
      email: sportelli.email,
      transferPhone: sportelli.transferPhone,
      openingHours: sportelli.openingHours,
      phoneHours: sportelli.phoneHours,
      h24: sportelli.h24,
      closures: sportelli.closures,
      languages: sportelli.languages,
      services: sportelli.services,
      accessibility: sportelli.accessibility,
    })
    .from(sportelli)
    .innerJoin(organisations, eq(organisations.id, sportelli.organisationId))
    .innerJoin(comuni, eq(comuni.istatCode, sportelli.comuneCode))
    .where(and(ne(sportelli.visibility, 'secret'), where));
}

function toState(r: Row, from: ComuneRow, at: Date): SportelloState {
  const here = r.lat != null && r.lon != null ? { lat: r.lat, lon: r.lon } : { lat: r.comuneLat, lon: r.comuneLon };
  let inPerson: { value: HoursState | null } | undefined;
  let phone: { value: HoursState | null } | undefined;
  return {
    id: r.id,
    name: r.name,
    visibility: r.visibility as SportelloState['visibility'],
    organisation: { id: r.organisationId, name: r.organisationName, type: r.organisationType as OrganisationType },
    address: r.address,
    comune: { istatCode: r.comuneCode, name: r.comuneName },
    lat: r.lat,
    lon: r.lon,
    phones: r.phones,
    email: r.email,
    transferPhone: r.transferPhone,
    openingHours: r.openingHours,
    phoneHours: r.phoneHours,
    h24: r.h24,
    languages: r.languages,
    services: r.services,
    accessibility: r.accessibility,
    distanceKm: Math.round(distanceKm(from, here) * 10) / 10,
    // Evaluated on first read: routing needs only the referent's, the public page every one.
    get inPerson() {
      return (inPerson ??= { value: stateOf(r.openingHours, r.closures, at) }).value;
    },
    get phone() {
      return (phone ??= { value: r.h24 ? stateOf('24/7', [], at) : stateOf(r.phoneHours ?? r.openingHours, r.closures, at) }).value;
    },
  };
}

interface NetworkRef {
  id: string;
  name: string;
  referentId: string | null;
}

/**
 * The rows territory answers are built from, at one directory version, per
 * database handle. Comuni, networks and sportelli change rarely and are read
 * on every public answer and every 1522 lookup: one cheap version query
 * (migration 0005 bumps it on every change, in any process) tells whether
 * the rows read before are still current. Opening-hours states are computed
 * per request (and memoised per minute in Hours).
 */
interface Snapshot {
  version: number;
  comuni: Map<string, ComuneRow | null>;
  covered: Map<string, NetworkRef | null>;
  sportelli: Map<string, Row[]>;
  referents: Map<string, Row | null>;
  networkPositions: ({ lat: number; lon: number } & NetworkRef)[] | null;
}

const snapshots = new WeakMap<DbOrTx, Snapshot>();

async function snapshotOf(db: DbOrTx): Promise<Snapshot> {
  const [row] = await db.select({ version: directoryVersion.version }).from(directoryVersion);
  const version = row?.version ?? -1;
  let snapshot = snapshots.get(db);
  if (!snapshot || snapshot.version !== version) {
    snapshot = { version, comuni: new Map(), covered: new Map(), sportelli: new Map(), referents: new Map(), networkPositions: null };
    snapshots.set(db, snapshot);
  }
  return snapshot;
}

async function memo<V>(map: Map<string, V>, key: string, load: () => Promise<V>): Promise<V> {
  if (map.has(key)) return map.get(key)!;
  const value = await load();
  map.set(key, value);
  return value;
}

/** Where each network's referent is (its coordinates, else its comune's centre). */
function networkPositions(db: DbOrTx) {
  return db
    .select({
      id: networks.id,
      name: networks.name,
      referentId: networks.referentSportelloId,
      lat: sql<number>`coalesce(${sportelli.lat}, (select c.lat from comuni c where c.istat_code = ${sportelli.comuneCode}))`,
      lon: sql<number>`coalesce(${sportelli.lon}, (select c.lon from comuni c where c.istat_code = ${sportelli.comuneCode}))`,
    })
    .from(networks)
    .innerJoin(sportelli, and(eq(sportelli.id, networks.referentSportelloId), ne(sportelli.visibility, 'secret')));
}

/** The nearest network to a comune outside every network: by distance to its referent. */
async function nearestNetwork(db: DbOrTx, snapshot: Snapshot, from: ComuneRow): Promise<NetworkRef | null> {
  snapshot.networkPositions ??= await networkPositions(db);
  let best: NetworkRef | null = null;
  let bestKm = Infinity;
  for (const r of snapshot.networkPositions) {
    const km = distanceKm(from, { lat: Number(r.lat), lon: Number(r.lon) });
    if (km < bestKm) [best, bestKm] = [{ id: r.id, name: r.name, referentId: r.referentId }, km];
  }
  return best;
}

async function coveringNetwork(db: DbOrTx, istatCode: string): Promise<NetworkRef | null> {
  const [covered] = await db
    .select({ id: networks.id, name: networks.name, referentId: sql<string | null>`coalesce(${networkComuni.referentSportelloId}, ${networks.referentSportelloId})` })
    .from(networkComuni)
    .innerJoin(networks, eq(networks.id, networkComuni.networkId))
    .where(eq(networkComuni.istatCode, istatCode));
  return covered ?? null;
}

/** The territory answer for a comune at an instant (null: no such comune). */
export async function territoryAt(db: DbOrTx, istatCode: string, at: Date): Promise<Territory | null> {
  const snapshot = await snapshotOf(db);
  const comune = await memo(snapshot.comuni, istatCode, () => findComune(db, istatCode));
  if (!comune) return null;
  const covered = await memo(snapshot.covered, istatCode, () => coveringNetwork(db, istatCode));
  const network = covered ?? (await nearestNetwork(db, snapshot, comune));
  if (!network) return { comune, network: null, nearest: false, referent: null, sportelli: [] };

  const rows = await memo(snapshot.sportelli, network.id, () =>
    loadSportelli(db, inArray(sportelli.organisationId, db.select({ id: networkMembers.organisationId }).from(networkMembers).where(eq(networkMembers.networkId, network.id)))),
  );
  let list = rows.map((r) => toState(r, comune, at));
  let referent = list.find((s) => s.id === network.referentId) ?? null;
  if (!referent && network.referentId) {
    // A referent of another organisation than the network's members (rare): load it alone.
    const r = await memo(snapshot.referents, network.referentId, async () => (await loadSportelli(db, eq(sportelli.id, network.referentId!)))[0] ?? null);
    referent = r ? toState(r, comune, at) : null;
  }
  list = list.sort((a, b) => a.distanceKm - b.distanceKm || a.name.localeCompare(b.name, 'it'));
  return { comune, network: { id: network.id, name: network.name }, nearest: !covered, referent, sportelli: list };
}
