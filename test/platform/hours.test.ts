import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hours, checkHours, effectiveExpression } from '../../src/server/modules/directory/hours.js';

/** An instant given in Rome local time with its offset, e.g. '2026-11-23T10:00:00+01:00'. */
const at = (iso: string) => new Date(iso);

describe('opening hours in Europe/Rome', () => {
  it('reads a Bari-like CAV: Monday, Wednesday, Friday 9–13', () => {
    const h = Hours.of('Mo,We,Fr 09:00-13:00');
    expect(h.state(at('2026-11-23T10:00:00+01:00'))).toMatchObject({ open: true, closesAt: at('2026-11-23T13:00:00+01:00') });
    expect(h.state(at('2026-11-24T10:00:00+01:00'))).toMatchObject({ open: false, nextOpening: at('2026-11-25T09:00:00+01:00') });
    expect(h.state(at('2026-11-23T13:00:00+01:00')).open).toBe(false);
  });

  it('closes on Italian public holidays unless the hours say otherwise', () => {
    const weekdays = Hours.of('Mo-Fr 09:00-13:00');
    expect(weekdays.isOpen(at('2026-12-08T10:00:00+01:00'))).toBe(false); // Immacolata, a Tuesday
    expect(weekdays.isOpen(at('2027-10-04T10:00:00+02:00'))).toBe(false); // San Francesco, national again from 2026
    expect(weekdays.isOpen(at('2026-04-06T10:00:00+02:00'))).toBe(false); // Easter Monday
    expect(Hours.of('Mo-Fr 09:00-13:00; PH 10:00-12:00').isOpen(at('2026-12-08T11:00:00+01:00'))).toBe(true);
    expect(Hours.of('24/7').isOpen(at('2026-12-25T03:00:00+01:00'))).toBe(true);
  });

  it('honours local closures: the patron saint every year, one-off ranges', () => {
    const milano = Hours.of('Mo-Fr 09:00-17:00', [
      { kind: 'annual', month: 12, day: 7, label: "Sant'Ambrogio" },
      { kind: 'once', from: '2026-12-28', to: '2026-12-31', label: 'Chiusura invernale' },
    ]);
    expect(milano.isOpen(at('2026-12-07T10:00:00+01:00'))).toBe(false);
    expect(milano.isOpen(at('2027-12-07T10:00:00+01:00'))).toBe(false);
    expect(milano.isOpen(at('2026-12-29T10:00:00+01:00'))).toBe(false);
    expect(milano.state(at('2026-12-24T18:00:00+01:00')).nextOpening).toEqual(at('2027-01-04T09:00:00+01:00'));
    expect(effectiveExpression('24/7', [{ kind: 'annual', month: 12, day: 7, label: 'x' }])).toBe('24/7');
  });

  it('spans midnight: Friday 20:00–02:00 is open on Saturday at 01:30', () => {
    const h = Hours.of('Fr 20:00-02:00');
    expect(h.state(at('2026-11-28T01:30:00+01:00'))).toMatchObject({ open: true, closesAt: at('2026-11-28T02:00:00+01:00') });
    expect(h.isOpen(at('2026-11-28T02:30:00+01:00'))).toBe(false);
  });

  it('is right across the daylight-saving changes', () => {
    const h = Hours.of('Mo-Su 09:00-13:00');
    // Summer time starts on Sunday 29 March 2026: 9:00 is 07:00Z from then on.
    expect(h.state(at('2026-03-28T14:00:00+01:00')).nextOpening).toEqual(new Date('2026-03-29T07:00:00Z'));
    // And ends on Sunday 25 October 2026: 9:00 is 08:00Z again.
    expect(h.state(at('2026-10-24T14:00:00+02:00')).nextOpening).toEqual(new Date('2026-10-25T08:00:00Z'));
    // Open through the night of the change.
    const night = Hours.of('Sa 22:00-06:00');
    expect(night.isOpen(at('2026-03-29T03:30:00+02:00'))).toBe(true);
  });

  it('reports the syntax error of a bad expression, and warnings of an unclear one', () => {
    expect(checkHours('aperto sempre')).toMatchObject({ ok: false });
    const loose = checkHours('Mo-Fr 9-13');
    expect(loose).toMatchObject({ ok: true, normalised: 'Mo-Fr 09:00-13:00' });
    expect(loose.ok && loose.warnings.length).toBeGreaterThan(0);
  });
});

/** Random but valid expressions: weekday ranges with one or two time ranges, sometimes past midnight. */
const dayNames = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const two = (n: number) => String(n).padStart(2, '0');
const expression = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 22 }), fc.integer({ min: 1, max: 10 }), fc.boolean(), fc.boolean())
  .map(([d1, d2, start, length, split, ph]) => {
    const days = d1 <= d2 ? `${dayNames[d1]}-${dayNames[d2]}` : `${dayNames[d2]},${dayNames[d1]}`;
    const end = start + length;
    const first = `${two(start)}:00-${two(end > 24 ? end - 24 : end)}:${end > 24 ? '00' : '30'}`.replace(/-24:30$/, '-24:00');
    const times = split && end + 1 < 24 ? `${first},${two(end + 1)}:00-${two(Math.min(end + 2, 24))}:00` : first;
    return `${days} ${times}${ph ? '; PH off' : ''}`;
  })
  .filter((e) => checkHours(e).ok);
/** Instants across two years, DST changes included. */
const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((ms) => new Date(ms));

describe('properties: "open now" agrees with the next change', () => {
  it('the state holds until the next change and flips there', () => {
    fc.assert(
      fc.property(expression, instant, fc.double({ min: 0, max: 1, noNaN: true }), (expr, t, fraction) => {
        const h = Hours.of(expr);
        const open = h.isOpen(t);
        const change = h.nextChange(t);
        if (!change) return;
        expect(change.getTime()).toBeGreaterThan(t.getTime());
        const inside = new Date(t.getTime() + Math.floor((change.getTime() - t.getTime()) * fraction * 0.999));
        expect(h.isOpen(inside)).toBe(open);
        expect(h.isOpen(change)).toBe(!open);
      }),
      { numRuns: 300 },
    );
  });

  it('closesAt is the next change when open; nextOpening is open and nothing before it is', () => {
    fc.assert(
      fc.property(expression, instant, (expr, t) => {
        const h = Hours.of(expr);
        const s = h.state(t);
        if (s.open) {
          expect(s.closesAt).toEqual(s.nextChange);
          expect(s.nextOpening).toBeNull();
        } else if (s.nextOpening) {
          expect(h.isOpen(s.nextOpening)).toBe(true);
          expect(h.isOpen(new Date(s.nextOpening.getTime() - 60_000))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
