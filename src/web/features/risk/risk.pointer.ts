import type { TFunction } from 'i18next';

/** A pointer of the request (`/body/scoring/…`) as a pointer into the loaded file (`/scoring/…`). */
export const inFile = (pointer: string): string => (pointer === '/body' ? '' : pointer.startsWith('/body/') ? pointer.slice(5) : pointer);

/**
 * Where a JSON pointer of an instrument's issue is, in words: the section
 * and item by their number and id when the file has them
 * (`/sections/0/items/2/weight` → "sezione 1 (storia) › domanda 3 (armi) › weight").
 */
export function placeOf(pointer: string, content: unknown, t: TFunction): string {
  const parts = inFile(pointer).split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (!parts.length) return t('risk.instruments.place.file');
  const out: string[] = [];
  let node: unknown = content;
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i]!;
    const next = parts[i + 1];
    const child = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if ((key === 'sections' || key === 'items' || key === 'thresholds') && next !== undefined && /^\d+$/.test(next)) {
      const element = Array.isArray(child) ? (child[Number(next)] as unknown) : undefined;
      const id = element && typeof element === 'object' && typeof (element as { id?: unknown }).id === 'string' ? (element as { id: string }).id : null;
      const n = Number(next) + 1;
      out.push(id ? t(`risk.instruments.place.${key}Named`, { n, id }) : t(`risk.instruments.place.${key}`, { n }));
      node = element;
      i += 1;
      continue;
    }
    out.push(key);
    node = child;
  }
  return out.join(' › ');
}
