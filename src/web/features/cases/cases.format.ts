import type { Lang } from '../../../shared/labels';

/**
 * Days and times of the pathway. A day (`YYYY-MM-DD`) is a calendar day in
 * Italy, formatted as such whatever the browser's zone; instants are shown
 * in Italian time, as the rest of the app does.
 */

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'it-IT');

/** Today in Italy, `YYYY-MM-DD` (the default date of a contact, a stage, a consent). */
export function todayInRome(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
}

/** Now in Italy as a `datetime-local` value (`YYYY-MM-DDTHH:MM`). */
export function nowLocalInput(now = new Date()): string {
  const s = now.toLocaleString('sv-SE', { timeZone: 'Europe/Rome', hour12: false });
  return s.slice(0, 16).replace(' ', 'T');
}

/** Rome's UTC offset at an instant, as `+02:00`. */
function romeOffset(at: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return name === 'GMT' ? '+00:00' : name.slice(3);
}

/**
 * A `datetime-local` value read as Italian time, to an ISO instant with its
 * offset (`2026-09-03T10:00:00+02:00`): the offset is Rome's on that day
 * (CET or CEST), whatever the browser's zone.
 */
export function romeLocalToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const guess = new Date(`${value}:00Z`);
  if (Number.isNaN(guess.getTime())) return null;
  // First guess at the offset, then the offset at the instant it gives (right across DST changes).
  const first = romeOffset(guess);
  return `${value}:00${romeOffset(new Date(`${value}:00${first}`))}`;
}

const isDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day);

/** "3 settembre 2026". */
export function formatDayLong(day: string, lang: Lang): string {
  if (!isDay(day)) return day;
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
}

/** "03/09/2026". */
export function formatDayShort(day: string, lang: Lang): string {
  if (!isDay(day)) return day;
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', dateStyle: 'short' }).format(new Date(`${day}T00:00:00Z`));
}

/** "03/09/2026, 10:15", Italian time. */
export function formatInstant(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }).format(d);
}

/** Whole days from today (Italy) to a day: negative when past. */
export function daysFromToday(day: string, now = new Date()): number {
  const today = Date.parse(`${todayInRome(now)}T00:00:00Z`);
  return Math.round((Date.parse(`${day}T00:00:00Z`) - today) / 86_400_000);
}

/** The Italian calendar day of an instant, long: "3 settembre 2026". */
export function formatInstantDay(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}
