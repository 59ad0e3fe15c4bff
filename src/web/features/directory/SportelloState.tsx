import { useTranslation } from 'react-i18next';
import type { Visibility } from '../../../shared/directory';
import { useLabels } from '../../ui/labels';
import type { Sportello } from './directory.api';
import { stateText } from './directory.format';

/** Visibility in words, coloured only as a reminder (the word carries the meaning). */
export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const { t } = useTranslation();
  return <span className={`badge directory-badge directory-badge-${visibility}`}>{t(`directory.visibility.${visibility}.label`)}</span>;
}

/** In person and by phone, now: "Aperto ora · chiude alle 13:00". */
export function SportelloNow({ sportello }: { sportello: Sportello }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const { now } = sportello;
  const inPerson = sportello.openingHours ? stateText(t, now.inPerson, now.at, lang, 'inPerson') : null;
  const phone = sportello.h24 || sportello.phoneHours || sportello.openingHours ? stateText(t, now.phone, now.at, lang, 'phone') : null;
  return (
    <ul className="list-unstyled mb-0 directory-now">
      <li className={now.inPerson?.open ? 'directory-open' : undefined}>{inPerson ?? t('directory.state.inPerson.none')}</li>
      <li className={now.phone?.open ? 'directory-open' : undefined}>{phone ?? t('directory.state.phone.none')}</li>
    </ul>
  );
}
