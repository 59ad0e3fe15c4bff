/**
 * How complex an opening-hours expression may be. Checking and evaluating
 * an `opening_hours` expression runs on the server's single event loop; its
 * cost grows with the time ranges a day holds and with a few constructs, so
 * every place that accepts an expression (the preview, a sportello's
 * creation and change, the directory import) refuses one beyond these
 * limits before the parser sees it, and the web tells the same limits
 * beside the field. Figures in docs/performance.md ("Opening hours: bounded
 * checks").
 *
 * Generous for real hours: the longest expression of the demo has 53
 * characters, 3 rules and 3 time ranges; the weekly grid's largest (seven
 * different days of two ranges, holidays "as on weekdays") has 14 rules and
 * 28 ranges.
 */

export const hoursLimits = {
  /** Characters of an expression. */
  length: 500,
  /** Rules: parts separated by `;` or `||`. */
  rules: 20,
  /** Time ranges, counted as half the times written (`09:00`, `sunrise`…), rounded up. */
  ranges: 30,
  /** Time ranges that may apply on one day (see `dayRanges`): what a day's evaluation walks. */
  dayRanges: 8,
} as const;

export type HoursLimitCode = 'hours_too_many_rules' | 'hours_too_many_ranges' | 'hours_too_many_day_ranges' | 'hours_open_end';

/** Comments (`"su appuntamento"`) are text: what they hold is not counted. */
const withoutComments = (expression: string) => expression.replace(/"[^"]*"/g, '""');
const TIME = /\b\d{1,2}:\d{2}\b|\b(?:sunrise|sunset|dawn|dusk)\b/g;
/**
 * An open end (`08:00+`, `(sunrise)+`, `10:00-12:00+`): "from then on, until
 * unknown". No desk 1522 can transfer a call to, and the one construct whose
 * evaluation grows without bound (forty of them took the server a minute).
 */
const OPEN_END = /(?:\d:\d{2}|\))\s*\+/;

const rangesIn = (text: string) => Math.ceil((text.match(TIME)?.length ?? 0) / 2);
const WEEKDAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const WEEKDAY = /\b(Mo|Tu|We|Th|Fr|Sa|Su)\b(?:\[[^\]]*\])?(?:\s*-\s*\b(Mo|Tu|We|Th|Fr|Sa|Su)\b)?/g;
/** An additional rule starts after a comma that follows a time, a closing bracket, a state or a comment: `Mo 09:00-12:00, Fr 20:00-02:00`. */
const ADDITIONAL = /(?<=\d:\d{2}|\)|\boff|\bclosed|\bopen|\bunknown|")\s*,\s*(?=[A-Za-z(])/;

/**
 * The most time ranges that may apply on one day: a normal rule (`;`, `||`)
 * replaces the earlier ones on its days, additional rules (`,`) add to each
 * other on the days they share. A rule's days are its weekdays (`Mo-Fr`,
 * `Sa,Su`, `Fr-Mo`), and every day when it names none (`week 1-53/2`,
 * `Dec`, `2026 Jan 01`) or holidays besides them (a holiday falls on any
 * day): an upper bound, never less than the truth. What a day's evaluation costs grows
 * with it (the preview, the week shown on the public page, the weekly
 * schedule read over eight weeks).
 */
export function dayRanges(expression: string): number {
  let most = 0;
  for (const rule of withoutComments(expression).split(/;|\|\|/)) {
    const perDay = new Array<number>(7).fill(0);
    for (const part of rule.split(ADDITIONAL)) {
      const ranges = rangesIn(part);
      if (!ranges) continue;
      const selector = part.slice(0, part.search(/\d{1,2}:\d{2}|sunrise|sunset|dawn|dusk|\(/) >>> 0);
      const days = new Set<number>();
      for (const [, from, to] of selector.matchAll(WEEKDAY)) {
        const a = WEEKDAYS.indexOf(from!);
        const b = to ? WEEKDAYS.indexOf(to) : a;
        for (let d = a; ; d = (d + 1) % 7) {
          days.add(d);
          if (d === b) break;
        }
      }
      // Holidays fall on any weekday: `PH 10:00-12:00` and `Su,PH …` add to every day; `PH Mo-Fr …` (holidays on those days) to its days.
      const holidays = /\b(PH|SH)\b/.test(selector) && (!days.size || /(PH|SH)\s*,|,\s*(PH|SH)/.test(selector));
      if (!days.size || holidays) for (let d = 0; d < 7; d++) days.add(d);
      for (const d of days) perDay[d]! += ranges;
    }
    most = Math.max(most, ...perDay);
  }
  return most;
}

/**
 * Why an expression is beyond the limits (null: within them). The length is
 * checked by the schema itself (`too_big`); this looks at the rest.
 */
export function hoursLimitCode(expression: string): HoursLimitCode | null {
  const text = withoutComments(expression);
  if (OPEN_END.test(text)) return 'hours_open_end';
  if (text.split(/;|\|\|/).filter((rule) => rule.trim()).length > hoursLimits.rules) return 'hours_too_many_rules';
  if (rangesIn(text) > hoursLimits.ranges) return 'hours_too_many_ranges';
  if (dayRanges(text) > hoursLimits.dayRanges) return 'hours_too_many_day_ranges';
  return null;
}

/** Within every limit, the length included: what the server evaluates in full. */
export const withinHoursLimits = (expression: string): boolean => expression.length <= hoursLimits.length && hoursLimitCode(expression) === null;
