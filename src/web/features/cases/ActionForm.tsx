import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { optional } from './cases.format';
import { isCode, useCaseLabels } from './cases.labels';
import { useOwnerOptions } from './plan.owners';
import type { ActionFields, PlanAction } from './plan.types';
import { summaryItems, useCaseErrors } from './useCaseErrors';

/**
 * An action of a goal: its type from the closed list (mediation with the
 * author has no type and cannot be chosen), who takes it on, by when, and
 * where it stands.
 */
export function ActionForm({
  action,
  goalId,
  prefix,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  action: PlanAction | null;
  goalId: string;
  prefix: string;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: ActionFields) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const owners = useOwnerOptions(true, action?.owner);
  const [f, setF] = useState({
    type: action?.type ?? '',
    owner: action?.owner.id ?? '',
    dueOn: action?.dueOn ?? '',
    status: action?.status ?? 'prevista',
    description: action?.description ?? '',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...useCaseErrors(error), ...local };
  const ids = { type: `${prefix}-type`, ownerOrganisationId: `${prefix}-owner`, dueOn: `${prefix}-due-on`, status: `${prefix}-status`, description: `${prefix}-description` };
  // Her own organisation until she picks another (it is known only once the session is).
  const owner = f.owner || owners.ownId;
  const text = (key: keyof typeof f) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setF((prev) => ({ ...prev, [key]: value }));
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!isCode('actionType', f.type)) found.type = t('cases.errors.required');
    if (!owner) found.ownerOrganisationId = t('cases.errors.required');
    setLocal(found);
    if (Object.keys(found).length || !isCode('actionType', f.type)) return;
    onSubmit({
      goalId,
      type: f.type,
      ownerOrganisationId: owner,
      dueOn: f.dueOn || null,
      status: isCode('actionStatus', f.status) ? f.status : 'prevista',
      description: optional(f.description) ?? null,
    });
  };

  return (
    <form noValidate onSubmit={submit} className="case-part-form case-form" aria-label={action ? t('cases.plan.editActionLabel') : t('cases.plan.addActionLabel')}>
      <ErrorSummary id={`${prefix}-errors`} items={summaryItems(errors, ids)} />
      <ProblemAlert error={owners.error} />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField id={ids.type} label={t('cases.plan.actionType')} hint={t('cases.plan.actionTypeHint')} placeholder={t('common.choose')} required aria-required="true" options={labels.options('actionType')} value={f.type} onChange={text('type')} error={errors.type} />
        </div>
        <div className="col-12 col-md-6">
          <SelectField id={ids.ownerOrganisationId} label={t('cases.plan.owner')} required aria-required="true" options={owners.options} value={owner} onChange={text('owner')} error={errors.ownerOrganisationId} />
        </div>
      </div>
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <TextField id={ids.dueOn} type="date" label={t('cases.plan.dueOn')} hint={t('cases.plan.optional')} value={f.dueOn} onChange={text('dueOn')} error={errors.dueOn} />
        </div>
        <div className="col-12 col-md-6">
          <SelectField id={ids.status} label={t('cases.plan.status')} options={labels.options('actionStatus')} value={f.status} onChange={text('status')} error={errors.status} />
        </div>
      </div>
      <TextAreaField id={ids.description} label={t('cases.plan.description')} value={f.description} maxLength={2000} onChange={text('description')} error={errors.description} />
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
