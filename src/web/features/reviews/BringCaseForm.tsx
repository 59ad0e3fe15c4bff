import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { itemFields, reviewLegalBases, reviewSharingBases } from '../../../shared/reviews.api';
import { SelectField, TextAreaField } from '../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { useCaseload } from '../cases/cases.api';
import { type Review, bringCase, reviewsKey } from './reviews.api';
import { bringCaseForm, emptyBringCase, formProblem } from './reviews.form';
import { ReviewFormFrame } from './ReviewFormFrame';

/**
 * Brings one of her organisation's cases to the agenda: the case (from her
 * caseload, or the one she came from), the basis for sharing, and the
 * brief — all the participants will read of it. Without her consent, the
 * legal basis and the reason are asked for (and only then sent).
 */
export function BringCaseForm({ review, initialCaseId }: { review: Review; initialCaseId: string | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const caseload = useCaseload({ page: 1, pageSize: 50, mine: true });
  const form = useSchemaForm(bringCaseForm, { defaultValues: emptyBringCase(initialCaseId) });
  const basis = useWatch({ control: form.control, name: 'basis' });
  const save = useMutation({
    mutationFn: (body: Parameters<typeof bringCase>[1]) => bringCase(review.id, body),
    onSuccess: async () => {
      form.reset(emptyBringCase(null));
      await client.invalidateQueries({ queryKey: [...reviewsKey, 'one', review.id] });
    },
  });
  const fields = {
    caseId: { id: 'review-bring-case', label: t('reviews.bring.case') },
    basis: { id: 'review-bring-basis', label: t('reviews.bring.basis') },
    legalBasis: { id: 'review-bring-legal-basis', label: t('reviews.bring.legalBasis') },
    reason: { id: 'review-bring-reason', label: t('reviews.bring.reason') },
    brief: { id: 'review-bring-brief', label: t('reviews.bring.brief') },
  };
  const messages = useFormMessages(form.formState.errors, save.error, fields);
  const options = (caseload.data?.items ?? []).map((c) => ({ value: c.id, label: c.code }));
  if (initialCaseId && !options.some((o) => o.value === initialCaseId)) options.unshift({ value: initialCaseId, label: t('reviews.bring.thisCase') });
  const withoutConsent = basis === 'tutela_vita';
  return (
    <ReviewFormFrame
      id="review-bring"
      level={3}
      title={t('reviews.bring.title')} intro={t('reviews.bring.intro')}
      onSubmit={form.handleSubmit(
        (body) => save.mutate(body),
        () => save.reset(),
      )}
      summary={messages.summary}
      problem={formProblem(save.error) ?? caseload.error}
    >
      <SelectField {...fields.caseId} aria-required="true" placeholder={t('reviews.bring.choose')} options={options} {...form.register('caseId')} error={messages.at('caseId')} />
      <SelectField
        {...fields.basis}
        aria-required="true"
        hint={t(withoutConsent ? 'reviews.bases.tutela_vitaHint' : 'reviews.bases.consensoHint')}
        options={reviewSharingBases.map((b) => ({ value: b, label: t(`reviews.bases.${b}`) }))}
        {...form.register('basis')}
        error={messages.at('basis')}
      />
      {withoutConsent ? (
        <>
          {/* Fields only while this basis is chosen: on her consent they are neither checked nor sent. */}
          <SelectField
            {...fields.legalBasis}
            aria-required="true"
            placeholder={t('reviews.bring.choose')}
            options={reviewLegalBases.map((b) => ({ value: b, label: t(`reviews.legalBases.${b}`) }))}
            {...form.register('legalBasis', { shouldUnregister: true })}
            error={messages.at('legalBasis')}
          />
          <TextAreaField
            {...fields.reason}
            aria-required="true"
            hint={t('reviews.bring.reasonHint')}
            maxLength={maxLengthOf(itemFields.shape.reason)}
            {...form.register('reason', { shouldUnregister: true })}
            error={messages.at('reason')}
          />
        </>
      ) : null}
      <TextAreaField
        {...fields.brief}
        aria-required="true"
        hint={t('reviews.bring.briefHint')}
        maxLength={maxLengthOf(itemFields.shape.brief)}
        {...form.register('brief')}
        error={messages.at('brief')}
      />
      <button type="submit" className="btn btn-primary" disabled={save.isPending} aria-busy={save.isPending}>
        {t('reviews.bring.submit')}
      </button>
    </ReviewFormFrame>
  );
}
