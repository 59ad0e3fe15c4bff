import { useTranslation } from 'react-i18next';
import { bagItems, SAFETY_PLAN_LIMITS, schoolInformedAnswers, technologyChecks } from '../../../shared/safety-plan.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { useFormMessages, useSchemaForm, type FormField } from '../../ui/form';
import { todayInRome } from './cases.format';
import type { TeamMember } from './cases.types';
import { LIST_FIELDS, rowFieldId, SafetyPlanLists } from './SafetyPlanLists';
import { SafetyPlanCodeWord } from './SafetyPlanCodeWord';
import type { SafetyPlan, SafetyPlanInput } from './safetyPlan.api';
import { formValuesOf, safetyPlanForm, type SafetyPlanFormValues } from './safetyPlan.form';
import { useSafetyPlanLabels } from './safetyPlan.labels';
import type { SafetyPlanCodeOf } from '../../../shared/safety-plan.labels';

const ID = 'sp-form';

/**
 * The whole safety plan in one form, in fieldsets: the lists (safe places,
 * people to call, other numbers), the checklists (bag, technology), the
 * children's school, the code word (masked), the escape route, and the
 * agreement. Checked with the API's schema; the error summary names and
 * links every field.
 */
export function SafetyPlanForm({ plan, team, pending, error, onSubmit, onCancel }: { plan: SafetyPlan['plan']; team: TeamMember[]; pending: boolean; error: unknown; onSubmit: (input: SafetyPlanInput) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const labels = useSafetyPlanLabels();
  const form = useSchemaForm(safetyPlanForm, { defaultValues: formValuesOf(plan) });
  const values = form.watch(['safePlaces', 'contacts', 'extraNumbers', 'schoolInformed']);
  const rows = { safePlaces: values[0] ?? [], contacts: values[1] ?? [], extraNumbers: values[2] ?? [] };
  const informed = values[3];
  const own: Record<string, FormField> = {
    schoolInformed: { id: `${ID}-school`, label: t('safetyPlan.school.informed') },
    schoolInformedOn: { id: `${ID}-school-on`, label: t('safetyPlan.school.on') },
    codeWord: { id: `${ID}-code-word`, label: t('safetyPlan.codeWord.title') },
    escapeNotes: { id: `${ID}-escape`, label: t('safetyPlan.escapeNotes.title') },
    agreedOn: { id: `${ID}-agreed-on`, label: t('safetyPlan.agreement.agreedOn') },
    agreedWithUserId: { id: `${ID}-agreed-with`, label: t('safetyPlan.agreement.agreedWith') },
    nextReviewOn: { id: `${ID}-next-review`, label: t('safetyPlan.agreement.nextReviewOn') },
    safePlaces: { id: 'sp-safePlaces-add', label: t('safetyPlan.safePlaces.title') },
    contacts: { id: 'sp-contacts-add', label: t('safetyPlan.contacts.title') },
    extraNumbers: { id: 'sp-extraNumbers-add', label: t('safetyPlan.extraNumbers.title') },
  };
  // Each row's fields: labels that say which row, so the summary names it.
  const listFields: Record<string, FormField> = {};
  for (const list of ['safePlaces', 'contacts', 'extraNumbers'] as const) {
    (rows[list] as unknown[]).forEach((_, i) => {
      for (const field of LIST_FIELDS[list]) {
        listFields[`${list}.${i}.${field}`] = { id: rowFieldId(list, i, field), label: t(`safetyPlan.${list}.${field}` as 'safetyPlan.contacts.name', { n: i + 1 }) };
      }
    });
  }
  const fields = { ...own, ...listFields };
  const messages = useFormMessages(form.formState.errors, error, fields);
  // The two checklists (bag, technology): each code a checkbox, ticked when ready or done.
  const checklist = <K extends 'bag' | 'technology'>(kind: K, codes: readonly SafetyPlanCodeOf<K>[]) => (
    <fieldset className="mb-4" aria-describedby={`${ID}-${kind}-hint`}>
      <legend className="h6">{t(`safetyPlan.${kind}.title`)}</legend>
      <p id={`${ID}-${kind}-hint`} className="form-text">
        {t(`safetyPlan.${kind}.hint`)}
      </p>
      {codes.map((code) => (
        <div className="form-check" key={code}>
          <input id={`${ID}-${kind}-${code}`} type="checkbox" {...form.register(`${kind}.${code}` as 'bag.documenti')} />
          <label htmlFor={`${ID}-${kind}-${code}`}>{labels.label(kind, code)}</label>
        </div>
      ))}
    </fieldset>
  );
  const field = (name: keyof typeof own & keyof SafetyPlanFormValues) => ({ id: own[name]!.id, label: own[name]!.label, error: messages.at(name), ...form.register(name) });

  return (
    <form noValidate onSubmit={form.handleSubmit((v) => onSubmit(v))} className="case-part-form case-form safety-plan-form" aria-labelledby={`${ID}-title`}>
      <h3 id={`${ID}-title`} className="h6">
        {t('safetyPlan.formTitle')}
      </h3>
      <ErrorSummary id={`${ID}-errors`} items={messages.summary} />
      <SafetyPlanLists control={form.control} register={form.register} fields={fields} errorAt={messages.at} />

      {checklist('bag', bagItems)}

      <fieldset className="mb-4">
        <legend className="h6">{t('safetyPlan.school.title')}</legend>
        <fieldset id={own.schoolInformed!.id} className="mb-3" aria-describedby={messages.at('schoolInformed') ? `${own.schoolInformed!.id}-error` : undefined}>
          <legend className="fs-6 px-0">{own.schoolInformed!.label}</legend>
          {(['', ...schoolInformedAnswers] as const).map((answer) => (
            <div className="form-check form-check-inline" key={answer || 'none'}>
              <input id={`${ID}-school-${answer || 'none'}`} type="radio" value={answer} {...form.register('schoolInformed')} />
              <label htmlFor={`${ID}-school-${answer || 'none'}`}>{answer ? labels.label('school', answer) : t('safetyPlan.notSaid')}</label>
            </div>
          ))}
        </fieldset>
        {/* A date only for a school that was told: otherwise the field is off and sends nothing. */}
        <TextField {...field('schoolInformedOn')} {...form.register('schoolInformedOn', { disabled: informed !== 'si' })} type="date" hint={t('safetyPlan.school.onHint')} />
      </fieldset>

      <fieldset className="mb-4">
        <legend className="h6">{t('safetyPlan.codeWord.title')}</legend>
        <SafetyPlanCodeWord id={own.codeWord!.id} label={own.codeWord!.label} hint={t('safetyPlan.codeWord.hint')} error={messages.at('codeWord')} maxLength={SAFETY_PLAN_LIMITS.codeWord} field={form.register('codeWord')} />
        <TextAreaField {...field('escapeNotes')} hint={t('safetyPlan.escapeNotes.hint')} rows={4} maxLength={SAFETY_PLAN_LIMITS.notes} />
      </fieldset>

      {checklist('technology', technologyChecks)}

      <fieldset className="mb-4">
        <legend className="h6">{t('safetyPlan.agreement.title')}</legend>
        <div className="row g-3">
          <div className="col-12 col-md-4">
            <TextField {...field('agreedOn')} type="date" max={todayInRome()} hint={t('safetyPlan.agreement.agreedOnHint')} />
          </div>
          <div className="col-12 col-md-4">
            <SelectField {...field('agreedWithUserId')} placeholder={t('safetyPlan.notSaid')} options={team.map((m) => ({ value: m.userId, label: `${m.displayName} (${m.organisation.name})` }))} />
          </div>
          <div className="col-12 col-md-4">
            <TextField {...field('nextReviewOn')} type="date" />
          </div>
        </div>
      </fieldset>

      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          {t('safetyPlan.save')}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
