import { Button } from 'design-react-kit';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { loginBody } from '../../../shared/auth.api';
import { ApiError } from '../../api/client';
import { setSessionNotice, useSessionNotice } from '../../api/notice';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../ui/form';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { login } from './auth.api';
import { AuthCard } from './AuthCard';
import { ForgotPassword } from './ForgotPassword';

/** The API's rules, with an empty field counted as not given. */
const schema = loginBody.extend({ username: blank(loginBody.shape.username), password: blank(loginBody.shape.password) });

/** Step 1 of 2: username and password. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const notice = useSessionNotice();
  const form = useSchemaForm(schema, { defaultValues: { username: '', password: '' } });

  const mutation = useMutation({
    mutationFn: login,
    onMutate: () => setSessionNotice(null),
    onSuccess: (result) => {
      // Carry on the page she was sent away from, if any.
      void navigate(result.next === 'enrol' ? '/login/attiva' : '/login/verifica', { state: location.state as unknown });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'invalid_credentials') form.setValue('password', '');
    },
  });
  const fields = {
    username: { id: 'login-username', label: t('auth.login.username') },
    password: { id: 'login-password', label: t('auth.login.password') },
  };
  const messages = useFormMessages(form.formState.errors, mutation.error, fields);

  return (
    <AuthCard>
      <PageHeading>{t('auth.login.title')}</PageHeading>
      <p>{t('auth.login.intro')}</p>
      {notice ? (
        <div className="alert alert-info" role="status">
          {notice}
        </div>
      ) : null}
      <ProblemAlert error={mutation.error} />
      <form noValidate onSubmit={form.handleSubmit((input) => mutation.mutate(input))} className="mt-5">
        <ErrorSummary id="login-errors" items={messages.summary} />
        <TextField
          id={fields.username.id}
          label={fields.username.label}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={loginBody.shape.username.maxLength ?? undefined}
          {...form.register('username')}
          error={messages.at('username')}
          aria-required="true"
        />
        <TextField
          id={fields.password.id}
          type="password"
          label={fields.password.label}
          autoComplete="current-password"
          maxLength={loginBody.shape.password.maxLength ?? undefined}
          {...form.register('password')}
          error={messages.at('password')}
          aria-required="true"
        />
        <Button type="submit" color="primary" disabled={mutation.isPending} aria-busy={mutation.isPending}>
          {t('auth.login.submit')}
        </Button>
      </form>
      <ForgotPassword />
    </AuthCard>
  );
}
