import type { TextareaHTMLAttributes } from 'react';

/** A labelled text area with its hint and error tied to it for screen readers. */
export function TextAreaField({ id, label, hint, error, ...area }: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { id: string; label: string; hint?: string; error?: string | undefined }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="form-group">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <textarea id={id} rows={3} {...area} className={['form-control', error ? 'is-invalid' : ''].join(' ').trim()} aria-invalid={error ? true : undefined} aria-describedby={described} />
      {hint ? (
        <small id={`${id}-hint`} className="form-text d-block">
          {hint}
        </small>
      ) : null}
      {error ? (
        <div id={`${id}-error`} className="invalid-feedback d-block">
          {error}
        </div>
      ) : null}
    </div>
  );
}
