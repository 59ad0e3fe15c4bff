/**
 * Writes reference/confini.topo.json.gz: the generalised boundaries of the
 * Italian comuni (ISTAT, CC BY 4.0), keyed by the 2026 ISTAT codes of
 * reference/comuni.csv, simplified further, with the provinces' outlines.
 * Source and caveats: reference/README.md ("confini.topo.json.gz").
 *
 *   node --import tsx scripts/boundaries.ts <dir with limits_R_<n>_municipalities.topo.json> | gzip -9n > reference/confini.topo.json.gz
 *
 * The input is openpolis/geojson-italy's per-region TopoJSON (ISTAT's
 * boundaries of June 2023, already simplified to 20% by openpolis). Each
 * source comune is matched to a 2026 code by ISTAT code, else by cadastral
 * code (Sardinia's comuni were renumbered on 1/1/2026 and keep their
 * cadastral codes; renamed comuni too), else by the mergers listed below.
 * What stays unmatched is printed on stderr and left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoArea } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, mergeArcs, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, MultiPolygon, Objects, Polygon, Topology } from 'topojson-specification';

/**
 * Comuni merged after the source's date, from ISTAT's list of changes
 * (variazioni amministrative): old code → the 2026 comune that took its
 * territory. Each successor's name says so ("Uggiate con Ronago").
 */
const SUCCESSORS: Record<string, string> = {
  '013199': '013256', // Ronago → Uggiate con Ronago
  '013228': '013256', // Uggiate-Trevano → Uggiate con Ronago
  '018002': '018026', // Albaredo Arnaboldi → Campospinoso Albaredo
  '024044': '024128', // Gambugliano → Sovizzo
  '024103': '024128', // Sovizzo (old code) → Sovizzo
  '025002': '025075', // Alano di Piave → Setteville
  '025070': '025075', // Quero Vas → Setteville
  '028022': '028108', // Carceri → Santa Caterina d'Este
  '028098': '028108', // Vighizzolo d'Este → Santa Caterina d'Este
};

/** Share of the source's points kept (by Visvalingam weight): a network's map is ~600 px wide. */
const KEEP = 0.35;
/** Grid of the output: 3e4 steps across Italy's bounding box, about 35 m (a pixel of a 30 km wide network is 50 m). */
const QUANTIZATION = 3e4;

interface SourceProps {
  name: string;
  com_istat_code: string;
  com_catasto_code: string;
}

const sourceDir = process.argv[2];
if (!sourceDir) throw new Error('usage: scripts/boundaries.ts <openpolis geojson-italy topojson dir>');

const csv = readFileSync(new URL('../reference/comuni.csv', import.meta.url), 'utf8').trimEnd().split('\n').slice(1);
const comuni = csv.map((line) => {
  const f = line.split(',');
  return { code: f[0]!, name: f[1]!, province: f[3]!, cadastral: f[11]! };
});
const byCode = new Map(comuni.map((c) => [c.code, c]));
const byCadastral = new Map(comuni.map((c) => [c.cadastral, c]));

function successor(p: SourceProps): string | null {
  const same = byCode.get(p.com_istat_code);
  // Misiliscemi's cadastral code is "N.d." in the source: the ISTAT code is enough there.
  if (same && (same.cadastral === p.com_catasto_code || !/^[A-Z]\d{3}$/.test(p.com_catasto_code))) return same.code;
  const renumbered = byCadastral.get(p.com_catasto_code);
  if (renumbered) return renumbered.code;
  return SUCCESSORS[p.com_istat_code] ?? null;
}

const parts: Feature<Geometry, { code: string }>[] = [];
const dropped: string[] = [];
for (const file of readdirSync(sourceDir).filter((f) => /^limits_R_\d+_municipalities\.topo\.json$/.test(f))) {
  const source = JSON.parse(readFileSync(join(sourceDir, file), 'utf8')) as Topology;
  const object = Object.values(source.objects)[0]!;
  const fc = feature(source, object) as FeatureCollection<Geometry | null, SourceProps>;
  for (const f of fc.features) {
    if (!f.geometry) continue; // a comune without a shape in the source (Miagliano, merged)
    const code = successor(f.properties);
    if (code) parts.push({ type: 'Feature', geometry: f.geometry, properties: { code } });
    else dropped.push(`${f.properties.com_istat_code} ${f.properties.name}`);
  }
}

// Simplified in absolute coordinates (topojson-simplify drops the grid), then put back on a grid.
const collection: FeatureCollection = { type: 'FeatureCollection', features: parts };
const weighted = presimplify(topology({ parts: collection }) as unknown as Topology<Objects<{ code: string }>>);
const simple = quantize(simplify(weighted, quantile(weighted, KEEP)), QUANTIZATION);
const partObjects = (simple.objects.parts as GeometryCollection<{ code: string }>).geometries as (Polygon<{ code: string }> | MultiPolygon<{ code: string }>)[];

/** Dissolve the parts by a key into one (multi)polygon each, sharing the arcs. */
function dissolve(key: (code: string) => string) {
  const groups = new Map<string, typeof partObjects>();
  for (const g of partObjects) {
    const k = key(g.properties!.code);
    groups.set(k, [...(groups.get(k) ?? []), g]);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, gs]) => {
      // A sliver of a few metres can come out of the grid turned inside out,
      // and would then be drawn as the whole world but itself: left out.
      const polygons = mergeArcs(simple, gs).arcs.filter((arcs) => geoArea(feature(simple, { type: 'Polygon', arcs })) < 2 * Math.PI);
      // Most comuni are one polygon: written as such, the file is smaller.
      return polygons.length === 1 ? { type: 'Polygon', arcs: polygons[0], id } : { type: 'MultiPolygon', arcs: polygons, id };
    });
}

const out = {
  type: 'Topology',
  transform: simple.transform,
  objects: {
    comuni: { type: 'GeometryCollection', geometries: dissolve((code) => code) },
    provinces: { type: 'GeometryCollection', geometries: dissolve((code) => byCode.get(code)!.province) },
  },
  arcs: simple.arcs,
};

const drawn = new Set(partObjects.map((g) => g.properties!.code));
const missing = comuni.filter((c) => !drawn.has(c.code)).map((c) => `${c.code} ${c.name}`);
process.stderr.write(`comuni drawn: ${drawn.size} of ${comuni.length}\nwithout a shape: ${missing.join('; ') || 'none'}\nsource shapes left out: ${dropped.join('; ') || 'none'}\n`);
process.stdout.write(JSON.stringify(out));
