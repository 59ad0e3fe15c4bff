import { ApiError } from '../../api/client';
import { useFieldErrorText } from '../../ui/useFieldErrors';

/**
 * The server's field errors keyed by their full path below the body
 * (`/body/safeContact/safePerson/phone` → `safeContact.safePerson.phone`):
 * the pathway's forms nest groups, and the first segment alone would put
 * every identity error on one field. Each code gets the shared text in the
 * UI language, or the form's own wording when it names the code in `own`
 * (e.g. an upload's content_type_mismatch).
 */
export function useCaseErrors(error: unknown, own: Record<string, string> = {}): Record<string, string> {
  const text = useFieldErrorText();
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError) || !error.problem.errors) return out;
  for (const e of error.problem.errors) {
    const path = e.pointer.split('/').filter(Boolean).slice(1).join('.');
    if (!(path in out)) out[path] = own[e.code] ?? text(e);
  }
  return out;
}

/** The first error at a path or below it (a group's field shows its children's errors too). */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}

/** The field a request path belongs to: its own id, or that of the nearest group above it. */
export function fieldFor(fieldIds: Record<string, string>, path: string): string | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const id = fieldIds[parts.slice(0, n).join('.')];
    if (id) return id;
  }
  return undefined;
}

/** Error summary items from errors keyed by request path. */
export function summaryItems(errors: Record<string, string>, fieldIds: Record<string, string>): { field?: string | undefined; message: string }[] {
  return Object.entries(errors).map(([path, message]) => ({ field: fieldFor(fieldIds, path), message }));
}
