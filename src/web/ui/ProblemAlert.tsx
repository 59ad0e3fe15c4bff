import { Alert } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * Shows a failed request: the server's title, already in the UI language.
 * role="alert" makes screen readers read it as soon as it appears.
 */
export function ProblemAlert({ error, className }: { error: unknown; className?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const title = error instanceof ApiError ? error.problem.title : t('errors.unexpected');
  const detail = error instanceof ApiError ? error.problem.detail : undefined;
  return (
    <Alert color="danger" role="alert" fade={false} className={className}>
      <p className="mb-0">{title}</p>
      {detail && detail !== title ? <p className="mb-0 mt-1 small">{detail}</p> : null}
    </Alert>
  );
}

/** A success message read out politely (e.g. "Saved"). */
export function SuccessAlert({ children }: { children: string }) {
  return (
    <Alert color="success" role="status" fade={false}>
      {children}
    </Alert>
  );
}
