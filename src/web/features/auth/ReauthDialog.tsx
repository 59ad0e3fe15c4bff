import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from 'design-react-kit';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loginBody } from '../../../shared/auth.api';
import { ApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../ui/form';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { login, selectOrganisation } from './auth.api';
import { CodeForm } from './CodeForm';

const schema = loginBody.pick({ password: true }).extend({ password: blank(loginBody.shape.password) });

interface Props {
  /** Who was signed in: only she can resume (the username is fixed). */
  me: Me;
  /** She is back: the new session, already acting for the same organisation. */
  onResumed: (me: Me) => void;
  /** She chose to leave: what was on the screen is dropped. */
  onLeave: () => void;
}

/**
 * Signing in again over the page once the session has expired. The backdrop
 * is opaque: while nobody is signed in, the records under it are not shown.
 * No fade: it is there at once, whole (and readable at once, for axe too).
 * What she typed stays in the page's memory and is sent once she is back.
 */
export function ReauthDialog({ me, onResumed, onLeave }: Props) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'password' | 'code'>('password');
  const form = useSchemaForm(schema, { defaultValues: { password: '' } });
  const passwordStep = useMutation({
    mutationFn: (password: string) => login({ username: me.user.username, password }),
    onSuccess: (result) => (result.next === 'mfa' ? setStep('code') : onLeave()),
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'invalid_credentials') form.setValue('password', '');
    },
  });
  const resume = useMutation({
    // Someone with several organisations acts for the one she was acting for.
    mutationFn: async (fresh: Me) =>
      me.organisation && !fresh.organisation && fresh.memberships.some((m) => m.organisationId === me.organisation?.id)
        ? selectOrganisation(me.organisation.id)
        : fresh,
    onSuccess: onResumed,
  });
  const fields = { password: { id: 'reauth-password', label: t('auth.login.password') } };
  const messages = useFormMessages(form.formState.errors, passwordStep.error, fields);

  return (
    <Modal isOpen fade={false} backdrop="static" keyboard={false} labelledBy="reauth-title" backdropClassName="reauth-backdrop" centered>
      <ModalHeader id="reauth-title" tag="h2">
        {t('session.expired.title')}
      </ModalHeader>
      <ModalBody>
        <p>{t('session.expired.text', { count: Math.round(me.sessionIdleSeconds / 60) })}</p>
        <p>
          {t('session.expired.user')} <strong>{me.user.username}</strong>
        </p>
        {step === 'password' ? (
          <form noValidate onSubmit={form.handleSubmit(({ password }) => passwordStep.mutate(password))}>
            <ProblemAlert error={passwordStep.error} />
            <ErrorSummary id="reauth-errors" items={messages.summary} />
            <TextField
              id={fields.password.id}
              type="password"
              label={fields.password.label}
              autoComplete="current-password"
              autoFocus
              maxLength={loginBody.shape.password.maxLength ?? undefined}
              {...form.register('password')}
              error={messages.at('password')}
              aria-required="true"
            />
            <Button type="submit" color="primary" disabled={passwordStep.isPending} aria-busy={passwordStep.isPending}>
              {t('session.expired.continue')}
            </Button>
          </form>
        ) : (
          <>
            <ProblemAlert error={resume.error} />
            <CodeForm onVerified={(fresh) => resume.mutate(fresh)} />
          </>
        )}
      </ModalBody>
      <ModalFooter>
        <Button color="secondary" outline onClick={onLeave}>
          {t('session.expired.leave')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
