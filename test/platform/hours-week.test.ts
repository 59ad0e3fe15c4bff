import { describe, expect, it } from 'vitest';
import { weeklySchedule } from '../../src/server/modules/directory/hours.week.js';

const at = new Date('2026-11-23T10:00:00+01:00');
const r = (from: string, to: string) => {
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  return { from: m(from), to: m(to) };
};

describe('the weekly schedule of an opening_hours expression', () => {
  it('reads days × ranges, Monday first, with holidays closed unless said otherwise', () => {
    expect(weeklySchedule('Mo-Fr 08:30-19:00; Sa,Su 09:00-13:00', at)).toEqual({
      always: false,
      days: [...Array(5).fill([r('08:30', '19:00')]), [r('09:00', '13:00')], [r('09:00', '13:00')]],
      holidaysClosed: true,
      holidays: null,
    });
    const split = weeklySchedule('Mo,We 09:00-13:00,14:30-17:30; PH 10:00-12:00', at)!;
    expect(split.days[0]).toEqual([r('09:00', '13:00'), r('14:30', '17:30')]);
    expect(split.days[1]).toEqual([]);
    expect(split).toMatchObject({ holidaysClosed: false, holidays: [r('10:00', '12:00')] });
  });

  it('says 24/7, and counts a shift past midnight on the day it starts', () => {
    expect(weeklySchedule('24/7', at)).toMatchObject({ always: true, holidaysClosed: false });
    const night = weeklySchedule('Fr 20:00-02:00', at)!;
    expect(night.days[4]).toEqual([{ from: 20 * 60, to: 26 * 60 }]);
    expect(night.days[5]).toEqual([]);
  });

  it('is null for an invalid or an irregular (seasonal) expression', () => {
    expect(weeklySchedule('lunedì mattina', at)).toBeNull();
    expect(weeklySchedule('Nov Mo 09:00-12:00; Dec Tu 09:00-12:00', at)).toBeNull();
  });
});
