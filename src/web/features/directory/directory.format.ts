import type { TFunction } from 'i18next';
import type { Lang } from '../../../shared/labels';
import type { HoursState } from './directory.api';

/**
 * Opening states in words. Times are Italian times wherever she sits: a
 * sportello opens at 9:00 in Bergamo, not in the browser's zone.
 */

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'it-IT');

function parts(iso: string, lang: Lang) {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat(locale(lang), { timeZone: 'Europe/Rome', weekday: 'long', day: 'numeric', month: 'long' }).format(d);
  const time = new Intl.DateTimeFormat(locale(lang), { timeZone: 'Europe/Rome', hour: 'numeric', minute: '2-digit' }).format(d);
  const key = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(d);
  return { day, time, key };
}

/** "alle 13:00" today, "lunedì 25 novembre alle 9:00" another day. */
export function when(t: TFunction, iso: string, nowIso: string, lang: Lang): string {
  const at = parts(iso, lang);
  const now = parts(nowIso, lang);
  if (at.key === now.key) return t('directory.state.today', { time: at.time });
  return t('directory.state.onDay', { day: at.day, time: at.time });
}

/** "Aperto ora · chiude alle 13:00" / "Chiuso · apre lunedì 25 novembre alle 9:00". */
export function stateText(t: TFunction, state: HoursState | null, nowIso: string, lang: Lang, kind: 'inPerson' | 'phone'): string {
  if (!state) return t(`directory.state.${kind}.none`);
  const comment = state.comment ? ` (${state.comment})` : '';
  if (state.unknown) return t(`directory.state.${kind}.unknown`) + comment;
  if (state.open) {
    const base = t(`directory.state.${kind}.open`);
    return state.closesAt ? `${base} · ${t('directory.state.closes', { when: when(t, state.closesAt, nowIso, lang) })}${comment}` : base + comment;
  }
  const base = t(`directory.state.${kind}.closed`);
  return state.nextOpening
    ? `${base} · ${t('directory.state.opens', { when: when(t, state.nextOpening, nowIso, lang) })}`
    : `${base} · ${t('directory.state.noOpening')}`;
}

/** "09:00–13:00", Italian time. */
export function timeRange(from: string, to: string, lang: Lang): string {
  const f = new Intl.DateTimeFormat(locale(lang), { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' });
  return `${f.format(new Date(from))}–${f.format(new Date(to))}`;
}

/** "lunedì 24 novembre" of a calendar date (YYYY-MM-DD, an Italian day). */
export function dayLabel(date: string, lang: Lang): string {
  // Noon UTC of that date is the same calendar day in Italy.
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'Europe/Rome', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${date}T12:00:00Z`));
}
