import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordToCopy } from '../users/PasswordToCopy';
import type { CreatedToken } from './tokens.api';

/**
 * A new token's value, shown once: the server keeps only its HMAC, so it
 * must be copied now and entered in the helpline's software by a safe channel.
 */
export function TokenSecret({ created, name, onDone }: { created: CreatedToken; name: string; onDone: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);

  // The form was replaced by this panel: move focus to its title.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="temporary-password" aria-labelledby="token-created-title">
      <h2 id="token-created-title" ref={heading} tabIndex={-1} className="h4">
        {t('routing.tokens.secret.title', { name })}
      </h2>
      <div className="alert alert-warning">
        <p className="mb-0">{t('routing.tokens.secret.once')}</p>
      </div>
      <PasswordToCopy
        password={created.token}
        labelId="token-secret-label"
        texts={{
          label: t('routing.tokens.secret.label'),
          copy: t('routing.tokens.secret.copy'),
          copied: t('routing.tokens.secret.copied'),
          copyFailed: t('routing.tokens.secret.copyFailed'),
        }}
      />
      <button type="button" className="btn btn-primary" onClick={onDone}>
        {t('routing.tokens.secret.done')}
      </button>
    </section>
  );
}
