import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sportello } from './directory.api';

const WIDTH = 600;
const HEIGHT = 400;
const MARGIN = 24;

/**
 * A plot of the listed sportelli that have coordinates: no tiles, no
 * external request (the CSP forbids them and a survivor's network must
 * not leak), just an equirectangular projection within the points' bounds.
 * The list above is the content; this picture only shows how they spread,
 * so it is one image with a text alternative.
 */
export function SportelliMap({ items }: { items: Sportello[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const points = items.filter((s): s is Sportello & { lat: number; lon: number } => s.lat !== null && s.lon !== null);
  if (points.length === 0) return null;

  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  // A degree of longitude is shorter than one of latitude away from the equator.
  const k = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
  const spanX = Math.max((maxLon - minLon) * k, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (HEIGHT - 2 * MARGIN) / spanY);
  const offsetX = (WIDTH - spanX * scale) / 2;
  const offsetY = (HEIGHT - spanY * scale) / 2;
  const x = (lon: number) => offsetX + (lon - minLon) * k * scale;
  const y = (lat: number) => HEIGHT - offsetY - (lat - minLat) * scale;

  return (
    <figure className="directory-map mb-4">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="directory-map-svg">
        <title id={titleId}>{t('directory.map.title')}</title>
        <desc id={descId}>{t('directory.map.description', { count: points.length, total: items.length })}</desc>
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} className="directory-map-bg" />
        {points.map((p) => (
          <circle key={p.id} cx={x(p.lon)} cy={y(p.lat)} r="6" className={`directory-map-point directory-map-${p.visibility}`}>
            <title>{`${p.name} — ${p.organisation.name}, ${p.comune.name}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="small">{t('directory.map.caption', { count: points.length, total: items.length })}</figcaption>
    </figure>
  );
}
