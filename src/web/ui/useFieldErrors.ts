import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../api/client';

const knownCodes = ['too_small', 'too_big', 'invalid_type', 'invalid_format', 'invalid_value', 'required'] as const;
type KnownCode = (typeof knownCodes)[number];

function isKnown(code: string): code is KnownCode {
  return (knownCodes as readonly string[]).includes(code);
}

/**
 * The server's field errors of a `validation_failed` problem as messages
 * in the UI language, keyed by field name. Known validation codes get our
 * own wording; anything else falls back to the server's detail.
 */
export function useFieldErrors(error: unknown): Record<string, string> {
  const { t } = useTranslation();
  const out: Record<string, string> = {};
  for (const [field, e] of Object.entries(fieldErrorsOf(error))) {
    out[field] = isKnown(e.code) ? t(`validation.${e.code}`) : e.detail;
  }
  return out;
}
