import { geoCircle, geoMercator, geoPath } from 'd3-geo';
import type { Feature, Geometry, Point } from 'geojson';
import { useId } from 'react';
import type { Boundaries, MapPoint } from './boundaries';
import { PointMark } from './MapSymbols';
import { groupsApart, panelBoxes, type Placed } from './territoryLayout';

const WIDTH = 600;
const HEIGHT = 440;
const MARGIN = 18;
const GAP = 8;

interface Props {
  boundaries: Boundaries;
  /** The network's comuni (filled); the other comuni drawn are those of points outside it. */
  territory: ReadonlySet<string>;
  points: MapPoint[];
  title: string;
  description: string;
}

const asFeature = (geometry: Geometry): Feature => ({ type: 'Feature', properties: {}, geometry });

/**
 * The drawing: provinces, comuni and sportelli projected with d3-geo
 * (Mercator) into one SVG image with a title and a description. Areas far
 * apart (a desk in Bari on a Bergamo list) get a panel each, every one
 * fitted to its comuni and points, so no point is lost off the frame.
 * Loaded on demand (React.lazy): d3-geo is not in the first download.
 */
export default function TerritoryMap({ boundaries, territory, points, title, description }: Props) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const comuni = new Map(boundaries.comuni.flatMap((c) => (c.shape ? [[`c${c.istatCode}`, { ...c, feature: asFeature(c.shape as Geometry) }] as const] : [])));
  const marks = new Map(points.map((p) => [`p${p.id}`, p]));
  const provinces = boundaries.provinces.flatMap((p) => (p.shape ? [{ ...p, feature: asFeature(p.shape as Geometry) }] : []));
  const placed: Placed[] = [
    ...[...comuni].map(([key, c]) => ({ key, feature: c.feature })),
    ...[...marks].map(([key, p]) => ({ key, feature: asFeature({ type: 'Point', coordinates: [p.lon, p.lat] }) })),
  ];
  const groups = groupsApart(placed);
  const boxes = panelBoxes(groups.length, WIDTH, HEIGHT, GAP);

  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${uid}-title ${uid}-desc`} className="directory-map-svg">
      <title id={`${uid}-title`}>{title}</title>
      <desc id={`${uid}-desc`}>{description}</desc>
      {groups.map((group, i) => {
        const [[x0, y0], [x1, y1]] = boxes[i]!;
        // A lone point (its comune without a shape) is framed by a circle of ~10 km around it.
        const frame = group.some((g) => g.feature.geometry.type !== 'Point') ? group.map((g) => g.feature) : group.map((g) => asFeature(geoCircle().center((g.feature.geometry as Point).coordinates as [number, number]).radius(0.1)()));
        const projection = geoMercator().fitExtent(
          [
            [x0 + MARGIN, y0 + MARGIN],
            [x1 - MARGIN, y1 - MARGIN],
          ],
          { type: 'FeatureCollection', features: frame },
        );
        const path = geoPath(projection);
        const d = (f: Feature) => path(f) ?? undefined;
        const keys = new Set(group.map((g) => g.key));
        return (
          <g key={i} clipPath={`url(#${uid}-clip-${i})`}>
            <clipPath id={`${uid}-clip-${i}`}>
              <rect x={x0} y={y0} width={x1 - x0} height={y1 - y0} />
            </clipPath>
            <rect x={x0} y={y0} width={x1 - x0} height={y1 - y0} className="directory-map-bg" />
            {provinces.map((p) => (
              <path key={p.code} d={d(p.feature)} className="directory-map-province-area" />
            ))}
            {[...comuni].flatMap(([key, c]) =>
              keys.has(key)
                ? [
                    <path key={key} d={d(c.feature)} data-istat={c.istatCode} className={territory.has(c.istatCode) ? 'directory-map-comune-network' : 'directory-map-comune'}>
                      <title>{c.name}</title>
                    </path>,
                  ]
                : [],
            )}
            {provinces.map((p) => (
              <path key={p.code} d={d(p.feature)} data-province={p.code} className="directory-map-province" />
            ))}
            {[...marks].flatMap(([key, p]) => {
              if (!keys.has(key)) return [];
              const [x, y] = projection([p.lon, p.lat]) ?? [0, 0];
              return [
                <g key={key} data-point-state={p.state}>
                  <PointMark state={p.state} x={x} y={y} />
                  <title>{`${p.name} — ${p.organisation}, ${p.comune}`}</title>
                </g>,
              ];
            })}
            {groups.length > 1 ? <rect x={x0} y={y0} width={x1 - x0} height={y1 - y0} className="directory-map-panel" /> : null}
          </g>
        );
      })}
    </svg>
  );
}
