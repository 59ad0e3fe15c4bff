import { z } from 'zod';

/**
 * A sportello's week as people read it, derived on the server from its
 * `opening_hours` expression (src/server/modules/directory/hours.week.ts)
 * and turned into words by `scheduleText` (src/shared/hours-text.ts). Codes
 * and numbers only: the words belong to the reader's language.
 */

/** An open range in minutes from the day's midnight; `to` past 1440 for a shift that ends the next day (20:00–02:00 is 1200–1560). */
export const timeRange = z.object({ from: z.number().int().min(0).max(1439), to: z.number().int().min(1).max(2880) });

export const weeklySchedule = z.object({
  /** Open round the clock every day, holidays included (`24/7`). */
  always: z.boolean(),
  /** Seven days, Monday first: each day's open ranges, in order (none: closed that day). */
  days: z.array(z.array(timeRange)).length(7),
  /** Closed on Italian public holidays. */
  holidaysClosed: z.boolean(),
  /** Public holidays have their own hours (null: closed, or the weekday's usual hours). */
  holidays: z.array(timeRange).nullable(),
});

export type TimeRange = z.output<typeof timeRange>;
export type WeeklySchedule = z.output<typeof weeklySchedule>;
