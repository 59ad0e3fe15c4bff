import { Button } from 'design-react-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { storeMe } from '../../api/session';
import { TextField } from '../../ui/fields';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { verifyMfa } from './auth.api';

/**
 * The six-digit code, shared by the verification and enrolment steps. On
 * success the new session is stored; the login route guard then moves on
 * (organisation picker or home).
 */
export function CodeForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [formatError, setFormatError] = useState<string | undefined>();

  const mutation = useMutation({
    mutationFn: verifyMfa,
    onSuccess: (me) => {
      client.removeQueries({ queryKey: ['auth', 'enrolment'] });
      storeMe(client, me);
    },
    onError: () => {
      // A wrong code is used up: empty the field and let her type the next one.
      setCode('');
      input.current?.focus();
    },
  });

  // A wrong code is a problem of this field: shown under it, not in a banner.
  const error = mutation.error;
  const wrongCode = error instanceof ApiError && error.code === 'invalid_mfa_code';

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setFormatError(t('auth.code.format'));
      input.current?.focus();
      return;
    }
    setFormatError(undefined);
    mutation.mutate(digits);
  };

  return (
    <form noValidate onSubmit={onSubmit} className="mt-5">
      {!wrongCode ? <ProblemAlert error={error} /> : null}
      <TextField
        ref={input}
        id="mfa-code"
        name="code"
        label={t('auth.code.label')}
        hint={t('auth.code.hint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={7}
        className="mfa-code"
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
        error={formatError ?? (wrongCode ? error.problem.title : undefined)}
        aria-required="true"
        announceError
      />
      <Button type="submit" color="primary" disabled={mutation.isPending} aria-busy={mutation.isPending}>
        {t('auth.code.submit')}
      </Button>
    </form>
  );
}
