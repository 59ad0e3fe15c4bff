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
  const shown = cells.map((n) => suppressCell(n, threshold));
  const hidden = shown.filter((s) => s === null).length;
  if (hidden === 1) {
    let pick = -1;
    cells.forEach((n, i) => {
      if (shown[i] !== null && n > 0 && (pick < 0 || n < cells[pick]!)) pick = i;
    });
    if (pick >= 0) shown[pick] = null;
  }
  return shown;
}
