import type { Lang } from './labels.js';
import type { TimeRange, WeeklySchedule } from './schedule.js';

/**
 * A weekly schedule in words, as people say it: "lun–ven 8:30–19:00; sab e
 * dom 9:00–13:00; festivi chiuso", "aperto 24 ore su 24". Days with the
 * same hours are named together (a run of three or more as a span, the
 * others listed); closed days are simply not named. Italian day names are
 * lower-case, as Italian writes them.
 */

interface Words {
  days: readonly string[];
  and: string;
  everyDay: string;
  allDay: string;
  always: string;
  closed: string;
  holidaysClosed: string;
  holidays: string;
}

const words: Record<Lang, Words> = {
  it: {
    days: ['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom'],
    and: 'e',
    everyDay: 'tutti i giorni',
    allDay: 'tutto il giorno',
    always: 'aperto 24 ore su 24',
    closed: 'chiuso',
    holidaysClosed: 'festivi chiuso',
    holidays: 'festivi',
  },
  en: {
    days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    and: 'and',
    everyDay: 'every day',
    allDay: 'all day',
    always: 'open 24 hours a day',
    closed: 'closed',
    holidaysClosed: 'closed on public holidays',
    holidays: 'public holidays',
  },
};

/** "a, b e c" / "a, b and c". */
function list(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** Minutes from midnight as "8:30" (a time past midnight as the next day's clock: 1560 → "2:00"). */
function clock(minutes: number, end = false): string {
  const m = end && minutes === 24 * 60 ? minutes : minutes % (24 * 60);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

function rangesText(ranges: readonly TimeRange[], w: Words): string {
  if (ranges.length === 1 && ranges[0]!.from === 0 && ranges[0]!.to === 24 * 60) return w.allDay;
  return list(
    ranges.map((r) => `${clock(r.from)}–${clock(r.to, true)}`),
    w.and,
  );
}

/** Day indexes (Monday 0) as "lun–ven", "sab e dom", "lun, mer e ven", "lun–mer e ven". */
function daysText(days: number[], w: Words): string {
  if (days.length === 7) return w.everyDay;
  const runs: number[][] = [];
  for (const d of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === d - 1) run.push(d);
    else runs.push([d]);
  }
  const parts = runs.flatMap((run) => (run.length >= 3 ? [`${w.days[run[0]!]}–${w.days[run.at(-1)!]}`] : run.map((d) => w.days[d]!)));
  return list(parts, w.and);
}

/** The schedule in Italian or English words. */
export function scheduleText(schedule: WeeklySchedule, lang: Lang): string {
  const w = words[lang];
  if (schedule.always) return w.always;
  // Days with the same hours together, in the order of their first day.
  const groups = new Map<string, number[]>();
  schedule.days.forEach((ranges, day) => {
    if (!ranges.length) return;
    const key = JSON.stringify(ranges);
    groups.set(key, [...(groups.get(key) ?? []), day]);
  });
  const parts = [...groups].map(([key, days]) => `${daysText(days, w)} ${rangesText(JSON.parse(key) as TimeRange[], w)}`);
  if (!parts.length) parts.push(w.closed);
  if (schedule.holidays?.length) parts.push(`${w.holidays} ${rangesText(schedule.holidays, w)}`);
  else if (schedule.holidaysClosed && groups.size) parts.push(w.holidaysClosed);
  return parts.join('; ');
}
