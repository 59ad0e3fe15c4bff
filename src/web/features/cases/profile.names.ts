import { useTranslation } from 'react-i18next';
import { countryCodes, isCountryCode } from '../../../shared/countries';
import { publicLanguages } from '../../../shared/directory';
import { searchKey } from '../../../shared/text';

/**
 * Names for the profile's codes (countries, languages) in the interface's
 * language, from the runtime's own Intl.DisplayNames (browsers and Node ship
 * them): the form shows names and saves codes.
 */

/** A country to choose: its code, its name here, and the search keys of its Italian and English names. */
export interface CountryOption {
  value: string;
  label: string;
  keys: string[];
}

const uiLocale = (language: string) => (language === 'en' ? 'en' : 'it');
const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase('it') + s.slice(1);
const names = (locale: string, type: 'region' | 'language') => new Intl.DisplayNames([locale], { type, fallback: 'none' });

/** Every country, by its name in the interface's language; each is found by its Italian or English name. */
export function countryOptions(language: string): CountryOption[] {
  const locale = uiLocale(language);
  const it = names('it', 'region');
  const en = names('en', 'region');
  const shown = names(locale, 'region');
  return countryCodes
    .map((code) => {
      const keys = [it.of(code), en.of(code)].filter((n): n is string => !!n).map(searchKey);
      return { value: code, label: shown.of(code) ?? code, keys };
    })
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

/**
 * The suggestions for what she typed: names that begin with it first, then
 * names that contain it, then the code typed as it is (MA). At most `limit`.
 */
export function matchCountries(options: CountryOption[], text: string, limit = 8): CountryOption[] {
  const key = searchKey(text);
  if (!key) return [];
  const starts = options.filter((o) => o.keys.some((k) => k.startsWith(key) || k.includes(` ${key}`)));
  const contains = options.filter((o) => !starts.includes(o) && o.keys.some((k) => k.includes(key)));
  const code = options.filter((o) => o.value === text.trim() && !starts.includes(o) && !contains.includes(o));
  return [...starts, ...contains, ...code].slice(0, limit);
}

/**
 * The code a typed text stands for without choosing from the list: a
 * country's full name (Italian or English, any case or accents), or its code
 * in capitals. Anything else stays as typed, for the schema to refuse.
 */
export function countryFromText(options: CountryOption[], text: string): string {
  const typed = text.trim();
  if (isCountryCode(typed)) return typed;
  const key = searchKey(typed);
  return options.find((o) => o.keys.includes(key))?.value ?? typed;
}

/**
 * The languages offered for "Lingue parlate": 1522's and the public page's,
 * then those of large communities the networks meet (Eastern Europe and the
 * Balkans, South Asia, the Philippines, the Horn of Africa and West Africa,
 * Kurds, Afghans, Berbers). A language already recorded outside this list is
 * still shown, so saving never drops it.
 */
export const profileLanguages = [
  ...publicLanguages,
  ...['de', 'bg', 'sr', 'mk', 'el', 'tr', 'ka', 'hy', 'bn', 'ur', 'pa', 'hi', 'si', 'ta', 'ml', 'tl', 'ps', 'ku', 'ti', 'am', 'so', 'wo', 'ff', 'ig', 'yo', 'tzm'],
] as const;

/** The language choices, by name in the interface's language, with any already recorded. */
export function useLanguageOptions(recorded: readonly string[]): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const locale = uiLocale(i18n.language);
  const shown = names(locale, 'language');
  const codes = [...new Set([...profileLanguages, ...recorded])];
  return codes.map((code) => ({ value: code, label: capitalised(shown.of(code) ?? code) })).sort((a, b) => a.label.localeCompare(b.label, locale));
}
