import type { Lang } from '../../shared/labels';

/**
 * Dates are shown in Italian time whatever the browser's zone: the network
 * works in Italy and the audit trail must read the same for everyone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
      timeZone: 'Europe/Rome',
      dateStyle: 'short',
      ...(withTime ? { timeStyle: 'medium' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatter(lang, true).format(d);
}

export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatter(lang, false).format(d);
}
