import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/fields';
import { useCaseLabels } from './cases.labels';

/** A decision of an équipe meeting as typed: it becomes an action of the plan. */
export interface DecisionDraft {
  key: number;
  goalId: string;
  type: string;
  owner: string;
  dueOn: string;
}

export const decisionIds = (prefix: string, key: number) => ({
  goalId: `${prefix}-${key}-goal`,
  type: `${prefix}-${key}-type`,
  ownerOrganisationId: `${prefix}-${key}-owner`,
  dueOn: `${prefix}-${key}-due-on`,
});

/** One decision: which goal, what, who takes it on, by when; and the button that takes it away. */
export function MeetingDecision({
  draft,
  n,
  prefix,
  goals,
  owners,
  errors,
  onChange,
  onRemove,
}: {
  draft: DecisionDraft;
  n: number;
  prefix: string;
  goals: readonly { value: string; label: string }[];
  owners: readonly { value: string; label: string }[];
  /** Errors of this decision keyed by field (goalId, type, ownerOrganisationId, dueOn). */
  errors: Record<string, string | undefined>;
  onChange: (draft: DecisionDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const ids = decisionIds(prefix, draft.key);
  const set = (key: 'goalId' | 'type' | 'owner' | 'dueOn') => (e: { currentTarget: { value: string } }) => onChange({ ...draft, [key]: e.currentTarget.value });
  return (
    <fieldset className="case-part">
      <legend className="fs-6 fw-semibold px-0">{t('cases.plan.decisionTitle', { n })}</legend>
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField id={ids.goalId} label={t('cases.plan.goal')} placeholder={t('common.choose')} required aria-required="true" options={goals} value={draft.goalId} onChange={set('goalId')} error={errors.goalId} />
        </div>
        <div className="col-12 col-md-6">
          <SelectField id={ids.type} label={t('cases.plan.actionType')} placeholder={t('common.choose')} required aria-required="true" options={labels.options('actionType')} value={draft.type} onChange={set('type')} error={errors.type} />
        </div>
      </div>
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField id={ids.ownerOrganisationId} label={t('cases.plan.owner')} required aria-required="true" options={owners} value={draft.owner} onChange={set('owner')} error={errors.ownerOrganisationId} />
        </div>
        <div className="col-12 col-md-6">
          <TextField id={ids.dueOn} type="date" label={t('cases.plan.dueOn')} hint={t('cases.plan.optional')} value={draft.dueOn} onChange={set('dueOn')} error={errors.dueOn} />
        </div>
      </div>
      <button type="button" className="btn btn-sm btn-outline-danger" onClick={onRemove}>
        {t('cases.plan.removeDecision', { n })}
      </button>
    </fieldset>
  );
}
