import { instrumentLevels, levelRank, type InstrumentLevel } from '../../../shared/risk/instrument';

/**
 * The geometry of the risk trend (the final level of each assessment over
 * time) as a step chart: a level holds from one assessment to the next.
 * Pure, so it is tested without a browser; RiskTrend draws it as SVG.
 */

export interface TrendPoint {
  /** The day of the assessment, `YYYY-MM-DD`. */
  on: string;
  level: InstrumentLevel;
}

export interface TrendBox {
  width: number;
  height: number;
  /** Room on the left for the level names. */
  left: number;
  /** Room at the bottom for the dates. */
  bottom: number;
  /** Room at the top and on the right, so the markers are not cut. */
  margin: number;
}

export interface TrendDot {
  x: number;
  y: number;
  on: string;
  level: InstrumentLevel;
}

export interface TrendGeometry {
  /** The step line: horizontal while a level holds, vertical at each assessment. */
  path: string;
  dots: TrendDot[];
  /** One horizontal guide per level, lowest at the bottom. */
  levels: { level: InstrumentLevel; y: number }[];
  /** The first and last day under the axis (one when every assessment is on one day). */
  days: { on: string; x: number }[];
}

const dayMs = (on: string) => Date.parse(`${on}T00:00:00Z`);
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Points sorted by day (assessments of one day keep their order), placed on
 * a time axis; `levels` are the rows drawn (the instrument's, at least the
 * three every instrument has).
 */
export function trendGeometry(points: readonly TrendPoint[], box: TrendBox, levels: readonly InstrumentLevel[] = instrumentLevels): TrendGeometry {
  const rows = levels.length ? levels : instrumentLevels;
  const sorted = points.map((p, i) => ({ ...p, i })).sort((a, b) => dayMs(a.on) - dayMs(b.on) || a.i - b.i);
  const x0 = box.left;
  const x1 = box.width - box.margin;
  const yTop = box.margin;
  const yBottom = box.height - box.bottom;
  const top = Math.max(rows.length - 1, 1);
  const yOf = (level: InstrumentLevel) => round(yBottom - (Math.min(levelRank(level), top) / top) * (yBottom - yTop));
  const first = sorted[0] ? dayMs(sorted[0].on) : 0;
  const last = sorted.length ? dayMs(sorted[sorted.length - 1]!.on) : 0;
  const span = last - first;
  const xOf = (on: string) => round(span === 0 ? (x0 + x1) / 2 : x0 + ((dayMs(on) - first) / span) * (x1 - x0));
  const dots = sorted.map((p) => ({ x: xOf(p.on), y: yOf(p.level), on: p.on, level: p.level }));
  let path = '';
  dots.forEach((d, i) => {
    path += i === 0 ? `M${d.x} ${d.y}` : ` H${d.x} V${d.y}`;
  });
  // The latest level holds until today: the line runs on to the right edge.
  if (dots.length) path += ` H${round(x1)}`;
  const days = !sorted.length ? [] : span === 0 ? [{ on: sorted[0]!.on, x: xOf(sorted[0]!.on) }] : [sorted[0]!, sorted[sorted.length - 1]!].map((p) => ({ on: p.on, x: xOf(p.on) }));
  return { path, dots, levels: rows.map((level) => ({ level, y: yOf(level) })), days };
}
