import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { endsNextDay, type RangeDraft } from './hoursGrid.model';

interface Props {
  /** Prefix of the inputs' ids. */
  id: string;
  /** The day as a legend ("lunedì") or the holidays ("festivi"). */
  name: string;
  /** "a lunedì" / "ai festivi", "di lunedì" / "dei festivi": the end of the buttons' names. */
  to: string;
  of: string;
  ranges: RangeDraft[];
  onChange: (ranges: RangeDraft[]) => void;
  /** The day's problems, in words. */
  errors: string[];
  disabled?: boolean | undefined;
  /** Another action of the row (copy to the weekdays). */
  extra?: ReactNode;
}

/** The first two ranges start from usual office hours; she changes them at will. */
const suggestions: RangeDraft[] = [
  { from: '09:00', to: '13:00' },
  { from: '14:00', to: '18:00' },
];

/**
 * One day of the weekly grid: "chiuso", or its ranges as pairs of native
 * time inputs, each with a remove button, and a button to add one. Every
 * control's name says which day and which range it is, so a screen reader
 * user hears "Rimuovi la fascia 2 di lunedì", not seven "Rimuovi".
 */
export function HoursRanges({ id, name, to, of, ranges, onChange, errors, disabled, extra }: Props) {
  const { t } = useTranslation();
  const errorId = `${id}-error`;
  const set = (index: number, part: keyof RangeDraft, time: string) => onChange(ranges.map((r, i) => (i === index ? { ...r, [part]: time } : r)));

  return (
    <fieldset className="directory-grid-day" aria-describedby={errors.length ? errorId : undefined}>
      <legend className="directory-grid-name">{name}</legend>
      <div className="directory-grid-ranges">
        {ranges.length === 0 ? <p className="mb-0 directory-grid-closed">{t('directory.grid.closed')}</p> : null}
        {ranges.map((range, index) => {
          const n = index + 1;
          const rangeId = `${id}-${n}`;
          return (
            <div key={index} className="directory-grid-range">
              <label htmlFor={`${rangeId}-from`}>
                {t('directory.grid.from')}
                <span className="visually-hidden"> ({t('directory.grid.rangeOf', { n, of })})</span>
              </label>
              <input id={`${rangeId}-from`} type="time" className="form-control" value={range.from} disabled={disabled} onChange={(e) => set(index, 'from', e.currentTarget.value)} />
              <label htmlFor={`${rangeId}-to`}>
                {t('directory.grid.to')}
                <span className="visually-hidden"> ({t('directory.grid.rangeOf', { n, of })})</span>
              </label>
              <input id={`${rangeId}-to`} type="time" className="form-control" value={range.to} disabled={disabled} onChange={(e) => set(index, 'to', e.currentTarget.value)} />
              {endsNextDay(range) ? <span className="small directory-grid-next">{t('directory.grid.nextDay')}</span> : null}
              <button type="button" className="btn btn-sm btn-outline-secondary" disabled={disabled} onClick={() => onChange(ranges.filter((_, i) => i !== index))}>
                {t('directory.grid.remove')}
                <span className="visually-hidden"> {t('directory.grid.rangeOf', { n, of })}</span>
              </button>
            </div>
          );
        })}
      </div>
      <div className="directory-grid-actions">
        <button type="button" className="btn btn-sm btn-outline-primary" disabled={disabled} onClick={() => onChange([...ranges, suggestions[ranges.length] ?? { from: '', to: '' }])}>
          {t('directory.grid.add')}
          <span className="visually-hidden"> {to}</span>
        </button>
        {extra}
      </div>
      {errors.length ? (
        <div id={errorId} className="invalid-feedback d-block directory-grid-error">
          {errors.map((e) => (
            <p key={e} className="mb-0">
              {e}
            </p>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
