import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/** ids of the hint and error texts, joined for aria-describedby. */
function describedBy(id: string, hint?: ReactNode, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldTexts({
  id,
  hint,
  error,
  announce,
}: {
  id: string;
  hint?: ReactNode;
  error?: string | undefined;
  announce?: boolean;
}) {
  return (
    <>
      {hint ? (
        <small id={`${id}-hint`} className="form-text d-block">
          {hint}
        </small>
      ) : null}
      {error ? (
        <div id={`${id}-error`} className="invalid-feedback d-block" role={announce ? 'alert' : undefined}>
          {error}
        </div>
      ) : null}
    </>
  );
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string;
  ref?: Ref<HTMLInputElement>;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Read the error out as soon as it appears (for a form with one field, like the code). */
  announceError?: boolean;
}

/**
 * A Bootstrap Italia text input whose label always sits above the field
 * (the `active` state), so it stays visible while typing and needs no
 * script to float. Hint and error are tied to the input for screen readers.
 */
export function TextField({ id, label, hint, error, announceError, className, ...input }: TextFieldProps) {
  return (
    <div className="form-group">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <input
        id={id}
        type="text"
        {...input}
        className={['form-control', error ? 'is-invalid' : '', className ?? ''].join(' ').trim()}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <FieldTexts id={id} hint={hint} error={error} announce={announceError} />
    </div>
  );
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  id: string;
  label: string;
  options: readonly { value: string; label: string }[];
  /** Text of an empty first option ("Choose…"); omit when a value is always set. */
  placeholder?: string;
  /** Further options under headings (`<optgroup>`), after `options`; an empty group is left out. */
  groups?: readonly { label: string; options: readonly { value: string; label: string }[] }[];
  hint?: ReactNode;
  error?: string | undefined;
}

export function SelectField({ id, label, options, placeholder, groups, hint, error, ...select }: SelectFieldProps) {
  return (
    <div className="select-wrapper mb-4">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        {...select}
        className={error ? 'is-invalid' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups
          ?.filter((g) => g.options.length > 0)
          .map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
      </select>
      <FieldTexts id={id} hint={hint} error={error} />
    </div>
  );
}

interface CheckboxGroupProps {
  id: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  hint?: ReactNode;
  error?: string | undefined;
  /** Shown instead of the boxes when there is nothing to choose. */
  emptyText?: string;
}

/** A multi-choice as a fieldset of checkboxes: simpler to use with a keyboard than a multi-select. */
export function CheckboxGroup({ id, legend, options, values, onChange, hint, error, emptyText }: CheckboxGroupProps) {
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...values, value] : values.filter((v) => v !== value));
  return (
    <fieldset className="mb-4" id={id} aria-describedby={describedBy(id, hint, error)}>
      <legend className="fs-6 fw-semibold px-0">{legend}</legend>
      {options.length === 0 && emptyText ? <p className="mb-0">{emptyText}</p> : null}
      {options.map((o) => {
        const boxId = `${id}-${o.value}`;
        return (
          <div className="form-check" key={o.value}>
            <input
              id={boxId}
              type="checkbox"
              checked={values.includes(o.value)}
              onChange={(e) => toggle(o.value, e.currentTarget.checked)}
              aria-invalid={error ? true : undefined}
            />
            <label htmlFor={boxId}>{o.label}</label>
          </div>
        );
      })}
      <FieldTexts id={id} hint={hint} error={error} />
    </fieldset>
  );
}

/** A labelled text area, with its hint and error tied to it for screen readers. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  ...area
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { id: string; label: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <div className="form-group">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        {...area}
        className={['form-control', error ? 'is-invalid' : ''].join(' ').trim()}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <FieldTexts id={id} hint={hint} error={error} />
    </div>
  );
}
