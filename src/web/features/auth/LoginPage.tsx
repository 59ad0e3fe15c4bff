import { Button } from 'design-react-kit';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { setSessionNotice, useSessionNotice } from '../../api/notice';
import { TextField } from '../../ui/fields';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useFieldErrors } from '../../ui/useFieldErrors';
import { login } from './auth.api';
import { AuthCard } from './AuthCard';

/** Step 1 of 2: username and password. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const notice = useSessionNotice();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});

  const mutation = useMutation({
    mutationFn: login,
    onMutate: () => setSessionNotice(null),
    onSuccess: (result) => {
      // Carry on the page she was sent away from, if any.
      void navigate(result.next === 'enrol' ? '/login/attiva' : '/login/verifica', { state: location.state as unknown });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'invalid_credentials') setPassword('');
    },
  });
  const serverErrors = useFieldErrors(mutation.error);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!username.trim()) errors.username = t('validation.required');
    if (!password) errors.password = t('validation.required');
    setMissing(errors);
    if (Object.keys(errors).length > 0) {
      document.getElementById(errors.username ? 'login-username' : 'login-password')?.focus();
      return;
    }
    mutation.mutate({ username: username.trim(), password });
  };

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
      <form noValidate onSubmit={onSubmit} className="mt-5">
        <TextField
          id="login-username"
          name="username"
          label={t('auth.login.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={missing.username ?? serverErrors.username}
          aria-required="true"
        />
        <TextField
          id="login-password"
          name="password"
          type="password"
          label={t('auth.login.password')}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={missing.password ?? serverErrors.password}
          aria-required="true"
        />
        <Button type="submit" color="primary" disabled={mutation.isPending} aria-busy={mutation.isPending}>
          {t('auth.login.submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
