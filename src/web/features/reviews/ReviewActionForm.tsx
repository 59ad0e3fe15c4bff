import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { actionCreate } from '../../../shared/reviews.api';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { type Review, createAction, reviewsKey } from './reviews.api';
import { actionForm, emptyAction, formProblem, named } from './reviews.form';
import { ReviewFormFrame } from './ReviewFormFrame';

/**
 * An action decided at the review (its managers): owner among the
 * participants, optionally a due day and the agenda item it is about.
 * Once recorded, the text empties for the next one; the rest stays.
 */
export function ReviewActionForm({ review }: { review: Review }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useSchemaForm(actionForm, { defaultValues: emptyAction() });
  const save = useMutation({
    mutationFn: (body: Parameters<typeof createAction>[1]) => createAction(review.id, body),
    onSuccess: async () => {
      form.reset({ ...form.getValues(), text: '' });
      await client.invalidateQueries({ queryKey: [...reviewsKey, 'one', review.id] });
    },
  });
  const fields = {
    text: { id: 'review-action-text', label: t('reviews.actions.text') },
    ownerOrganisationId: { id: 'review-action-owner', label: t('reviews.actions.owner') },
    dueOn: { id: 'review-action-due', label: t('reviews.actions.dueOn') },
    itemId: { id: 'review-action-item', label: t('reviews.actions.item') },
  };
  const messages = useFormMessages(form.formState.errors, save.error, fields);
  return (
    <ReviewFormFrame
      id="review-action"
      level={3}
      title={t('reviews.actions.addTitle')}
      onSubmit={form.handleSubmit(
        (body) => save.mutate(body),
        () => save.reset(),
      )}
      summary={messages.summary}
      problem={formProblem(save.error)}
    >
      <TextAreaField
        {...fields.text}
        aria-required="true"
        hint={t('reviews.actions.textHint')}
        maxLength={maxLengthOf(actionCreate.shape.text)}
        {...form.register('text')}
        error={messages.at('text')}
      />
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <SelectField
            {...fields.ownerOrganisationId}
            aria-required="true"
            placeholder={t('reviews.bring.choose')}
            options={named(review.participants)}
            {...form.register('ownerOrganisationId')}
            error={messages.at('ownerOrganisationId')}
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField {...fields.dueOn} type="date" {...form.register('dueOn')} error={messages.at('dueOn')} />
        </div>
        <div className="col-12 col-md-4">
          <SelectField
            {...fields.itemId}
            placeholder={t('reviews.actions.noItem')}
            options={review.agenda.map((i) => ({ value: i.id, label: i.caseCode ?? t('reviews.caseWithheld') }))}
            {...form.register('itemId')}
            error={messages.at('itemId')}
          />
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={save.isPending} aria-busy={save.isPending}>
        {t('reviews.actions.add')}
      </button>
    </ReviewFormFrame>
  );
}
