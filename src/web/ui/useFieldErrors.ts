import { useTranslation } from 'react-i18next';
import { fieldErrorText } from '../../shared/field-errors';
import type { Lang } from '../../shared/labels';
import type { FieldIssue } from '../../shared/problems';
import { fieldErrorsOf } from '../api/client';
import { languages } from '../i18n';

/**
 * The text of a server field error in the UI language: the server sends a
 * code (and params such as a limit); the texts are the shared table's
 * (src/shared/field-errors.ts), never the server's `detail`.
 */
export function useFieldErrorText(): (e: Pick<FieldIssue, 'code' | 'params'>) => string {
  const { i18n } = useTranslation();
  const lang: Lang = (languages as readonly string[]).includes(i18n.language) ? (i18n.language as Lang) : 'it';
  return (e) => fieldErrorText(e.code, lang, e.params);
}

/**
 * The server's field errors of a `validation_failed` problem as messages
 * in the UI language, keyed by field name.
 */
export function useFieldErrors(error: unknown): Record<string, string> {
  const text = useFieldErrorText();
  const out: Record<string, string> = {};
  for (const [field, e] of Object.entries(fieldErrorsOf(error))) out[field] = text(e);
  return out;
}
