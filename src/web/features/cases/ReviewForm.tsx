import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { reviewFields } from '../../../shared/plan.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextAreaField, TextField } from '../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { todayInRome } from './cases.format';
import { reviewForm } from './plan.form';
import type { ReviewInput } from './plan.types';

const AGREEMENT_ID = 'plan-review-agreement';

/**
 * A review of the plan with her: whether she agrees with it (yes, no, or
 * not asked: chosen each time, never assumed), notes, and when to look at
 * it again.
 */
export function ReviewForm({ pending, error, onSubmit, onCancel }: { pending: boolean; error: unknown; onSubmit: (input: ReviewInput) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(reviewForm, { defaultValues: { on: todayInRome(), notes: '', nextReviewOn: '' } });
  const fields = {
    on: { id: 'plan-review-on', label: t('cases.plan.reviewOn') },
    // The summary's link goes to the first answer (a fieldset cannot take the focus).
    herAgreement: { id: AGREEMENT_ID, label: t('cases.plan.herAgreement') },
    notes: { id: 'plan-review-notes', label: t('cases.plan.notes') },
    nextReviewOn: { id: 'plan-review-next', label: t('cases.plan.nextReviewOn') },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const answers = [
    { id: AGREEMENT_ID, value: true, label: t('cases.plan.agreementYes') },
    { id: `${AGREEMENT_ID}-no`, value: false, label: t('cases.plan.agreementNo') },
    { id: `${AGREEMENT_ID}-not-asked`, value: null, label: t('cases.plan.agreementNotAsked') },
  ];
  const agreementError = messages.at('herAgreement');

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="case-part-form case-form" aria-labelledby="plan-review-form-title">
      <h4 id="plan-review-form-title" className="h6">
        {t('cases.plan.addReviewTitle')}
      </h4>
      <ErrorSummary id="plan-review-errors" items={messages.summary} />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <TextField id={fields.on.id} type="date" max={todayInRome()} label={fields.on.label} {...form.register('on')} error={messages.at('on')} />
        </div>
        <div className="col-12 col-md-6">
          <TextField id={fields.nextReviewOn.id} type="date" label={fields.nextReviewOn.label} hint={t('cases.plan.nextReviewHint')} {...form.register('nextReviewOn')} error={messages.at('nextReviewOn')} />
        </div>
      </div>
      <Controller
        control={form.control}
        name="herAgreement"
        render={({ field }) => (
          <fieldset className="mb-4" aria-describedby={[`${AGREEMENT_ID}-hint`, agreementError ? `${AGREEMENT_ID}-error` : ''].join(' ').trim()}>
            <legend className="fs-6 fw-semibold px-0">{fields.herAgreement.label}</legend>
            <small id={`${AGREEMENT_ID}-hint`} className="form-text d-block mb-2">
              {t('cases.plan.herAgreementHint')}
            </small>
            {answers.map((a) => (
              <div className="form-check" key={a.id}>
                <input
                  id={a.id}
                  type="radio"
                  name={field.name}
                  checked={field.value === a.value}
                  onChange={() => field.onChange(a.value)}
                  onBlur={field.onBlur}
                  aria-invalid={agreementError ? true : undefined}
                />
                <label htmlFor={a.id}>{a.label}</label>
              </div>
            ))}
            {agreementError ? (
              <div id={`${AGREEMENT_ID}-error`} className="invalid-feedback d-block">
                {agreementError}
              </div>
            ) : null}
          </fieldset>
        )}
      />
      <TextAreaField id={fields.notes.id} label={fields.notes.label} maxLength={maxLengthOf(reviewFields.shape.notes)} {...form.register('notes')} error={messages.at('notes')} />
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          {t('cases.plan.saveReview')}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
