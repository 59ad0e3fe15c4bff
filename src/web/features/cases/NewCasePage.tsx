import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ComuneCombobox } from '../routing/ComuneCombobox';
import { comuneLabel } from '../routing/comuni.api';
import { createCase, useCaseSaved } from './cases.api';
import { todayInRome } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { CaseCreate } from './cases.types';
import { newCaseDraft, newCaseFieldIds, newCaseRequest, type DraftErrors, type NewCaseDraft } from './newCase.form';
import { SafeContactFields } from './SafeContactFields';
import { summaryItems, useCaseErrors } from './useCaseErrors';
import './cases.css';

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
  const [d, setD] = useState<NewCaseDraft>(newCaseDraft);
  const [local, setLocal] = useState<DraftErrors>({});
  const [more, setMore] = useState(false);
  const create = useMutation({
    mutationFn: (body: CaseCreate) => createCase(body),
    onSuccess: (record) => {
      onSaved(record);
      void navigate(`/percorsi/${record.id}`, { state: { created: record.code } });
    },
  });
  const server = useCaseErrors(create.error);
  const errors: Record<string, string> = { ...server };
  for (const [path, key] of Object.entries(local)) errors[path] = t(`cases.errors.${key}`);
  const set = <K extends keyof NewCaseDraft>(key: K, value: NewCaseDraft[K]) => setD((prev) => ({ ...prev, [key]: value }));
  const text = (key: 'contactOn' | 'accessChannel' | 'eventChannel' | 'durationMinutes' | 'notes' | 'firstName' | 'phone') => (e: { currentTarget: { value: string } }) =>
    set(key, e.currentTarget.value);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { body, errors: found } = newCaseRequest(d);
    setLocal(found);
    // Errors in the optional section: open it, so the summary's links lead somewhere.
    if (Object.keys(found).some((k) => k.startsWith('identity') || k.startsWith('safeContact'))) setMore(true);
    if (Object.keys(found).length === 0) create.mutate(body);
  };
  const summary = summaryItems(errors, newCaseFieldIds);
  const hasFieldErrors = Object.keys(server).length > 0;

  return (
    <>
      <PageHeading>{t('cases.wizard.title')}</PageHeading>
      <p>{t('cases.wizard.intro')}</p>
      <ErrorSummary id="new-case-errors" items={summary} />
      {create.error && !hasFieldErrors ? <ProblemAlert error={create.error} /> : null}
      <form noValidate onSubmit={submit} className="case-form" aria-label={t('cases.wizard.formLabel')}>
        <fieldset className="mb-4">
          <legend className="h4 px-0">{t('cases.wizard.step1')}</legend>
          <div className="row g-3">
            <div className="col-12 col-md-4">
              <TextField id="new-case-date" type="date" label={t('cases.wizard.contactOn')} max={todayInRome()} required aria-required="true" value={d.contactOn} onChange={text('contactOn')} error={errors.contactOn} />
            </div>
            <div className="col-12 col-md-4">
              <SelectField id="new-case-channel" label={t('cases.wizard.eventChannel')} options={labels.options('eventChannel')} value={d.eventChannel} onChange={text('eventChannel')} error={errors['firstEvent.channel']} />
            </div>
            <div className="col-12 col-md-4">
              <TextField id="new-case-duration" type="number" inputMode="numeric" min={1} max={600} label={t('cases.wizard.duration')} hint={t('cases.wizard.durationHint')} value={d.durationMinutes} onChange={text('durationMinutes')} error={errors['firstEvent.durationMinutes']} />
            </div>
          </div>
          <SelectField id="new-case-access" label={t('cases.wizard.accessChannel')} placeholder={t('cases.wizard.notSaid')} options={labels.options('accessChannel')} value={d.accessChannel} onChange={text('accessChannel')} error={errors.accessChannel} />
          <div className="form-check mb-4">
            <input id="new-case-emergency" type="checkbox" checked={d.emergency} aria-describedby="new-case-emergency-hint" onChange={(e) => set('emergency', e.currentTarget.checked)} />
            <label htmlFor="new-case-emergency">{t('cases.wizard.emergency')}</label>
            <small id="new-case-emergency-hint" className="form-text d-block">
              {t('cases.wizard.emergencyHint')}
            </small>
          </div>
          <TextAreaField id="new-case-notes" label={t('cases.wizard.notes')} hint={t('cases.wizard.notesHint')} value={d.notes} maxLength={4000} onChange={text('notes')} error={errors['firstEvent.notes']} />
        </fieldset>

        <fieldset className="mb-4">
          <legend className="h4 px-0">{t('cases.wizard.step2')}</legend>
          <ComuneCombobox
            id="new-case-comune"
            label={t('cases.wizard.comune')}
            hint={t('cases.wizard.comuneHint')}
            error={errors.comuneCode}
            text={d.comuneText}
            onText={(value) => setD((prev) => ({ ...prev, comuneText: value, comuneCode: '' }))}
            onPick={(c) => setD((prev) => ({ ...prev, comuneText: comuneLabel(c), comuneCode: c.istatCode }))}
          />
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
                <TextField id="new-case-first-name" label={t('cases.wizard.firstName')} hint={t('cases.wizard.firstNameHint')} value={d.firstName} maxLength={80} autoComplete="off" onChange={text('firstName')} error={errors['identity.firstName']} />
              </div>
              <div className="col-12 col-md-6">
                <TextField id="new-case-phone" type="tel" label={t('cases.wizard.phone')} value={d.phone} maxLength={20} autoComplete="off" onChange={text('phone')} error={errors['identity.phones'] ?? errors['identity.phones.0']} />
              </div>
            </div>
            <SafeContactFields prefix="new-case" value={d.safeContact} onChange={(v) => set('safeContact', v)} errors={errors} />
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
    </>
  );
}
