import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatInstant } from './cases.format';
import { useCaseLabels } from './cases.labels';
import { tabSlugs } from './case.tabs';
import type { CaseRecord } from './cases.types';

/**
 * Why the case is (or is no longer) in emergency: it is derived, never
 * edited (docs/cases.md, "Emergency"). Names what last set or cleared it —
 * the opening, a timeline event, a risk assessment — with its time, and a
 * link to the tab where it is when she holds that section.
 */
export function EmergencyWhy({ record, id }: { record: Pick<CaseRecord, 'emergency' | 'emergencyBy' | 'access'>; id?: string }) {
  const { t } = useTranslation();
  const { lang } = useCaseLabels();
  const by = record.emergencyBy;
  if (!by) return <small id={id} className="form-text d-block">{t('cases.emergencyWhy.never')}</small>;
  const when = formatInstant(by.at, lang);
  const text = t(`cases.emergencyWhy.${by.on ? 'on' : 'off'}.${by.source}`, { when });
  const tab = by.source === 'valutazione' ? 'risk' : by.source === 'evento' ? 'timeline' : null;
  const link = tab && by.id && record.access.sections.includes(tab) ? { to: `?scheda=${tabSlugs[tab]}`, text: t(`cases.emergencyWhy.open.${tab}`) } : null;
  return (
    <small id={id} className="form-text d-block">
      {text}
      {link ? (
        <>
          {' '}
          <Link to={link.to}>{link.text}</Link>
        </>
      ) : null}
      {' '}
      {t('cases.emergencyWhy.rule')}
    </small>
  );
}
