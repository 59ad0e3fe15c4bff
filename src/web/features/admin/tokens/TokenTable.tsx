import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { DataTable } from '../../../ui/DataTable';
import { formatDate, formatDateTime } from '../../../ui/format';
import { useLabels } from '../../../ui/labels';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { revokeToken, tokensKey, type ApiToken } from './tokens.api';

/** The words for the actions a token may call (the policy's names); an unknown one is shown as it is. */
const scopeKeys = {
  'routing.transfer': 'routing.tokens.scopes.transfer',
  'routing.call_record': 'routing.tokens.scopes.callRecord',
} as const;
const isKnownScope = (s: string): s is keyof typeof scopeKeys => s in scopeKeys;

/** Every token, newest first: what it may do, when it was last used, until when; revocable while it lives. */
export function TokenTable({ tokens }: { tokens: ApiToken[] }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const client = useQueryClient();
  const [revoked, setRevoked] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeToken(token.id),
    onMutate: () => setRevoked(null),
    onSuccess: (_, token) => {
      setRevoked(token.name);
      void client.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const now = Date.now();
  const status = (token: ApiToken) =>
    token.revokedAt
      ? t('routing.tokens.status.revoked', { date: formatDateTime(token.revokedAt, lang) })
      : Date.parse(token.expiresAt) <= now
        ? t('routing.tokens.status.expired')
        : t('routing.tokens.status.active');

  if (!tokens.length) return <p>{t('routing.tokens.empty')}</p>;
  return (
    <>
      {revoked ? <SuccessAlert>{t('routing.tokens.revoked', { name: revoked })}</SuccessAlert> : null}
      <ProblemAlert error={revoke.error} />
      <DataTable caption={t('routing.tokens.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('routing.tokens.fields.name')}</th>
            <th scope="col">{t('routing.tokens.fields.account')}</th>
            <th scope="col">{t('routing.tokens.fields.scopes')}</th>
            <th scope="col">{t('routing.tokens.fields.createdAt')}</th>
            <th scope="col">{t('routing.tokens.fields.lastUsedAt')}</th>
            <th scope="col">{t('routing.tokens.fields.expiresAt')}</th>
            <th scope="col">{t('routing.tokens.fields.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>
                <div>
                  {token.user.displayName} ({token.user.username})
                </div>
                <div>{token.organisation.name}</div>
              </td>
              <td>
                {token.scopes.length ? (
                  <ul className="list-unstyled mb-0">
                    {token.scopes.map((s) => (
                      <li key={s}>{isKnownScope(s) ? t(scopeKeys[s]) : s}</li>
                    ))}
                  </ul>
                ) : (
                  t('routing.tokens.none')
                )}
              </td>
              <td>{formatDateTime(token.createdAt, lang)}</td>
              <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, lang) : t('routing.tokens.never')}</td>
              <td>{formatDate(token.expiresAt, lang)}</td>
              <td>{status(token)}</td>
              <td>
                {token.revokedAt ? null : (
                  <ConfirmButton
                    label={t('routing.tokens.revoke')}
                    question={t('routing.tokens.revokeQuestion', { name: token.name })}
                    pending={revoke.isPending}
                    onConfirm={() => revoke.mutate(token)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
