import type { ReactNode } from 'react';
import type { PointState } from './boundaries';

/**
 * The marks of the map, one shape per state so that colour is never the
 * only difference: open now is a filled circle, closed a hollow square,
 * hours not known a hollow diamond. Shared by the map and its legend.
 */
export function PointMark({ state, x, y }: { state: PointState; x: number; y: number }) {
  const className = `directory-map-point directory-map-point-${state}`;
  if (state === 'open') return <circle cx={x} cy={y} r={7} className={className} />;
  if (state === 'closed') return <rect x={x - 6} y={y - 6} width={12} height={12} className={className} />;
  return <path d={`M${x} ${y - 8}L${x + 8} ${y}L${x} ${y + 8}L${x - 8} ${y}Z`} className={className} />;
}

/** A mark as a small picture beside its words (the words carry the meaning). */
export function LegendMark({ children }: { children: ReactNode }) {
  return (
    <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" focusable="false" className="directory-map-legend-mark">
      {children}
    </svg>
  );
}
