import type { BaseSyntheticEvent, ReactNode } from 'react';
import type { DefaultValues, FieldValues, Path } from 'react-hook-form';
import type { z } from 'zod';
import type { FieldErrorCode } from '../../../../shared/field-errors';
import { ApiError } from '../../../api/client';
import { ErrorSummary, type SummaryItem } from '../../../ui/ErrorSummary';
import { type FormField, useFormMessages, useSchemaForm } from '../../../ui/form';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useFieldErrorText } from '../../../ui/useFieldErrors';
import { useRun } from '../../../ui/useRun';
import { useFundsTexts } from './funds.texts';

type Schema = z.ZodType<FieldValues, FieldValues>;

/**
 * One small form of a funds year, checked by its schema (funds.form.ts):
 * its own write, error summary and field messages. A euro amount that does
 * not read, or is below the least the API takes, is "Importo non valido"
 * rather than the shared text of the code. `field(name)` gives a field's
 * id, label, message and registration. Once saved, the fields are emptied
 * (`keep`: they keep what was saved, for a form showing current values);
 * `own` words other codes in the form's own way.
 */
export function useYearForm<S extends Schema>(schema: S, fields: Record<string, FormField>, defaultValues: DefaultValues<z.input<S>>, options: { keep?: boolean; own?: Partial<Record<FieldErrorCode, string>> } = {}) {
  const { x } = useFundsTexts();
  const { pending, error, run } = useRun();
  const form = useSchemaForm(schema, { defaultValues });
  const messages = useFormMessages(form.formState.errors, error, fields, { invalid_format: x.amountInvalid, too_small: x.amountInvalid, ...options.own });
  const field = (name: Path<z.input<S>>) => ({ id: fields[name]?.id ?? name, label: fields[name]?.label ?? name, error: messages.at(name), ...form.register(name) });
  const onSubmit = (send: (body: z.output<S>) => Promise<unknown>) =>
    form.handleSubmit((body) =>
      run(async () => {
        await send(body);
        form.reset(options.keep ? form.getValues() : undefined);
      }),
    );
  return { form, pending, error, messages, field, onSubmit };
}

/** The shell of a small form: the summary and the problem above, its fields on one row, its button last (`primary`: the page's main step). */
export function YearForm({
  id,
  label,
  form,
  onSubmit,
  children,
  submit,
  primary = false,
  className = 'mb-4',
}: {
  id: string;
  label?: string | undefined;
  /** What useYearForm gives: its messages' summary, its last write's problem, whether it is saving. */
  form: { messages: { summary: SummaryItem[] }; error: unknown; pending: boolean };
  onSubmit: (e?: BaseSyntheticEvent) => Promise<void>;
  children: ReactNode;
  submit: string;
  primary?: boolean;
  className?: string;
}) {
  return (
    <form noValidate className={className} aria-label={label} onSubmit={onSubmit}>
      <FormErrors id={id} summary={form.messages.summary} error={form.error} />
      <div className="row g-2 align-items-end">
        {children}
        <div className="col-auto mb-4">
          <button type="submit" className={`btn ${primary ? 'btn-primary' : 'btn-outline-primary'}`} disabled={form.pending}>
            {submit}
          </button>
        </div>
      </div>
    </form>
  );
}

/** A form's error summary (its fields' messages, each a link) and the problem of its last write. */
export function FormErrors({ id, summary, error }: { id: string; summary: SummaryItem[]; error: unknown }) {
  return (
    <>
      <ErrorSummary id={`${id}-errors`} items={summary} />
      <ProblemAlert error={error} />
    </>
  );
}

/** The button of a table's row that removes its entry (a write of the page). */
export function RemoveButton({ acts, onRemove, children }: { acts: { pending: boolean; run: (work: () => Promise<unknown>) => void }; onRemove: () => Promise<unknown>; children: string }) {
  return (
    <button type="button" className="btn btn-sm btn-link" disabled={acts.pending} onClick={() => acts.run(onRemove)}>
      {children}
    </button>
  );
}

/** A column of a form's row. */
export function Col({ children }: { children: ReactNode }) {
  return <div className="col-md">{children}</div>;
}

/** A write from a button of the page (remove, a report's move): the problem, and each field error in words (the figures of a refusal). */
export function ActionError({ error }: { error: unknown }) {
  const text = useFieldErrorText();
  if (!error) return null;
  const issues = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (
    <>
      <ProblemAlert error={error} />
      {issues.length ? (
        <ul className="text-danger small">
          {issues.map((e, i) => (
            <li key={i}>{text(e)}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
