import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { boundariesAnswer } from '../../../shared/boundaries.api';
import { maxMapComuni } from '../../../shared/boundaries.api';
import type { Json } from '../../../shared/json';
import { api } from '../../api/client';
import type { Sportello } from './directory.api';

export type Boundaries = Json<z.output<typeof boundariesAnswer>>;

/** Open or closed in person now; `unknown` when no hours are known (never shown as open). */
export type PointState = 'open' | 'closed' | 'unknown';

/** A sportello as the map draws it and its list names it. */
export interface MapPoint {
  id: string;
  name: string;
  organisation: string;
  comune: string;
  lat: number;
  lon: number;
  state: PointState;
}

export function stateOf(s: Sportello): PointState {
  if (!s.openingHours) return 'unknown';
  return s.now.inPerson?.open ? 'open' : 'closed';
}

/** The sportelli that have coordinates, in the list's order: the map's points. */
export function mapPoints(items: Sportello[]): MapPoint[] {
  return items.flatMap((s) =>
    s.lat !== null && s.lon !== null
      ? [{ id: s.id, name: s.name, organisation: s.organisation.name, comune: `${s.comune.name} (${s.comune.provinceSigla})`, lat: s.lat, lon: s.lon, state: stateOf(s) }]
      : [],
  );
}

/**
 * The shapes of these comuni and of their provinces, from our own server
 * (never a tile server). Loaded when a map is shown, so the boundaries are
 * not in the application's first download; the answer never changes for
 * the same comuni, so it is kept for the session.
 */
export function useBoundaries(codes: string[]) {
  const sorted = [...new Set(codes)].sort().slice(0, maxMapComuni);
  return useQuery({
    queryKey: ['boundaries', sorted],
    queryFn: ({ signal }) => api.get<Boundaries>('/api/comuni/boundaries', { query: { comuni: sorted.join(',') }, signal }),
    enabled: sorted.length > 0,
    staleTime: Infinity,
  });
}
