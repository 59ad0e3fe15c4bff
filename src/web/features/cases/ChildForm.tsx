import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { childFields } from '../../../shared/cases.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { blank, blankNumber, maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { todayInRome } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { Child, ChildFields } from './cases.parts.types';
import { TriSelect } from './TriSelect';

const details = childFields.shape.details.unwrap().unwrap();
const age = childFields.shape.age.unwrap().unwrap();

/** The API's rules; empty fields are not known (null) or left out, and no details at all is null. */
const schema = childFields.extend({
  age: blankNumber(childFields.shape.age),
  custody: blank(childFields.shape.custody),
  details: details
    .extend({
      firstName: blank(details.shape.firstName),
      birthDate: blank(details.shape.birthDate),
      school: blank(details.shape.school),
      court: blank(details.shape.court),
      notes: blank(details.shape.notes),
    })
    .transform((d) => (Object.values(d).some((v) => v !== undefined) ? d : null)),
});

/** A child's record: the statistical facts, and the details that identify them (sealed). */
export function ChildForm({ child, prefix, pending, error, onSubmit, onCancel }: { child: Child | null; prefix: string; pending: boolean; error: unknown; onSubmit: (fields: ChildFields) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const form = useSchemaForm(schema, {
    defaultValues: {
      age: child?.age != null ? String(child.age) : '',
      livesWithMother: child?.livesWithMother ?? null,
      witnessedViolence: child?.witnessedViolence ?? null,
      sufferedViolence: child?.sufferedViolence ?? null,
      custody: child?.custody ?? '',
      needs: child?.needs ?? [],
      details: {
        firstName: child?.details?.firstName ?? '',
        birthDate: child?.details?.birthDate ?? '',
        school: child?.details?.school ?? '',
        court: child?.details?.court ?? '',
        notes: child?.details?.notes ?? '',
      },
    },
  });
  const fields = {
    age: { id: `${prefix}-age`, label: t('cases.children.age') },
    custody: { id: `${prefix}-custody`, label: t('cases.children.custody') },
    livesWithMother: { id: `${prefix}-lives`, label: t('cases.children.livesWithMother') },
    witnessedViolence: { id: `${prefix}-witnessed`, label: t('cases.children.witnessedViolence') },
    sufferedViolence: { id: `${prefix}-suffered`, label: t('cases.children.sufferedViolence') },
    needs: { id: `${prefix}-needs`, label: t('cases.children.needs') },
    'details.firstName': { id: `${prefix}-first-name`, label: t('cases.children.firstName') },
    'details.birthDate': { id: `${prefix}-birth-date`, label: t('cases.children.birthDate') },
    'details.school': { id: `${prefix}-school`, label: t('cases.children.school') },
    'details.court': { id: `${prefix}-court`, label: t('cases.children.court') },
    'details.notes': { id: `${prefix}-notes`, label: t('cases.children.notes') },
  };
  // A number field's text that is no whole number: said as the age it should be.
  const messages = useFormMessages(form.formState.errors, error, fields, { invalid_type: t('cases.errors.age') });
  const tri = (name: 'livesWithMother' | 'witnessedViolence' | 'sufferedViolence') => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => <TriSelect id={fields[name].id} label={fields[name].label} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={messages.at(name)} />}
    />
  );

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="case-part-form case-form" aria-label={child ? t('cases.children.editLabel') : t('cases.children.addLabel')}>
      <ErrorSummary id={`${prefix}-errors`} items={messages.summary} />
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField id={fields.age.id} type="number" inputMode="numeric" min={age.minValue ?? undefined} max={age.maxValue ?? undefined} label={fields.age.label} {...form.register('age')} error={messages.at('age')} />
        </div>
        <div className="col-12 col-md-4">
          <SelectField id={fields.custody.id} label={fields.custody.label} placeholder={t('cases.notKnown')} options={labels.options('custody')} {...form.register('custody')} error={messages.at('custody')} />
        </div>
      </div>
      <div className="row g-3">
        <div className="col-12 col-md-4">{tri('livesWithMother')}</div>
        <div className="col-12 col-md-4">{tri('witnessedViolence')}</div>
        <div className="col-12 col-md-4">{tri('sufferedViolence')}</div>
      </div>
      <Controller
        control={form.control}
        name="needs"
        render={({ field }) => <CheckboxGroup id={fields.needs.id} legend={fields.needs.label} options={labels.options('childNeed')} values={field.value ?? []} onChange={field.onChange} error={messages.at('needs')} />}
      />
      <fieldset className="mb-3">
        <legend className="h6 px-0">{t('cases.children.details')}</legend>
        <div className="row g-3">
          <div className="col-12 col-md-6">
            <TextField id={fields['details.firstName'].id} label={fields['details.firstName'].label} maxLength={maxLengthOf(details.shape.firstName)} autoComplete="off" {...form.register('details.firstName')} error={messages.at('details.firstName')} />
          </div>
          <div className="col-12 col-md-6">
            <TextField id={fields['details.birthDate'].id} type="date" max={todayInRome()} label={fields['details.birthDate'].label} {...form.register('details.birthDate')} error={messages.at('details.birthDate')} />
          </div>
        </div>
        <TextField id={fields['details.school'].id} label={fields['details.school'].label} maxLength={maxLengthOf(details.shape.school)} {...form.register('details.school')} error={messages.at('details.school')} />
        <TextAreaField id={fields['details.court'].id} label={fields['details.court'].label} maxLength={maxLengthOf(details.shape.court)} {...form.register('details.court')} error={messages.at('details.court')} />
        <TextAreaField id={fields['details.notes'].id} label={fields['details.notes'].label} maxLength={maxLengthOf(details.shape.notes)} {...form.register('details.notes')} error={messages.at('details.notes')} />
      </fieldset>
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
