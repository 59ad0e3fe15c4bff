import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { reviewModes, reviewPatch, reviewStatuses } from '../../../shared/reviews.api';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { type Review, patchReview, reviewsKey } from './reviews.api';
import { formProblem, manageReviewForm, manageReviewValues, named } from './reviews.form';
import { ReviewFormFrame } from './ReviewFormFrame';

/**
 * Date, mode, place, status, participants and minutes (its managers;
 * If-Match with the version on screen: the page keys the form by it, so a
 * saved review starts a fresh form). An emptied place or minutes clears them.
 */
export function ManageReviewForm({ review }: { review: Review }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useSchemaForm(manageReviewForm, { defaultValues: manageReviewValues(review) });
  const save = useMutation({
    mutationFn: (body: Parameters<typeof patchReview>[1]) => patchReview(review, body),
    onSuccess: (saved) => client.setQueryData([...reviewsKey, 'one', review.id], saved),
  });
  const fields = {
    heldOn: { id: 'review-edit-held-on', label: t('reviews.heldOn') },
    mode: { id: 'review-edit-mode', label: t('reviews.mode') },
    place: { id: 'review-edit-place', label: t('reviews.place') },
    status: { id: 'review-edit-status', label: t('reviews.status') },
    participantOrganisationIds: { id: 'review-edit-participants', label: t('reviews.participants') },
    minutes: { id: 'review-edit-minutes', label: t('reviews.minutes') },
  };
  const messages = useFormMessages(form.formState.errors, save.error, fields);
  return (
    <ReviewFormFrame
      id="review-edit"
      level={2}
      title={t('reviews.manageTitle')}
      onSubmit={form.handleSubmit(
        (body) => save.mutate(body),
        () => save.reset(),
      )}
      summary={messages.summary}
      problem={formProblem(save.error)}
    >
      <div className="row g-3">
        <div className="col-12 col-md-6 col-lg-3">
          <TextField {...fields.heldOn} type="date" aria-required="true" {...form.register('heldOn')} error={messages.at('heldOn')} />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            {...fields.mode}
            aria-required="true"
            options={reviewModes.map((m) => ({ value: m, label: t(`reviews.modes.${m}`) }))}
            {...form.register('mode')}
            error={messages.at('mode')}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <TextField {...fields.place} hint={t('reviews.placeHint')} maxLength={maxLengthOf(reviewPatch.shape.place)} {...form.register('place')} error={messages.at('place')} />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            {...fields.status}
            aria-required="true"
            options={reviewStatuses.map((s) => ({ value: s, label: t(`reviews.statuses.${s}`) }))}
            {...form.register('status')}
            error={messages.at('status')}
          />
        </div>
      </div>
      <Controller
        control={form.control}
        name="participantOrganisationIds"
        render={({ field }) => (
          <CheckboxGroup
            id={fields.participantOrganisationIds.id}
            legend={fields.participantOrganisationIds.label}
            hint={t('reviews.participantsHint')}
            options={named(review.eligible)}
            values={field.value ?? []}
            onChange={field.onChange}
            error={messages.at('participantOrganisationIds')}
          />
        )}
      />
      <TextAreaField
        {...fields.minutes}
        hint={t('reviews.minutesHint')}
        rows={6}
        maxLength={maxLengthOf(reviewPatch.shape.minutes)}
        {...form.register('minutes')}
        error={messages.at('minutes')}
      />
      <button type="submit" className="btn btn-primary" disabled={save.isPending} aria-busy={save.isPending}>
        {t('reviews.save')}
      </button>
    </ReviewFormFrame>
  );
}
