import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contactChannels } from '../../../shared/cases';
import { defaultSourceOf, intakeContact, intakeCreate, intakeSenderTypes, intakeSources, intakeStatuses, intakeUrgencies, type IntakeCreate } from '../../../shared/intake.api';
import { useMe } from '../../api/session';
import { useAnnounce } from '../../ui/Announcer';
import { DataTable } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { maxLengthOf, serverIssues, useFormMessages, useSchemaForm } from '../../ui/form';
import { PageHeading } from '../../ui/PageHeading';
import { Pagination } from '../../ui/Pagination';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { ComuneField } from '../cases/ComuneField';
import { useCaseLabels } from '../cases/cases.labels';
import { formatInstant, todayInRome } from '../cases/cases.format';
import { sendIntake, useIntakeChanged, useRecipients, useSent, type IntakeStatus, type SentReferral } from './intake.api';
import { idempotencyKeys, intakeFormSchema, intakeFormValues, type IntakeFormValues } from './intake.form';
import { StatusBadge } from './IntakeParts';
import './intake.css';

const PAGE_SIZE = 10;
const contact = intakeContact.shape;

/**
 * "Segnala a un centro antiviolenza" (/segnalazioni/inviate): for the
 * emergency room, health services, police, social services and 1522 — often
 * on a phone. One column, the essentials first. Once sent, her data are for
 * the CAV only: the list below shows the reference and the status, never
 * what was written about her.
 */
export function IntakeSendPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const type = me?.organisation?.type;
  const source = type && (intakeSenderTypes as readonly string[]).includes(type) ? defaultSourceOf[type as keyof typeof defaultSourceOf] : 'accesso_ps';
  const form = useSchemaForm(intakeFormSchema, { defaultValues: intakeFormValues(source) });
  const keys = useRef(idempotencyKeys());
  const announce = useAnnounce();
  const changed = useIntakeChanged();
  const [sent, setSent] = useState<SentReferral | null>(null);
  const send = useMutation({
    mutationFn: (body: IntakeCreate) => sendIntake(body, keys.current.keyFor(body)),
    onSuccess: (done) => {
      keys.current.done();
      setSent(done);
      announce(t('intake.send.sent', { reference: done.reference }));
      form.reset(intakeFormValues(source));
      void changed();
    },
  });
  const comune = useWatch({ control: form.control, name: 'comune' }) as IntakeFormValues['comune'];
  const comuneCode = comune.code || (/^\d{6}$/.test(comune.text.trim()) ? comune.text.trim() : null);
  const recipients = useRecipients(comuneCode);
  const suggested = recipients.data?.suggestedId ?? null;
  // The centre covering her comune, chosen for her once the comune is known (she may choose another).
  useEffect(() => {
    if (suggested && !form.getValues('recipientOrganisationId')) form.setValue('recipientOrganisationId', suggested);
  }, [suggested, form]);

  const labels = useCaseLabels();
  const comuneField = { id: 'intake-comune', label: t('intake.send.comune') };
  const fields = {
    comune: comuneField,
    comuneCode: comuneField,
    recipientOrganisationId: { id: 'intake-recipient', label: t('intake.send.recipient') },
    source: { id: 'intake-source', label: t('intake.send.source') },
    urgency: { id: 'intake-urgency', label: t('intake.send.urgency') },
    'contact.firstName': { id: 'intake-first-name', label: t('intake.send.firstName') },
    'contact.lastName': { id: 'intake-last-name', label: t('intake.send.lastName') },
    'contact.phone': { id: 'intake-phone', label: t('intake.send.phone') },
    'contact.safeHours': { id: 'intake-safe-hours', label: t('intake.send.safeHours') },
    'contact.instructions': { id: 'intake-instructions', label: t('intake.send.instructions') },
    'consent.given': { id: 'intake-consent', label: t('intake.send.consentGiven') },
    'consent.channel': { id: 'intake-consent-channel', label: t('intake.send.consentChannel') },
    'consent.givenOn': { id: 'intake-consent-date', label: t('intake.send.consentDate') },
    note: { id: 'intake-note', label: t('intake.send.note') },
  };
  const messages = useFormMessages(form.formState.errors, send.error, fields);
  const hasFieldErrors = Object.keys(serverIssues(send.error)).length > 0;
  const input = (path: keyof typeof fields) => ({ ...fields[path], error: messages.at(path) });
  const options = (kind: 'sources' | 'urgencies', values: readonly string[]) => values.map((value) => ({ value, label: t(`intake.${kind}.${value}` as 'intake.sources.accesso_ps') }));
  const recipientOptions = (recipients.data?.items ?? []).map((r) => ({ value: r.id, label: r.id === suggested ? t('intake.send.suggested', { name: r.name }) : r.name }));

  return (
    <>
      <PageHeading>{t('intake.send.title')}</PageHeading>
      <p>{t('intake.send.intro')}</p>
      {sent ? <SuccessAlert>{t('intake.send.sent', { reference: sent.reference })}</SuccessAlert> : null}
      <ErrorSummary id="intake-errors" items={messages.summary} />
      {send.error && !hasFieldErrors ? <ProblemAlert error={send.error} /> : null}
      <FormProvider {...form}>
        <form noValidate className="intake-form" aria-label={t('intake.send.formLabel')} onSubmit={form.handleSubmit((body) => send.mutate(body))}>
          <fieldset className="mb-4">
            <legend className="h4 px-0">{t('intake.send.consentLegend')}</legend>
            <div className="form-check mb-3">
              <input id="intake-consent" type="checkbox" aria-describedby="intake-consent-hint" aria-invalid={messages.at('consent.given') ? true : undefined} {...form.register('consent.given')} />
              <label htmlFor="intake-consent">{t('intake.send.consentGiven')}</label>
              <small id="intake-consent-hint" className="form-text d-block">
                {t('intake.send.consentHint')}
              </small>
              {messages.at('consent.given') ? <div className="invalid-feedback d-block">{messages.at('consent.given')}</div> : null}
            </div>
            <SelectField {...input('consent.channel')} options={labels.options('contactChannel', contactChannels)} {...form.register('consent.channel')} />
            <TextField {...input('consent.givenOn')} type="date" max={todayInRome()} {...form.register('consent.givenOn')} />
          </fieldset>

          <fieldset className="mb-4">
            <legend className="h4 px-0">{t('intake.send.contactLegend')}</legend>
            <p className="small">{t('intake.send.contactHint')}</p>
            <TextField {...input('contact.phone')} type="tel" inputMode="tel" autoComplete="off" required aria-required="true" {...form.register('contact.phone')} />
            <TextField {...input('contact.firstName')} autoComplete="off" maxLength={maxLengthOf(contact.firstName)} {...form.register('contact.firstName')} />
            <TextField {...input('contact.lastName')} autoComplete="off" maxLength={maxLengthOf(contact.lastName)} {...form.register('contact.lastName')} />
            <TextField {...input('contact.safeHours')} hint={t('intake.send.safeHoursHint')} maxLength={maxLengthOf(contact.safeHours)} {...form.register('contact.safeHours')} />
            <TextAreaField {...input('contact.instructions')} hint={t('intake.send.instructionsHint')} maxLength={maxLengthOf(contact.instructions)} {...form.register('contact.instructions')} />
            <div className="form-check mb-3">
              <input id="intake-no-messages" type="checkbox" {...form.register('contact.noMessages')} />
              <label htmlFor="intake-no-messages">{t('intake.send.noMessages')}</label>
            </div>
          </fieldset>

          <fieldset className="mb-4">
            <legend className="h4 px-0">{t('intake.send.whereLegend')}</legend>
            <ComuneField {...comuneField} messages={messages} />
            <SelectField {...input('recipientOrganisationId')} placeholder={t('intake.send.recipientChoose')} options={recipientOptions} hint={t('intake.send.recipientHint')} {...form.register('recipientOrganisationId')} />
            <SelectField {...input('urgency')} options={options('urgencies', intakeUrgencies)} {...form.register('urgency')} />
            <SelectField {...input('source')} options={options('sources', intakeSources)} {...form.register('source')} />
            <TextAreaField {...input('note')} hint={t('intake.send.noteHint')} maxLength={maxLengthOf(intakeCreate.shape.note)} {...form.register('note')} />
          </fieldset>
          <button type="submit" className="btn btn-primary btn-lg w-100 mb-5" disabled={send.isPending}>
            {t('intake.send.submit')}
          </button>
        </form>
      </FormProvider>
      <SentList />
    </>
  );
}

/** What her organisation sent: the reference, the centre, the status — never what was written about her. */
function SentList() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<IntakeStatus | ''>('');
  const [page, setPage] = useState(1);
  const list = useSent({ status: status || undefined, page, pageSize: PAGE_SIZE });
  const lang = useCaseLabels().lang;
  return (
    <section aria-labelledby="intake-sent-title">
      <h2 id="intake-sent-title" className="h3">
        {t('intake.sent.title')}
      </h2>
      <p>{t('intake.sent.intro')}</p>
      <SelectField
        id="intake-sent-status"
        label={t('intake.filters.status')}
        placeholder={t('intake.filters.all')}
        options={intakeStatuses.map((s) => ({ value: s, label: t(`intake.statuses.${s}`) }))}
        value={status}
        onChange={(e) => {
          setStatus(e.currentTarget.value as IntakeStatus | '');
          setPage(1);
        }}
      />
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{t('intake.sent.none')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <>
          <DataTable caption={t('intake.sent.title')}>
            <thead>
              <tr>
                <th scope="col">{t('intake.columns.reference')}</th>
                <th scope="col">{t('intake.columns.sentAt')}</th>
                <th scope="col">{t('intake.columns.recipient')}</th>
                <th scope="col">{t('intake.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row" className="text-nowrap">
                    {item.reference}
                  </th>
                  <td>{formatInstant(item.sentAt, lang)}</td>
                  <td>{item.recipient.name}</td>
                  <td>
                    <StatusBadge status={item.status} />
                    {item.declineReason ? <span className="d-block small">{t(`intake.declineReasons.${item.declineReason}`)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} label={t('intake.sent.title')} />
        </>
      ) : null}
    </section>
  );
}
