import { describe, expect, it } from 'vitest';
import { scheduleExpression } from '../../../shared/hours-write';
import { draftOf, emptyDraft, endsNextDay, rangeOf, readDraft, type GridDraft } from './hoursGrid.model';

const week = (monday: { from: string; to: string }[], more: Partial<GridDraft> = {}): GridDraft => ({ ...emptyDraft(), days: [monday, [], [], [], [], [], []], ...more });

describe('the weekly grid as entered', () => {
  it('reads an end before the start as the next day, 00:00 as midnight, equal times as nothing', () => {
    expect(rangeOf({ from: '09:00', to: '13:00' })).toEqual({ from: 540, to: 780 });
    expect(rangeOf({ from: '20:00', to: '02:00' })).toEqual({ from: 1200, to: 1560 });
    expect(endsNextDay({ from: '20:00', to: '02:00' })).toBe(true);
    expect(rangeOf({ from: '20:00', to: '00:00' })).toEqual({ from: 1200, to: 1440 });
    expect(rangeOf({ from: '00:00', to: '00:00' })).toEqual({ from: 0, to: 1440 });
    expect(endsNextDay({ from: '20:00', to: '00:00' })).toBe(false);
    expect(rangeOf({ from: '10:00', to: '' })).toBeNull();
  });

  it('writes the expression, or names the day that keeps it from being written', () => {
    const ok = readDraft(week([{ from: '09:00', to: '13:00' }, { from: '14:00', to: '17:00' }]));
    expect(ok.problems).toEqual([]);
    expect(scheduleExpression(ok.schedule!)).toBe('Mo 09:00-13:00,14:00-17:00; PH off');
    expect(readDraft(week([{ from: '09:00', to: '13:00' }, { from: '12:00', to: '17:00' }])).problems).toEqual([{ day: 0, code: 'hours_ranges_overlap' }]);
    expect(readDraft(week([{ from: '09:00', to: '' }])).problems).toEqual([{ day: 0, code: 'hours_time_missing' }]);
    expect(readDraft(week([{ from: '10:00', to: '10:00' }])).problems).toEqual([{ day: 0, code: 'hours_range_empty' }]);
    const holidays = readDraft(week([{ from: '09:00', to: '13:00' }], { holidays: 'own', holidayRanges: [{ from: '10:00', to: '12:00' }] }));
    expect(scheduleExpression(holidays.schedule!)).toBe('Mo 09:00-13:00; PH 10:00-12:00');
    expect(scheduleExpression(readDraft({ ...emptyDraft(), always: true }).schedule!)).toBe('24/7');
  });

  it('shows a schedule read by the server as it was', () => {
    const draft = draftOf({ always: false, days: [[{ from: 1200, to: 1560 }], [], [], [], [], [], []], holidaysClosed: false, holidays: null });
    expect(draft.days[0]).toEqual([{ from: '20:00', to: '02:00' }]);
    expect(draft.holidays).toBe('weekday');
    expect(draftOf({ always: false, days: [[{ from: 1200, to: 1440 }], [], [], [], [], [], []], holidaysClosed: true, holidays: null }).days[0]).toEqual([{ from: '20:00', to: '00:00' }]);
  });
});
