import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { buildDemoDirectory } from '../../seeds/demo/directory.js';
import { checkStandards } from '../../src/server/modules/directory/directory.standards.js';
import { hoursExpression } from '../../src/server/modules/directory/directory.schemas.js';
import { Hours } from '../../src/server/modules/directory/hours.js';
import { weeklySchedule } from '../../src/server/modules/directory/hours.week.js';
import { hoursPreviewIn, hoursText } from '../../src/shared/directory.api.js';
import { codeOfIssue } from '../../src/shared/field-errors.js';
import { dayRanges, hoursLimitCode, hoursLimits, withinHoursLimits } from '../../src/shared/hours-limits.js';
import { scheduleExpression } from '../../src/shared/hours-write.js';
import type { TimeRange, WeeklySchedule } from '../../src/shared/schedule.js';
import { repoRoot } from './processes.js';

/**
 * The size limits of an opening-hours expression (src/shared/hours-limits.ts):
 * deterministic, the same for the web's form, the API and the import, and
 * generous for every expression real hours need.
 */

const hh = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** `n` time ranges of a quarter of an hour, every half hour from midnight. */
const ranges = (n: number) => Array.from({ length: n }, (_, i) => `${hh(i * 30)}-${hh(i * 30 + 15)}`).join(',');
const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
/** `n` time ranges over the week, five a day (as additional rules: they all count). */
const weekRanges = (n: number) =>
  DAYS.map((d, i) => [d, Math.min(5, Math.max(0, n - i * 5))] as const)
    .filter(([, k]) => k > 0)
    .map(([d, k]) => `${d} ${ranges(k)}`)
    .join(', ');
/** `n` rules, one a day in turn. */
const rules = (n: number) => Array.from({ length: n }, (_, i) => `${DAYS[i % 7]} ${hh(600 + i)}-${hh(700 + i)}`).join('; ');
const codeOf = (result: ReturnType<typeof hoursText.safeParse>) => (result.success ? null : result.error.issues.map((i) => codeOfIssue(i.code, i.message)));

/** The library's parses and steps, counted (its methods are the instance's own: a prototype cannot be spied on). */
const counted = vi.hoisted(() => ({ parses: 0, steps: 0 }));
vi.mock('opening_hours', async (importOriginal) => {
  const Real = ((await importOriginal()) as { default: new (...args: unknown[]) => { getNextChange: (...args: unknown[]) => unknown } }).default;
  function Counting(...args: unknown[]) {
    const oh = new Real(...args);
    counted.parses++;
    const step = oh.getNextChange.bind(oh);
    oh.getNextChange = (...a: unknown[]) => {
      counted.steps++;
      return step(...a);
    };
    return oh;
  }
  return { default: Counting };
});

describe('hoursLimitCode', () => {
  it('counts rules separated by ; or || up to the limit, and refuses one more', () => {
    expect(hoursLimitCode(rules(hoursLimits.rules))).toBeNull();
    expect(hoursLimitCode(rules(hoursLimits.rules + 1))).toBe('hours_too_many_rules');
    expect(hoursLimitCode(Array.from({ length: hoursLimits.rules + 1 }, () => 'Mo 09:00-10:00').join(' || '))).toBe('hours_too_many_rules');
    // A closing `;` is not a rule.
    expect(hoursLimitCode(`${rules(hoursLimits.rules)};`)).toBeNull();
  });

  it('counts time ranges (half the times written, sun times included) up to the limit, and refuses one more', () => {
    expect(hoursLimitCode(weekRanges(hoursLimits.ranges))).toBeNull();
    expect(hoursLimitCode(weekRanges(hoursLimits.ranges + 1))).toBe('hours_too_many_ranges');
    expect(hoursLimitCode(`${weekRanges(hoursLimits.ranges)}; PH sunrise-sunset`)).toBe('hours_too_many_ranges');
  });

  it('counts the time ranges that may apply on one day: a rule replaces the earlier ones, additional rules add on the days they share', () => {
    const day = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `${hh(from + i * 60)}-${hh(from + i * 60 + 30)}`).join(',');
    expect(dayRanges('Mo-Fr 09:00-13:00,14:00-17:00; Fr 20:00-02:00; PH off')).toBe(2);
    expect(dayRanges(`Mo-Su ${day(8)}`)).toBe(8);
    expect(hoursLimitCode(`Mo-Su ${day(8)}`)).toBeNull();
    expect(hoursLimitCode(`Mo-Su ${day(9)}`)).toBe('hours_too_many_day_ranges');
    // Later rules replace: eight a day, on every day, is within the limit.
    expect(hoursLimitCode(DAYS.map((d) => `${d} ${day(8)}`).join('; '))).toBe('hours_too_many_ranges');
    expect(dayRanges(DAYS.map((d) => `${d} ${day(8)}`).join('; '))).toBe(8);
    // Additional rules add up on the days they share (a wrapping range of days included), not on the others.
    expect(dayRanges(`Mo-Su ${day(5)}, Su ${day(4, 720)}`)).toBe(9);
    expect(dayRanges(`Fr-Mo ${day(5)}, Mo ${day(4, 720)}`)).toBe(9);
    expect(dayRanges(`Mo-We ${day(5)}, Th-Su ${day(4, 720)}`)).toBe(5);
    // A rule naming no weekday may apply on any day.
    expect(dayRanges(`Mo ${day(5)}, week 1-53 ${day(4, 720)}`)).toBe(9);
    // Holidays fall on any day; holidays on given weekdays only on those.
    expect(dayRanges(`Mo ${day(5)}, PH ${day(4, 720)}`)).toBe(9);
    expect(dayRanges(`Mo ${day(5)}, Su,PH ${day(4, 720)}`)).toBe(9);
    expect(dayRanges(`Mo ${day(5)}, PH Tu ${day(4, 720)}`)).toBe(5);
    // A comment's text is not counted.
    expect(dayRanges(`Sa 09:00-12:00 unknown "${day(20)}"`)).toBe(1);
  });

  it('refuses an open end, in every form, and nothing else with a +', () => {
    for (const e of ['Mo-Su 08:00+', 'Mo 10:00-12:00+', 'Sa (sunrise)+', 'Mo-Fr 09:00-13:00, Sa 08:00 +']) expect(hoursLimitCode(e), e).toBe('hours_open_end');
    for (const e of ['Mo-Su (sunrise+01:00)-(sunset-01:00)', 'easter +1 day 09:00-12:00', 'Mo-Fr 09:00-13:00']) expect(hoursLimitCode(e), e).toBeNull();
  });

  it('does not count what a comment says', () => {
    const comment = `"${Array.from({ length: 40 }, () => '10:00-11:00; 08:00+').join(' ')}"`;
    expect(hoursLimitCode(`Sa 09:00-12:00 unknown ${comment}`)).toBeNull();
  });
});

describe('the shared schema refuses an expression beyond the limits, with its code', () => {
  it('hoursText (the form, the API, the import) and the preview', () => {
    expect(codeOf(hoursText.safeParse(weekRanges(31)))).toEqual(['hours_too_many_ranges']);
    expect(codeOf(hoursText.safeParse(`Mo-Su ${ranges(9)}`))).toEqual(['hours_too_many_day_ranges']);
    expect(codeOf(hoursText.safeParse(rules(21)))).toEqual(['hours_too_many_rules']);
    expect(codeOf(hoursText.safeParse('  Mo-Su 08:00+  '))).toEqual(['hours_open_end']);
    expect(codeOf(hoursText.safeParse('Mo-Fr 09:00-13:00'))).toBeNull();
    expect(codeOf(hoursText.safeParse('x'.repeat(hoursLimits.length + 1)))).toEqual(['too_big']);
    const preview = hoursPreviewIn.safeParse({ openingHours: 'Mo-Su 08:00+' });
    expect(preview.success ? null : preview.error.issues.map((i) => [i.path.join('/'), i.message])).toEqual([['openingHours', 'hours_open_end']]);
    expect(hoursPreviewIn.safeParse({ openingHours: '' }).success).toBe(true);
  });

  it('the server never hands an expression beyond the limits to the parser', () => {
    const before = counted.parses;
    for (const e of [weekRanges(31), `Mo-Su ${ranges(9)}`, rules(21), 'Mo-Su 08:00+', `Mo-Fr 09:00-13:00; ${'x'.repeat(600)}`]) {
      const result = hoursExpression.safeParse(e);
      expect(result.success, e.slice(0, 40)).toBe(false);
      expect(result.error!.issues.map((i) => i.message)).not.toContain('opening_hours');
    }
    expect(counted.parses).toBe(before);
    // The check itself still parses what is within the limits.
    expect(hoursExpression.safeParse('Mo-Fr 09:00-13:00').success).toBe(true);
    expect(counted.parses).toBeGreaterThan(before);
  });
});

describe('an expression stored before the limits, beyond them', () => {
  const stored = `Mo-Su ${Array.from({ length: 40 }, (_, i) => `${hh(i * 30)}+`).join(',')}`;

  it('is no hours at all wherever it is read: not compiled, no schedule, no weekday for the standard', () => {
    expect(withinHoursLimits(stored)).toBe(false);
    expect(() => Hours.of(stored)).toThrow(/beyond the limits/);
    expect(weeklySchedule(stored, new Date('2026-12-07T10:00:00+01:00'))).toBeNull();
    const check = checkStandards([{ openingHours: stored, phoneHours: null, h24: false, closures: [], transferPhone: null, isReferent: true }], new Date('2026-12-07T10:00:00+01:00'));
    expect(check.inPersonDays).toEqual([]);
  });
});

describe('an evaluation walks a bounded number of changes', () => {
  const at = new Date('2026-12-07T13:00:00+01:00');

  // Hours never known to be open: the state walked a thousand changes (the library) or a year of them (a night shift), half a second for 25 characters.
  for (const expression of ['Mo-Su 10:00-11:00 unknown', 'Mo-Su 10:00-11:00,22:00-02:00 unknown', 'Mo-Su 00:00-24:00 unknown']) {
    it(`the state of ${expression}: no opening known, within a few hundred steps`, () => {
      const before = counted.steps;
      const state = Hours.of(expression).state(at);
      expect(state).toMatchObject({ open: false, nextOpening: null });
      // Before the bound: 1,000 steps (the library's walk) or about 750 (a year of a night shift's changes).
      expect(counted.steps - before).toBeLessThanOrEqual(250);
    });
  }

  it('real hours still find their next opening across holidays and closures', () => {
    const closures = Array.from({ length: 20 }, (_, i) => ({ kind: 'annual' as const, month: 12, day: i + 9, label: `chiusura ${i}` }));
    const state = Hours.of('Mo,We,Fr 20:00-02:00', closures).state(new Date('2026-12-08T13:00:00+01:00'));
    // From the holiday of 8 December, closed 9–28 December: the next shift is Wednesday 30 December.
    expect(state.nextOpening?.toISOString()).toBe('2026-12-30T19:00:00.000Z');
  });
});

/** Every opening-hours expression a fixture of the project holds: the demo directory, the documented import example, the test worlds. */
function fixtureExpressions(): string[] {
  const found = new Set<string>();
  const demo = buildDemoDirectory();
  for (const s of demo.sportelli ?? []) for (const e of [s.openingHours, s.phoneHours]) if (e) found.add(e);
  const example = JSON.parse(readFileSync(path.join(repoRoot, 'docs/examples/directory-import.example.json'), 'utf8')) as { sportelli: { openingHours?: string; phoneHours?: string }[] };
  for (const s of example.sportelli) for (const e of [s.openingHours, s.phoneHours]) if (e) found.add(e);
  for (const file of ['test/support/help-world.ts', 'test/api/routing.test.ts', 'test/api/directory-sportelli.test.ts', 'test/api/directory-standards.test.ts']) {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    for (const m of text.matchAll(/(?:openingHours|phoneHours): '([^']+)'/g)) found.add(m[1]!);
  }
  return [...found];
}

describe('every expression real hours need stays within the limits', () => {
  it('the demo, the import example and the test worlds: valid, within the limits, far from them', () => {
    const expressions = fixtureExpressions();
    expect(expressions.length).toBeGreaterThan(30);
    const refused = expressions.filter((e) => !hoursExpression.safeParse(e).success);
    // The test worlds hold a few on purpose invalid ones (bad syntax); none is refused for its size.
    for (const e of refused) expect(hoursLimitCode(e), e).toBeNull();
    expect(refused.filter((e) => !/Xx|sempre|Canarino|\\u0000/.test(e))).toEqual([]);
    const longest = Math.max(...expressions.map((e) => e.length));
    expect(longest).toBeLessThan(hoursLimits.length / 5);
  });

  // What the weekly grid writes: seven different days of up to two ranges each (a night shift included), holidays closed, as on weekdays or with their own.
  const minute = fc.integer({ min: 0, max: 47 }).map((h) => h * 30);
  const dayRanges = fc.oneof(
    fc.constant<TimeRange[]>([]),
    fc.tuple(minute, fc.integer({ min: 1, max: 20 })).map(([from, len]) => [{ from, to: from + len * 30 }]),
    fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 12, max: 22 })).map(([a, b]): TimeRange[] => [
      { from: a * 60, to: a * 60 + 60 },
      { from: b * 60, to: b * 60 + 60 },
    ]),
  );
  const schedule = fc.record({
    days: fc.array(dayRanges, { minLength: 7, maxLength: 7 }),
    holidays: fc.constantFrom('closed', 'weekdays', 'own'),
  }).map(({ days, holidays }): WeeklySchedule => ({
    always: false,
    days,
    holidaysClosed: holidays === 'closed',
    holidays: holidays === 'own' ? [{ from: 600, to: 720 }] : null,
  }));

  it('every expression the weekly grid writes with up to two ranges a day', () => {
    fc.assert(
      fc.property(schedule, (s) => {
        const expression = scheduleExpression(s);
        if (!expression) return;
        expect(hoursText.safeParse(expression).success, expression).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
