import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { actionFields } from '../../../shared/plan.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useCaseLabels } from './cases.labels';
import { actionForm } from './plan.form';
import { useOwnerOptions } from './plan.owners';
import type { ActionFields, PlanAction } from './plan.types';

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
  const form = useSchemaForm(actionForm, {
    defaultValues: {
      goalId,
      type: action?.type ?? '',
      ownerOrganisationId: action?.owner.id ?? owners.ownId,
      dueOn: action?.dueOn ?? '',
      status: action?.status ?? 'prevista',
      description: action?.description ?? '',
    },
  });
  // Her own organisation until she picks another (it is known only once the session is).
  const { getValues, setValue } = form;
  useEffect(() => {
    if (owners.ownId && !getValues('ownerOrganisationId')) setValue('ownerOrganisationId', owners.ownId);
  }, [owners.ownId, getValues, setValue]);
  const fields = {
    type: { id: `${prefix}-type`, label: t('cases.plan.actionType') },
    ownerOrganisationId: { id: `${prefix}-owner`, label: t('cases.plan.owner') },
    dueOn: { id: `${prefix}-due-on`, label: t('cases.plan.dueOn') },
    status: { id: `${prefix}-status`, label: t('cases.plan.status') },
    description: { id: `${prefix}-description`, label: t('cases.plan.description') },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="case-part-form case-form" aria-label={action ? t('cases.plan.editActionLabel') : t('cases.plan.addActionLabel')}>
      <ErrorSummary id={`${prefix}-errors`} items={messages.summary} />
      <ProblemAlert error={owners.error} />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField
            id={fields.type.id}
            label={fields.type.label}
            hint={t('cases.plan.actionTypeHint')}
            placeholder={t('common.choose')}
            aria-required="true"
            options={labels.options('actionType')}
            {...form.register('type')}
            error={messages.at('type')}
          />
        </div>
        <div className="col-12 col-md-6">
          <SelectField id={fields.ownerOrganisationId.id} label={fields.ownerOrganisationId.label} aria-required="true" options={owners.options} {...form.register('ownerOrganisationId')} error={messages.at('ownerOrganisationId')} />
        </div>
      </div>
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <TextField id={fields.dueOn.id} type="date" label={fields.dueOn.label} hint={t('cases.plan.optional')} {...form.register('dueOn')} error={messages.at('dueOn')} />
        </div>
        <div className="col-12 col-md-6">
          <SelectField id={fields.status.id} label={fields.status.label} options={labels.options('actionStatus')} {...form.register('status')} error={messages.at('status')} />
        </div>
      </div>
      <TextAreaField id={fields.description.id} label={fields.description.label} maxLength={maxLengthOf(actionFields.shape.description)} {...form.register('description')} error={messages.at('description')} />
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
