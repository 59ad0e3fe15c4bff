import { useTranslation } from 'react-i18next';
import { redditoOutcomes } from '../../../../shared/autonomy.reddito.api';
import { redditoOutcomeLabels } from '../../../../shared/reddito.labels';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextField } from '../../../ui/fields';
import { useFormMessages, useSchemaForm, type FormField } from '../../../ui/form';
import { useLabels } from '../../../ui/labels';
import { todayInRome } from '../../cases/cases.format';
import { type RedditoApplication, type RedditoInput, useSignatories } from './reddito.api';
import { formValuesOf, redditoForm, type RedditoFormValues } from './reddito.form';

const ID = 'reddito-form';

/**
 * The live application's checklist in one form, a fieldset per step: the
 * CAV's statement, the social service's, the filing through the comune of
 * residence, INPS's outcome and the months paid. Checked with the API's
 * schema (the steps' order); the error summary names and links every field.
 */
export function RedditoForm({
  application,
  months,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  application: RedditoApplication | null;
  /** The months a granted application may be paid: those it was granted, or those configured today. */
  months: number;
  pending: boolean;
  error: unknown;
  onSubmit: (input: RedditoInput) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const signatories = useSignatories();
  const form = useSchemaForm(redditoForm, { defaultValues: formValuesOf(application) });
  const outcome = form.watch('outcome');
  const own: Record<keyof RedditoFormValues, FormField> = {
    cavStatementOn: { id: `${ID}-cav-on`, label: t('reddito.fields.cavStatementOn') },
    cavOrganisationId: { id: `${ID}-cav-org`, label: t('reddito.fields.cavOrganisationId') },
    socialStatementOn: { id: `${ID}-social-on`, label: t('reddito.fields.socialStatementOn') },
    socialOrganisationId: { id: `${ID}-social-org`, label: t('reddito.fields.socialOrganisationId') },
    filedOn: { id: `${ID}-filed-on`, label: t('reddito.fields.filedOn') },
    outcome: { id: `${ID}-outcome`, label: t('reddito.fields.outcome') },
    outcomeOn: { id: `${ID}-outcome-on`, label: t('reddito.fields.outcomeOn') },
    monthsPaid: { id: `${ID}-months`, label: t('reddito.fields.monthsPaid') },
  };
  const messages = useFormMessages(form.formState.errors, error, own);
  const field = (name: keyof RedditoFormValues) => ({ id: own[name].id, label: own[name].label, error: messages.at(name), ...form.register(name) });
  // The organisation already named stays a choice even when the directory's first page does not list it.
  const withCurrent = (options: { value: string; label: string }[] | undefined, current: { id: string; name: string } | null | undefined) =>
    current && !(options ?? []).some((o) => o.value === current.id) ? [{ value: current.id, label: current.name }, ...(options ?? [])] : (options ?? []);
  const today = todayInRome();

  return (
    <form noValidate onSubmit={form.handleSubmit((v) => onSubmit(v))} className="case-part-form case-form" aria-labelledby={`${ID}-title`}>
      <h3 id={`${ID}-title`} className="h6">
        {t('reddito.formTitle')}
      </h3>
      <ErrorSummary id={`${ID}-errors`} items={messages.summary} />
      <fieldset className="mb-4">
        <legend className="h6">{t('reddito.steps.cav')}</legend>
        <div className="row g-3">
          <div className="col-12 col-md-4">
            <TextField {...field('cavStatementOn')} type="date" max={today} />
          </div>
          <div className="col-12 col-md-8">
            <SelectField {...field('cavOrganisationId')} placeholder={t('reddito.choose')} options={withCurrent(signatories.data?.cav, application?.cavOrganisation)} />
          </div>
        </div>
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h6">{t('reddito.steps.social')}</legend>
        <div className="row g-3">
          <div className="col-12 col-md-4">
            <TextField {...field('socialStatementOn')} type="date" max={today} />
          </div>
          <div className="col-12 col-md-8">
            <SelectField {...field('socialOrganisationId')} placeholder={t('reddito.choose')} options={withCurrent(signatories.data?.social, application?.socialOrganisation)} />
          </div>
        </div>
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h6">{t('reddito.steps.filed')}</legend>
        <TextField {...field('filedOn')} type="date" max={today} hint={t('reddito.filedHint')} />
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h6">{t('reddito.steps.outcome')}</legend>
        <div className="row g-3">
          <div className="col-12 col-md-6">
            <SelectField {...field('outcome')} placeholder={t('reddito.noOutcome')} options={redditoOutcomes.map((o) => ({ value: o, label: redditoOutcomeLabels[o][lang] }))} />
          </div>
          <div className="col-12 col-md-6">
            <TextField {...field('outcomeOn')} type="date" max={today} />
          </div>
        </div>
        {/* Months are paid only on a granted application: otherwise the field is off and sends nothing. */}
        <TextField
          {...field('monthsPaid')}
          {...form.register('monthsPaid', { disabled: outcome !== 'accolta' })}
          type="number"
          inputMode="numeric"
          min={0}
          max={months}
          hint={t('reddito.monthsHint', { months })}
        />
      </fieldset>
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          {t('reddito.save')}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
