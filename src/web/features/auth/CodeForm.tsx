import { Button } from 'design-react-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { mfaBody } from '../../../shared/auth.api';
import { ApiError } from '../../api/client';
import { storeMe } from '../../api/session';
import type { Me } from '../../api/types';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../ui/form';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { verifyMfa } from './auth.api';

/** The API's rule; the spaces some apps show between the digits are dropped first. */
const schema = z.object({
  code: blank(z.preprocess((value) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value), mfaBody.shape.code)),
});

/** Room for the six digits and the space some apps show in the middle. */
const CODE_INPUT_LENGTH = 7;

/**
 * The six-digit code, shared by the verification and enrolment steps and
 * by signing in again in place. On success the new session is stored (the
 * login route guard then moves on: organisation picker or home), or handed
 * to `onVerified`.
 */
export function CodeForm({ onVerified }: { onVerified?: (me: Me) => void } = {}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useSchemaForm(schema, { defaultValues: { code: '' } });

  const mutation = useMutation({
    mutationFn: verifyMfa,
    onSuccess: (me) => {
      client.removeQueries({ queryKey: ['auth', 'enrolment'] });
      if (onVerified) onVerified(me);
      else storeMe(client, me);
    },
    onError: () => {
      // A wrong code is used up: empty the field and let her type the next one.
      form.setValue('code', '');
      form.setFocus('code');
    },
  });

  // A wrong code is a problem of this field: shown under it, not in a banner.
  const error = mutation.error;
  const wrongCode = error instanceof ApiError && error.code === 'invalid_mfa_code';
  const fields = { code: { id: 'mfa-code', label: t('auth.code.label') } };
  const messages = useFormMessages(form.formState.errors, error, fields);

  return (
    <form noValidate onSubmit={form.handleSubmit(({ code }) => mutation.mutate(code))} className="mt-5">
      {!wrongCode ? <ProblemAlert error={error} /> : null}
      <ErrorSummary id="mfa-errors" items={messages.summary} />
      <TextField
        id={fields.code.id}
        label={fields.code.label}
        hint={t('auth.code.hint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={CODE_INPUT_LENGTH}
        className="mfa-code"
        {...form.register('code')}
        error={messages.at('code') ?? (wrongCode ? error.problem.title : undefined)}
        aria-required="true"
        announceError={wrongCode}
      />
      <Button type="submit" color="primary" disabled={mutation.isPending} aria-busy={mutation.isPending}>
        {t('auth.code.submit')}
      </Button>
    </form>
  );
}
