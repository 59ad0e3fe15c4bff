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

  describe('a shift belongs to the day it starts (Fr 20:00-02:00)', () => {
    it('a Friday holiday closes the whole shift, the hours after midnight included', () => {
      const h = Hours.of('Fr 20:00-02:00');
      // 1 May 2026 is a Friday (Festa del lavoro); Saturday 2 May is not a holiday.
      expect(h.isOpen(at('2026-05-01T21:00:00+02:00'))).toBe(false);
      expect(h.isOpen(at('2026-05-02T01:00:00+02:00'))).toBe(false);
      expect(h.state(at('2026-05-01T19:00:00+02:00')).nextOpening).toEqual(at('2026-05-08T20:00:00+02:00'));
      // The same when the expression says `PH off` itself.
      expect(Hours.of('Fr 20:00-02:00; PH off').isOpen(at('2026-05-02T01:00:00+02:00'))).toBe(false);
    });

    it('a normal Friday stays open past midnight into a Saturday holiday', () => {
      const h = Hours.of('Fr 20:00-02:00');
      // 15 August 2026 (Ferragosto) is a Saturday.
      expect(h.state(at('2026-08-15T01:00:00+02:00'))).toMatchObject({ open: true, closesAt: at('2026-08-15T02:00:00+02:00') });
      expect(h.state(at('2026-08-14T21:00:00+02:00'))).toMatchObject({ open: true, closesAt: at('2026-08-15T02:00:00+02:00') });
      expect(h.isOpen(at('2026-08-15T02:30:00+02:00'))).toBe(false);
    });

    it('a local closure on the Friday (one-off or annual) closes the shift after midnight too', () => {
      const once = Hours.of('Fr 20:00-02:00', [{ kind: 'once', from: '2026-12-11', to: '2026-12-11', label: 'Assemblea' }]);
      expect(once.isOpen(at('2026-12-11T21:00:00+01:00'))).toBe(false);
      expect(once.isOpen(at('2026-12-12T01:00:00+01:00'))).toBe(false);
      expect(once.isOpen(at('2026-12-19T01:00:00+01:00'))).toBe(true); // the next Friday's shift
      const annual = Hours.of('Fr 20:00-02:00', [{ kind: 'annual', month: 12, day: 11, label: 'Patrono' }]);
      expect(annual.isOpen(at('2026-12-12T01:00:00+01:00'))).toBe(false);
      expect(annual.state(at('2026-12-11T19:00:00+01:00')).nextOpening).toEqual(at('2026-12-18T20:00:00+01:00'));
    });

    it('a local closure on the Saturday leaves Friday\'s shift open until 02:00', () => {
      const once = Hours.of('Fr 20:00-02:00', [{ kind: 'once', from: '2026-12-12', to: '2026-12-13', label: 'Ferie' }]);
      expect(once.state(at('2026-12-12T01:00:00+01:00'))).toMatchObject({ open: true, closesAt: at('2026-12-12T02:00:00+01:00') });
      const annual = Hours.of('Fr 20:00-02:00', [{ kind: 'annual', month: 12, day: 12, label: 'Patrono' }]);
      expect(annual.isOpen(at('2026-12-12T01:00:00+01:00'))).toBe(true);
      expect(annual.isOpen(at('2026-12-12T02:00:00+01:00'))).toBe(false);
    });

    it('holds across the daylight-saving changes (29 March and 25 October 2026)', () => {
      const night = 'Sa 22:00-06:00';
      // Spring: Sunday 29 March loses 02:00-03:00.
      const sundayOff = Hours.of(night, [{ kind: 'once', from: '2026-03-29', to: '2026-03-29', label: 'x' }]);
      expect(sundayOff.state(at('2026-03-29T03:30:00+02:00'))).toMatchObject({ open: true, closesAt: at('2026-03-29T06:00:00+02:00') });
      const saturdayOff = Hours.of(night, [{ kind: 'once', from: '2026-03-28', to: '2026-03-28', label: 'x' }]);
      expect(saturdayOff.isOpen(at('2026-03-29T01:30:00+01:00'))).toBe(false);
      expect(saturdayOff.isOpen(at('2026-03-29T03:30:00+02:00'))).toBe(false);
      expect(saturdayOff.state(at('2026-03-28T12:00:00+01:00')).nextOpening).toEqual(at('2026-04-04T22:00:00+02:00'));
      // Autumn: Sunday 25 October lives 02:00-03:00 twice.
      const autumnSundayOff = Hours.of(night, [{ kind: 'annual', month: 10, day: 25, label: 'x' }]);
      expect(autumnSundayOff.isOpen(at('2026-10-25T02:30:00+02:00'))).toBe(true);
      expect(autumnSundayOff.state(at('2026-10-25T02:30:00+01:00'))).toMatchObject({ open: true, closesAt: at('2026-10-25T06:00:00+01:00') });
      // Without any closure, the spill-over of Saturday night does not come back on Monday 30 March (a 23-hour Sunday before it).
      expect(Hours.of(night).isOpen(at('2026-03-30T00:30:00+02:00'))).toBe(false);
      expect(Hours.of('Su 22:00-06:00').state(at('2026-03-30T00:30:00+02:00'))).toMatchObject({ open: true, closesAt: at('2026-03-30T06:00:00+02:00') });
      const autumnSaturdayOff = Hours.of(night, [{ kind: 'annual', month: 10, day: 24, label: 'x' }]);
      expect(autumnSaturdayOff.isOpen(at('2026-10-25T02:30:00+02:00'))).toBe(false);
      expect(autumnSaturdayOff.isOpen(at('2026-10-25T02:30:00+01:00'))).toBe(false);
    });

    it('the week view shows the shift on the day it starts, and none on a closed Friday', () => {
      const h = Hours.of('Fr 20:00-02:00', [{ kind: 'once', from: '2026-12-11', to: '2026-12-11', label: 'x' }]);
      const open = h.intervals(at('2026-12-07T00:00:00+01:00'), at('2026-12-21T00:00:00+01:00'));
      expect(open.map((o) => [o.from, o.to])).toEqual([[at('2026-12-18T20:00:00+01:00'), at('2026-12-19T02:00:00+01:00')]]);
    });
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
/** Sometimes local closures on top: a Friday, a Saturday, the days of the DST changes, a one-off week. */
const closures = fc.subarray([
  { kind: 'annual' as const, month: 12, day: 11, label: 'x' },
  { kind: 'annual' as const, month: 8, day: 14, label: 'x' },
  { kind: 'once' as const, from: '2026-03-28', to: '2026-03-29', label: 'x' },
  { kind: 'once' as const, from: '2026-10-25', to: '2026-10-25', label: 'x' },
  { kind: 'once' as const, from: '2027-03-26', to: '2027-04-01', label: 'x' },
]);
/** Instants across two years, DST changes included. */
const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((ms) => new Date(ms));

describe('properties: "open now" agrees with the next change', () => {
  it('the state holds until the next change and flips there', () => {
    fc.assert(
      fc.property(expression, closures, instant, fc.double({ min: 0, max: 1, noNaN: true }), (expr, off, t, fraction) => {
        const h = Hours.of(expr, off);
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
      fc.property(expression, closures, instant, (expr, off, t) => {
        const h = Hours.of(expr, off);
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
