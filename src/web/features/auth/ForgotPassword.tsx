import { useTranslation } from 'react-i18next';

/**
 * Nobody can recover a password alone (no e-mail resets: a mailbox is not
 * a safe channel for this data); the disclosure says who can help.
 */
export function ForgotPassword() {
  const { t } = useTranslation();
  return (
    <details className="mt-4 forgot-password">
      <summary>{t('auth.forgot.summary')}</summary>
      <p className="mt-2 mb-0">{t('auth.forgot.text')}</p>
    </details>
  );
}
