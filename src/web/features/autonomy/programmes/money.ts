/** Money as people read and type it: integer cents in, integer cents out, never a float holding an amount. */

/** Cents as euros in the UI language ("€ 1.234,50" / "€1,234.50"). */
export function formatEuro(cents: number, lang: 'it' | 'en'): string {
  return new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/**
 * Euros typed by a person ("1.234,50", "1234.5", "1,234.50", "300") as
 * integer cents, never through a float; null when it does not read as an
 * amount with at most two decimals.
 */
export function parseEuro(text: string): number | null {
  let s = text.replace(/[\s€]/g, '');
  if (!s) return null;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  // The last separator followed by one or two digits is the decimal one; the others group thousands.
  const decimalAt = Math.max(comma, dot);
  let decimals = '';
  if (decimalAt >= 0 && s.length - decimalAt - 1 <= 2 && s.length - decimalAt - 1 > 0) {
    decimals = s.slice(decimalAt + 1);
    s = s.slice(0, decimalAt);
  }
  // Thousands grouped by one separator in threes ("1.234.567"), or no grouping at all.
  if (!/^\d+$/.test(s) && !/^\d{1,3}(\.\d{3})+$/.test(s) && !/^\d{1,3}(,\d{3})+$/.test(s)) return null;
  s = s.replace(/[.,]/g, '');
  if (!/^\d{1,9}$/.test(s) || !/^\d{0,2}$/.test(decimals)) return null;
  return Number(s) * 100 + Number(decimals.padEnd(2, '0'));
}

/** Cents as a euro field holds them for editing ("1234,50" / "1234.50"): no grouping, two decimals; '' for none. */
export function euroText(cents: number | null | undefined, lang: 'it' | 'en'): string {
  if (cents === null || cents === undefined) return '';
  return (cents / 100).toFixed(2).replace('.', lang === 'it' ? ',' : '.');
}
