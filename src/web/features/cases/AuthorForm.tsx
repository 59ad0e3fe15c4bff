import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { authorFields } from '../../../shared/cases.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { blank, maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { useCaseLabels } from './cases.labels';
import type { Author, AuthorFields } from './cases.parts.types';
import { TriSelect } from './TriSelect';

const details = authorFields.shape.details.unwrap().unwrap();

/** The API's rules; empty fields are left out, and no details at all is null. */
const schema = authorFields.extend({
  relationship: blank(authorFields.shape.relationship),
  details: details
    .extend({ name: blank(details.shape.name), description: blank(details.shape.description), notes: blank(details.shape.notes) })
    .transform((d) => (Object.values(d).some((v) => v !== undefined) ? d : null)),
});

/** What the team needs to know of him to protect her; nothing here is an action towards him. */
export function AuthorForm({ author, prefix, pending, error, onSubmit, onCancel }: { author: Author | null; prefix: string; pending: boolean; error: unknown; onSubmit: (fields: AuthorFields) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const form = useSchemaForm(schema, {
    defaultValues: {
      relationship: author?.relationship ?? '',
      childrenInCommon: author?.childrenInCommon ?? null,
      weapons: author?.weapons ?? null,
      previousReports: author?.previousReports ?? null,
      details: { name: author?.details?.name ?? '', description: author?.details?.description ?? '', notes: author?.details?.notes ?? '' },
    },
  });
  const fields = {
    relationship: { id: `${prefix}-relationship`, label: t('cases.authors.relationship') },
    childrenInCommon: { id: `${prefix}-children`, label: t('cases.authors.childrenInCommon') },
    weapons: { id: `${prefix}-weapons`, label: t('cases.authors.weapons') },
    previousReports: { id: `${prefix}-reports`, label: t('cases.authors.previousReports') },
    'details.name': { id: `${prefix}-name`, label: t('cases.authors.name') },
    'details.description': { id: `${prefix}-description`, label: t('cases.authors.description') },
    'details.notes': { id: `${prefix}-notes`, label: t('cases.authors.notes') },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const tri = (name: 'childrenInCommon' | 'weapons' | 'previousReports') => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => <TriSelect id={fields[name].id} label={fields[name].label} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={messages.at(name)} />}
    />
  );

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="case-part-form case-form" aria-label={author ? t('cases.authors.editLabel') : t('cases.authors.addLabel')}>
      <ErrorSummary id={`${prefix}-errors`} items={messages.summary} />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField
            id={fields.relationship.id}
            label={fields.relationship.label}
            placeholder={t('common.choose')}
            aria-required="true"
            options={labels.options('relationship')}
            {...form.register('relationship')}
            error={messages.at('relationship')}
          />
        </div>
      </div>
      <div className="row g-3">
        <div className="col-12 col-md-4">{tri('childrenInCommon')}</div>
        <div className="col-12 col-md-4">{tri('weapons')}</div>
        <div className="col-12 col-md-4">{tri('previousReports')}</div>
      </div>
      <TextField id={fields['details.name'].id} label={fields['details.name'].label} maxLength={maxLengthOf(details.shape.name)} autoComplete="off" {...form.register('details.name')} error={messages.at('details.name')} />
      <TextAreaField
        id={fields['details.description'].id}
        label={fields['details.description'].label}
        hint={t('cases.authors.descriptionHint')}
        maxLength={maxLengthOf(details.shape.description)}
        {...form.register('details.description')}
        error={messages.at('details.description')}
      />
      <TextAreaField id={fields['details.notes'].id} label={fields['details.notes'].label} maxLength={maxLengthOf(details.shape.notes)} {...form.register('details.notes')} error={messages.at('details.notes')} />
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
