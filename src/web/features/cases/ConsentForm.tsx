import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { caseSections, type CaseSection } from '../../../shared/cases';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields';
import { useRecipientOrganisations } from './cases.api';
import { formatInstantDay, todayInRome } from './cases.format';
import { isCode, useCaseLabels } from './cases.labels';
import type { ConsentInput } from './cases.parts.types';
import { useDocuments } from './documents.api';
import { summaryItems, useCaseErrors } from './useCaseErrors';

const fieldIds: Record<string, string> = {
  purpose: 'consent-purpose',
  recipientOrganisationId: 'consent-recipient',
  sections: 'consent-sections',
  channel: 'consent-channel',
  givenOn: 'consent-given-on',
  form: 'consent-form-scritto',
  expiresOn: 'consent-expires-on',
  documentId: 'consent-document',
};
/** The authors' section is never shared (the server drops it too). */
const shareable = caseSections.filter((s) => s !== 'authors');

/**
 * Records a consent as she gave it: per purpose, per recipient organisation,
 * per channel. A written one may cite its signed form, a document already
 * uploaded to the case (`withDocuments`: she sees the documents section).
 */
export function ConsentForm({
  caseId,
  ownerId,
  withDocuments,
  pending,
  error,
  onSubmit,
}: {
  caseId: string;
  ownerId: string;
  withDocuments: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (input: ConsentInput, reset: () => void) => void;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const blank = () => ({ purpose: '', recipient: '', sections: [] as string[], channel: '', givenOn: todayInRome(), form: 'scritto', expiresOn: '', documentId: '' });
  const [f, setF] = useState(blank);
  const [local, setLocal] = useState<Record<string, string>>({});
  const recipients = useRecipientOrganisations(f.purpose === 'condivisione');
  const signedForm = withDocuments && f.form === 'scritto';
  const documents = useDocuments(caseId, signedForm);
  const server = useCaseErrors(error);
  const errors = { ...server, ...local };
  const text = (key: 'purpose' | 'recipient' | 'channel' | 'givenOn' | 'expiresOn' | 'form' | 'documentId') => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setF((prev) => ({ ...prev, [key]: value }));
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const required = t('cases.errors.required');
    if (!isCode('purpose', f.purpose)) found.purpose = required;
    if (f.purpose === 'condivisione' && !f.recipient) found.recipientOrganisationId = required;
    if (f.purpose === 'condivisione' && !f.sections.length) found.sections = t('cases.consents.sectionsRequired');
    if (f.purpose === 'contatto' && !isCode('contactChannel', f.channel)) found.channel = required;
    if (!f.givenOn) found.givenOn = required;
    else if (f.givenOn > todayInRome()) found.givenOn = t('cases.errors.future');
    if (f.expiresOn && f.givenOn && f.expiresOn < f.givenOn) found.expiresOn = t('cases.consents.expiresBefore');
    setLocal(found);
    if (Object.keys(found).length || !isCode('purpose', f.purpose)) return;
    const input: ConsentInput = {
      purpose: f.purpose,
      sections: f.purpose === 'condivisione' ? (f.sections.filter((s) => isCode('section', s)) as CaseSection[]) : [],
      givenOn: f.givenOn,
      form: f.form === 'orale' ? 'orale' : 'scritto',
    };
    if (f.purpose === 'condivisione') input.recipientOrganisationId = f.recipient;
    if (f.purpose === 'contatto' && isCode('contactChannel', f.channel)) input.channel = f.channel;
    if (f.expiresOn) input.expiresOn = f.expiresOn;
    if (signedForm && f.documentId) input.documentId = f.documentId;
    onSubmit(input, () => setF(blank()));
  };

  const organisations = (recipients.data ?? []).filter((o) => o.id !== ownerId);
  return (
    <form noValidate onSubmit={submit} className="case-part-form case-form" aria-labelledby="consent-form-title">
      <h3 id="consent-form-title" className="h6">
        {t('cases.consents.addTitle')}
      </h3>
      <ErrorSummary id="consent-errors" items={summaryItems(errors, fieldIds)} />
      <SelectField id="consent-purpose" label={t('cases.consents.purpose')} placeholder={t('common.choose')} required aria-required="true" options={labels.options('purpose')} value={f.purpose} onChange={text('purpose')} error={errors.purpose} />
      {f.purpose === 'condivisione' ? (
        <>
          <SelectField id="consent-recipient" label={t('cases.consents.recipient')} placeholder={t('common.choose')} options={organisations.map((o) => ({ value: o.id, label: o.name }))} value={f.recipient} onChange={text('recipient')} error={errors.recipientOrganisationId} />
          <CheckboxGroup id="consent-sections" legend={t('cases.consents.sections')} hint={t('cases.consents.sectionsHint')} options={labels.options('section', shareable)} values={f.sections} onChange={(v) => setF((prev) => ({ ...prev, sections: v }))} error={errors.sections} />
        </>
      ) : null}
      {f.purpose === 'contatto' ? (
        <SelectField id="consent-channel" label={t('cases.consents.channel')} placeholder={t('common.choose')} options={labels.options('contactChannel')} value={f.channel} onChange={text('channel')} error={errors.channel} />
      ) : null}
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <TextField id="consent-given-on" type="date" max={todayInRome()} label={t('cases.consents.givenOn')} value={f.givenOn} onChange={text('givenOn')} error={errors.givenOn} />
        </div>
        <div className="col-12 col-md-6">
          <TextField id="consent-expires-on" type="date" label={t('cases.consents.expiresOn')} hint={t('cases.consents.expiresHint')} value={f.expiresOn} onChange={text('expiresOn')} error={errors.expiresOn} />
        </div>
      </div>
      <fieldset className="mb-4">
        <legend className="fs-6 fw-semibold px-0">{t('cases.consents.form')}</legend>
        {(['scritto', 'orale'] as const).map((value) => (
          <div className="form-check form-check-inline" key={value}>
            <input id={`consent-form-${value}`} type="radio" name="consent-form" value={value} checked={f.form === value} onChange={text('form')} />
            <label htmlFor={`consent-form-${value}`}>{labels.label('form', value)}</label>
          </div>
        ))}
      </fieldset>
      {signedForm ? (
        <SelectField
          id="consent-document"
          label={t('cases.consents.signedForm')}
          hint={documents.data?.length === 0 ? t('cases.consents.signedFormNoDocuments') : t('cases.consents.signedFormHint')}
          placeholder={t('cases.consents.signedFormNone')}
          options={(documents.data ?? []).map((d) => ({ value: d.id, label: t('cases.consents.signedFormOption', { name: d.name, kind: labels.label('documentKind', d.kind), date: formatInstantDay(d.createdAt, labels.lang) }) }))}
          value={f.documentId}
          onChange={text('documentId')}
          error={errors.documentId}
        />
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {t('cases.consents.add')}
      </button>
    </form>
  );
}
