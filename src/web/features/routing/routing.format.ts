import { publicLanguages, rtlLanguages, type PublicLanguage } from '../../../shared/directory';
import type { Lang } from '../../../shared/labels';
import type { CallLanguage } from './routing.api';

/** The caller's language choices: the eleven languages 1522 speaks, Romanian and Chinese, then "another language". */
export const callLanguages: readonly CallLanguage[] = [...publicLanguages, 'und'];

export function isCallLanguage(value: string): value is CallLanguage {
  return (callLanguages as readonly string[]).includes(value);
}

/** The language of the message read out: hers when the server has it, else Italian only. */
export function messageLanguage(lang: CallLanguage): PublicLanguage {
  return lang === 'und' ? 'it' : lang;
}

/** Written right to left: the message block gets dir="rtl". */
export function textDirection(lang: PublicLanguage): 'rtl' | 'ltr' {
  return rtlLanguages.includes(lang) ? 'rtl' : 'ltr';
}

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'it-IT');

/** Opening times are Italian times wherever the operator sits: "lunedì 24 novembre, 09:00". */
export function formatWhen(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'Europe/Rome',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** "13:00", Italian time. */
export function formatTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** "1 aprile 2026", Italian calendar day. */
export function formatDay(date: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** The year and quarter of an instant in Italy (a quarter starts at midnight Italian time). */
export function quarterOf(date: Date): { year: number; quarter: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', year: 'numeric', month: 'numeric' }).formatToParts(date);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}
