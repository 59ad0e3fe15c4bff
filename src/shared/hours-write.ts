import type { TimeRange, WeeklySchedule } from './schedule.js';

/**
 * A weekly schedule written as an OpenStreetMap `opening_hours` expression,
 * the way the weekly grid of the sportello form fills the hours field:
 * days with the same hours together (`Mo-Fr 09:00-13:00,14:00-18:00;
 * Sa 09:00-12:00; PH off`), a shift past midnight as `Fr 20:00-02:00`
 * (the days' rules then joined by `,`, see scheduleExpression),
 * holidays closed (`PH off`), with their own hours (`PH 09:00-12:00`) or as
 * on weekdays (`PH Mo-Fr 09:00-13:00`: a holiday that falls on a weekday
 * keeps that weekday's hours), and `24/7`. The server reads the expression
 * back into the same schedule (hours.week.ts); test/platform/hours-write.test.ts
 * checks that round trip.
 *
 * The expression is written in the tidy form the `opening_hours` library
 * prints, so the preview has no "normalised form" to suggest.
 */

const DAY = 24 * 60;
const CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;

export const ALWAYS_OPEN: WeeklySchedule = {
  always: true,
  days: Array.from({ length: 7 }, () => [{ from: 0, to: DAY }]),
  holidaysClosed: false,
  holidays: null,
};

/** Every day closed, holidays too: what an empty hours field means in the grid. */
export const CLOSED_WEEK: WeeklySchedule = { always: false, days: Array.from({ length: 7 }, () => []), holidaysClosed: true, holidays: null };

const pad = (n: number) => String(n).padStart(2, '0');

/** "09:00"; an end at midnight as "24:00", an end past midnight as the next day's clock ("02:00"). */
function clock(minutes: number, end: boolean): string {
  const m = end && minutes === DAY ? DAY : minutes % DAY;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

const rangesRule = (ranges: readonly TimeRange[]) => ranges.map((r) => `${clock(r.from, false)}-${clock(r.to, true)}`).join(',');

/** Day indexes (Monday 0) as "Mo-We,Fr", "Sa,Su": a run of three or more as a span. */
function daysRule(days: readonly number[]): string {
  const runs: number[][] = [];
  for (const d of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === d - 1) run.push(d);
    else runs.push([d]);
  }
  return runs.flatMap((run) => (run.length >= 3 ? [`${CODES[run[0]!]}-${CODES[run.at(-1)!]}`] : run.map((d) => CODES[d]!))).join(',');
}

const same = (a: readonly TimeRange[], b: readonly TimeRange[]) => a.length === b.length && a.every((r, i) => r.from === b[i]!.from && r.to === b[i]!.to);

/** Ranges in order, overlapping or touching ones joined (09:00-13:00 and 13:00-18:00 are 09:00-18:00). */
function tidyRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.from - b.from || a.to - b.to)) {
    const last = out.at(-1);
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

/**
 * The schedule as the expression will say it: ranges in order and joined
 * where they touch; an evening ending at midnight followed by the next
 * morning from midnight is one night shift (20:00-24:00 and 00:00-06:00 are
 * 20:00-06:00); holidays with no hours are closed; every day round the clock
 * with holidays open is `24/7`.
 */
export function tidySchedule(schedule: WeeklySchedule): WeeklySchedule {
  if (schedule.always) return ALWAYS_OPEN;
  const days = schedule.days.map(tidyRanges);
  days.forEach((ranges, day) => {
    const last = ranges.at(-1);
    const next = days[(day + 1) % 7]!;
    const first = next[0];
    if (last && first && last.from > 0 && last.to === DAY && first.from === 0 && first.to < DAY) {
      last.to = DAY + first.to;
      next.shift();
    }
  });
  const holidays = schedule.holidaysClosed || !schedule.holidays?.length ? null : tidyRanges(schedule.holidays);
  const holidaysClosed = schedule.holidaysClosed || (schedule.holidays !== null && holidays === null);
  const allDay = [{ from: 0, to: DAY }];
  if (days.every((d) => same(d, allDay)) && !holidaysClosed && (!holidays || holidays.some((r) => r.from <= 12 * 60 && r.to > 12 * 60))) return ALWAYS_OPEN;
  return { always: false, days, holidaysClosed, holidays };
}

/** Days with the same hours together, in the order of their first day: [days, ranges] pairs. */
function groups(days: readonly TimeRange[][]): [number[], TimeRange[]][] {
  const out: [number[], TimeRange[]][] = [];
  days.forEach((ranges, day) => {
    if (!ranges.length) return;
    const group = out.find(([, r]) => same(r, ranges));
    if (group) group[0].push(day);
    else out.push([[day], ranges]);
  });
  return out;
}

/**
 * The `opening_hours` expression of a weekly schedule; an empty string when
 * nothing is ever open (an empty hours field: no hours given).
 */
export function scheduleExpression(schedule: WeeklySchedule): string {
  const week = tidySchedule(schedule);
  if (week.always) return '24/7';
  const weekRules = groups(week.days).map(([days, ranges]) => `${daysRule(days)} ${rangesRule(ranges)}`);
  // A rule takes the whole of its days, the hours after midnight of the day
  // before included: `Fr 20:00-02:00; Sa 10:00-12:00` would close Friday's
  // shift at midnight. With a shift past midnight the days' rules are joined
  // as additional rules (`,`), which add to each other.
  const join = week.days.some((ranges) => ranges.some((r) => r.to > DAY)) ? ', ' : '; ';
  if (week.holidays) return [weekRules.join(join), `PH ${rangesRule(week.holidays)}`].filter(Boolean).join('; ');
  if (!weekRules.length) return '';
  if (week.holidaysClosed) return `${weekRules.join(join)}; PH off`;
  // "As on weekdays": each day's rule again for holidays, so no `PH off` is added (hours.ts).
  return [...weekRules, ...weekRules.map((rule) => `PH ${rule}`)].join(join);
}

/**
 * Why a schedule cannot be written as it stands (the grid says so next to
 * the day): two ranges of a day overlap; a range lasts 24 hours or more, or
 * nothing; a shift past midnight runs into the next day's first hours (the
 * morning would be read as the end of the shift); holidays' own hours run
 * into a day's, or a day's into theirs; holidays' own hours with a shift
 * past midnight on the eve. `day` is 0–6 (Monday first) or 'ph'.
 */
export type ScheduleConflict = {
  day: number | 'ph';
  code: 'hours_range_empty' | 'hours_range_too_long' | 'hours_ranges_overlap' | 'hours_night_overlap' | 'hours_night_holiday_hours';
};

function ownConflicts(ranges: readonly TimeRange[], day: number | 'ph'): ScheduleConflict[] {
  const out: ScheduleConflict[] = [];
  for (const r of ranges) {
    if (r.to <= r.from) out.push({ day, code: 'hours_range_empty' });
    else if (r.to - r.from > DAY || (r.to - r.from === DAY && r.from > 0)) out.push({ day, code: 'hours_range_too_long' });
  }
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  if (sorted.some((r, i) => i > 0 && r.from < sorted[i - 1]!.to)) out.push({ day, code: 'hours_ranges_overlap' });
  return out;
}

/** Whether the evening `last` runs into the morning `first` of the day after. */
function runsInto(last: TimeRange | undefined, first: TimeRange | undefined): boolean {
  if (!last || !first || last.from === 0) return false;
  if (last.to > DAY) return first.from <= last.to - DAY;
  return last.to === DAY && first.from === 0 && first.to < DAY;
}

export function scheduleConflicts(schedule: WeeklySchedule): ScheduleConflict[] {
  if (schedule.always) return [];
  const own = [...schedule.days.flatMap((ranges, day) => ownConflicts(ranges, day)), ...ownConflicts(schedule.holidays ?? [], 'ph')];
  if (own.length) return own;
  const week = tidySchedule(schedule);
  if (week.always) return [];
  const out: ScheduleConflict[] = [];
  week.days.forEach((ranges, day) => {
    if (runsInto(ranges.at(-1), week.days[(day + 1) % 7]![0])) out.push({ day, code: 'hours_night_overlap' });
  });
  const ph = week.holidays;
  if (ph && week.days.some((ranges) => runsInto(ph.at(-1), ranges[0]) || runsInto(ranges.at(-1), ph[0]))) out.push({ day: 'ph', code: 'hours_night_overlap' });
  // Holidays' own hours are a rule of their own, which the library lets cut
  // the eve's shift at midnight (only `PH off` is evaluated day by day in hours.ts).
  else if (ph && week.days.some((ranges) => ranges.some((r) => r.to > DAY))) out.push({ day: 'ph', code: 'hours_night_holiday_hours' });
  return out;
}
