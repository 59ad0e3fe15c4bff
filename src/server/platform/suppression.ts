/**
 * Small-cell suppression (docs/domain.md §6.7): a count between 1 and
 * `threshold - 1` is never shown, and a suppressed cell cannot be derived
 * from a shown total: when a group (cells adding up to a shown total) has
 * exactly one suppressed cell, the smallest other non-zero cell is
 * suppressed too.
 */

/** Internal network dashboards hide 1–4; public and regional outputs hide 1–9. */
export const THRESHOLDS = { network: 5, public: 10 } as const;

/** A shown count, or null when suppressed. */
export type Shown = number | null;

export function suppressCell(n: number, threshold: number): Shown {
  return n > 0 && n < threshold ? null : n;
}

/** Suppresses a group of cells whose total is shown separately (primary and complementary suppression). */
export function suppressGroup(cells: readonly number[], threshold: number): Shown[] {
  return suppressLinked(cells, [cells.map((_, i) => i)], threshold);
}

/**
 * Suppresses counts linked by sums: each group lists the indices of counts of
 * which one is derivable from the others (the cells of a row and the row's
 * total, a column and its total, or cells whose total is shown elsewhere).
 * Primary suppression of each count, then, until nothing changes, in every
 * group with exactly one hidden count the smallest other non-zero count is
 * hidden too — so a count hidden in one table is not derived from another
 * table sharing its total.
 */
export function suppressLinked(values: readonly number[], groups: readonly (readonly number[])[], threshold: number): Shown[] {
  const shown: Shown[] = values.map((n) => suppressCell(n, threshold));
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of groups) {
      if (group.filter((i) => shown[i] === null).length !== 1) continue;
      let pick = -1;
      for (const i of group) if (shown[i] !== null && values[i]! > 0 && (pick < 0 || values[i]! < values[pick]!)) pick = i;
      if (pick >= 0) {
        shown[pick] = null;
        changed = true;
      }
    }
  }
  return shown;
}
