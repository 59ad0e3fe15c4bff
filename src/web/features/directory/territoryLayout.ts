import { geoCentroid, geoDistance } from 'd3-geo';
import type { Feature } from 'geojson';

/** Places farther apart than this (radians: ~150 km) get their own panel: one frame for Bergamo and Bari would show neither. */
const APART = 150 / 6371;
/** More panels than this would be too small to read: the farthest groups then share the last one. */
const MAX_PANELS = 4;

export interface Placed {
  key: string;
  feature: Feature;
}

/**
 * Groups what the map shows (comuni and points) into areas far apart, each
 * to be drawn in its own panel: single-linkage clustering on great-circle
 * distance between centroids, the largest groups first.
 */
export function groupsApart(items: Placed[]): Placed[][] {
  const centres = items.map((i) => geoCentroid(i.feature));
  const parent = items.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (root(i) !== root(j) && geoDistance(centres[i]!, centres[j]!) < APART) parent[root(i)] = root(j);
    }
  }
  const groups = new Map<number, Placed[]>();
  items.forEach((item, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), item]));
  const sorted = [...groups.values()].sort((a, b) => b.length - a.length);
  return sorted.length <= MAX_PANELS ? sorted : [...sorted.slice(0, MAX_PANELS - 1), sorted.slice(MAX_PANELS - 1).flat()];
}

/** Panels side by side (two), or two by two (three or four), inside the image. */
export function panelBoxes(count: number, width: number, height: number, gap: number): [[number, number], [number, number]][] {
  const cols = count === 1 ? 1 : 2;
  const rows = count <= 2 ? 1 : 2;
  const w = (width - gap * (cols - 1)) / cols;
  const h = (height - gap * (rows - 1)) / rows;
  return Array.from({ length: count }, (_, i) => {
    const x = (i % cols) * (w + gap);
    const y = Math.floor(i / cols) * (h + gap);
    return [
      [x, y],
      [x + w, y + h],
    ];
  });
}
