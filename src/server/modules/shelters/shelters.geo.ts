import { eq } from 'drizzle-orm';
import type { DistanceBand } from '../../../shared/shelters.js';
import type { DbOrTx } from '../../platform/db.js';
import { comuni, distanceKm } from '../directory/index.js';

/**
 * Where a structure is, or where a perpetrator is, as coarsely as the
 * board and the matching need it: the province and the comune's centre
 * rounded to a tenth of a degree (about 10 km), never the comune itself
 * (docs/shelters.md, rule 1). The rounding happens here, once, before
 * anything is stored.
 */
export interface Area {
  provinceCode: string;
  lat: number;
  lon: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The coarse area of a comune (ISTAT code), or null when there is no such comune. */
export async function areaOfComune(db: DbOrTx, istatCode: string): Promise<Area | null> {
  const [row] = await db.select({ provinceCode: comuni.provinceCode, lat: comuni.lat, lon: comuni.lon }).from(comuni).where(eq(comuni.istatCode, istatCode));
  return row ? { provinceCode: row.provinceCode, lat: round1(row.lat), lon: round1(row.lon) } : null;
}

/** Kilometres between two coarse areas (great circle). */
export const areaDistanceKm = (a: { lat: number; lon: number }, b: { lat: number; lon: number }): number => distanceKm(a, b);

/** The band shown instead of a distance: a coarse area is ±7 km, so finer figures would only pretend. */
export function distanceBand(km: number): DistanceBand {
  if (km < 20) return 'lt20';
  if (km < 50) return '20_50';
  if (km < 100) return '50_100';
  return 'gt100';
}
