import type { UseFormRegisterReturn } from 'react-hook-form';
import type { ActionKind } from '../../../../shared/autonomy';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { useActionTexts } from './actions.texts';

/**
 * The pieces the details' fields of each family are made of
 * (actionFields.work.tsx, actionFields.housing.tsx, actionFields.support.tsx).
 * Each field comes ready from the form (`DetailField`): its id (the error
 * summary links to it), label (with "optional" when the shared schema lets
 * it be empty), error and react-hook-form registration.
 */
export interface DetailField extends UseFormRegisterReturn {
  id: string;
  label: string;
  error: string | undefined;
  required: boolean;
  maxLength?: number | undefined;
}

/** A details field of the kind shown, by its name in the shared schema. */
export type FieldOf = (name: string) => DetailField;

export interface FamilyFieldsProps {
  kind: ActionKind;
  field: FieldOf;
}

const requiredProps = (f: DetailField) => (f.required ? { 'aria-required': true as const } : {});

/** A field's props for the ui's fields (its `required` said to screen readers, not to the browser's own validation). */
function props(f: DetailField) {
  const { required, ...rest } = f;
  void required;
  return { ...rest, ...requiredProps(f) };
}

export function Text({ f }: { f: DetailField }) {
  return <TextField {...props(f)} />;
}

export function LongText({ f }: { f: DetailField }) {
  return <TextAreaField {...props(f)} />;
}

/** Euros as typed (parsed to integer cents by the form, never through a float). */
export function Money({ f }: { f: DetailField }) {
  const x = useActionTexts();
  return <TextField {...props(f)} inputMode="decimal" hint={x.amountHint} />;
}

/** A whole number (hours). */
export function Count({ f }: { f: DetailField }) {
  return <TextField {...props(f)} inputMode="numeric" />;
}

export function Day({ f }: { f: DetailField }) {
  return <TextField {...props(f)} type="date" />;
}

export function Choice({ f, options }: { f: DetailField; options: readonly { value: string; label: string }[] }) {
  const { maxLength, ...rest } = props(f);
  void maxLength;
  return <SelectField {...rest} placeholder="—" options={options} />;
}

export function Check({ f }: { f: DetailField }) {
  const { id, label, error, required, maxLength, ...register } = f;
  void required;
  void maxLength;
  return (
    <div className="form-check mb-3">
      <input id={id} type="checkbox" {...register} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <label htmlFor={id}>{label}</label>
      {error ? (
        <div id={`${id}-error`} className="invalid-feedback d-block">
          {error}
        </div>
      ) : null}
    </div>
  );
}
