import { useTranslation } from 'react-i18next';
import { goalFields } from '../../../shared/plan.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField } from '../../ui/fields';
import { blank, maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { useCaseLabels } from './cases.labels';
import type { GoalFields, PlanGoal } from './plan.types';

/** The API's rules; an empty description is none (null). */
const schema = goalFields.extend({ area: blank(goalFields.shape.area), description: blank(goalFields.shape.description) });

/**
 * A goal of the plan. A new one gets its area (and starts open); an
 * existing one keeps its area and changes its status or description.
 */
export function GoalForm({ goal, prefix, pending, error, onSubmit, onCancel }: { goal: PlanGoal | null; prefix: string; pending: boolean; error: unknown; onSubmit: (fields: GoalFields) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const form = useSchemaForm(schema, { defaultValues: { area: goal?.area ?? '', status: goal?.status ?? 'aperto', description: goal?.description ?? '' } });
  const fields = {
    area: { id: `${prefix}-area`, label: t('cases.plan.area') },
    status: { id: `${prefix}-status`, label: t('cases.plan.status') },
    description: { id: `${prefix}-description`, label: t('cases.plan.description') },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="case-part-form case-form" aria-label={goal ? t('cases.plan.editGoalLabel') : t('cases.plan.addGoalTitle')}>
      <ErrorSummary id={`${prefix}-errors`} items={messages.summary} />
      {goal ? (
        <>
          <p>
            <span className="fw-semibold">{fields.area.label}:</span> {labels.label('planArea', goal.area)}
          </p>
          <SelectField id={fields.status.id} label={fields.status.label} options={labels.options('goalStatus')} {...form.register('status')} error={messages.at('status')} />
        </>
      ) : (
        <SelectField id={fields.area.id} label={fields.area.label} placeholder={t('common.choose')} aria-required="true" options={labels.options('planArea')} {...form.register('area')} error={messages.at('area')} />
      )}
      <TextAreaField
        id={fields.description.id}
        label={fields.description.label}
        hint={t('cases.plan.goalDescriptionHint')}
        maxLength={maxLengthOf(goalFields.shape.description)}
        {...form.register('description')}
        error={messages.at('description')}
      />
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          {t('common.save')}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
