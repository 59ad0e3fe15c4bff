import type en from './en.json';
import type it from './it.json';

/**
 * Compile-time check that both languages have exactly the same keys:
 * a string missing from either file makes `tsc` fail here.
 */
type SameKeys<A, B> = A extends string
  ? B extends string
    ? true
    : false
  : B extends string
    ? false
    : [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
      ? { [K in keyof A & keyof B]: SameKeys<A[K], B[K]> }[keyof A & keyof B] extends true
        ? true
        : false
      : false;

export const translationsComplete: SameKeys<typeof it, typeof en> = true;
