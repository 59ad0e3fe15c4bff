import { withinHoursLimits } from '../../../shared/hours-limits.js';
import type { TimeRange, WeeklySchedule } from '../../../shared/schedule.js';
import { romeMidnight, romeToday } from '../../platform/rome.js';
import { Hours } from './hours.js';

/**
 * The weekly schedule of an `opening_hours` expression, read from the same
 * evaluation the open/closed answers come from (`Hours`): each weekday's
 * open ranges over the coming weeks, a shift past midnight counted on the
 * day it starts. Public holidays and the days of a daylight-saving change
 * are left out of the comparison; a weekday whose hours differ from one
 * week to the next (seasons, "every other week", dates) makes the week
 * irregular: null, and the screens show the expression as written.
 */

const DAY = 24 * 60;
const MINUTE = 60_000;
/** How many weeks must agree: about two months, so a seasonal expression reads as irregular near its change. */
const WEEKS = 8;
const ALWAYS: WeeklySchedule = { always: true, days: Array.from({ length: 7 }, () => [{ from: 0, to: DAY }]), holidaysClosed: false, holidays: null };

function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Monday 0 … Sunday 6. */
function weekday(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

const isHoliday = (iso: string) => Hours.of('PH').isOpen(new Date(romeMidnight(iso).getTime() + 12 * 3600_000));
/** A 23- or 25-hour day, or the day before one (its night shift would be measured across the change). */
const nearClockChange = (iso: string) => [0, 1].some((n) => romeMidnight(iso, n + 1).getTime() - romeMidnight(iso, n).getTime() !== DAY * MINUTE);

/** Each day's open ranges between `first` and `last`, cut at midnight, in minutes of that day. */
function dayPieces(hours: Hours, first: string, last: string): Map<string, TimeRange[]> {
  const pieces = new Map<string, TimeRange[]>();
  for (const i of hours.intervals(romeMidnight(first), romeMidnight(last, 1))) {
    if (i.unknown) continue;
    let day = romeToday(i.from);
    while (romeMidnight(day) < i.to) {
      const start = romeMidnight(day).getTime();
      const from = Math.max(0, Math.round((i.from.getTime() - start) / MINUTE));
      const to = Math.min(DAY, Math.round((i.to.getTime() - start) / MINUTE));
      if (to > from) pieces.set(day, [...(pieces.get(day) ?? []), { from, to }]);
      day = addDays(day, 1);
    }
  }
  return pieces;
}

/** A day's own ranges: an evening shift runs on into the next morning; that morning's continuation is not the next day's. */
function ownRanges(pieces: Map<string, TimeRange[]>, iso: string): TimeRange[] {
  const isShift = (ranges: TimeRange[] | undefined) => {
    const last = ranges?.at(-1);
    return !!last && last.to === DAY && last.from > 0;
  };
  const spill = (ranges: TimeRange[] | undefined) => (ranges?.[0]?.from === 0 && ranges[0].to < DAY ? ranges[0] : null);
  const own = (pieces.get(iso) ?? []).map((r) => ({ ...r }));
  if (isShift(pieces.get(addDays(iso, -1))) && spill(own)) own.shift();
  const next = spill(pieces.get(addDays(iso, 1)));
  if (isShift(own) && next) own.at(-1)!.to = DAY + next.to;
  return own;
}

const same = (a: TimeRange[], b: TimeRange[]) => JSON.stringify(a) === JSON.stringify(b);

function compute(expression: string, monday: string): WeeklySchedule | null {
  if (expression.trim() === '24/7') return ALWAYS;
  // An expression stored before the limits, beyond them: shown as written rather than
  // read over eight weeks and a year of holidays (up to a second of the event loop).
  if (!withinHoursLimits(expression.trim())) return null;
  let hours: Hours;
  try {
    hours = Hours.of(expression);
  } catch {
    return null;
  }
  const last = addDays(monday, WEEKS * 7);
  const pieces = dayPieces(hours, addDays(monday, -1), last);
  const days: (TimeRange[] | null)[] = Array.from({ length: 7 }, () => null);
  for (let iso = monday; iso < last; iso = addDays(iso, 1)) {
    if (isHoliday(iso) || nearClockChange(iso)) continue;
    const own = ownRanges(pieces, iso);
    const known = days[weekday(iso)];
    if (known && !same(known, own)) return null;
    days[weekday(iso)] = own;
  }
  if (days.some((d) => d === null)) return null;
  const week = days as TimeRange[][];
  if (week.every((d) => same(d, [{ from: 0, to: DAY }])) && hours.isOpen(holidayNoon(monday))) return ALWAYS;

  return { always: false, days: week, ...holidaysOf(hours, monday, week) };
}

/**
 * What holidays are, read from the holidays of the coming year (not on a
 * clock change): the first one whose hours differ from its weekday's says
 * closed or its own hours; when none differs they keep the weekday's hours.
 * One holiday is not enough: a holiday on a weekday that is closed anyway
 * cannot tell "closed on holidays" from "as on weekdays" (`PH Mo-Fr …`).
 */
function holidaysOf(hours: Hours, monday: string, week: TimeRange[][]): Pick<WeeklySchedule, 'holidaysClosed' | 'holidays'> {
  let onOpenWeekday = false;
  for (let day = monday, n = 0; n < 366; n++, day = addDays(day, 1)) {
    if (!isHoliday(day) || nearClockChange(day)) continue;
    const own = ownRanges(dayPieces(hours, addDays(day, -1), addDays(day, 1)), day);
    const usual = week[weekday(day)]!;
    if (!same(own, usual)) return { holidaysClosed: own.length === 0, holidays: own.length ? own : null };
    onOpenWeekday ||= usual.length > 0;
  }
  // No holiday fell on an open weekday: closed and "as on weekdays" are the same thing this year.
  return { holidaysClosed: !onOpenWeekday, holidays: null };
}

/** Noon of the first public holiday from a day on. */
function holidayNoon(from: string): Date {
  let day = from;
  for (let n = 0; n < 400 && !isHoliday(day); n++) day = addDays(day, 1);
  return new Date(romeMidnight(day).getTime() + 12 * 3600_000);
}

const cache = new Map<string, WeeklySchedule | null>();

/**
 * The weekly schedule of an expression as of the week of `at` (null: an
 * invalid or irregular expression). Memoised per expression and week.
 */
export function weeklySchedule(expression: string, at = new Date()): WeeklySchedule | null {
  const today = romeToday(at);
  const monday = addDays(today, -weekday(today));
  const key = `${monday}|${expression}`;
  if (!cache.has(key)) {
    if (cache.size > 5_000) cache.clear();
    cache.set(key, compute(expression, monday));
  }
  return cache.get(key)!;
}
