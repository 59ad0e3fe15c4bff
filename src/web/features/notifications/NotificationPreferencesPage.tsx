import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { emailFrequencies, notificationPreferences } from '../../../shared/notifications.api';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextField } from '../../ui/fields';
import { useFormMessages, useSchemaForm } from '../../ui/form';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { notificationsKey, savePreferences, usePreferences } from './notifications.api';

/**
 * Her own choice of e-mails about new notifications: never, at once, or a
 * daily summary, and the address. Hers alone (no one sets it for her). An
 * e-mail says only that something waits in Trama.
 */
export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const announce = useAnnounce();
  const current = usePreferences();
  const form = useSchemaForm(notificationPreferences, { defaultValues: { frequency: 'none', email: '' } });
  const { reset } = form;
  useEffect(() => {
    if (current.data) reset({ frequency: current.data.frequency, email: current.data.email ?? '' });
  }, [current.data, reset]);
  const save = useMutation({
    mutationFn: savePreferences,
    onSuccess: (saved) => {
      client.setQueryData([...notificationsKey, 'preferences'], saved);
      announce(t('notifications.preferences.saved'));
    },
  });
  const fields = {
    frequency: { id: 'prefs-frequency', label: t('notifications.preferences.frequency') },
    email: { id: 'prefs-email', label: t('notifications.preferences.email') },
  };
  const messages = useFormMessages(form.formState.errors, save.error, fields);

  return (
    <>
      <PageHeading>{t('notifications.preferences.title')}</PageHeading>
      <p>{t('notifications.preferences.intro')}</p>
      <ProblemAlert error={current.error} />
      {current.isPending ? <Loading /> : null}
      {current.data && !current.data.emailAvailable ? <div className="alert alert-info">{t('notifications.preferences.unavailable')}</div> : null}
      {current.data ? (
        <form noValidate onSubmit={form.handleSubmit((input) => save.mutate(input))} className="col-12 col-lg-8">
          <ProblemAlert error={save.error} />
          <ErrorSummary id="prefs-errors" items={messages.summary} />
          <SelectField
            id={fields.frequency.id}
            label={fields.frequency.label}
            options={emailFrequencies.map((f) => ({ value: f, label: t(`notifications.preferences.frequencies.${f}`) }))}
            {...form.register('frequency')}
            error={messages.at('frequency')}
          />
          <TextField
            id={fields.email.id}
            type="email"
            label={fields.email.label}
            hint={t('notifications.preferences.emailHint')}
            autoComplete="email"
            maxLength={200}
            {...form.register('email')}
            error={messages.at('email')}
          />
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('notifications.preferences.save')}
          </button>
        </form>
      ) : null}
      <p className="mt-5">
        <Link to="/notifiche">{t('notifications.back')}</Link>
      </p>
    </>
  );
}
