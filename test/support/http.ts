import { addDays, formatISO } from 'date-fns';
import { expect } from 'vitest';

/**
 * The small helpers the API and security tests share (once written again at
 * the top of each file): answers checked with their body in the message,
 * days as the API takes them, If-Match headers, field errors as strings.
 */

/** An answer's body once its status is checked (the body is printed when it is not). `expectOk(201)`: a file whose writes mostly create. */
export const expectOk =
  (expected: number) =>
  (res: { status: number; body: any }, status = expected) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };
export const ok = expectOk(200);

export const DAY = 86_400_000;

/**
 * The calendar day in Rome `offset` days from today, `YYYY-MM-DD`. Counted
 * in calendar days, not 24-hour steps: across a summer-time change a step
 * from 23:xx lands on the next day, as the server (which counts calendar
 * days) never does.
 */
export const day = (offset: number) => {
  const [y, m, d] = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' }).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + offset)).toISOString().slice(0, 10);
};

/** The calendar day `n` days from today in the process's time zone (the tests run with TZ=Europe/Rome), `YYYY-MM-DD`. */
export const calendarDay = (n: number) => formatISO(addDays(new Date(), n), { representation: 'date' });

/** The If-Match header for a version. */
export const match = (version: number) => ({ 'if-match': `"${version}"` });

/** A problem's field errors as `pointer code`, sorted. */
export const issues = (body: { errors?: { pointer: string; code: string }[] }) => (body.errors ?? []).map((e) => `${e.pointer} ${e.code}`).sort();

/** The Italian day of the latest 06:30 at or before `at`: the morning whose reminders `jobs.runDue(at)` runs last. */
export function morningOf(at: Date): string {
  const [date, time] = at.toLocaleString('sv-SE', { timeZone: 'Europe/Rome' }).split(' ');
  const previous = new Date(Date.parse(`${date}T12:00:00Z`) - DAY).toISOString().slice(0, 10);
  return time! < '06:30' ? previous : date!;
}
