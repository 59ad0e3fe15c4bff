import { Button } from 'design-react-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { TextField } from '../../ui/fields';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useFieldErrors } from '../../ui/useFieldErrors';
import { changePassword } from './auth.api';
import { AuthCard } from './AuthCard';

/**
 * Her own password. Required right after a first login with a temporary
 * password (the server refuses everything else until then); her other
 * sessions end when it changes.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      void navigate('/', { replace: true });
    },
  });
  const serverErrors = useFieldErrors(mutation.error);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const differs = newPassword !== repeat;
    setMismatch(differs);
    if (differs) {
      document.getElementById('password-repeat')?.focus();
      return;
    }
    mutation.mutate({ currentPassword, newPassword });
  };

  return (
    <AuthCard>
      <PageHeading>{t('auth.password.title')}</PageHeading>
      <p>{t('auth.password.intro')}</p>
      <ProblemAlert error={mutation.error} />
      <form noValidate onSubmit={onSubmit} className="mt-5">
        <TextField
          id="password-current"
          name="currentPassword"
          type="password"
          label={t('auth.password.current')}
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={serverErrors.currentPassword}
          aria-required="true"
        />
        <TextField
          id="password-new"
          name="newPassword"
          type="password"
          label={t('auth.password.new')}
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNew(e.currentTarget.value)}
          error={serverErrors.newPassword}
          aria-required="true"
        />
        <TextField
          id="password-repeat"
          name="repeat"
          type="password"
          label={t('auth.password.repeat')}
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          error={mismatch ? t('auth.password.mismatch') : undefined}
          aria-required="true"
        />
        <Button type="submit" color="primary" disabled={mutation.isPending} aria-busy={mutation.isPending}>
          {t('auth.password.submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
