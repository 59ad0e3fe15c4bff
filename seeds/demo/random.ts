import { TZDate } from '@date-fns/tz';

/**
 * Deterministic randomness for generated data (the demo caseload, the
 * benchmark's directory and cases): the same seed gives the same data on
 * every run and machine, which Math.random would not.
 */

/** mulberry32: a small, well-mixed 32-bit PRNG; enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

/** One key, with probability proportional to its weight. */
export function weighted<K extends string>(random: Random, weights: Readonly<Partial<Record<K, number>>>): K {
  const entries = Object.entries(weights) as [K, number][];
  let r = random() * entries.reduce((n, [, w]) => n + w, 0);
  for (const [key, w] of entries) if ((r -= w) < 0) return key;
  return entries.at(-1)![0];
}

export const chance = (random: Random, p: number) => random() < p;
/** An integer in [min, max]. */
export const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
export const oneOf = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** A calendar day (YYYY-MM-DD) plus n days; time-zone free. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole days from a to b. */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** The instant of a day and time in Rome (the day's offset, DST included). */
export function romeInstant(day: string, hour: number, minute: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hour, minute, 'Europe/Rome').getTime());
}
