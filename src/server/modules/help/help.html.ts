import { type PublicLanguage, publicLanguageLocales } from '../../../shared/directory.js';

/**
 * A tiny HTML template tag that escapes every interpolated value, and the
 * date formats of the public page (always Europe/Rome, whatever the
 * process time zone).
 */

/** Markup already escaped (made only by `html` or `raw`). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * `html\`<p>${text}</p>\`` escapes `text`; nested `html` fragments and arrays
 * of them are inserted as they are; null, undefined and false vanish.
 * Attributes must be double-quoted.
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** A `tel:` URI: digits and a leading + only. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('+') ? '+' + digits.slice(1).replace(/\+/g, '') : digits.replace(/\+/g, '')}`;
}

const ROME = 'Europe/Rome';

const cache = new Map<string, Intl.DateTimeFormat>();
function format(lang: PublicLanguage, kind: 'time' | 'day', date: Date): string {
  const key = `${lang}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    f =
      kind === 'time'
        ? new Intl.DateTimeFormat(publicLanguageLocales[lang], { timeZone: ROME, hour: 'numeric', minute: '2-digit', hourCycle: 'h23', numberingSystem: 'latn' })
        : new Intl.DateTimeFormat(publicLanguageLocales[lang], { timeZone: ROME, weekday: 'long', day: 'numeric', month: 'long', numberingSystem: 'latn' });
    cache.set(key, f);
  }
  return f.format(date);
}

/** "13:00" (Rome time). */
export const formatTime = (date: Date, lang: PublicLanguage) => format(lang, 'time', date);
/** "lunedì 25 novembre" (Rome date). */
export const formatDay = (date: Date, lang: PublicLanguage) => format(lang, 'day', date);
/** The end of a day's interval that runs to midnight reads 24:00, not 00:00. */
export const formatEnd = (date: Date, lang: PublicLanguage) => {
  const t = formatTime(date, lang);
  return /^0?0[:.]00$/.test(t) ? '24:00' : t;
};

/** The name of a language (an ISO 639 code) in the page's language. */
export function languageName(code: string, lang: PublicLanguage): string {
  try {
    return new Intl.DisplayNames([publicLanguageLocales[lang]], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
