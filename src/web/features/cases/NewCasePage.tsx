import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { caseCreate } from '../../../shared/cases.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { maxLengthOf, serverIssues, useFormMessages, useSchemaForm } from '../../ui/form';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { createCase, useCaseSaved } from './cases.api';
import { rangeOf } from './cases.form';
import { todayInRome } from './cases.format';
import { useCaseLabels } from './cases.labels';
import { ComuneField } from './ComuneField';
import type { CaseCreate } from './cases.types';
import { newCaseSchema, newCaseValues } from './newCase.form';
import { SafeContactFields, useSafeContactFields } from './SafeContactFields';
import './cases.css';

const firstEvent = caseCreate.shape.firstEvent.unwrap().shape;
const identity = caseCreate.shape.identity.unwrap().shape;

/**
 * The first contact, recorded while she is still on the phone: the date,
 * how she arrived, whether it is an emergency, and the call itself; all of
 * it has defaults or is optional. She stays anonymous (a code only) unless
 * she gives a name or a number, in the section that opens on request.
 */
export function NewCasePage() {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  const onSaved = useCaseSaved();
  const [more, setMore] = useState(false);
  const form = useSchemaForm(newCaseSchema, { defaultValues: newCaseValues() });
  const create = useMutation({
    mutationFn: (body: CaseCreate) => createCase(body),
    onSuccess: (record) => {
      onSaved(record);
      void navigate(`/percorsi/${record.id}`, { state: { created: record.code } });
    },
  });
  const comune = { id: 'new-case-comune', label: t('cases.wizard.comune') };
  const fields = {
    contactOn: { id: 'new-case-date', label: t('cases.wizard.contactOn') },
    accessChannel: { id: 'new-case-access', label: t('cases.wizard.accessChannel') },
    emergency: { id: 'new-case-emergency', label: t('cases.wizard.emergency') },
    'firstEvent.channel': { id: 'new-case-channel', label: t('cases.wizard.eventChannel') },
    'firstEvent.durationMinutes': { id: 'new-case-duration', label: t('cases.wizard.duration') },
    'firstEvent.notes': { id: 'new-case-notes', label: t('cases.wizard.notes') },
    comune,
    comuneCode: comune,
    'identity.firstName': { id: 'new-case-first-name', label: t('cases.wizard.firstName') },
    'identity.phones': { id: 'new-case-phone', label: t('cases.wizard.phone') },
    ...useSafeContactFields('new-case'),
  };
  const messages = useFormMessages(form.formState.errors, create.error, fields);
  const hasFieldErrors = Object.keys(serverIssues(create.error)).length > 0;
  // An error in the optional section opens it, so the summary's links lead somewhere.
  const submit = form.handleSubmit(
    (body) => create.mutate(body),
    (errors) => {
      if (errors.identity || errors.safeContact) setMore(true);
    },
  );
  const input = (path: keyof typeof fields) => ({ ...fields[path], error: messages.at(path) });

  return (
    <>
      <PageHeading>{t('cases.wizard.title')}</PageHeading>
      <p>{t('cases.wizard.intro')}</p>
      <ErrorSummary id="new-case-errors" items={messages.summary} />
      {create.error && !hasFieldErrors ? <ProblemAlert error={create.error} /> : null}
      <FormProvider {...form}>
        <form noValidate onSubmit={submit} className="case-form" aria-label={t('cases.wizard.formLabel')}>
          <fieldset className="mb-4">
            <legend className="h4 px-0">{t('cases.wizard.step1')}</legend>
            <div className="row g-3">
              <div className="col-12 col-md-4">
                <TextField {...input('contactOn')} type="date" max={todayInRome()} required aria-required="true" {...form.register('contactOn')} />
              </div>
              <div className="col-12 col-md-4">
                <SelectField {...input('firstEvent.channel')} options={labels.options('eventChannel')} {...form.register('firstEvent.channel')} />
              </div>
              <div className="col-12 col-md-4">
                <TextField {...input('firstEvent.durationMinutes')} type="number" inputMode="numeric" {...rangeOf(firstEvent.durationMinutes)} hint={t('cases.wizard.durationHint')} {...form.register('firstEvent.durationMinutes')} />
              </div>
            </div>
            <SelectField {...input('accessChannel')} placeholder={t('cases.wizard.notSaid')} options={labels.options('accessChannel')} {...form.register('accessChannel')} />
            <div className="form-check mb-4">
              <input id="new-case-emergency" type="checkbox" aria-describedby="new-case-emergency-hint" {...form.register('emergency')} />
              <label htmlFor="new-case-emergency">{t('cases.wizard.emergency')}</label>
              <small id="new-case-emergency-hint" className="form-text d-block">
                {t('cases.wizard.emergencyHint')}
              </small>
            </div>
            <TextAreaField {...input('firstEvent.notes')} hint={t('cases.wizard.notesHint')} maxLength={maxLengthOf(firstEvent.notes)} {...form.register('firstEvent.notes')} />
          </fieldset>

          <fieldset className="mb-4">
            <legend className="h4 px-0">{t('cases.wizard.step2')}</legend>
            <ComuneField {...comune} messages={messages} />
          </fieldset>

          <section className="mb-4" aria-labelledby="new-case-more-title">
            <h2 id="new-case-more-title" className="h4">
              {t('cases.wizard.step3')}
            </h2>
            <p>{t('cases.wizard.anonymous')}</p>
            <button type="button" className="btn btn-outline-primary mb-3" aria-expanded={more} aria-controls="new-case-more" onClick={() => setMore((v) => !v)}>
              {more ? t('cases.wizard.lessDetails') : t('cases.wizard.moreDetails')}
            </button>
            <div id="new-case-more" className="fieldset-gap" hidden={!more}>
              <div className="row g-3">
                <div className="col-12 col-md-6">
                  <TextField {...input('identity.firstName')} hint={t('cases.wizard.firstNameHint')} maxLength={maxLengthOf(identity.firstName)} autoComplete="off" {...form.register('identity.firstName')} />
                </div>
                <div className="col-12 col-md-6">
                  <TextField {...input('identity.phones')} type="tel" autoComplete="off" {...form.register('identity.phones.0')} />
                </div>
              </div>
              <SafeContactFields prefix="new-case" messages={messages} />
            </div>
          </section>

          <div className="d-flex flex-wrap gap-2">
            <button type="submit" className="btn btn-primary" disabled={create.isPending} aria-busy={create.isPending}>
              {t('cases.wizard.submit')}
            </button>
            <Link to="/percorsi" className="btn btn-outline-primary">
              {t('common.cancel')}
            </Link>
          </div>
        </form>
      </FormProvider>
    </>
  );
}
