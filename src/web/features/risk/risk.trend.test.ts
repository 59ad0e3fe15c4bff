import { describe, expect, it } from 'vitest';
import { trendGeometry } from './risk.trend';

const box = { width: 400, height: 200, left: 100, bottom: 40, margin: 10 };

describe('the risk trend as a step chart', () => {
  it('places assessments by day, lowest level at the bottom, and holds each level until the next', () => {
    const g = trendGeometry(
      [
        { on: '2026-03-01', level: 'elevato' },
        { on: '2026-01-01', level: 'basso' },
        { on: '2026-02-01', level: 'medio' },
      ],
      box,
      ['basso', 'medio', 'elevato'],
    );
    expect(g.dots.map((d) => d.on)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    // x from the left room to the right margin; y from the bottom room (basso) to the top margin (elevato).
    expect(g.dots[0]).toMatchObject({ x: 100, y: 160 });
    expect(g.dots[2]).toMatchObject({ x: 390, y: 10 });
    // 31 of 59 days: January's share of the span.
    expect(g.dots[1]?.x).toBeCloseTo(100 + (31 / 59) * 290, 0);
    expect(g.dots[1]?.y).toBe(85);
    expect(g.path).toBe(`M100 160 H${g.dots[1]?.x} V85 H390 V10 H390`);
    expect(g.levels).toEqual([
      { level: 'basso', y: 160 },
      { level: 'medio', y: 85 },
      { level: 'elevato', y: 10 },
    ]);
    expect(g.days).toEqual([
      { on: '2026-01-01', x: 100 },
      { on: '2026-03-01', x: 390 },
    ]);
  });

  it('gives imminente a row of its own when the instrument has it', () => {
    const g = trendGeometry([{ on: '2026-01-01', level: 'imminente' }], box);
    expect(g.levels.map((l) => l.level)).toEqual(['basso', 'medio', 'elevato', 'imminente']);
    expect(g.dots[0]?.y).toBe(10);
    expect(g.levels.find((l) => l.level === 'elevato')?.y).toBe(60);
  });

  it('centres assessments of a single day and keeps their order', () => {
    const g = trendGeometry(
      [
        { on: '2026-05-05', level: 'medio' },
        { on: '2026-05-05', level: 'elevato' },
      ],
      box,
      ['basso', 'medio', 'elevato'],
    );
    expect(g.dots.map((d) => [d.x, d.level])).toEqual([
      [245, 'medio'],
      [245, 'elevato'],
    ]);
    expect(g.days).toEqual([{ on: '2026-05-05', x: 245 }]);
    expect(g.path).toBe('M245 85 H245 V10 H390');
  });

  it('draws nothing without assessments', () => {
    const g = trendGeometry([], box, ['basso', 'medio', 'elevato']);
    expect(g.path).toBe('');
    expect(g.dots).toEqual([]);
    expect(g.days).toEqual([]);
  });
});
