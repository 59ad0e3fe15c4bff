import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CreatedUser } from '../../../api/types';
import { PasswordToCopy } from './PasswordToCopy';

/**
 * The new account's temporary password, shown once: the server does not
 * keep it readable, so it must be copied now and given to the person by a
 * safe channel. She changes it and sets up two-step verification at first login.
 */
export function TemporaryPassword({ created, onAnother }: { created: CreatedUser; onAnother: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);

  // The form was replaced by this panel: move focus to its title.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="temporary-password" aria-labelledby="created-title">
      <h2 id="created-title" ref={heading} tabIndex={-1} className="h4">
        {t('users.created.title', { name: created.user.displayName })}
      </h2>
      <p>{t('users.created.intro', { username: created.user.username })}</p>
      <PasswordToCopy password={created.temporaryPassword} labelId="temporary-password-label" />
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
