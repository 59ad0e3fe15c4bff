import { useFieldArray, type Control, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { closure, closuresMax } from '../../../shared/directory.api';
import { SelectField, TextField } from '../../ui/fields';
import { maxLengthOf, type FormMessages } from '../../ui/form';
import { emptyClosure, type ClosureDraft, type SportelloFormOutput, type SportelloFormValues } from './sportello.form';

const months = Array.from({ length: 12 }, (_, i) => i + 1);
const labelMax = maxLengthOf(closure.options[0].shape.label);

interface Props {
  control: Control<SportelloFormValues, unknown, SportelloFormOutput>;
  register: UseFormRegister<SportelloFormValues>;
  messages: FormMessages;
  disabled?: boolean;
}

/**
 * Local closures: every year (the patron saint of the comune) or once (a
 * date range). National holidays are already honoured by the hours.
 */
export function ClosuresField({ control, register, messages, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const list = useFieldArray({ control, name: 'closures' });
  const monthName = (m: number) => new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'it-IT', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, m - 1, 1)));
  const add = (kind: ClosureDraft['kind']) => list.append(emptyClosure(kind), { shouldFocus: false });
  const error = messages.at('closures');
  const own = (index: number) => (path: string) => messages.at(`closures.${index}.${path}`);

  return (
    <fieldset className="mb-4" id="sportello-closures" aria-describedby="sportello-closures-hint">
      <legend className="fs-6 fw-semibold px-0">{t('directory.closures.legend')}</legend>
      <small id="sportello-closures-hint" className="form-text d-block mb-3">
        {t('directory.closures.hint')}
      </small>
      {list.fields.length === 0 ? <p>{t('directory.closures.none')}</p> : null}
      <ol className="list-unstyled">
        {list.fields.map((c, index) => {
          const id = `closure-${index}`;
          const at = own(index);
          return (
            <li key={c.id} className="directory-closure">
              <fieldset>
                <legend className="fs-6 px-0">{t(c.kind === 'annual' ? 'directory.closures.annualN' : 'directory.closures.onceN', { n: index + 1 })}</legend>
                <div className="row g-3 align-items-start">
                  {c.kind === 'annual' ? (
                    <>
                      <div className="col-6 col-md-2">
                        <TextField id={`${id}-day`} label={t('directory.closures.day')} inputMode="numeric" maxLength={2} disabled={disabled} {...register(`closures.${index}.day`)} error={at('day')} />
                      </div>
                      <div className="col-6 col-md-3">
                        <SelectField
                          id={`${id}-month`}
                          label={t('directory.closures.month')}
                          placeholder={t('common.choose')}
                          options={months.map((m) => ({ value: String(m), label: monthName(m) }))}
                          disabled={disabled}
                          {...register(`closures.${index}.month`)}
                          error={at('month')}
                        />
                      </div>
                    </>
                  ) : (
                    <>
                      <div className="col-6 col-md-3">
                        <TextField id={`${id}-from`} type="date" label={t('directory.closures.from')} disabled={disabled} {...register(`closures.${index}.from`)} error={at('from')} />
                      </div>
                      <div className="col-6 col-md-3">
                        <TextField id={`${id}-to`} type="date" label={t('directory.closures.to')} disabled={disabled} {...register(`closures.${index}.to`)} error={at('to')} />
                      </div>
                    </>
                  )}
                  <div className="col-12 col-md-4">
                    <TextField id={`${id}-label`} label={t('directory.closures.label')} maxLength={labelMax} disabled={disabled} {...register(`closures.${index}.label`)} error={at('label')} />
                  </div>
                  <div className="col-12 col-md-auto">
                    <button type="button" className="btn btn-sm btn-outline-danger mt-md-4" disabled={disabled} onClick={() => list.remove(index)}>
                      {t('directory.closures.remove', { n: index + 1 })}
                    </button>
                  </div>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {error && !list.fields.some((_, i) => messages.at(`closures.${i}`)) ? (
        <div className="invalid-feedback d-block" id="sportello-closures-error">
          {error}
        </div>
      ) : null}
      <div className="d-flex flex-wrap gap-2">
        <button type="button" className="btn btn-sm btn-outline-primary" disabled={disabled || list.fields.length >= closuresMax} onClick={() => add('annual')}>
          {t('directory.closures.addAnnual')}
        </button>
        <button type="button" className="btn btn-sm btn-outline-primary" disabled={disabled || list.fields.length >= closuresMax} onClick={() => add('once')}>
          {t('directory.closures.addOnce')}
        </button>
      </div>
    </fieldset>
  );
}
