import type { HoursPreviewError } from '../../../shared/directory.api.js';
import type { Closure, StandardFlag } from '../../../shared/directory.js';
import { withinHoursLimits } from '../../../shared/hours-limits.js';
import type { WeeklySchedule } from '../../../shared/schedule.js';
import { Hours, type HoursState, checkHours } from './hours.js';
import { weeklySchedule } from './hours.week.js';

/**
 * Pure computations on opening hours for the directory screens: the
 * minimum-standard check of a CAV (Intesa Stato-Regioni 2022, docs/domain.md
 * §1 and §6.10) and the live preview of the edit form. No database here.
 * Dates are local to the process time zone, which hours.ts holds to
 * Europe/Rome.
 */

/** OpenStreetMap weekday codes, Monday first (as the standard counts a week). */
export const WEEKDAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
/**
 * Days looked ahead. Four weeks, so that one holiday (or a patron saint, or
 * a week's closure) does not erase a weekday the sportello normally keeps.
 */
export const STANDARD_WINDOW_DAYS = 28;

const weekday = (d: Date) => (d.getDay() + 6) % 7;
const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);

/** The weekdays (0 = Monday) with some opening between `from` and `days` days later; `unknown` intervals do not count. */
export function openWeekdays(expression: string, closures: readonly Closure[], from: Date, days: number): Set<number> {
  const found = new Set<number>();
  const hours = Hours.of(expression, closures);
  for (const interval of hours.intervals(from, addDays(startOfDay(from), days))) {
    if (interval.unknown) continue;
    // Every day the interval touches (a 24/7 line is one long interval).
    for (let day = startOfDay(interval.from); day < interval.to && found.size < 7; day = addDays(day, 1)) found.add(weekday(day));
  }
  return found;
}

export interface StandardSportello {
  openingHours: string | null;
  phoneHours: string | null;
  h24: boolean;
  closures: readonly Closure[];
  transferPhone: string | null;
  /** 1522 routes to it: a network's referent or a comune's override. */
  isReferent: boolean;
}

/** What a CAV's profile declares for the standard (null: not declared, counted as not met). */
export interface StandardProfile {
  lineLinkedEmergencyRoom: boolean | null;
  lineLinkedPolice: boolean | null;
  womenOnlyStaff: boolean | null;
}

export interface StandardCheck extends Partial<StandardProfile> {
  flags: StandardFlag[];
  inPersonDays: string[];
  phoneDays: string[];
  hasTransferPhone: boolean;
  isReferent: boolean;
}

const codes = (days: Set<number>) => [...days].sort((a, b) => a - b).map((d) => WEEKDAYS[d]!);

/**
 * The minimum-standard flags of one CAV over all its sportelli (secret ones
 * included: a shelter desk open in person still counts):
 * - `in_person_days`: fewer than 5 distinct weekdays with in-person hours;
 * - `phone_daily`: not every weekday reachable by phone (an h24 line; else
 *   phone hours, else the in-person hours);
 * - `link_1522`: no sportello with a reserved transfer number, and none is
 *   a 1522 referent;
 * - with the organisation's profile: `emergency_links`, its phone line is not
 *   declared linked with both the emergency rooms and the police;
 *   `women_staff`, the staff in contact with women are not declared to be
 *   women only.
 * A stored expression that no longer parses, or is beyond the limits
 * (hours-limits.ts), counts as no hours at all.
 */
export function checkStandards(sportelli: readonly StandardSportello[], at: Date, days = STANDARD_WINDOW_DAYS, profile?: StandardProfile): StandardCheck {
  const inPerson = new Set<number>();
  const phone = new Set<number>();
  const add = (into: Set<number>, expression: string | null, closures: readonly Closure[]) => {
    if (!expression || !withinHoursLimits(expression) || !checkHours(expression).ok) return;
    for (const d of openWeekdays(expression, closures, at, days)) into.add(d);
  };
  for (const s of sportelli) {
    add(inPerson, s.openingHours, s.closures);
    if (s.h24) WEEKDAYS.forEach((_, d) => phone.add(d));
    else add(phone, s.phoneHours ?? s.openingHours, s.closures);
  }
  const hasTransferPhone = sportelli.some((s) => Boolean(s.transferPhone));
  const isReferent = sportelli.some((s) => s.isReferent);
  const flags: StandardFlag[] = [];
  if (inPerson.size < 5) flags.push('in_person_days');
  if (phone.size < 7) flags.push('phone_daily');
  if (!hasTransferPhone && !isReferent) flags.push('link_1522');
  if (!profile) return { flags, inPersonDays: codes(inPerson), phoneDays: codes(phone), hasTransferPhone, isReferent };
  if (profile.lineLinkedEmergencyRoom !== true || profile.lineLinkedPolice !== true) flags.push('emergency_links');
  if (profile.womenOnlyStaff !== true) flags.push('women_staff');
  return { flags, inPersonDays: codes(inPerson), phoneDays: codes(phone), hasTransferPhone, isReferent, ...profile };
}

export interface HoursPreview {
  valid: boolean;
  /** Why it is not valid, as a code the web words (the parser's own message is English). */
  error: HoursPreviewError | null;
  /** How many warnings the parser has (its texts are English: the web says one sentence of its own). */
  warnings: number;
  normalised: string | null;
  state: HoursState | null;
  week: { date: string; intervals: { from: Date; to: Date; unknown: boolean; comment: string | null }[] }[];
  /** The expression alone as a week, for the weekly grid (closures are a field of their own). */
  schedule: WeeklySchedule | null;
}

const isoDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The live preview of the edit form: validity, state at `at`, and the seven days from `at`'s day. */
export function previewHours(expression: string, closures: readonly Closure[], at: Date): HoursPreview {
  const check = checkHours(expression);
  if (!check.ok) return { valid: false, error: 'syntax', warnings: 0, normalised: null, state: null, week: [], schedule: null };
  let hours: Hours;
  try {
    hours = Hours.of(expression, closures);
  } catch {
    // The expression parses alone but not with the holiday and closure rules appended.
    return { valid: false, error: 'with_closures', warnings: check.warnings.length, normalised: check.normalised, state: null, week: [], schedule: null };
  }
  const week = Array.from({ length: 7 }, (_, i) => {
    const day = addDays(startOfDay(at), i);
    return { date: isoDate(day), intervals: hours.intervals(day, addDays(day, 1)) };
  });
  return { valid: true, error: null, warnings: check.warnings.length, normalised: check.normalised, state: hours.state(at), week, schedule: weeklySchedule(expression, at) };
}
