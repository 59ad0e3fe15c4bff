import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n';

const choices = [
  { lang: 'it', short: 'IT', name: 'Italiano' },
  { lang: 'en', short: 'EN', name: 'English' },
] as const;

/** Two toggle buttons; each language's name is written in that language. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('header.language')}>
      {choices.map((c) => (
        <button
          key={c.lang}
          type="button"
          className="btn btn-sm"
          lang={c.lang}
          aria-pressed={active === c.lang}
          onClick={() => void changeLanguage(c.lang)}
        >
          <span aria-hidden="true">{c.short}</span>
          <span className="visually-hidden">{c.name}</span>
        </button>
      ))}
    </div>
  );
}
