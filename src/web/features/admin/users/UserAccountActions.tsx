import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { accountCreate } from '../../../../shared/accounts.api';
import type { User } from '../../../api/types';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { TextField } from '../../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../../ui/form';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { PasswordToCopy } from './PasswordToCopy';
import { resetMfa, resetPassword, updateUser, usersKey } from './users.api';

/** A new display name: the API's rule for it, and an empty field counts as not given. */
const renameSchema = z.object({ displayName: blank(accountCreate.shape.displayName) });

type Done = 'renamed' | 'disabled' | 'enabled' | 'mfaReset' | 'passwordReset' | null;

/** Rename, disable/enable, reset the second factor. */
export function UserAccountActions({ user, isSelf }: { user: User; isSelf: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [done, setDone] = useState<Done>(null);
  const form = useSchemaForm(renameSchema, { defaultValues: { displayName: user.displayName } });

  const refresh = () => client.invalidateQueries({ queryKey: usersKey });
  const rename = useMutation({
    mutationFn: (name: string) => updateUser(user.id, { displayName: name }),
    onMutate: () => setDone(null),
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
  const password = useMutation({
    mutationFn: () => resetPassword(user.id),
    onSuccess: () => {
      setDone('passwordReset');
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
  const fields = { displayName: { id: 'user-rename', label: t('users.fields.displayName') } };
  const messages = useFormMessages(form.formState.errors, rename.error, fields);

  return (
    <section aria-labelledby="account-title" className="mt-5">
      <h2 id="account-title" className="h4">
        {t('users.account.title')}
      </h2>
      {done ? <SuccessAlert>{t(`users.account.done.${done}`)}</SuccessAlert> : null}
      <ProblemAlert error={toggle.error ?? password.error ?? mfa.error} />

      <form
        noValidate
        onSubmit={form.handleSubmit(({ displayName }) => rename.mutate(displayName), () => setDone(null))}
        className="row g-3 align-items-end mt-3 mb-4"
      >
        {messages.summary.length > 0 ? (
          <div className="col-12">
            <ErrorSummary id="rename-errors" items={messages.summary} />
          </div>
        ) : null}
        <div className="col-12 col-md-6">
          <ProblemAlert error={rename.error} />
          <TextField
            id={fields.displayName.id}
            label={fields.displayName.label}
            maxLength={accountCreate.shape.displayName.maxLength ?? undefined}
            {...form.register('displayName')}
            error={messages.at('displayName')}
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
          <p className="mb-1">{t('users.account.passwordText')}</p>
          {password.data ? (
            <div className="temporary-password mt-2">
              <PasswordToCopy password={password.data.temporaryPassword} labelId="reset-password-label" />
              <p className="alert alert-warning mb-0">{t('users.created.once')}</p>
            </div>
          ) : isSelf ? (
            <p className="small mb-0">{t('users.account.notSelfPassword')}</p>
          ) : (
            <ConfirmButton
              label={t('users.account.passwordReset')}
              question={t('users.account.passwordQuestion')}
              pending={password.isPending}
              onConfirm={() => password.mutate()}
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
