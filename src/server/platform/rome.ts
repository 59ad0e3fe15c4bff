import { TZDate } from '@date-fns/tz';

/**
 * Calendar days in Europe/Rome, whatever the process's own time zone: the
 * days staff and the law count in (consent expiry, filters, exports).
 */

/** One formatter for the whole process: building an Intl.DateTimeFormat costs far more than using it (toLocaleDateString builds one per call). */
const romeDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Rome, YYYY-MM-DD. */
export const romeToday = (now = new Date()): string => romeDay.format(now);

/** The instant a calendar day (YYYY-MM-DD, plus `addDays`) starts in Rome. */
export function romeMidnight(isoDate: string, addDays = 0): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + addDays, 'Europe/Rome').getTime());
}
