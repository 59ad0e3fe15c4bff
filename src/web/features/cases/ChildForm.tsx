import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { optional, todayInRome, triState, triStateValue, wholeNumber } from './cases.format';
import { isCode, useCaseLabels } from './cases.labels';
import type { Child, ChildFields } from './cases.parts.types';
import { summaryItems, useCaseErrors } from './useCaseErrors';

/** A yes / no / not known question. */
export function TriSelect({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={label}
      placeholder={t('cases.notKnown')}
      options={[
        { value: 'yes', label: t('cases.yes') },
        { value: 'no', label: t('cases.no') },
      ]}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

const fieldIds = (p: string): Record<string, string> => ({
  age: `${p}-age`,
  custody: `${p}-custody`,
  needs: `${p}-needs`,
  'details.firstName': `${p}-first-name`,
  'details.birthDate': `${p}-birth-date`,
  'details.school': `${p}-school`,
  'details.court': `${p}-court`,
  'details.notes': `${p}-notes`,
});

/** A child's record: the statistical facts, and the details that identify them (sealed). */
export function ChildForm({ child, prefix, pending, error, onSubmit, onCancel }: { child: Child | null; prefix: string; pending: boolean; error: unknown; onSubmit: (fields: ChildFields) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [f, setF] = useState({
    age: child?.age != null ? String(child.age) : '',
    livesWithMother: triStateValue(child?.livesWithMother),
    witnessedViolence: triStateValue(child?.witnessedViolence),
    sufferedViolence: triStateValue(child?.sufferedViolence),
    custody: child?.custody ?? '',
    needs: (child?.needs ?? []) as string[],
    firstName: child?.details?.firstName ?? '',
    birthDate: child?.details?.birthDate ?? '',
    school: child?.details?.school ?? '',
    court: child?.details?.court ?? '',
    notes: child?.details?.notes ?? '',
  });
  const [ageError, setAgeError] = useState(false);
  const server = useCaseErrors(error);
  const errors: Record<string, string> = { ...server, ...(ageError ? { age: t('cases.errors.age') } : {}) };
  const set = (key: keyof typeof f) => (v: string) => setF((prev) => ({ ...prev, [key]: v }));
  const text = (key: keyof typeof f) => (e: { currentTarget: { value: string } }) => set(key)(e.currentTarget.value);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const age = wholeNumber(f.age, 0, 17);
    setAgeError(Number.isNaN(age));
    if (Number.isNaN(age)) return;
    const details = {
      ...(optional(f.firstName) ? { firstName: optional(f.firstName) } : {}),
      ...(f.birthDate ? { birthDate: f.birthDate } : {}),
      ...(optional(f.school) ? { school: optional(f.school) } : {}),
      ...(optional(f.court) ? { court: optional(f.court) } : {}),
      ...(optional(f.notes) ? { notes: optional(f.notes) } : {}),
    };
    onSubmit({
      age,
      livesWithMother: triState(f.livesWithMother),
      witnessedViolence: triState(f.witnessedViolence),
      sufferedViolence: triState(f.sufferedViolence),
      custody: isCode('custody', f.custody) ? f.custody : null,
      needs: f.needs.filter((n) => isCode('childNeed', n)) as ChildFields['needs'],
      details: Object.keys(details).length ? details : null,
    });
  };

  return (
    <form noValidate onSubmit={submit} className="case-part-form case-form" aria-label={child ? t('cases.children.editLabel') : t('cases.children.addLabel')}>
      <ErrorSummary id={`${prefix}-errors`} items={summaryItems(errors, fieldIds(prefix))} />
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField id={`${prefix}-age`} type="number" inputMode="numeric" min={0} max={17} label={t('cases.children.age')} value={f.age} onChange={text('age')} error={errors.age} />
        </div>
        <div className="col-12 col-md-4">
          <SelectField id={`${prefix}-custody`} label={t('cases.children.custody')} placeholder={t('cases.notKnown')} options={labels.options('custody')} value={f.custody} onChange={text('custody')} error={errors.custody} />
        </div>
      </div>
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TriSelect id={`${prefix}-lives`} label={t('cases.children.livesWithMother')} value={f.livesWithMother} onChange={set('livesWithMother')} />
        </div>
        <div className="col-12 col-md-4">
          <TriSelect id={`${prefix}-witnessed`} label={t('cases.children.witnessedViolence')} value={f.witnessedViolence} onChange={set('witnessedViolence')} />
        </div>
        <div className="col-12 col-md-4">
          <TriSelect id={`${prefix}-suffered`} label={t('cases.children.sufferedViolence')} value={f.sufferedViolence} onChange={set('sufferedViolence')} />
        </div>
      </div>
      <CheckboxGroup id={`${prefix}-needs`} legend={t('cases.children.needs')} options={labels.options('childNeed')} values={f.needs} onChange={(v) => setF((prev) => ({ ...prev, needs: v }))} error={errors.needs} />
      <fieldset className="mb-3">
        <legend className="h6 px-0">{t('cases.children.details')}</legend>
        <div className="row g-3">
          <div className="col-12 col-md-6">
            <TextField id={`${prefix}-first-name`} label={t('cases.children.firstName')} value={f.firstName} maxLength={80} autoComplete="off" onChange={text('firstName')} error={errors['details.firstName']} />
          </div>
          <div className="col-12 col-md-6">
            <TextField id={`${prefix}-birth-date`} type="date" max={todayInRome()} label={t('cases.children.birthDate')} value={f.birthDate} onChange={text('birthDate')} error={errors['details.birthDate']} />
          </div>
        </div>
        <TextField id={`${prefix}-school`} label={t('cases.children.school')} value={f.school} maxLength={200} onChange={text('school')} error={errors['details.school']} />
        <TextAreaField id={`${prefix}-court`} label={t('cases.children.court')} value={f.court} maxLength={2000} onChange={text('court')} error={errors['details.court']} />
        <TextAreaField id={`${prefix}-notes`} label={t('cases.children.notes')} value={f.notes} maxLength={2000} onChange={text('notes')} error={errors['details.notes']} />
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
