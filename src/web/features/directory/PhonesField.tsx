import { useTranslation } from 'react-i18next';
import { phonesMax } from '../../../shared/directory.api';
import { TextField } from '../../ui/fields';

/** The public phone numbers (up to five), one input each; `errorAt` gives each input's message. */
export function PhonesField(props: { value: string[]; onChange: (value: string[]) => void; disabled?: boolean; errorAt: (input: number) => string | undefined }) {
  const { t } = useTranslation();
  const { value, onChange, disabled, errorAt } = props;
  return (
    <fieldset className="mb-4 directory-phones" id="sportello-phones">
      <legend className="fs-6 fw-semibold px-0">{t('directory.fields.phones')}</legend>
      {value.map((phone, i) => (
        <div className="row g-2 align-items-start" key={i}>
          <div className="col-9 col-md-6">
            <TextField
              id={`sportello-phone-${i}`}
              type="tel"
              label={t('directory.phones.n', { n: i + 1 })}
              value={phone}
              maxLength={20}
              disabled={disabled}
              error={errorAt(i)}
              onChange={(e) => {
                const next = [...value];
                next[i] = e.currentTarget.value;
                onChange(next);
              }}
            />
          </div>
          <div className="col-3 col-md-auto">
            <button type="button" className="btn btn-sm btn-outline-danger mt-4" disabled={disabled} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              {t('directory.phones.remove', { n: i + 1 })}
            </button>
          </div>
        </div>
      ))}
      <button type="button" className="btn btn-sm btn-outline-primary" disabled={disabled || value.length >= phonesMax} onClick={() => onChange([...value, ''])}>
        {t('directory.phones.add')}
      </button>
    </fieldset>
  );
}
