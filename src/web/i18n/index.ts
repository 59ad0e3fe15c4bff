import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../shared/labels';
import en from './en.json';
import it from './it.json';

/** Where the staff app keeps the chosen UI language (no cookie needed). */
const storageKey = 'trama.lang';
export const languages: readonly Lang[] = ['it', 'en'];

function isLang(value: unknown): value is Lang {
  return value === 'it' || value === 'en';
}

function storedLanguage(): Lang {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLang(value) ? value : 'it';
  } catch {
    // Storage can be disabled by the browser's privacy settings: Italian then.
    return 'it';
  }
}

/** The UI language right now; the API client sends it as Accept-Language. */
export function currentLanguage(): Lang {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLang(lng) ? lng : 'it';
}

export async function changeLanguage(lang: Lang): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, lang);
  } catch {
    // Not persisted, still switched for this visit.
  }
  await i18n.changeLanguage(lang);
}

// Screen readers pick pronunciation from <html lang>: keep it in step.
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = isLang(lng) ? lng : 'it';
});

void i18n.use(initReactI18next).init({
  resources: { it: { translation: it }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'it',
  supportedLngs: ['it', 'en'],
  // Resources are bundled: initialise synchronously so the first render is translated.
  initAsync: false,
  interpolation: { escapeValue: false }, // React already escapes.
  returnNull: false,
  showSupportNotice: false,
  react: { useSuspense: false },
});

export default i18n;
