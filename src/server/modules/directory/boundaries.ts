import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { asc, inArray } from 'drizzle-orm';
import type { Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { BoundariesAnswer, Shape } from '../../../shared/boundaries.api.js';
import type { FieldIssue } from '../../../shared/problems.js';
import { AppError } from '../../platform/errors.js';
import type { DbOrTx } from '../../platform/db.js';
import { comuni } from './directory.tables.js';

/**
 * The boundaries of the comuni and provinces (reference/confini.topo.json.gz,
 * ISTAT, CC BY 4.0: see reference/README.md), read once on the first map
 * asked for and kept: 1.5 MB of JSON, so a server that never draws a map
 * never reads it.
 */
const file = new URL('../../../../reference/confini.topo.json.gz', import.meta.url);

interface Boundaries {
  topology: Topology;
  comuni: Map<string, GeometryObject>;
  provinces: Map<string, GeometryObject>;
}

let loaded: Promise<Boundaries> | null = null;

function load(): Promise<Boundaries> {
  loaded ??= readFile(file).then((gz) => {
    const topology = JSON.parse(gunzipSync(gz).toString('utf8')) as Topology<{ comuni: GeometryCollection; provinces: GeometryCollection }>;
    const byId = (o: GeometryCollection) => new Map(o.geometries.map((g) => [String(g.id), g]));
    return { topology, comuni: byId(topology.objects.comuni), provinces: byId(topology.objects.provinces) };
  });
  // A failed read is not cached: the next map tries again.
  loaded.catch(() => (loaded = null));
  return loaded;
}

/** Four decimals of a degree are ~10 m, finer than the file's grid (~35 m): a smaller answer, the same drawing. */
const round = (n: number) => Math.round(n * 1e4) / 1e4;
const roundRing = (ring: number[][]) => ring.map(([x, y]) => [round(x!), round(y!)] as [number, number]);

function shapeOf(b: Boundaries, g: GeometryObject | undefined): Shape | null {
  if (!g) return null;
  const geometry = (feature(b.topology, g) as { geometry: Geometry | null }).geometry;
  if (geometry?.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map(roundRing) };
  if (geometry?.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(roundRing)) };
  return null;
}

/**
 * The shapes of the comuni asked for and the outlines of their provinces.
 * A code that is not a current comune is a 400 (`unknown_comune`) pointing
 * at it; a comune the source has no shape for (merged since) comes with
 * `shape: null`, so the map can say so.
 */
export async function boundariesOf(db: DbOrTx, codes: string[]): Promise<BoundariesAnswer> {
  const rows = await db
    .select({ istatCode: comuni.istatCode, name: comuni.name, provinceCode: comuni.provinceCode, provinceName: comuni.provinceName, provinceSigla: comuni.provinceSigla })
    .from(comuni)
    .where(inArray(comuni.istatCode, codes))
    .orderBy(asc(comuni.istatCode));
  const known = new Set(rows.map((r) => r.istatCode));
  const errors: FieldIssue[] = codes.flatMap((c, i) => (known.has(c) ? [] : [{ pointer: `/querystring/comuni/${i}`, code: 'unknown_comune' as const }]));
  if (errors.length > 0) throw new AppError('validation_failed', { errors });

  const b = await load();
  const provinces = new Map(rows.map((r) => [r.provinceCode, { code: r.provinceCode, name: r.provinceName, sigla: r.provinceSigla }]));
  return {
    comuni: rows.map((r) => ({ istatCode: r.istatCode, name: r.name, provinceCode: r.provinceCode, shape: shapeOf(b, b.comuni.get(r.istatCode)) })),
    provinces: [...provinces.values()].sort((x, y) => x.code.localeCompare(y.code)).map((p) => ({ ...p, shape: shapeOf(b, b.provinces.get(p.code)) })),
  };
}
