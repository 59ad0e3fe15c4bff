import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type FieldErrors, type FieldValues, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import { codeOfIssue, isFieldErrorCode, limitParamsOf, type FieldErrorCode, type FieldErrorParams } from '../../shared/field-errors';
import { ApiError } from '../api/client';
import type { SummaryItem } from './ErrorSummary';
import { useFieldErrorText } from './useFieldErrors';

/**
 * Forms are react-hook-form forms validated by the shared Zod schemas
 * (src/shared/*.api.ts), so the web checks what the server checks, with the
 * same limits, and says it with the same codes and texts
 * (src/shared/field-errors.ts) as the server's field errors.
 */

/** An issue as a form holds it: the shared code, and its limits. */
export interface FormIssue {
  code: FieldErrorCode;
  params?: FieldErrorParams | undefined;
}

/**
 * react-hook-form keeps one string per error, so the code and its limits
 * travel as JSON in it. A refinement's own message (a code of the union,
 * e.g. `istat_code`) takes precedence over this map and arrives as is.
 */
function issueMessage(issue: { code: string; input?: unknown; message?: string | undefined; minimum?: unknown; maximum?: unknown }): string {
  // Nothing given where something is needed (see `blank`): the field is required
  // (Zod says invalid_type for most, invalid_value for a list of codes).
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return JSON.stringify({ code: 'required' });
  const params = limitParamsOf(issue);
  return JSON.stringify({ code: codeOfIssue(issue.code, issue.message), ...(params ? { params } : {}) });
}

/**
 * A field left empty (or blank) is an absent value: a required one then
 * fails as `required`, an optional one is left out of the request. Text
 * inputs and selects hold '' when nothing is chosen.
 */
export const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

/**
 * A number typed in a text or number input: empty is an absent value (as
 * `blank`), anything else is read as a number for the shared schema to
 * check (its range, whole numbers; text that is no number fails as a type).
 */
export const blankNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' ? (value.trim() === '' ? undefined : Number(value)) : value), schema);

/** The longest text a shared schema accepts (for `maxLength`), through optional, nullable and default wrappers. */
export function maxLengthOf(schema: z.ZodType): number | undefined {
  let inner: unknown = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) inner = inner.unwrap();
  // String formats (z.email()…) are strings with a maxLength too, not ZodString instances.
  return inner instanceof z.ZodType && 'maxLength' in inner && typeof inner.maxLength === 'number' ? inner.maxLength : undefined;
}

function decode(type: string, message: string | undefined): FormIssue {
  if (message?.startsWith('{')) {
    try {
      const parsed = JSON.parse(message) as FormIssue;
      if (isFieldErrorCode(parsed.code)) return parsed;
    } catch {
      // Not ours: fall through to the code.
    }
  }
  return { code: codeOfIssue(type, message) };
}

type AnyZod = z.ZodType<FieldValues, FieldValues>;

/**
 * A react-hook-form form checked by a shared schema. Its values are the
 * schema's input (what the fields hold), its submit handler receives the
 * schema's output (what the API takes). The focus goes to the error
 * summary, not to the first field, after a failed submit.
 */
export function useSchemaForm<S extends AnyZod>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({
    shouldFocusError: false,
    // Checked again on submit only: the summary takes the focus whenever its
    // list changes, so checking while she types would pull the focus away.
    reValidateMode: 'onSubmit',
    ...options,
    // The overloads of zodResolver do not narrow over a generic schema.
    resolver: zodResolver(schema as never, { error: issueMessage } as never) as never,
  });
}

/** Every error of a form by dotted path: nested groups and list items flattened. */
export function formIssues(errors: FieldErrors): Record<string, FormIssue> {
  const out: Record<string, FormIssue> = {};
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const leaf = node as { type?: unknown; message?: unknown };
    if (typeof leaf.type === 'string' && (typeof leaf.message === 'string' || leaf.message === undefined)) {
      if (path && !(path in out)) out[path] = decode(leaf.type, leaf.message as string | undefined);
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'ref') continue;
      walk(child, key === 'root' ? path : path ? `${path}.${key}` : key);
    }
  };
  walk(errors, '');
  return out;
}

/** The server's field errors of a failed request by their path below the body (`/body/a/b` → `a.b`). */
export function serverIssues(error: unknown): Record<string, FormIssue> {
  const out: Record<string, FormIssue> = {};
  if (!(error instanceof ApiError) || !error.problem.errors) return out;
  for (const e of error.problem.errors) {
    const path = e.pointer.split('/').filter(Boolean).slice(1).join('.');
    if (!(path in out)) out[path] = { code: e.code, params: e.params };
  }
  return out;
}

/** A field of a form: the element's id (the summary links to it) and its visible label (the summary names it). */
export interface FormField {
  id: string;
  label: string;
}

/** The field a path belongs to: its own, or the nearest group above it. */
export function fieldFor(fields: Record<string, FormField>, path: string): FormField | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const field = fields[parts.slice(0, n).join('.')];
    if (field) return field;
  }
  return undefined;
}

export interface FormMessages {
  /** The message of a field: its own error or the first of the paths below it. */
  at: (path: string) => string | undefined;
  /** Every message, each naming and linking to its field, for the error summary. */
  summary: SummaryItem[];
}

/**
 * A form's errors as texts in the UI language: the form's own checks first,
 * then what the server answered for the last submit. `fields` maps request
 * paths to their element and label, so the summary says which field and
 * links to it; `own` replaces the shared text of a code with the form's
 * wording.
 */
export function useFormMessages(
  errors: FieldErrors,
  serverError: unknown,
  fields: Record<string, FormField>,
  own: Partial<Record<FieldErrorCode, string>> = {},
): FormMessages {
  const text = useFieldErrorText();
  const messages: Record<string, string> = {};
  for (const issues of [formIssues(errors), serverIssues(serverError)]) {
    for (const [path, issue] of Object.entries(issues)) {
      if (!(path in messages)) messages[path] = own[issue.code] ?? text(issue);
    }
  }
  const at = (path: string) => {
    if (messages[path]) return messages[path];
    const below = Object.keys(messages).find((k) => k.startsWith(`${path}.`));
    return below ? messages[below] : undefined;
  };
  const summary = Object.entries(messages).map(([path, message]) => {
    const field = fieldFor(fields, path);
    return field ? { field: field.id, message: `${field.label}: ${message}` } : { message };
  });
  return { at, summary };
}
