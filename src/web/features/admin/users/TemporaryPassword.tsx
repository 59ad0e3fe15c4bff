import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CreatedUser } from '../../../api/types';

/**
 * The new account's temporary password, shown once: the server does not
 * keep it readable, so it must be copied now and given to the person by a
 * safe channel. She changes it and sets up two-step verification at first login.
 */
export function TemporaryPassword({ created, onAnother }: { created: CreatedUser; onAnother: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  // The form was replaced by this panel: move focus to its title.
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.temporaryPassword);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };

  return (
    <section className="temporary-password" aria-labelledby="created-title">
      <h2 id="created-title" ref={heading} tabIndex={-1} className="h4">
        {t('users.created.title', { name: created.user.displayName })}
      </h2>
      <p>{t('users.created.intro', { username: created.user.username })}</p>
      <p className="mb-1 fw-semibold" id="temporary-password-label">
        {t('users.created.passwordLabel')}
      </p>
      <div className="d-flex flex-wrap align-items-center gap-3 mb-3">
        <code className="temporary-password-value">
          {created.temporaryPassword}
        </code>
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => void copy()}>
          {t('users.created.copy')}
        </button>
        <span role="status">
          {copied === 'yes' ? t('users.created.copied') : copied === 'no' ? t('users.created.copyFailed') : ''}
        </span>
      </div>
      <div className="alert alert-warning">
        <p className="mb-0">{t('users.created.once')}</p>
        <p className="mb-0 mt-2">{t('users.created.firstLogin')}</p>
      </div>
      <div className="d-flex flex-wrap gap-3">
        <Link to={`/admin/utenti/${encodeURIComponent(created.user.id)}`} className="btn btn-primary">
          {t('users.created.open')}
        </Link>
        <button type="button" className="btn btn-outline-primary" onClick={onAnother}>
          {t('users.created.another')}
        </button>
      </div>
    </section>
  );
}
