import { describe, expect, it } from 'vitest';
import { scheduleText } from '../../src/shared/hours-text.js';
import type { WeeklySchedule } from '../../src/shared/schedule.js';

const h = (s: string) => Number(s.split(':')[0]) * 60 + Number(s.split(':')[1] ?? 0);
const range = (text: string) => {
  const [from, to] = text.split('-') as [string, string];
  return { from: h(from), to: h(to) };
};
/** A week from seven entries (Monday first), each "9:00-13:00" ranges joined by commas, or '' for closed. */
const week = (days: string[], more: Partial<WeeklySchedule> = {}): WeeklySchedule => ({
  always: false,
  days: days.map((d) => (d ? d.split(',').map(range) : [])),
  holidaysClosed: false,
  holidays: null,
  ...more,
});
const weekdays = (d: string, sat = '', sun = '') => [d, d, d, d, d, sat, sun];

describe('opening hours in words', () => {
  it('groups the weekdays and names a pair with "e"', () => {
    expect(scheduleText(week(weekdays('8:30-19:00', '9:00-13:00', '9:00-13:00')), 'it')).toBe('lun–ven 8:30–19:00; sab e dom 9:00–13:00');
    expect(scheduleText(week(weekdays('8:30-19:00', '9:00-13:00', '9:00-13:00')), 'en')).toBe('Mon–Fri 8:30–19:00; Sat and Sun 9:00–13:00');
    expect(scheduleText(week(Array(7).fill('9:00-13:00')), 'it')).toBe('tutti i giorni 9:00–13:00');
  });

  it('lists split ranges and days that are not in a row', () => {
    expect(scheduleText(week(['9:00-13:00,14:30-17:30', '', '9:00-13:00,14:30-17:30', '', '9:00-13:00,14:30-17:30', '', '']), 'it')).toBe(
      'lun, mer e ven 9:00–13:00 e 14:30–17:30',
    );
    expect(scheduleText(week(['9:00-12:00', '9:00-12:00', '9:00-12:00', '15:00-18:00', '9:00-12:00', '', '']), 'it')).toBe('lun–mer e ven 9:00–12:00; gio 15:00–18:00');
  });

  it('says 24/7, a whole day and a shift past midnight as people do', () => {
    expect(scheduleText({ ...week(Array(7).fill('0:00-24:00')), always: true }, 'it')).toBe('aperto 24 ore su 24');
    expect(scheduleText({ ...week(Array(7).fill('0:00-24:00')), always: true }, 'en')).toBe('open 24 hours a day');
    expect(scheduleText(week(['', '', '', '', '20:00-26:00', '0:00-24:00', '']), 'it')).toBe('ven 20:00–2:00; sab tutto il giorno');
  });

  it('leaves closed days out, says when it is never open, and what holidays are', () => {
    expect(scheduleText(week(['', '14:00-17:00', '', '', '', '', ''], { holidaysClosed: true }), 'it')).toBe('mar 14:00–17:00; festivi chiuso');
    expect(scheduleText(week(['', '14:00-17:00', '', '', '', '', ''], { holidaysClosed: true }), 'en')).toBe('Tue 14:00–17:00; closed on public holidays');
    expect(scheduleText(week(Array(7).fill(''), { holidaysClosed: true }), 'it')).toBe('chiuso');
    expect(scheduleText(week(weekdays('9:00-13:00'), { holidays: [range('10:00-12:00')] }), 'it')).toBe('lun–ven 9:00–13:00; festivi 10:00–12:00');
  });
});
