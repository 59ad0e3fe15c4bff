import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { caseSections } from '../../../shared/cases';
import { consentCreate } from '../../../shared/cases.api';
import { useReferralLabels } from '../referrals/referrals.labels';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../ui/form';
import { useRecipientOrganisations } from './cases.api';
import { pastDay } from './cases.form';
import { formatInstantDay, todayInRome } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { ConsentInput } from './cases.parts.types';
import { useDocuments } from './documents.api';
import { ConsentGiverFields } from '../minors/ConsentGiverFields';

/** The authors' section is never shared (the server drops it too). */
const shareable = caseSections.filter((s) => s !== 'authors');

const shape = consentCreate.shape;
/**
 * The API's rules, and what each purpose needs: a recipient and its
 * sections to share, a channel to be contacted by. What another purpose
 * would leave behind (a recipient chosen, then the purpose changed) is not
 * sent; nor is a signed form for an oral consent.
 */
const schema = consentCreate
  .extend({
    purpose: blank(shape.purpose),
    recipientOrganisationId: blank(shape.recipientOrganisationId),
    channel: blank(shape.channel),
    givenOn: blank(pastDay),
    expiresOn: blank(shape.expiresOn),
    documentId: blank(shape.documentId),
    // A minor's case: who gives it (docs/minors.md).
    givenBy: blank(shape.givenBy),
    holderId: blank(shape.holderId),
  })
  .superRefine(
    (v, ctx) => {
      const need = (path: 'recipientOrganisationId' | 'sections' | 'channel', given: boolean) => {
        if (!given) ctx.addIssue({ code: 'custom', path: [path], message: 'required' });
      };
      if (v.purpose === 'condivisione') {
        need('recipientOrganisationId', !!v.recipientOrganisationId);
        need('sections', v.sections.length > 0);
      }
      if (v.purpose === 'contatto') need('channel', !!v.channel);
      if (v.expiresOn && v.givenOn && v.expiresOn < v.givenOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'before_given' });
    },
    // Said together with the other fields' errors, not after they are fixed.
    { when: () => true },
  )
  .transform(({ purpose, recipientOrganisationId, sections, referralPurposes, channel, documentId, ...rest }): ConsentInput => ({
    ...rest,
    purpose,
    sections: purpose === 'condivisione' ? sections : [],
    // What the recipient may be referred for (docs/referrals.md): a sharing consent's only.
    referralPurposes: purpose === 'condivisione' ? referralPurposes : undefined,
    recipientOrganisationId: purpose === 'condivisione' ? recipientOrganisationId : undefined,
    channel: purpose === 'contatto' ? channel : undefined,
    documentId: rest.form === 'scritto' ? documentId : undefined,
  }));

const empty = (): z.input<typeof schema> => ({ purpose: '', recipientOrganisationId: '', sections: [], referralPurposes: [], channel: '', givenOn: todayInRome(), form: 'scritto', expiresOn: '', documentId: '' });

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
  const referralLabels = useReferralLabels();
  const form = useSchemaForm(schema, { defaultValues: empty() });
  const [purpose, kind] = useWatch({ control: form.control, name: ['purpose', 'form'] });
  const recipients = useRecipientOrganisations(purpose === 'condivisione');
  const signedForm = withDocuments && kind === 'scritto';
  const documents = useDocuments(caseId, signedForm);
  const fields = {
    purpose: { id: 'consent-purpose', label: t('cases.consents.purpose') },
    recipientOrganisationId: { id: 'consent-recipient', label: t('cases.consents.recipient') },
    // A group's summary link leads to its first box.
    sections: { id: `consent-sections-${shareable[0] ?? ''}`, label: t('cases.consents.sections') },
    referralPurposes: { id: 'consent-referral-purposes-presa_in_carico', label: t('referrals.consent.legend') },
    channel: { id: 'consent-channel', label: t('cases.consents.channel') },
    givenOn: { id: 'consent-given-on', label: t('cases.consents.givenOn') },
    form: { id: 'consent-form-scritto', label: t('cases.consents.form') },
    expiresOn: { id: 'consent-expires-on', label: t('cases.consents.expiresOn') },
    documentId: { id: 'consent-document', label: t('cases.consents.signedForm') },
    givenBy: { id: 'consent-given-by', label: t('minors.givenBy') },
    holderId: { id: 'consent-holder', label: t('minors.givenByHolder') },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const input = (key: 'purpose' | 'recipientOrganisationId' | 'channel' | 'givenOn' | 'expiresOn' | 'documentId') => ({ ...fields[key], error: messages.at(key), ...form.register(key) });

  const organisations = (recipients.data ?? []).filter((o) => o.id !== ownerId);
  return (
    <form noValidate onSubmit={form.handleSubmit((v) => onSubmit(v, () => form.reset(empty())))} className="case-part-form case-form" aria-labelledby="consent-form-title">
      <h3 id="consent-form-title" className="h6">
        {t('cases.consents.addTitle')}
      </h3>
      <ErrorSummary id="consent-errors" items={messages.summary} />
      <SelectField {...input('purpose')} placeholder={t('common.choose')} required aria-required="true" options={labels.options('purpose')} />
      {purpose === 'condivisione' ? (
        <>
          <SelectField {...input('recipientOrganisationId')} placeholder={t('common.choose')} options={organisations.map((o) => ({ value: o.id, label: o.name }))} />
          <Controller
            control={form.control}
            name="sections"
            render={({ field }) => (
              <CheckboxGroup
                id="consent-sections"
                legend={fields.sections.label}
                hint={t('cases.consents.sectionsHint')}
                options={labels.options('section', shareable)}
                values={field.value ?? []}
                onChange={field.onChange}
                error={messages.at('sections')}
              />
            )}
          />
          <Controller
            control={form.control}
            name="referralPurposes"
            render={({ field }) => (
              <CheckboxGroup
                id="consent-referral-purposes"
                legend={fields.referralPurposes.label}
                hint={t('referrals.consent.hint')}
                options={referralLabels.options('purpose')}
                values={field.value ?? []}
                onChange={field.onChange}
                error={messages.at('referralPurposes')}
              />
            )}
          />
        </>
      ) : null}
      {purpose === 'contatto' ? <SelectField {...input('channel')} placeholder={t('common.choose')} options={labels.options('contactChannel')} /> : null}
      <ConsentGiverFields caseId={caseId} givenBy={String(form.watch('givenBy') ?? '')} registerGivenBy={form.register('givenBy')} registerHolder={form.register('holderId')} errorAt={messages.at} />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <TextField {...input('givenOn')} type="date" max={todayInRome()} />
        </div>
        <div className="col-12 col-md-6">
          <TextField {...input('expiresOn')} type="date" hint={t('cases.consents.expiresHint')} />
        </div>
      </div>
      <fieldset className="mb-4">
        <legend className="fs-6 fw-semibold px-0">{fields.form.label}</legend>
        {(['scritto', 'orale'] as const).map((value) => (
          <div className="form-check form-check-inline" key={value}>
            <input id={`consent-form-${value}`} type="radio" value={value} {...form.register('form')} />
            <label htmlFor={`consent-form-${value}`}>{labels.label('form', value)}</label>
          </div>
        ))}
      </fieldset>
      {signedForm ? (
        <SelectField
          {...input('documentId')}
          hint={documents.data?.length === 0 ? t('cases.consents.signedFormNoDocuments') : t('cases.consents.signedFormHint')}
          placeholder={t('cases.consents.signedFormNone')}
          options={(documents.data ?? []).map((d) => ({ value: d.id, label: t('cases.consents.signedFormOption', { name: d.name, kind: labels.label('documentKind', d.kind), date: formatInstantDay(d.createdAt, labels.lang) }) }))}
        />
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {t('cases.consents.add')}
      </button>
    </form>
  );
}
