import { useTranslation } from 'react-i18next';
import { scheduleText } from '../../../shared/hours-text';
import { useLabels } from '../../ui/labels';
import type { HoursPreview as Preview } from './directory.api';
import { dayLabel, stateText, timeRange } from './directory.format';

interface Props {
  id: string;
  label: string;
  kind: 'inPerson' | 'phone';
  /** The expression as typed (the preview may still be for the one before). */
  value: string;
  data: Preview | undefined;
}

/**
 * The server's preview of an hours field: valid or not, the state now and
 * the next seven days. Messages are ours, in the interface's language,
 * never the parser's English; day and month names lower-case in Italian
 * ("lunedì 7 dicembre").
 */
export function HoursPreview({ id, label, kind, value, data }: Props) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  return (
    <section id={id} className="directory-preview" aria-labelledby={`${id}-title`} data-testid={id}>
      <h3 id={`${id}-title`} className="h6 mb-2">
        {t('directory.preview.title')}
      </h3>
      {/* The verdict is read out when it changes, not the whole week. */}
      <div aria-live="polite" aria-atomic="true">
        {!data ? (
          <p className="mb-0">{value.trim() ? t('common.loading') : t(`directory.grid.none.${kind}`)}</p>
        ) : data.valid ? (
          <>
            <p className="mb-1 fw-semibold directory-valid">{t('directory.preview.valid')}</p>
            <p className="mb-1" data-testid={id.replace(/-preview$/, '-state')}>
              {stateText(t, data.state, new Date().toISOString(), lang, kind)}
            </p>
          </>
        ) : (
          <>
            <p className="mb-1 fw-semibold directory-invalid">{t('directory.preview.invalid')}</p>
            <p className="mb-1 small">{t('directory.preview.invalidHint')}</p>
          </>
        )}
      </div>
      {data?.valid && data.schedule ? (
        <p className="mb-1" data-testid={id.replace(/-preview$/, '-words')}>
          {t('directory.preview.words')} {scheduleText(data.schedule, lang)}
        </p>
      ) : null}
      {/* The parser's own warnings are in English: one Italian sentence instead, with the normalised form below. */}
      {data?.warnings ? <p className="mb-1 small">{t('directory.preview.warnings')}</p> : null}
      {data?.valid && data.normalised && data.normalised !== value.trim() ? (
        <p className="mb-1 small">
          {t('directory.preview.normalised')} <code>{data.normalised}</code>
        </p>
      ) : null}
      {data?.valid ? (
        <table className="table table-sm mb-0 directory-week">
          <caption className="visually-hidden">{t('directory.preview.weekCaption', { label })}</caption>
          <tbody>
            {data.week.map((day) => (
              <tr key={day.date}>
                <th scope="row" className="fw-normal">
                  {dayLabel(day.date, lang)}
                </th>
                <td>
                  {day.intervals.length === 0
                    ? t('directory.preview.closed')
                    : day.intervals.map((i) => `${timeRange(i.from, i.to, lang)}${i.unknown ? ` (${i.comment ?? t('directory.preview.unknown')})` : ''}`).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
