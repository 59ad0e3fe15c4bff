import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ReferralCreate } from '../../../shared/referrals.api';
import { REFERRAL_NOTE_MAX } from '../../../shared/referrals';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, SelectField, TextAreaField } from '../../ui/fields';
import { useFormMessages, useSchemaForm } from '../../ui/form';
import { formatDayLong } from '../cases/cases.format';
import { useCaseLabels } from '../cases/cases.labels';
import { emptyReferral, prefill, referralForm } from './referrals.form';
import { useReferralLabels } from './referrals.labels';
import type { ConsentOption } from './referrals.types';

/**
 * The parent keys it by the consents offered, so the schema (which knows
 * them) is built afresh when they change.
 *
 * "Invia a un'altra organizzazione": the recipient is the organisation a
 * live sharing consent names; choosing it prefills the sections that
 * consent allows, and she unticks what the recipient does not need
 * (minimum necessary). Only the consent's purposes are offered.
 */
export function ReferralForm({
  consents,
  pending,
  error,
  onSubmit,
}: {
  consents: readonly ConsentOption[];
  pending: boolean;
  error: unknown;
  onSubmit: (input: ReferralCreate, reset: () => void) => void;
}) {
  const { t } = useTranslation();
  const labels = useReferralLabels();
  const caseLabels = useCaseLabels();
  const form = useSchemaForm(referralForm(consents), { defaultValues: emptyReferral() });
  const consentId = useWatch({ control: form.control, name: 'consentId' });
  const consent = consents.find((c) => c.consentId === consentId);
  const fields = {
    consentId: { id: 'referral-consent', label: t('referrals.form.recipient') },
    purpose: { id: 'referral-purpose', label: t('referrals.fields.purpose') },
    urgency: { id: 'referral-urgency', label: t('referrals.fields.urgency') },
    sections: { id: `referral-sections-${consent?.sections[0] ?? ''}`, label: t('referrals.fields.sections') },
    note: { id: 'referral-note', label: t('referrals.fields.note') },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const consentField = form.register('consentId', {
    // The consent decides what may be sent: its sections, all ticked, and its purposes.
    onChange: (e: { target: { value: string } }) => {
      const next = prefill(consents.find((c) => c.consentId === e.target.value));
      form.setValue('sections', next.sections);
      form.setValue('purpose', next.purpose);
    },
  });

  const consentLabel = (c: ConsentOption) =>
    c.expiresOn ? t('referrals.form.consentUntil', { name: c.recipient.name, date: formatDayLong(c.expiresOn, labels.lang) }) : c.recipient.name;

  return (
    <form
      noValidate
      className="case-part-form case-form"
      aria-labelledby="referral-form-title"
      onSubmit={form.handleSubmit((v) => onSubmit(v, () => form.reset(emptyReferral())))}
    >
      <h3 id="referral-form-title" className="h6">
        {t('referrals.form.title')}
      </h3>
      <p className="small">{t('referrals.form.intro')}</p>
      <ErrorSummary id="referral-errors" items={messages.summary} />
      <SelectField
        {...fields.consentId}
        {...consentField}
        error={messages.at('consentId')}
        required
        aria-required="true"
        placeholder={t('common.choose')}
        hint={t('referrals.form.recipientHint')}
        options={consents.map((c) => ({ value: c.consentId, label: consentLabel(c) }))}
      />
      {consent ? (
        <>
          <Controller
            control={form.control}
            name="sections"
            render={({ field }) => (
              <CheckboxGroup
                id="referral-sections"
                legend={fields.sections.label}
                hint={t('referrals.form.sectionsHint')}
                options={caseLabels.options('section', consent.sections)}
                values={field.value ?? []}
                onChange={field.onChange}
                error={messages.at('sections')}
              />
            )}
          />
          <SelectField
            {...fields.purpose}
            {...form.register('purpose')}
            error={messages.at('purpose')}
            required
            aria-required="true"
            placeholder={t('common.choose')}
            options={labels.options('purpose', consent.purposes)}
          />
        </>
      ) : null}
      <SelectField {...fields.urgency} {...form.register('urgency')} error={messages.at('urgency')} required aria-required="true" options={labels.options('urgency')} />
      <TextAreaField {...fields.note} {...form.register('note')} error={messages.at('note')} hint={t('referrals.form.noteHint')} maxLength={REFERRAL_NOTE_MAX} />
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {t('referrals.form.submit')}
      </button>
    </form>
  );
}
