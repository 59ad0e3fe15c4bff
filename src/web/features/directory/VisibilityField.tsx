import { useTranslation } from 'react-i18next';
import { visibilities, type Visibility } from '../../../shared/directory';

/** The three visibility levels, each with what it means (a shelter's address can cost a life). */
export function VisibilityField(props: { value: Visibility; onChange: (value: Visibility) => void; disabled?: boolean; error?: string | undefined }) {
  const { t } = useTranslation();
  const { value, onChange, disabled, error } = props;
  return (
    <fieldset className="mb-4" id="sportello-visibility">
      <legend className="fs-6 fw-semibold px-0">{t('directory.fields.visibility')}</legend>
      {visibilities.map((v) => (
        <div className="form-check" key={v}>
          <input
            id={`sportello-visibility-${v}`}
            name="sportello-visibility"
            type="radio"
            value={v}
            checked={value === v}
            disabled={disabled}
            aria-describedby={`sportello-visibility-${v}-text`}
            onChange={() => onChange(v)}
          />
          <label htmlFor={`sportello-visibility-${v}`} className="fw-semibold">
            {t(`directory.visibility.${v}.label`)}
          </label>
          <small id={`sportello-visibility-${v}-text`} className="form-text d-block ms-5">
            {t(`directory.visibility.${v}.text`)}
          </small>
        </div>
      ))}
      {error ? <div className="invalid-feedback d-block">{error}</div> : null}
    </fieldset>
  );
}
