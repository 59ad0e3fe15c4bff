import OpeningHours from 'opening_hours';
import type { Closure } from '../../../shared/directory.js';

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
    return { ok: true, warnings: oh.getWarnings(), normalised: oh.prettifyValue() };
  } catch (err) {
    return { ok: false, error: String(err).replace(/\s+/g, ' ').trim() };
  }
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

/** A compiled, cached expression. */
export class Hours {
  private constructor(private readonly oh: OpeningHours) {}

  /**
   * States by minute: opening hours change only on whole minutes, so the
   * state at any instant of a minute is the state at its start. Finding the
   * next opening walks the rules and costs about a millisecond; a network
   * answer needs dozens of them, and calls and visits repeat the same minutes.
   */
  private readonly states = new Map<number, HoursState>();

  private static readonly cache = new Map<string, Hours>();

  /** Compiles (and caches) the hours of a sportello. Throws on an invalid expression: validate on write. */
  static of(expression: string, closures: readonly Closure[] = []): Hours {
    const full = effectiveExpression(expression, closures);
    let hours = Hours.cache.get(full);
    if (!hours) {
      assertRomeTime();
      hours = new Hours(new OpeningHours(full, ITALY));
      if (Hours.cache.size > 10_000) Hours.cache.clear();
      Hours.cache.set(full, hours);
    }
    return hours;
  }

  /** Open at that instant ("unknown" counts as not open: a call cannot be transferred there). */
  isOpen(at: Date): boolean {
    return this.oh.getState(at) && !this.oh.getUnknown(at);
  }

  nextChange(at: Date): Date | null {
    return this.oh.getNextChange(at, new Date(at.getTime() + HORIZON_MS)) ?? null;
  }

  /** The first instant at or after `at` when it is open (`at` itself when open). */
  nextOpening(at: Date): Date | null {
    let t: Date | null = at;
    for (let i = 0; t && i < 1000; i++) {
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
      unknown: this.oh.getUnknown(at),
      closesAt: open ? nextChange : null,
      nextChange,
      nextOpening: open ? null : nextChange && this.nextOpening(nextChange),
      comment: this.oh.getComment(at) ?? null,
    };
  }

  /** Open intervals between two instants (for a week view). */
  intervals(from: Date, to: Date): { from: Date; to: Date; unknown: boolean; comment: string | null }[] {
    return this.oh.getOpenIntervals(from, to).map(([f, t, unknown, comment]) => ({ from: f, to: t, unknown, comment: comment ?? null }));
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
