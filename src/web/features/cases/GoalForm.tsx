import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField } from '../../ui/fields';
import { optional } from './cases.format';
import { isCode, useCaseLabels } from './cases.labels';
import type { GoalFields, PlanGoal } from './plan.types';
import { summaryItems, useCaseErrors } from './useCaseErrors';

/**
 * A goal of the plan. A new one gets its area (and starts open); an
 * existing one keeps its area and changes its status or description.
 */
export function GoalForm({ goal, prefix, pending, error, onSubmit, onCancel }: { goal: PlanGoal | null; prefix: string; pending: boolean; error: unknown; onSubmit: (fields: GoalFields) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [f, setF] = useState({ area: goal?.area ?? '', status: goal?.status ?? 'aperto', description: goal?.description ?? '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...useCaseErrors(error), ...local };
  const fieldIds = { area: `${prefix}-area`, status: `${prefix}-status`, description: `${prefix}-description` };
  const text = (key: keyof typeof f) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setF((prev) => ({ ...prev, [key]: value }));
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const area = goal?.area ?? (isCode('planArea', f.area) ? f.area : null);
    setLocal(area ? {} : { area: t('cases.errors.required') });
    if (!area) return;
    onSubmit({ area, status: isCode('goalStatus', f.status) ? f.status : 'aperto', description: optional(f.description) ?? null });
  };

  return (
    <form noValidate onSubmit={submit} className="case-part-form case-form" aria-label={goal ? t('cases.plan.editGoalLabel') : t('cases.plan.addGoalTitle')}>
      <ErrorSummary id={`${prefix}-errors`} items={summaryItems(errors, fieldIds)} />
      {goal ? (
        <>
          <p>
            <span className="fw-semibold">{t('cases.plan.area')}:</span> {labels.label('planArea', goal.area)}
          </p>
          <SelectField id={fieldIds.status} label={t('cases.plan.status')} options={labels.options('goalStatus')} value={f.status} onChange={text('status')} error={errors.status} />
        </>
      ) : (
        <SelectField id={fieldIds.area} label={t('cases.plan.area')} placeholder={t('common.choose')} required aria-required="true" options={labels.options('planArea')} value={f.area} onChange={text('area')} error={errors.area} />
      )}
      <TextAreaField id={fieldIds.description} label={t('cases.plan.description')} hint={t('cases.plan.goalDescriptionHint')} value={f.description} maxLength={2000} onChange={text('description')} error={errors.description} />
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
