import { useMutation } from '@tanstack/react-query';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { reviewCreate, reviewModes } from '../../../shared/reviews.api';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { type ReviewNetwork, createReview } from './reviews.api';
import { createReviewForm, emptyCreateReview, formProblem, named } from './reviews.form';
import { ReviewFormFrame } from './ReviewFormFrame';

/**
 * Calls a review (the network coordinator): the network, the day, how and
 * where, and the participants among the network's members. Checked with
 * the API's schema before it is sent; the server's field errors show on
 * the same fields.
 */
export function CreateReviewForm({ networks }: { networks: ReviewNetwork[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useSchemaForm(createReviewForm, { defaultValues: emptyCreateReview(networks[0]?.id) });
  const networkId = useWatch({ control: form.control, name: 'networkId' });
  const network = networks.find((n) => n.id === networkId);
  const save = useMutation({ mutationFn: createReview, onSuccess: (review) => navigate(`/revisioni/${review.id}`) });
  const fields = {
    networkId: { id: 'review-network', label: t('reviews.network') },
    heldOn: { id: 'review-held-on', label: t('reviews.heldOn') },
    mode: { id: 'review-mode', label: t('reviews.mode') },
    place: { id: 'review-place', label: t('reviews.place') },
    participantOrganisationIds: { id: 'review-participants', label: t('reviews.participants') },
  };
  const messages = useFormMessages(form.formState.errors, save.error, fields);
  // Another network's members cannot take part: its choice starts again.
  const networkField = form.register('networkId', { onChange: () => form.setValue('participantOrganisationIds', []) });
  return (
    <ReviewFormFrame
      id="review-create"
      level={2}
      title={t('reviews.createTitle')}
      onSubmit={form.handleSubmit(
        (body) => save.mutate(body),
        () => save.reset(),
      )}
      summary={messages.summary}
      problem={formProblem(save.error)}
    >
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField {...fields.networkId} {...networkField} aria-required="true" options={named(networks)} error={messages.at('networkId')} />
        </div>
        <div className="col-12 col-md-6">
          <TextField {...fields.heldOn} type="date" aria-required="true" {...form.register('heldOn')} error={messages.at('heldOn')} />
        </div>
        <div className="col-12 col-md-6">
          <SelectField
            {...fields.mode}
            aria-required="true"
            options={reviewModes.map((m) => ({ value: m, label: t(`reviews.modes.${m}`) }))}
            {...form.register('mode')}
            error={messages.at('mode')}
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField {...fields.place} hint={t('reviews.placeHint')} maxLength={maxLengthOf(reviewCreate.shape.place)} {...form.register('place')} error={messages.at('place')} />
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
            options={named(network?.members ?? [])}
            values={field.value ?? []}
            onChange={field.onChange}
            error={messages.at('participantOrganisationIds')}
          />
        )}
      />
      <button type="submit" className="btn btn-primary" disabled={save.isPending} aria-busy={save.isPending}>
        {t('reviews.create')}
      </button>
    </ReviewFormFrame>
  );
}
