import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useId } from 'react';
import type { Boundaries, MapPoint } from './boundaries';
import { PointMark } from './MapSymbols';

const WIDTH = 600;
const HEIGHT = 440;
const MARGIN = 18;

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
 * (Mercator, fitted to the comuni and the points) into one SVG image with a
 * title and a description. Loaded on demand (React.lazy): d3-geo is not in
 * the application's first download.
 */
export default function TerritoryMap({ boundaries, territory, points, title, description }: Props) {
  const titleId = useId();
  const descId = useId();
  const comuni = boundaries.comuni.flatMap((c) => (c.shape ? [{ ...c, feature: asFeature(c.shape as Geometry) }] : []));
  const provinces = boundaries.provinces.flatMap((p) => (p.shape ? [{ ...p, feature: asFeature(p.shape as Geometry) }] : []));
  const focus: FeatureCollection = {
    type: 'FeatureCollection',
    features: [...comuni.map((c) => c.feature), ...points.map((p) => asFeature({ type: 'Point', coordinates: [p.lon, p.lat] }))],
  };
  const projection = geoMercator().fitExtent(
    [
      [MARGIN, MARGIN],
      [WIDTH - MARGIN, HEIGHT - MARGIN],
    ],
    focus.features.length > 1 || comuni.length > 0 ? focus : { type: 'FeatureCollection', features: provinces.map((p) => p.feature) },
  );
  const path = geoPath(projection);
  const d = (f: Feature) => path(f) ?? undefined;

  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="directory-map-svg">
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <rect x="0" y="0" width={WIDTH} height={HEIGHT} className="directory-map-bg" />
      <g>
        {provinces.map((p) => (
          <path key={p.code} d={d(p.feature)} className="directory-map-province-area" />
        ))}
      </g>
      <g>
        {comuni.map((c) => (
          <path key={c.istatCode} d={d(c.feature)} data-istat={c.istatCode} className={territory.has(c.istatCode) ? 'directory-map-comune-network' : 'directory-map-comune'}>
            <title>{c.name}</title>
          </path>
        ))}
      </g>
      <g>
        {provinces.map((p) => (
          <path key={p.code} d={d(p.feature)} data-province={p.code} className="directory-map-province" />
        ))}
      </g>
      <g>
        {points.map((p) => {
          const [x, y] = projection([p.lon, p.lat]) ?? [0, 0];
          return (
            <g key={p.id} data-point-state={p.state}>
              <PointMark state={p.state} x={x} y={y} />
              <title>{`${p.name} — ${p.organisation}, ${p.comune}`}</title>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
