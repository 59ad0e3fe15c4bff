/**
 * How a name or a phone number is reduced before it is hashed into the
 * blind index (search.index.ts), so that the forms people give or type on
 * the phone meet: "Francesca", "FRANCHESCA" and "Francésca" fold alike.
 * Pure functions, no key: what they return is plaintext and never stored.
 */

/** Letters outside what NFD decomposes, spelled as an Italian operator would type them. */
const LATIN: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 't', ı: 'i' };

/** Folded tokens shorter than this are not indexed nor searched (an initial says nothing). */
export const MIN_TOKEN = 2;
/** Length of the prefix key: "Franc" (and "Fran") find "Francesca". */
export const PREFIX = 4;

/**
 * One word of a name, folded: lower case, accents stripped, Italian
 * phonetic variants made one (ph→f; k, q, ch→c; j, y→i; w→v; x→s; gn→ni;
 * gli→li; tz, z→s; h dropped), then every doubled letter collapsed. Letters
 * of other scripts are kept as they are (they still match exactly).
 */
export function foldWord(word: string): string {
  let s = word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/./gu, (c) => LATIN[c] ?? c)
    .replace(/[^\p{L}]+/gu, '');
  s = s
    .replace(/ph/g, 'f')
    .replace(/[kq]/g, 'c')
    .replace(/[jy]/g, 'i')
    .replace(/w/g, 'v')
    .replace(/x/g, 's')
    .replace(/gn/g, 'ni')
    .replace(/gli/g, 'li')
    .replace(/tz/g, 's')
    .replace(/z/g, 's')
    .replace(/h/g, '');
  return s.replace(/(\p{L})\1+/gu, '$1');
}

const APOSTROPHES = /['’ʼ`´]/g;

/** The words of a name as people split them: spaces and hyphens separate, apostrophes join ("D'Angelo" → "dangelo"). */
export function nameWords(name: string): string[] {
  return name
    .replace(APOSTROPHES, '')
    .split(/[\s\-‐–—.,;/]+/u)
    .map(foldWord)
    .filter((w) => w.length >= MIN_TOKEN);
}

/**
 * The name keys of her identity: each folded word of her first and last
 * name, each name's words joined ("De Luca" is also "deluca"), and the
 * parts an apostrophe joins ("D'Angelo" is also "angelo"); the prefix keys
 * are the first PREFIX letters of each key that long.
 */
export function nameKeys(identity: { firstName?: string | undefined; lastName?: string | undefined }): { exact: string[]; prefix: string[] } {
  const exact = new Set<string>();
  for (const name of [identity.firstName, identity.lastName]) {
    if (!name) continue;
    const words = nameWords(name);
    for (const w of [...words, ...nameWords(name.replace(APOSTROPHES, ' '))]) exact.add(w);
    if (words.length > 1) exact.add(words.join(''));
  }
  const prefix = new Set([...exact].filter((w) => w.length >= PREFIX).map((w) => w.slice(0, PREFIX)));
  return { exact: [...exact], prefix: [...prefix] };
}

/**
 * A phone number as its national digits: every non-digit dropped, and the
 * Italian prefix (+39, 0039, or a bare 39 before 9 or more digits — no
 * Italian national number starts with 39 and runs to 11 digits) removed.
 * Foreign numbers keep their country code. Null when fewer than 6 digits.
 */
export function phoneKey(raw: string): string | null {
  let digits = raw.replace(/\D/g, '');
  const international = /^\s*(\+|00)/.test(raw);
  if (international && raw.trim().startsWith('00')) digits = digits.slice(2);
  if (digits.startsWith('39') && (international || digits.length >= 11)) digits = digits.slice(2);
  return digits.length >= 6 ? digits : null;
}

/** What a search asks for: a phone number, or name words (each must match). */
export type SearchTerms = { kind: 'phone'; phone: string } | { kind: 'name'; words: string[] } | { kind: 'none' };

/** A query made only of digits and what people put between them is a phone number; anything else, names. */
export function searchTerms(q: string): SearchTerms {
  if (/^[\s+0-9()./-]+$/.test(q)) {
    const phone = phoneKey(q);
    return phone ? { kind: 'phone', phone } : { kind: 'none' };
  }
  const words = [...new Set(nameWords(q))].slice(0, 5);
  return words.length ? { kind: 'name', words } : { kind: 'none' };
}
