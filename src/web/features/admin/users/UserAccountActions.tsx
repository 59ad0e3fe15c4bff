import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../api/types';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { TextField } from '../../../ui/fields';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { useFieldErrors } from '../../../ui/useFieldErrors';
import { resetMfa, updateUser, usersKey } from './users.api';

type Done = 'renamed' | 'disabled' | 'enabled' | 'mfaReset' | null;

/** Rename, disable/enable, reset the second factor. */
export function UserAccountActions({ user, isSelf }: { user: User; isSelf: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [done, setDone] = useState<Done>(null);
  const [missing, setMissing] = useState<string | undefined>();

  const refresh = () => client.invalidateQueries({ queryKey: usersKey });
  const rename = useMutation({
    mutationFn: (name: string) => updateUser(user.id, { displayName: name }),
    onSuccess: () => {
      setDone('renamed');
      void refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (disabled: boolean) => updateUser(user.id, { disabled }),
    onSuccess: (_, disabled) => {
      setDone(disabled ? 'disabled' : 'enabled');
      void refresh();
    },
  });
  const mfa = useMutation({
    mutationFn: () => resetMfa(user.id),
    onSuccess: () => {
      setDone('mfaReset');
      void refresh();
    },
  });
  const serverErrors = useFieldErrors(rename.error);

  const onRename = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setDone(null);
    if (!displayName.trim()) {
      setMissing(t('validation.required'));
      document.getElementById('user-rename')?.focus();
      return;
    }
    setMissing(undefined);
    rename.mutate(displayName.trim());
  };

  return (
    <section aria-labelledby="account-title" className="mt-5">
      <h2 id="account-title" className="h4">
        {t('users.account.title')}
      </h2>
      {done ? <SuccessAlert>{t(`users.account.done.${done}`)}</SuccessAlert> : null}
      <ProblemAlert error={toggle.error ?? mfa.error} />

      <form noValidate onSubmit={onRename} className="row g-3 align-items-end mt-3 mb-4">
        <div className="col-12 col-md-6">
          <ProblemAlert error={rename.error} />
          <TextField
            id="user-rename"
            label={t('users.fields.displayName')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={missing ?? serverErrors.displayName}
          />
        </div>
        <div className="col-12 col-md-auto form-actions">
          <button type="submit" className="btn btn-outline-primary" disabled={rename.isPending}>
            {t('users.account.rename')}
          </button>
        </div>
      </form>

      <div className="d-flex flex-column gap-3">
        <div>
          <p className="mb-1">{user.disabled ? t('users.account.enableText') : t('users.account.disableText')}</p>
          {user.disabled ? (
            <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => toggle.mutate(false)}>
              {t('users.account.enable')}
            </button>
          ) : isSelf ? (
            <p className="small mb-0">{t('users.account.notSelf')}</p>
          ) : (
            <ConfirmButton
              label={t('users.account.disable')}
              question={t('users.account.disableQuestion')}
              pending={toggle.isPending}
              onConfirm={() => toggle.mutate(true)}
            />
          )}
        </div>
        <div>
          <p className="mb-1">{t('users.account.mfaText')}</p>
          <ConfirmButton
            label={t('users.account.mfaReset')}
            question={t('users.account.mfaQuestion')}
            pending={mfa.isPending}
            onConfirm={() => mfa.mutate()}
          />
        </div>
      </div>
    </section>
  );
}
