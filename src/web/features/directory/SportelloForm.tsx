import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { sportelloFields } from '../../../shared/directory.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ComuneCombobox } from '../routing/ComuneCombobox';
import { comuneLabel } from '../routing/comuni.api';
import type { Named } from './directory.api';
import { ClosuresField } from './ClosuresField';
import { HoursField } from './HoursField';
import { offerFields, useOfferOptions } from './offer.options';
import { PhonesField } from './PhonesField';
import { closureOf, sportelloFormSchema, type SportelloFormOutput, type SportelloFormValues } from './sportello.form';
import { useSportelloFields } from './sportello.fields';
import { VisibilityField } from './VisibilityField';

interface Props {
  initial: SportelloFormValues;
  /** Organisations she may create a sportello for; absent when editing (the organisation does not change). */
  organisations?: Named[];
  organisationName?: string;
  readOnly: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: SportelloFormOutput) => void;
}

const limits = sportelloFields.shape;
/** The two hours fields: in person, and by phone. */
const hours = [
  { name: 'openingHours', kind: 'inPerson', hint: 'directory.form.openingHint' },
  { name: 'phoneHours', kind: 'phone', hint: 'directory.form.phoneHint' },
] as const;

/** Every field of a sportello, checked with the API's own schema, with the live preview of its opening hours. */
export function SportelloForm({ initial, organisations, organisationName, readOnly, pending, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const schema = useMemo(() => sportelloFormSchema(!!organisations), [organisations]);
  const form = useSchemaForm(schema, { defaultValues: initial });
  const phones = form.watch('phones');
  const closureDrafts = form.watch('closures');
  const languages = form.watch('languages');
  const { fields, phoneAt } = useSportelloFields(phones, closureDrafts);
  const messages = useFormMessages(form.formState.errors, error, fields, { invalid_type: t('directory.errors.number') });
  const closures = closureDrafts.map(closureOf).filter((c) => c !== null);

  const offer = useOfferOptions(languages);

  // A weekly grid holding hours it cannot write (overlapping ranges…) keeps the form from being sent: the field still has the last hours it wrote.
  const [gridProblems, setGridProblems] = useState<Partial<Record<(typeof hours)[number]['name'], boolean>>>({});
  const [gridRefused, setGridRefused] = useState(false);
  const gridReport = useMemo(
    () => Object.fromEntries(hours.map(({ name }) => [name, (has: boolean) => setGridProblems((p) => (!!p[name] === has ? p : { ...p, [name]: has }))])) as Record<(typeof hours)[number]['name'], (has: boolean) => void>,
    [],
  );
  const blocked = hours.filter(({ name }) => gridProblems[name]);
  useEffect(() => {
    if (!blocked.length) setGridRefused(false);
  }, [blocked.length]);
  const gridSummary = gridRefused ? blocked.map(({ name }) => ({ field: `${fields[name].id}-grid`, message: t('directory.grid.summary', { label: fields[name].label }) })) : [];
  const submit = (e: FormEvent<HTMLFormElement>) => {
    setGridRefused(blocked.length > 0);
    if (blocked.length) e.preventDefault();
    else void form.handleSubmit(onSubmit)(e);
  };

  return (
    <form noValidate onSubmit={submit} aria-label={t('directory.form.label')} className="directory-form">
      <ProblemAlert error={error} />
      <ErrorSummary id="sportello-errors" items={[...messages.summary, ...gridSummary]} />
      <fieldset disabled={readOnly}>
        <h2 className="h4">{t('directory.form.identity')}</h2>
        {organisations ? (
          <SelectField
            id={fields.organisationId.id}
            label={fields.organisationId.label}
            placeholder={t('common.choose')}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
            {...form.register('organisationId')}
            error={messages.at('organisationId')}
            aria-required="true"
          />
        ) : (
          <p>
            <span className="fw-semibold">{t('directory.fields.organisation')}:</span> {organisationName}
          </p>
        )}
        <TextField id={fields.name.id} label={fields.name.label} maxLength={maxLengthOf(limits.name)} {...form.register('name')} error={messages.at('name')} aria-required="true" />
        <Controller control={form.control} name="visibility" render={({ field }) => <VisibilityField value={field.value} onChange={field.onChange} error={messages.at('visibility')} />} />

        <h2 className="h4">{t('directory.form.place')}</h2>
        <TextField id={fields.address.id} label={fields.address.label} hint={t('directory.form.addressHint')} maxLength={maxLengthOf(limits.address)} {...form.register('address')} error={messages.at('address')} />
        <div className="mb-4">
          <Controller
            control={form.control}
            name="comuneCode"
            render={({ field }) => (
              <ComuneCombobox
                id={fields.comuneCode.id}
                label={fields.comuneCode.label}
                hint={t('directory.form.comuneHint')}
                error={messages.at('comuneCode')}
                text={field.value.text}
                onText={(text) => field.onChange({ text, code: '' })}
                onPick={(c) => field.onChange({ text: comuneLabel(c), code: c.istatCode })}
                ref={field.ref}
              />
            )}
          />
        </div>
        <div className="row g-3">
          <div className="col-6 col-md-3">
            <TextField id={fields.lat.id} label={fields.lat.label} inputMode="decimal" maxLength={12} {...form.register('lat')} error={messages.at('lat')} />
          </div>
          <div className="col-6 col-md-3">
            <TextField id={fields.lon.id} label={fields.lon.label} inputMode="decimal" maxLength={12} {...form.register('lon')} error={messages.at('lon')} />
          </div>
          <p className="col-12 col-md-6 small mt-md-4">{t('directory.form.coordinatesHint')}</p>
        </div>

        <h2 className="h4">{t('directory.form.contacts')}</h2>
        <Controller control={form.control} name="phones" render={({ field }) => <PhonesField value={field.value} onChange={field.onChange} errorAt={(i) => messages.at(phoneAt(i))} />} />
        <TextField id={fields.email.id} type="email" label={fields.email.label} maxLength={maxLengthOf(limits.email)} {...form.register('email')} error={messages.at('email')} />
        <TextField id={fields.transferPhone.id} type="tel" label={fields.transferPhone.label} hint={t('directory.form.transferHint')} maxLength={20} {...form.register('transferPhone')} error={messages.at('transferPhone')} />

        <h2 className="h4">{t('directory.form.hours')}</h2>
        <p className="small directory-hours-intro">{t('directory.form.hoursIntro')}</p>
        {hours.map(({ name, kind, hint }) => (
          <Controller
            key={name}
            control={form.control}
            name={name}
            render={({ field }) => (
              <HoursField
                id={fields[name].id}
                kind={kind}
                label={fields[name].label}
                hint={t(hint)}
                value={field.value}
                closures={closures}
                error={messages.at(name)}
                onChange={field.onChange}
                onGridProblems={gridReport[name]}
              />
            )}
          />
        ))}
        <div className="form-check mb-4">
          <input id={fields.h24.id} type="checkbox" {...form.register('h24')} aria-describedby="sportello-h24-hint" />
          <label htmlFor={fields.h24.id}>{fields.h24.label}</label>
          <small id="sportello-h24-hint" className="form-text d-block ms-5">
            {t('directory.form.h24Hint')}
          </small>
        </div>
        <ClosuresField control={form.control} register={form.register} messages={messages} />

        <h2 className="h4">{t('directory.form.offer')}</h2>
        {offerFields.map((name) => (
          <Controller
            key={name}
            control={form.control}
            name={name}
            render={({ field }) => <CheckboxGroup id={fields[name].id} legend={fields[name].label} options={offer[name]} values={field.value} onChange={field.onChange} error={messages.at(name)} />}
          />
        ))}
        <TextAreaField id={fields.notes.id} label={fields.notes.label} hint={t('directory.form.notesHint')} maxLength={maxLengthOf(limits.notes)} {...form.register('notes')} error={messages.at('notes')} />
      </fieldset>
      <div className="d-flex flex-wrap gap-3 mt-3">
        {readOnly ? null : (
          <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
            {t('common.save')}
          </button>
        )}
        <Link to="/rete/servizi" className="btn btn-outline-primary">
          {t('directory.sportelli.backToList')}
        </Link>
      </div>
    </form>
  );
}
