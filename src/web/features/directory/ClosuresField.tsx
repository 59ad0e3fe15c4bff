import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/fields';
import { closureKey, closureOf, type ClosureDraft } from './sportello.form';

const months = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * Local closures: every year (the patron saint of the comune) or once (a
 * date range). National holidays are already honoured by the hours.
 */
export function ClosuresField(props: { value: ClosureDraft[]; onChange: (value: ClosureDraft[]) => void; disabled?: boolean; error?: string | undefined; showIncomplete: boolean }) {
  const { t, i18n } = useTranslation();
  const { value, onChange, disabled, error, showIncomplete } = props;
  const monthName = (m: number) => new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'it-IT', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, m - 1, 1)));
  const update = (key: number, patch: Partial<ClosureDraft>) => onChange(value.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const add = (kind: ClosureDraft['kind']) => onChange([...value, { key: closureKey(), kind, day: '', month: '', from: '', to: '', label: '' }]);

  return (
    <fieldset className="mb-4" id="sportello-closures" aria-describedby="sportello-closures-hint">
      <legend className="fs-6 fw-semibold px-0">{t('directory.closures.legend')}</legend>
      <small id="sportello-closures-hint" className="form-text d-block mb-3">
        {t('directory.closures.hint')}
      </small>
      {value.length === 0 ? <p>{t('directory.closures.none')}</p> : null}
      <ol className="list-unstyled">
        {value.map((c, index) => {
          const id = `closure-${c.key}`;
          const incomplete = showIncomplete && closureOf(c) === null ? t('directory.closures.incomplete') : undefined;
          return (
            <li key={c.key} className="directory-closure">
              <fieldset>
                <legend className="fs-6 px-0">
                  {t(c.kind === 'annual' ? 'directory.closures.annualN' : 'directory.closures.onceN', { n: index + 1 })}
                </legend>
                <div className="row g-3 align-items-start">
                  {c.kind === 'annual' ? (
                    <>
                      <div className="col-6 col-md-2">
                        <TextField id={`${id}-day`} label={t('directory.closures.day')} inputMode="numeric" maxLength={2} value={c.day} disabled={disabled} onChange={(e) => update(c.key, { day: e.currentTarget.value })} />
                      </div>
                      <div className="col-6 col-md-3">
                        <SelectField id={`${id}-month`} label={t('directory.closures.month')} placeholder={t('common.choose')} options={months.map((m) => ({ value: String(m), label: monthName(m) }))} value={c.month} disabled={disabled} onChange={(e) => update(c.key, { month: e.currentTarget.value })} />
                      </div>
                    </>
                  ) : (
                    <>
                      <div className="col-6 col-md-3">
                        <TextField id={`${id}-from`} type="date" label={t('directory.closures.from')} value={c.from} disabled={disabled} onChange={(e) => update(c.key, { from: e.currentTarget.value })} />
                      </div>
                      <div className="col-6 col-md-3">
                        <TextField id={`${id}-to`} type="date" label={t('directory.closures.to')} value={c.to} disabled={disabled} onChange={(e) => update(c.key, { to: e.currentTarget.value })} />
                      </div>
                    </>
                  )}
                  <div className="col-12 col-md-4">
                    <TextField id={`${id}-label`} label={t('directory.closures.label')} maxLength={100} value={c.label} disabled={disabled} error={incomplete} onChange={(e) => update(c.key, { label: e.currentTarget.value })} />
                  </div>
                  <div className="col-12 col-md-auto">
                    <button type="button" className="btn btn-sm btn-outline-danger mt-md-4" disabled={disabled} onClick={() => onChange(value.filter((x) => x.key !== c.key))}>
                      {t('directory.closures.remove', { n: index + 1 })}
                    </button>
                  </div>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {error ? (
        <div className="invalid-feedback d-block" id="sportello-closures-error">
          {error}
        </div>
      ) : null}
      <div className="d-flex flex-wrap gap-2">
        <button type="button" className="btn btn-sm btn-outline-primary" disabled={disabled || value.length >= 50} onClick={() => add('annual')}>
          {t('directory.closures.addAnnual')}
        </button>
        <button type="button" className="btn btn-sm btn-outline-primary" disabled={disabled || value.length >= 50} onClick={() => add('once')}>
          {t('directory.closures.addOnce')}
        </button>
      </div>
    </fieldset>
  );
}
