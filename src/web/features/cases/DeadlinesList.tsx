import { useTranslation } from 'react-i18next';
import { daysFromToday, formatDayLong } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { Deadline } from './cases.types';

/**
 * The legal deadlines of each report she made, as reminders (the software
 * does not enforce them): the prosecutor hears her within 3 days (Codice
 * Rosso), decides on precautionary measures within 30, the judge within 20.
 */
export function DeadlinesList({ deadlines }: { deadlines: Deadline[] }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { lang } = labels;
  const when = (day: string) => {
    const days = daysFromToday(day);
    const date = formatDayLong(day, lang);
    if (days < 0) return t('cases.deadlines.past', { date });
    if (days === 0) return t('cases.deadlines.today', { date });
    return t('cases.deadlines.inDays', { date, count: days });
  };
  return (
    <section aria-labelledby="case-deadlines-title" className="mt-4">
      <h2 id="case-deadlines-title" className="h5">
        {t('cases.deadlines.title')}
      </h2>
      <p className="form-text">{t('cases.deadlines.hint')}</p>
      {deadlines.length === 0 ? (
        <p>{t('cases.deadlines.none')}</p>
      ) : (
        deadlines.map((d, i) => (
          <div key={`${d.kind}-${d.registeredOn}-${i}`} className="mb-3">
            <h3 className="h6 mb-1">{t('cases.deadlines.report', { kind: labels.label('report', d.kind), date: formatDayLong(d.registeredOn, lang) })}</h3>
            <ul className="mb-0">
              <li>
                {t('cases.deadlines.hearing')}: {when(d.hearingBy)}
              </li>
              <li>
                {t('cases.deadlines.prosecutor')}: {when(d.prosecutorBy)}
              </li>
              <li>
                {t('cases.deadlines.judge')}: {when(d.judgeBy)}
              </li>
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
