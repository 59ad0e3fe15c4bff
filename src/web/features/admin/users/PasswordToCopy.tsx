import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Texts {
  label: string;
  copy: string;
  copied: string;
  copyFailed: string;
}

/**
 * A secret shown once (a temporary password, an API token), with a button
 * that copies it. `texts` names another kind of secret than the password.
 */
export function PasswordToCopy({ password, labelId, texts }: { password: string; labelId: string; texts?: Texts }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const say = texts ?? {
    label: t('users.created.passwordLabel'),
    copy: t('users.created.copy'),
    copied: t('users.created.copied'),
    copyFailed: t('users.created.copyFailed'),
  };

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
        {say.label}
      </p>
      <div className="d-flex flex-wrap align-items-center gap-3 mb-3">
        <code className="temporary-password-value text-break">{password}</code>
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => void copy()}>
          {say.copy}
        </button>
        <span role="status">{copied === 'yes' ? say.copied : copied === 'no' ? say.copyFailed : ''}</span>
      </div>
    </>
  );
}
