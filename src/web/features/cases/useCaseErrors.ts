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
