import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Closure } from '../../../shared/directory';
import { hoursText } from '../../../shared/directory.api';
import { TextField } from '../../ui/fields';
import { useLabels } from '../../ui/labels';
import { useHoursPreview } from './directory.api';
import { dayLabel, stateText, timeRange } from './directory.format';

/** Waits until typing pauses (~300 ms), so each keystroke is not a request. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface Props {
  id: string;
  label: string;
  hint: string;
  kind: 'inPerson' | 'phone';
  value: string;
  closures: Closure[];
  disabled?: boolean;
  error?: string | undefined;
  onChange: (value: string) => void;
}

/**
 * An `opening_hours` expression with its live preview, computed by the
 * server with the same parser, holidays and closures as the saved hours:
 * valid or not, warnings, the state now and the next seven days. Messages
 * are ours, in the interface's language, never the parser's English.
 */
export function HoursField({ id, label, hint, kind, value, closures, disabled, error, onChange }: Props) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const input = useDebounced(JSON.stringify({ openingHours: value.trim(), closures }), 300);
  const parsed = JSON.parse(input) as { openingHours: string; closures: Closure[] };
  const preview = useHoursPreview(parsed.openingHours.length >= 2 ? parsed : null);
  const data = parsed.openingHours.length >= 2 ? preview.data : undefined;
  const previewId = `${id}-preview`;

  return (
    <div className="directory-hours mb-4">
      <TextField
        id={id}
        label={label}
        hint={hint}
        error={error}
        value={value}
        maxLength={hoursText.maxLength ?? undefined}
        spellCheck={false}
        autoComplete="off"
        className="font-monospace"
        disabled={disabled}
        aria-controls={previewId}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <section id={previewId} className="directory-preview" aria-labelledby={`${previewId}-title`} data-testid={`${id}-preview`}>
        <h3 id={`${previewId}-title`} className="h6 mb-2">
          {t('directory.preview.title')}
        </h3>
        {/* The verdict is read out when it changes, not the whole week. */}
        <div aria-live="polite" aria-atomic="true">
          {!data ? (
            <p className="mb-0">{value.trim() ? t('common.loading') : t('directory.preview.empty')}</p>
          ) : data.valid ? (
            <>
              <p className="mb-1 fw-semibold directory-valid">{t('directory.preview.valid')}</p>
              <p className="mb-1" data-testid={`${id}-state`}>
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
        {/* The parser's own warnings are in English: one Italian sentence instead, with the normalised form below. */}
        {data?.warnings.length ? <p className="mb-1 small">{t('directory.preview.warnings')}</p> : null}
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
                      : day.intervals
                          .map((i) => `${timeRange(i.from, i.to, lang)}${i.unknown ? ` (${i.comment ?? t('directory.preview.unknown')})` : ''}`)
                          .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
