import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHours } from '../../src/server/modules/directory/hours.js';
import { weeklySchedule } from '../../src/server/modules/directory/hours.week.js';
import { scheduleConflicts, scheduleExpression, tidySchedule } from '../../src/shared/hours-write.js';
import type { TimeRange, WeeklySchedule } from '../../src/shared/schedule.js';

const at = new Date('2026-11-23T10:00:00+01:00');
const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
const r = (from: string, to: string, nextDay = false) => ({ from: m(from), to: m(to) + (nextDay ? 1440 : 0) });
const week = (days: TimeRange[][], more: Partial<WeeklySchedule> = {}): WeeklySchedule => ({ always: false, days, holidaysClosed: true, holidays: null, ...more });
const weekdays = (ranges: TimeRange[], sat: TimeRange[] = [], sun: TimeRange[] = []) => [ranges, ranges, ranges, ranges, ranges, sat, sun];

describe('a weekly schedule written as an opening_hours expression', () => {
  it('groups equal days and closes holidays', () => {
    const s = week(weekdays([r('09:00', '13:00'), r('14:00', '18:00')], [r('09:00', '12:00')]));
    expect(scheduleExpression(s)).toBe('Mo-Fr 09:00-13:00,14:00-18:00; Sa 09:00-12:00; PH off');
    expect(scheduleExpression(week([[r('09:00', '13:00')], [], [r('09:00', '13:00')], [], [r('09:00', '13:00')], [r('10:00', '11:00')], [r('10:00', '11:00')]]))).toBe(
      'Mo,We,Fr 09:00-13:00; Sa,Su 10:00-11:00; PH off',
    );
  });

  it('writes 24/7, shifts past midnight, holidays with their own hours or as on weekdays', () => {
    expect(scheduleExpression({ ...week([]), always: true })).toBe('24/7');
    expect(scheduleExpression(week(Array.from({ length: 7 }, () => [r('00:00', '24:00')]), { holidaysClosed: false }))).toBe('24/7');
    expect(scheduleExpression(week([[], [], [], [], [r('20:00', '02:00', true)], [], []]))).toBe('Fr 20:00-02:00; PH off');
    // With a night shift the days' rules add to each other: `; Sa …` would cut Friday's night at midnight.
    expect(scheduleExpression(week([[], [], [], [], [r('20:00', '02:00', true)], [r('10:00', '12:00')], []]))).toBe('Fr 20:00-02:00, Sa 10:00-12:00; PH off');
    expect(scheduleExpression(week([[], [], [], [], [r('20:00', '02:00', true)], [r('10:00', '12:00')], []], { holidaysClosed: false }))).toBe(
      'Fr 20:00-02:00, Sa 10:00-12:00, PH Fr 20:00-02:00, PH Sa 10:00-12:00',
    );
    expect(scheduleExpression(week(weekdays([r('09:00', '13:00')]), { holidaysClosed: false, holidays: [r('09:00', '12:00')] }))).toBe('Mo-Fr 09:00-13:00; PH 09:00-12:00');
    expect(scheduleExpression(week(weekdays([r('09:00', '13:00')]), { holidaysClosed: false }))).toBe('Mo-Fr 09:00-13:00; PH Mo-Fr 09:00-13:00');
  });

  it('joins touching ranges and an evening to midnight with the next morning; nothing open is an empty field', () => {
    expect(scheduleExpression(week([[r('13:00', '18:00'), r('09:00', '13:00')], [], [], [], [], [], []]))).toBe('Mo 09:00-18:00; PH off');
    expect(scheduleExpression(week([[], [], [], [], [r('20:00', '24:00')], [r('00:00', '06:00')], []]))).toBe('Fr 20:00-06:00; PH off');
    expect(scheduleExpression(week(Array.from({ length: 7 }, () => [])))).toBe('');
  });

  it('names what cannot be written: overlaps, a night shift into the next morning', () => {
    expect(scheduleConflicts(week([[r('09:00', '13:00'), r('12:00', '14:00')], [], [], [], [], [], []]))).toEqual([{ day: 0, code: 'hours_ranges_overlap' }]);
    expect(scheduleConflicts(week([[], [], [], [], [r('20:00', '08:00', true)], [r('07:00', '12:00')], []]))).toEqual([{ day: 4, code: 'hours_night_overlap' }]);
    expect(scheduleConflicts(week([[], [], [], [], [], [], [r('22:00', '01:00', true)]]))).toEqual([]);
    expect(scheduleConflicts(week([[], [], [], [], [], [], [r('22:00', '01:00', true)], ].map((d, i) => (i === 0 ? [r('00:30', '05:00')] : d))))).toEqual([
      { day: 6, code: 'hours_night_overlap' },
    ]);
    expect(scheduleConflicts(week(weekdays([r('20:00', '24:00')]), { holidaysClosed: false, holidays: [r('00:00', '03:00')] }))).toEqual([{ day: 'ph', code: 'hours_night_overlap' }]);
    expect(scheduleConflicts(week([[r('10:00', '10:00')], [], [], [], [], [], []]))).toEqual([{ day: 0, code: 'hours_range_empty' }]);
    expect(scheduleConflicts(week([[r('20:00', '02:00', true)], [], [], [], [], [], []], { holidaysClosed: false, holidays: [r('10:00', '12:00')] }))).toEqual([
      { day: 'ph', code: 'hours_night_holiday_hours' },
    ]);
  });
});

// ---- Round trip through the server's reading --------------------------------

const FIVE = 5;
/** A day's ranges: distinct boundaries in 5-minute steps paired in order, the last one possibly past midnight. */
const dayRanges = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 288 }), { maxLength: 6 }), fc.option(fc.integer({ min: 1, max: 287 }), { freq: 4 }))
  .map(([bounds, night]) => {
    const sorted = [...bounds].sort((a, b) => a - b).map((b) => b * FIVE);
    const ranges: TimeRange[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push({ from: sorted[i]!, to: sorted[i + 1]! });
    const last = ranges.at(-1);
    // An evening shift ending the next day, before its own start.
    if (night !== null && last && last.to === 1440 && last.from > 0 && night * FIVE < last.from) last.to = 1440 + night * FIVE;
    return ranges;
  });

const schedule: fc.Arbitrary<WeeklySchedule> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<WeeklySchedule>({ always: true, days: Array.from({ length: 7 }, () => [{ from: 0, to: 1440 }]), holidaysClosed: false, holidays: null }) },
  {
    weight: 12,
    arbitrary: fc.record({
      always: fc.constant(false),
      days: fc.array(fc.oneof(dayRanges, fc.constant<TimeRange[]>([]), fc.constant<TimeRange[]>([{ from: 540, to: 780 }, { from: 840, to: 1080 }])), { minLength: 7, maxLength: 7 }),
      holidaysClosed: fc.boolean(),
      holidays: fc.option(dayRanges, { freq: 2 }),
    }),
  },
);

/** The holidays from 23 November 2026 fall on every weekday but Thursday: "as on weekdays" with only Thursdays open cannot be told from closed. */
const tellable = (s: WeeklySchedule) => s.always || s.holidaysClosed || s.holidays?.length || s.days.some((d, i) => i !== 3 && d.length);

describe('the written expression read back by the server', () => {
  it('gives the same schedule, in the tidy form the library prints, without warnings', () => {
    fc.assert(
      fc.property(schedule, (s) => {
        fc.pre(scheduleConflicts(s).length === 0 && !!tellable(s));
        const expression = scheduleExpression(s);
        fc.pre(expression !== '');
        const check = checkHours(expression);
        expect(check).toEqual({ ok: true, warnings: [], normalised: expression });
        expect(weeklySchedule(expression, at)).toEqual(tidySchedule(s));
      }),
      // Each reading evaluates eight weeks and a year of holidays: a hundred schedules per run (GRID_RUNS=1500 passed too).
      { numRuns: Number(process.env.GRID_RUNS ?? 100) },
    );
  }, 180_000);
});
