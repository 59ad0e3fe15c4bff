import { CLOSED_WEEK, scheduleConflicts, type ScheduleConflict } from '../../../shared/hours-write';
import type { TimeRange, WeeklySchedule } from '../../../shared/schedule';

/**
 * What the weekly grid holds while she edits it: each day's ranges as the
 * times of two `<input type="time">` ("09:00"), how holidays go, and the
 * round-the-clock switch. Read back into a WeeklySchedule for the writer.
 *
 * Times as people enter them: an end earlier than the start ends the next
 * day (a night shift, 20:00–02:00: the grid says "fino al giorno dopo"
 * beside it); an end at 00:00 is midnight (00:00–00:00 is the whole day);
 * the same start and end is refused, as a range of nothing.
 */

export interface RangeDraft {
  from: string;
  to: string;
}

/** Holidays: closed, as on the weekday they fall on, or with their own hours. */
export type HolidayMode = 'closed' | 'weekday' | 'own';

export interface GridDraft {
  always: boolean;
  days: RangeDraft[][];
  holidays: HolidayMode;
  holidayRanges: RangeDraft[];
}

export type GridProblemCode = ScheduleConflict['code'] | 'hours_time_missing';

/** A problem of a day (0–6, Monday first) or of the holidays ('ph'). */
export interface GridProblem {
  day: number | 'ph';
  code: GridProblemCode;
}

const DAY = 24 * 60;
const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad(Math.floor((minutes % DAY) / 60))}:${pad(minutes % 60)}`;
const minutes = (time: string) => {
  const match = /^(\d{2}):(\d{2})/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
};

const rangeDraft = (r: TimeRange): RangeDraft => ({ from: clock(r.from), to: clock(r.to) });

/** The grid showing a schedule. */
export function draftOf(schedule: WeeklySchedule): GridDraft {
  return {
    always: schedule.always,
    days: schedule.always ? CLOSED_WEEK.days.map(() => []) : schedule.days.map((ranges) => ranges.map(rangeDraft)),
    holidays: schedule.holidays?.length ? 'own' : schedule.holidaysClosed ? 'closed' : 'weekday',
    holidayRanges: (schedule.holidays ?? []).map(rangeDraft),
  };
}

export const emptyDraft = (): GridDraft => draftOf(CLOSED_WEEK);

/** A range as entered: the end on the next day when it is not after the start. */
export function rangeOf(draft: RangeDraft): TimeRange | null {
  const from = minutes(draft.from);
  const to = minutes(draft.to);
  if (from === null || to === null) return null;
  if (to === 0) return { from, to: DAY };
  return { from, to: to <= from ? (to === from ? from : to + DAY) : to };
}

/** Whether a range as entered ends the next day (a night shift). */
export function endsNextDay(draft: RangeDraft): boolean {
  const r = rangeOf(draft);
  return !!r && r.to > DAY;
}

/** The schedule the grid says, or the problems that keep it from being written. */
export function readDraft(draft: GridDraft): { schedule: WeeklySchedule | null; problems: GridProblem[] } {
  if (draft.always) return { schedule: { ...CLOSED_WEEK, always: true, holidaysClosed: false }, problems: [] };
  const problems: GridProblem[] = [];
  const read = (ranges: RangeDraft[], day: number | 'ph') =>
    ranges.flatMap((d) => {
      const r = rangeOf(d);
      if (!r) problems.push({ day, code: 'hours_time_missing' });
      return r ? [r] : [];
    });
  const days = draft.days.map((ranges, day) => read(ranges, day));
  const holidays = draft.holidays === 'own' ? read(draft.holidayRanges, 'ph') : null;
  const schedule: WeeklySchedule = { always: false, days, holidaysClosed: draft.holidays === 'closed' || (draft.holidays === 'own' && !draft.holidayRanges.length), holidays };
  const all = [...problems, ...scheduleConflicts(schedule)];
  // One message per day and problem.
  const unique = all.filter((p, i) => all.findIndex((q) => q.day === p.day && q.code === p.code) === i);
  return unique.length ? { schedule: null, problems: unique } : { schedule, problems: [] };
}
