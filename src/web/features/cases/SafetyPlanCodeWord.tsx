import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';

/**
 * The code word, masked until she (or the operator beside her) asks to see
 * it: someone looking at the screen over a shoulder must not read it. The
 * button says what it does and whether the word is shown (aria-pressed).
 */
export function SafetyPlanCodeWord({ id, label, hint, error, maxLength, field }: { id: string; label: string; hint: string; error?: string | undefined; maxLength?: number | undefined; field: UseFormRegisterReturn & { ref?: Ref<HTMLInputElement> } }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const described = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="form-group">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <div className="input-group">
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          maxLength={maxLength}
          {...field}
          className={['form-control', error ? 'is-invalid' : ''].join(' ').trim()}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
        />
        <div className="input-group-append">
          <button type="button" className="btn btn-outline-primary btn-sm" aria-pressed={shown} aria-controls={id} onClick={() => setShown((s) => !s)}>
            {shown ? t('safetyPlan.hideCodeWord') : t('safetyPlan.showCodeWord')}
          </button>
        </div>
      </div>
      <small id={`${id}-hint`} className="form-text d-block">
        {hint}
      </small>
      {error ? (
        <div id={`${id}-error`} className="invalid-feedback d-block">
          {error}
        </div>
      ) : null}
    </div>
  );
}
