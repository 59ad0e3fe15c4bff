import type { UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/fields';
import type { FormField } from '../../ui/form';
import { useCaseLabels } from './cases.labels';
import type { MeetingFormValues } from './plan.form';

/** The fields of a decision the meeting form shows. */
export type DecisionField = 'goalId' | 'type' | 'ownerOrganisationId' | 'dueOn';

/** One decision: which goal, what, who takes it on, by when; and the button that takes it away. */
export function MeetingDecision({
  index,
  fields,
  goals,
  owners,
  register,
  errorAt,
  onRemove,
}: {
  index: number;
  /** Ids and labels of its fields (the ids stay with the decision when one above is taken away). */
  fields: Record<DecisionField, FormField>;
  goals: readonly { value: string; label: string }[];
  owners: readonly { value: string; label: string }[];
  register: UseFormRegister<MeetingFormValues>;
  errorAt: (field: DecisionField) => string | undefined;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const n = index + 1;
  const field = (name: DecisionField) => ({ id: fields[name].id, ...register(`decisions.${index}.${name}`), error: errorAt(name) });
  return (
    <fieldset className="case-part">
      <legend className="fs-6 fw-semibold px-0">{t('cases.plan.decisionTitle', { n })}</legend>
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField label={t('cases.plan.goal')} placeholder={t('common.choose')} aria-required="true" options={goals} {...field('goalId')} />
        </div>
        <div className="col-12 col-md-6">
          <SelectField label={t('cases.plan.actionType')} placeholder={t('common.choose')} aria-required="true" options={labels.options('actionType')} {...field('type')} />
        </div>
      </div>
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField label={t('cases.plan.owner')} aria-required="true" options={owners} {...field('ownerOrganisationId')} />
        </div>
        <div className="col-12 col-md-6">
          <TextField type="date" label={t('cases.plan.dueOn')} hint={t('cases.plan.optional')} {...field('dueOn')} />
        </div>
      </div>
      <button type="button" className="btn btn-sm btn-outline-danger" onClick={onRemove}>
        {t('cases.plan.removeDecision', { n })}
      </button>
    </fieldset>
  );
}
