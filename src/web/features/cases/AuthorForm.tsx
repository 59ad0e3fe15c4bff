import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { optional, triState, triStateValue } from './cases.format';
import { isCode, useCaseLabels } from './cases.labels';
import type { Author, AuthorFields } from './cases.parts.types';
import { TriSelect } from './ChildForm';
import { summaryItems, useCaseErrors } from './useCaseErrors';

const fieldIds = (p: string): Record<string, string> => ({
  relationship: `${p}-relationship`,
  'details.name': `${p}-name`,
  'details.description': `${p}-description`,
  'details.notes': `${p}-notes`,
});

/** What the team needs to know of him to protect her; nothing here is an action towards him. */
export function AuthorForm({ author, prefix, pending, error, onSubmit, onCancel }: { author: Author | null; prefix: string; pending: boolean; error: unknown; onSubmit: (fields: AuthorFields) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [f, setF] = useState({
    relationship: author?.relationship ?? '',
    childrenInCommon: triStateValue(author?.childrenInCommon),
    weapons: triStateValue(author?.weapons),
    previousReports: triStateValue(author?.previousReports),
    name: author?.details?.name ?? '',
    description: author?.details?.description ?? '',
    notes: author?.details?.notes ?? '',
  });
  const [missing, setMissing] = useState(false);
  const server = useCaseErrors(error);
  const errors: Record<string, string> = { ...server, ...(missing ? { relationship: t('cases.errors.required') } : {}) };
  const set = (key: keyof typeof f) => (v: string) => setF((prev) => ({ ...prev, [key]: v }));
  const text = (key: keyof typeof f) => (e: { currentTarget: { value: string } }) => set(key)(e.currentTarget.value);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!isCode('relationship', f.relationship)) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const details = {
      ...(optional(f.name) ? { name: optional(f.name) } : {}),
      ...(optional(f.description) ? { description: optional(f.description) } : {}),
      ...(optional(f.notes) ? { notes: optional(f.notes) } : {}),
    };
    onSubmit({
      relationship: f.relationship,
      childrenInCommon: triState(f.childrenInCommon),
      weapons: triState(f.weapons),
      previousReports: triState(f.previousReports),
      details: Object.keys(details).length ? details : null,
    });
  };

  return (
    <form noValidate onSubmit={submit} className="case-part-form case-form" aria-label={author ? t('cases.authors.editLabel') : t('cases.authors.addLabel')}>
      <ErrorSummary id={`${prefix}-errors`} items={summaryItems(errors, fieldIds(prefix))} />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField id={`${prefix}-relationship`} label={t('cases.authors.relationship')} placeholder={t('common.choose')} required aria-required="true" options={labels.options('relationship')} value={f.relationship} onChange={text('relationship')} error={errors.relationship} />
        </div>
      </div>
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TriSelect id={`${prefix}-children`} label={t('cases.authors.childrenInCommon')} value={f.childrenInCommon} onChange={set('childrenInCommon')} />
        </div>
        <div className="col-12 col-md-4">
          <TriSelect id={`${prefix}-weapons`} label={t('cases.authors.weapons')} value={f.weapons} onChange={set('weapons')} />
        </div>
        <div className="col-12 col-md-4">
          <TriSelect id={`${prefix}-reports`} label={t('cases.authors.previousReports')} value={f.previousReports} onChange={set('previousReports')} />
        </div>
      </div>
      <TextField id={`${prefix}-name`} label={t('cases.authors.name')} value={f.name} maxLength={120} autoComplete="off" onChange={text('name')} error={errors['details.name']} />
      <TextAreaField id={`${prefix}-description`} label={t('cases.authors.description')} hint={t('cases.authors.descriptionHint')} value={f.description} maxLength={2000} onChange={text('description')} error={errors['details.description']} />
      <TextAreaField id={`${prefix}-notes`} label={t('cases.authors.notes')} value={f.notes} maxLength={2000} onChange={text('notes')} error={errors['details.notes']} />
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
