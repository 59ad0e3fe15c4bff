import { z } from 'zod';

/**
 * Helpers of the directory's forms, next to `blank` (ui/form.ts): how the
 * text an input holds becomes the value a shared schema checks.
 */

/** A nullable field left empty is null: sent as such, so a PATCH clears it rather than leaving it alone. */
export const emptyAsNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), schema);

/** A decimal number as typed, with an Italian comma or a point (`blankNumber` takes points only); empty is null; garbled text fails as not a number. */
export const decimal = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim().replace(',', '.');
    if (text === '') return null;
    const n = Number(text);
    return Number.isFinite(n) ? n : value;
  }, schema);

/** Values compared whatever the order of their keys: a PATCH names only what really changed. */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
  return value;
}
