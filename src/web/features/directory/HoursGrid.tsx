import { useTranslation } from 'react-i18next';
import { HoursRanges } from './HoursRanges';
import type { GridDraft, GridProblem, HolidayMode, RangeDraft } from './hoursGrid.model';

const CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const HOLIDAY_MODES: readonly HolidayMode[] = ['closed', 'weekday', 'own'];

interface Props {
  id: string;
  label: string;
  draft: GridDraft;
  problems: GridProblem[];
  disabled?: boolean | undefined;
  onChange: (draft: GridDraft) => void;
}

/**
 * The week as a grid: one row per weekday (lunedì … domenica) with its
 * ranges, a switch for round-the-clock lines, and how public holidays go:
 * closed, as on the weekday they fall on, or with their own hours. Each
 * change is written into the hours field by HoursField.
 */
export function HoursGrid({ id, label, draft, problems, disabled, onChange }: Props) {
  const { t } = useTranslation();
  const dayName = (day: number) => t(`directory.weekdays.${CODES[day]!}`);
  const owner = (day: number | 'ph') =>
    day === 'ph'
      ? { name: t('directory.grid.holidayHours'), to: t('directory.grid.toHolidays'), of: t('directory.grid.ofHolidays') }
      : { name: dayName(day), to: t('directory.grid.toDay', { day: dayName(day) }), of: t('directory.grid.ofDay', { day: dayName(day) }) };
  const errorsOf = (day: number | 'ph') => problems.filter((p) => p.day === day).map((p) => t(`directory.grid.errors.${p.code}`, { day: owner(day).name }));
  const setDay = (day: number, ranges: RangeDraft[]) => onChange({ ...draft, days: draft.days.map((r, i) => (i === day ? ranges : r)) });
  const copyMonday = () => onChange({ ...draft, days: draft.days.map((r, i) => (i >= 1 && i <= 4 ? draft.days[0]!.map((range) => ({ ...range })) : r)) });

  return (
    <fieldset className="directory-grid" id={id} tabIndex={-1} aria-describedby={`${id}-hint`}>
      <legend className="fs-6 fw-semibold px-0">{label}</legend>
      <small id={`${id}-hint`} className="form-text d-block mb-2">
        {t('directory.grid.hint')}
      </small>
      <div className="form-check mb-2">
        <input id={`${id}-always`} type="checkbox" role="switch" checked={draft.always} disabled={disabled} onChange={(e) => onChange({ ...draft, always: e.currentTarget.checked })} />
        <label htmlFor={`${id}-always`}>{t('directory.grid.always')}</label>
      </div>
      {draft.always ? null : (
        <>
          {draft.days.map((ranges, day) => (
            <HoursRanges
              key={CODES[day]}
              id={`${id}-${CODES[day]!.toLowerCase()}`}
              {...owner(day)}
              ranges={ranges}
              errors={errorsOf(day)}
              disabled={disabled}
              onChange={(next) => setDay(day, next)}
              extra={
                day === 0 ? (
                  <button type="button" className="btn btn-sm btn-outline-primary" disabled={disabled} onClick={copyMonday}>
                    {t('directory.grid.copy')}
                  </button>
                ) : null
              }
            />
          ))}
          <fieldset className="directory-grid-holidays mt-2">
            <legend className="directory-grid-name">{t('directory.grid.holidays')}</legend>
            {HOLIDAY_MODES.map((mode) => (
              <div className="form-check form-check-inline" key={mode}>
                <input
                  id={`${id}-ph-${mode}`}
                  type="radio"
                  name={`${id}-ph`}
                  checked={draft.holidays === mode}
                  disabled={disabled}
                  onChange={() => onChange({ ...draft, holidays: mode, holidayRanges: mode === 'own' && !draft.holidayRanges.length ? [{ from: '09:00', to: '12:00' }] : draft.holidayRanges })}
                />
                <label htmlFor={`${id}-ph-${mode}`}>{t(`directory.grid.holidayModes.${mode}`)}</label>
              </div>
            ))}
          </fieldset>
          {draft.holidays === 'own' ? (
            <HoursRanges id={`${id}-ph`} {...owner('ph')} ranges={draft.holidayRanges} errors={errorsOf('ph')} disabled={disabled} onChange={(next) => onChange({ ...draft, holidayRanges: next })} />
          ) : (
            errorsOf('ph').map((e) => (
              <p key={e} className="invalid-feedback d-block">
                {e}
              </p>
            ))
          )}
        </>
      )}
    </fieldset>
  );
}
