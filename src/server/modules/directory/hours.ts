import OpeningHours from 'opening_hours';
import type { Closure } from '../../../shared/directory.js';
import { withinHoursLimits } from '../../../shared/hours-limits.js';
import { romeMidnight, romeToday } from '../../platform/rome.js';

/**
 * Opening hours of a sportello: OpenStreetMap `opening_hours` syntax
 * evaluated in Europe/Rome, with Italian public holidays (PH) and the
 * sportello's local closures.
 *
 * - Unless the expression says something about `PH` itself or is open
 *   `24/7`, the sportello is closed on public holidays (`; PH off` is
 *   appended): nobody should be transferred to an empty office at Christmas.
 * - Local closures (the patron saint of the comune, one-off closures) are
 *   appended as `off` rules, again except for `24/7` lines.
 * - A shift belongs to the day it starts. The library lets a holiday or a
 *   closure on Saturday cut Friday's `20:00-02:00` shift at midnight, and
 *   lets the hours after midnight of a closed Friday stay open (an `off`
 *   rule of a day does not reach its spill-over). So when an expression has
 *   a time range past midnight, the days on or after a closed day are
 *   evaluated here: the day's own hours come from the expression with every
 *   range cut at 24:00, the previous day's spill-over from the difference.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
/** Rome: the coordinates only feed sunrise/sunset variables; holidays come from the country. */
const ITALY = { lat: 41.9, lon: 12.5, address: { country_code: 'it', state: '' } };
const HORIZON_MS = 366 * 24 * 3600_000;

function ohDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y} ${MONTHS[m - 1]} ${String(d).padStart(2, '0')}`;
}

function closureRule(c: Closure): string {
  if (c.kind === 'annual') return `${MONTHS[c.month - 1]} ${String(c.day).padStart(2, '0')} off`;
  return c.from === c.to ? `${ohDate(c.from)} off` : `${ohDate(c.from)}-${ohDate(c.to)} off`;
}

/** The full expression evaluated for a sportello. */
export function effectiveExpression(expression: string, closures: readonly Closure[] = []): string {
  const base = expression.trim().replace(/;\s*$/, '');
  if (/24\/7/.test(base)) return base;
  const rules = [base];
  if (!/\bPH\b/.test(base)) rules.push('PH off');
  rules.push(...closures.map(closureRule));
  return rules.join('; ');
}

export type HoursCheck = { ok: true; warnings: string[]; normalised: string } | { ok: false; error: string };

/** Parses an expression as entered by a person: the syntax error, or the warnings and a tidy form. */
export function checkHours(expression: string): HoursCheck {
  assertRomeTime();
  try {
    const oh = new OpeningHours(expression, ITALY);
    return { ok: true, warnings: ownWarnings(oh, expression), normalised: oh.prettifyValue() };
  } catch (err) {
    return { ok: false, error: String(err).replace(/\s+/g, ' ').trim() };
  }
}

const PH_OFF_LAST = /;\s*PH\s+off\s*$/;

/**
 * The library's warnings, except the one a closing `PH off` draws after a
 * shift past midnight ("this rule overwrites parts of the previous rule"):
 * a shift belongs to the day it starts, and `Hours` evaluates those days
 * itself, so the weekly grid's `Fr 20:00-02:00; PH off` is not a doubt.
 */
function ownWarnings(oh: OpeningHours, expression: string): string[] {
  const warnings = oh.getWarnings();
  if (!warnings.length || !PH_OFF_LAST.test(expression)) return warnings;
  return new OpeningHours(expression.replace(PH_OFF_LAST, ''), ITALY).getWarnings().length ? warnings : [];
}

/** A doubtful (but valid) expression: not written in the tidy form, or a change of state inside the hour skipped in spring. */
export type HoursDoubt = 'hours_not_canonical' | 'hours_dst_gap';

/**
 * What an import warns about: `Mo-Fr 9-17` (the tidy form is
 * `Mo-Fr 09:00-17:00`), and an opening or closing between 02:00 and 03:00
 * on a Sunday: on the last Sunday of March that hour does not exist. Looked
 * at on the Sunday a week before the next change (same rules, a whole hour).
 */
export function hoursDoubts(expression: string, now = new Date()): HoursDoubt[] {
  const check = checkHours(expression);
  if (!check.ok) return [];
  const doubts: HoursDoubt[] = [];
  if (check.normalised !== expression.trim()) doubts.push('hours_not_canonical');
  let year = Number(romeToday(now).slice(0, 4));
  let change = lastSundayOfMarch(year);
  if (romeMidnight(change) <= now) change = lastSundayOfMarch(++year);
  const sunday = addDays(change, -7);
  const from = romeMidnight(sunday);
  const to = romeMidnight(sunday, 1);
  const inGap = (d: Date) => d >= new Date(from.getTime() + 2 * 3600_000) && d < new Date(from.getTime() + 3 * 3600_000);
  const oh = new OpeningHours(expression, ITALY);
  if (oh.getOpenIntervals(from, to).some(([f, t]) => inGap(f) || inGap(t))) doubts.push('hours_dst_gap');
  return doubts;
}

function lastSundayOfMarch(year: number): string {
  const last = new Date(Date.UTC(year, 2, 31));
  last.setUTCDate(31 - last.getUTCDay());
  return last.toISOString().slice(0, 10);
}

export interface HoursState {
  open: boolean;
  /** Open or closed is not known for that moment (e.g. "by appointment"). */
  unknown: boolean;
  /** When open: when it closes (null: not within a year, e.g. 24/7). */
  closesAt: Date | null;
  /** The next change of state (null: none within a year). */
  nextChange: Date | null;
  /** When closed: the next opening (null: none within a year). */
  nextOpening: Date | null;
  /** The comment of the matching rule ("solo su appuntamento"), or the holiday's name. */
  comment: string | null;
}

/** States kept per compiled expression (a bounded memo: cleared when full). */
const MAX_STATES = 5_000;
const MINUTE = 60_000;

/**
 * Steps a search may take. Each is a walk of the library's rules (a few
 * tenths of a millisecond to a millisecond); an expression that is never
 * known to be open ("unknown" every day, `Mo-Su 10:00-11:00 unknown`)
 * made a state walk a year of changes, or a thousand of them: half a
 * second of the event loop for 25 characters. Real hours find their next
 * change and opening in a handful of steps (a closure or holiday is two);
 * past these, the answer is "none known" (null), as for hours with no
 * opening within a year.
 */
const MAX_CHANGE_STEPS = 200;
const MAX_OPENING_STEPS = 100;

const isOpenIn = (oh: OpeningHours, at: Date): boolean => oh.getState(at) && !oh.getUnknown(at);

/** The calendar day after (or before) a YYYY-MM-DD date. */
function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const PUBLIC_HOLIDAYS = new Map<string, boolean>();
/** Whether a Rome calendar day is an Italian public holiday (as the library counts them). */
function isPublicHoliday(isoDate: string): boolean {
  let holiday = PUBLIC_HOLIDAYS.get(isoDate);
  if (holiday === undefined) {
    PH_ONLY ??= new OpeningHours('PH', ITALY);
    holiday = PH_ONLY.getState(new Date(romeMidnight(isoDate).getTime() + 12 * 3600_000));
    if (PUBLIC_HOLIDAYS.size > 5_000) PUBLIC_HOLIDAYS.clear();
    PUBLIC_HOLIDAYS.set(isoDate, holiday);
  }
  return holiday;
}
let PH_ONLY: OpeningHours | undefined;

function closedByClosure(isoDate: string, closures: readonly Closure[]): boolean {
  const [, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return closures.some((c) => (c.kind === 'annual' ? c.month === m && c.day === d : c.from <= isoDate && isoDate <= c.to));
}

const TIME_RANGE = /\b(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})\b/g;

/**
 * How the days around a closed day are evaluated when some shift runs past
 * midnight: `own` is the expression with every range cut at 24:00 (a day's
 * own hours, nothing spilt from the day before), `whole` the expression
 * without holidays and closures (own hours plus spill-over).
 */
interface ShiftDays {
  whole: OpeningHours;
  own: OpeningHours;
  holidaysClosed: boolean;
  closures: readonly Closure[];
}

/** The rules of a `24/7`-free expression whose shifts cross midnight, or null when none does (the library is then right). */
function shiftDays(expression: string, closures: readonly Closure[]): ShiftDays | null {
  const base = expression.trim().replace(/;\s*$/, '');
  if (/24\/7/.test(base) || base.includes('"')) return null;
  const rules = base.split(';').map((r) => r.trim()).filter(Boolean);
  const withoutPhOff = rules.filter((r) => !/^PH\s+(off|closed)$/i.test(r));
  const holidaysClosed = withoutPhOff.length > 0 && !/\bPH\b/.test(withoutPhOff.join('; '));
  const rest = holidaysClosed ? withoutPhOff.join('; ') : base;
  const whole = new OpeningHours(rest, ITALY);
  const pretty = whole.prettifyValue();
  let wraps = false;
  const cut = pretty.replace(TIME_RANGE, (range, h1: string, m1: string, h2: string, m2: string) => {
    const start = Number(h1) * 60 + Number(m1);
    const end = Number(h2) * 60 + Number(m2);
    if (end > 24 * 60 || (end <= start && end > 0)) {
      wraps = true;
      return `${h1}:${m1}-24:00`;
    }
    return range;
  });
  if (!wraps) return null;
  return { whole, own: new OpeningHours(cut, ITALY), holidaysClosed, closures };
}

/**
 * Which evaluation a Rome day needs: the expression without holidays and
 * closures (neither the day nor the one before is closed: the library's
 * `off` rules are left out altogether, they also misplace spill-overs
 * across a DST change), or the day-by-day one around a closed day.
 */
type Regime = 'library' | 'spill_only' | 'own_only' | 'closed';

/** A compiled, cached expression. */
export class Hours {
  private constructor(
    private readonly oh: OpeningHours,
    private readonly days: ShiftDays | null,
  ) {}

  /**
   * States by minute: opening hours change only on whole minutes, so the
   * state at any instant of a minute is the state at its start. Finding the
   * next opening walks the rules and costs about a millisecond; a network
   * answer needs dozens of them, and calls and visits repeat the same minutes.
   */
  private readonly states = new Map<number, HoursState>();

  private static readonly cache = new Map<string, Hours>();

  /**
   * Compiles (and caches) the hours of a sportello. Throws on an invalid expression: validate on write.
   * Throws too on one beyond the limits (hours-limits.ts; stored before them): callers read both as no hours.
   */
  static of(expression: string, closures: readonly Closure[] = []): Hours {
    const full = effectiveExpression(expression, closures);
    let hours = Hours.cache.get(full);
    if (!hours) {
      if (!withinHoursLimits(expression.trim())) throw new Error('Opening hours beyond the limits (hours-limits.ts).');
      assertRomeTime();
      hours = new Hours(new OpeningHours(full, ITALY), shiftDays(expression, closures));
      if (Hours.cache.size > 10_000) Hours.cache.clear();
      Hours.cache.set(full, hours);
    }
    return hours;
  }

  /**
   * The library finds "yesterday" 24 hours back: in the first hour of the day
   * after the spring change (a 23-hour day) it reads the spill-over of the
   * day before yesterday. Such an hour is evaluated here.
   */
  private wholeOpen(at: Date): boolean {
    const days = this.days!;
    const today = romeToday(at);
    const midnight = romeMidnight(today);
    if (at.getTime() - midnight.getTime() >= 3600_000 || midnight.getTime() - romeMidnight(addDays(today, -1)).getTime() !== 23 * 3600_000) {
      return isOpenIn(days.whole, at);
    }
    // From 01:00 the library reads the right day again: a shift open at 23:59
    // the evening before and still open at 01:00 ran through the hour (one
    // ending inside that hour is taken to run to its end).
    const wasOpen = isOpenIn(days.whole, new Date(midnight.getTime() - MINUTE));
    return isOpenIn(days.own, at) || (wasOpen && isOpenIn(days.whole, new Date(midnight.getTime() + 3600_000)));
  }

  private closedDay(isoDate: string): boolean {
    const days = this.days!;
    return (days.holidaysClosed && isPublicHoliday(isoDate)) || closedByClosure(isoDate, days.closures);
  }

  /** How the Rome day `isoDate` is evaluated. */
  private regime(isoDate: string): Regime {
    if (!this.days) return 'library';
    const today = this.closedDay(isoDate);
    const yesterday = this.closedDay(addDays(isoDate, -1));
    if (today && yesterday) return 'closed';
    if (today) return 'spill_only';
    if (yesterday) return 'own_only';
    return 'library';
  }

  /** Open at that instant ("unknown" counts as not open: a call cannot be transferred there). */
  isOpen(at: Date): boolean {
    if (!this.days) return isOpenIn(this.oh, at);
    switch (this.regime(romeToday(at))) {
      case 'library':
        return this.wholeOpen(at);
      case 'own_only':
        return isOpenIn(this.days.own, at);
      case 'spill_only':
        return this.wholeOpen(at) && !isOpenIn(this.days.own, at);
      case 'closed':
        return false;
    }
  }

  private unknownAt(at: Date): boolean {
    if (!this.days) return this.oh.getUnknown(at);
    const regime = this.regime(romeToday(at));
    if (regime === 'library') return this.days.whole.getUnknown(at);
    if (regime === 'own_only') return this.days.own.getUnknown(at);
    return false;
  }

  nextChange(at: Date, until?: Date): Date | null {
    // A caller that needs no change past `until` (a day of the week view) says so: each step
    // scans the library up to the horizon, and a year of scans per step made a preview take seconds.
    const horizon = until && until.getTime() < at.getTime() + HORIZON_MS ? until : new Date(at.getTime() + HORIZON_MS);
    if (!this.days) return this.oh.getNextChange(at, horizon) ?? null;
    const days = this.days;
    const open = this.isOpen(at);
    let cur = at;
    for (let i = 0; i < MAX_CHANGE_STEPS; i++) {
      const today = romeToday(cur);
      const regime = this.regime(today);
      const sources =
        regime === 'library' ? [days.whole] : regime === 'own_only' ? [days.own] : regime === 'spill_only' ? [days.whole, days.own] : [];
      const candidates: Date[] = [];
      const consider = (c: Date | null | undefined) => {
        if (c && c > cur) candidates.push(c);
      };
      for (const oh of sources) consider(oh.getNextChange(cur, horizon));
      const midnightToday = romeMidnight(today);
      if (regime !== 'closed' && midnightToday.getTime() - romeMidnight(addDays(today, -1)).getTime() === 23 * 3600_000) {
        // The hour the library misreads (see wholeOpen) ends at 01:00.
        consider(new Date(midnightToday.getTime() + 3600_000));
      }
      let next: Date | null = candidates.reduce<Date | null>((min, c) => (!min || c < min ? c : min), null);
      // The way of evaluating changes only at a midnight: stop at the first day evaluated differently.
      let day = addDays(today, 1);
      for (let d = 0; d < 370; d++, day = addDays(day, 1)) {
        const midnight = romeMidnight(day);
        if (next && midnight >= next) break;
        if (midnight > horizon) break;
        const shortDayBefore = midnight.getTime() - romeMidnight(addDays(day, -1)).getTime() === 23 * 3600_000;
        if (this.regime(day) !== regime || regime !== 'library' || shortDayBefore) {
          next = midnight;
          break;
        }
      }
      if (!next || next > horizon) return null;
      if (this.isOpen(next) !== open) return next;
      cur = next;
    }
    return null;
  }

  /** The first instant at or after `at` when it is open (`at` itself when open). */
  nextOpening(at: Date): Date | null {
    let t: Date | null = at;
    for (let i = 0; t && i < MAX_OPENING_STEPS; i++) {
      if (this.isOpen(t)) return t;
      t = this.nextChange(t);
    }
    return null;
  }

  state(at: Date): HoursState {
    const minute = Math.floor(at.getTime() / MINUTE) * MINUTE;
    let state = this.states.get(minute);
    if (!state) {
      state = this.computeState(new Date(minute));
      if (this.states.size >= MAX_STATES) this.states.clear();
      this.states.set(minute, state);
    }
    return state;
  }

  private computeState(at: Date): HoursState {
    const open = this.isOpen(at);
    const nextChange = this.nextChange(at);
    return {
      open,
      unknown: this.unknownAt(at),
      closesAt: open ? nextChange : null,
      nextChange,
      nextOpening: open ? null : nextChange && this.nextOpening(nextChange),
      comment: this.oh.getComment(at) ?? null,
    };
  }

  /** Open intervals between two instants (for a week view). */
  intervals(from: Date, to: Date): { from: Date; to: Date; unknown: boolean; comment: string | null }[] {
    if (!this.days) {
      return this.oh.getOpenIntervals(from, to).map(([f, t, unknown, comment]) => ({ from: f, to: t, unknown, comment: comment ?? null }));
    }
    const out: { from: Date; to: Date; unknown: boolean; comment: string | null }[] = [];
    let t = from;
    let open = this.isOpen(t);
    while (t < to) {
      const change = this.nextChange(t, to);
      const end = !change || change > to ? to : change;
      if (open) out.push({ from: t, to: end, unknown: false, comment: this.oh.getComment(t) ?? null });
      if (!change) break;
      t = change;
      open = !open;
    }
    return out;
  }
}

let romeChecked = false;
/**
 * `opening_hours` evaluates in the process time zone: refuse to give wrong
 * answers anywhere but Europe/Rome (the npm scripts and main set TZ).
 */
export function assertRomeTime(): void {
  if (romeChecked) return;
  const winter = new Date('2026-01-15T12:00:00Z').getTimezoneOffset();
  const summer = new Date('2026-07-15T12:00:00Z').getTimezoneOffset();
  if (winter !== -60 || summer !== -120) {
    throw new Error('Opening hours need the process time zone Europe/Rome (set TZ=Europe/Rome).');
  }
  romeChecked = true;
}
