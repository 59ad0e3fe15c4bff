import { Button } from 'design-react-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { z } from 'zod';
import { passwordChange } from '../../../shared/auth.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../ui/form';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { changePassword } from './auth.api';
import { AuthCard } from './AuthCard';

/**
 * The API's rules (lengths only: the server alone judges how guessable a
 * password is), and the new one typed twice alike.
 */
const schema = z
  .object({
    currentPassword: blank(passwordChange.shape.currentPassword),
    newPassword: blank(passwordChange.shape.newPassword),
    repeat: z.string(),
  })
  .refine((v) => v.repeat === v.newPassword, { path: ['repeat'], message: 'passwords_differ' });

/**
 * Her own password. Required right after a first login with a temporary
 * password (the server refuses everything else until then); her other
 * sessions end when it changes.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useSchemaForm(schema, { defaultValues: { currentPassword: '', newPassword: '', repeat: '' } });

  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      void navigate('/', { replace: true });
    },
  });
  const fields = {
    currentPassword: { id: 'password-current', label: t('auth.password.current') },
    newPassword: { id: 'password-new', label: t('auth.password.new') },
    repeat: { id: 'password-repeat', label: t('auth.password.repeat') },
  };
  const messages = useFormMessages(form.formState.errors, mutation.error, fields);
  const maxLength = passwordChange.shape.newPassword.maxLength ?? undefined;

  return (
    <AuthCard>
      <PageHeading>{t('auth.password.title')}</PageHeading>
      <p>{t('auth.password.intro', { min: passwordChange.shape.newPassword.minLength })}</p>
      <ProblemAlert error={mutation.error} />
      <form
        noValidate
        onSubmit={form.handleSubmit(({ currentPassword, newPassword }) => mutation.mutate({ currentPassword, newPassword }))}
        className="mt-5"
      >
        <ErrorSummary id="password-errors" items={messages.summary} />
        <TextField
          id={fields.currentPassword.id}
          type="password"
          label={fields.currentPassword.label}
          autoComplete="current-password"
          maxLength={passwordChange.shape.currentPassword.maxLength ?? undefined}
          {...form.register('currentPassword')}
          error={messages.at('currentPassword')}
          aria-required="true"
        />
        <TextField
          id={fields.newPassword.id}
          type="password"
          label={fields.newPassword.label}
          autoComplete="new-password"
          maxLength={maxLength}
          {...form.register('newPassword')}
          error={messages.at('newPassword')}
          aria-required="true"
        />
        <TextField
          id={fields.repeat.id}
          type="password"
          label={fields.repeat.label}
          autoComplete="new-password"
          maxLength={maxLength}
          {...form.register('repeat')}
          error={messages.at('repeat')}
          aria-required="true"
        />
        <Button type="submit" color="primary" disabled={mutation.isPending} aria-busy={mutation.isPending}>
          {t('auth.password.submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
