import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A temporary password shown once, with a button that copies it. */
export function PasswordToCopy({ password, labelId }: { password: string; labelId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };

  return (
    <>
      <p className="mb-1 fw-semibold" id={labelId}>
        {t('users.created.passwordLabel')}
      </p>
      <div className="d-flex flex-wrap align-items-center gap-3 mb-3">
        <code className="temporary-password-value">{password}</code>
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => void copy()}>
          {t('users.created.copy')}
        </button>
        <span role="status">{copied === 'yes' ? t('users.created.copied') : copied === 'no' ? t('users.created.copyFailed') : ''}</span>
      </div>
    </>
  );
}
