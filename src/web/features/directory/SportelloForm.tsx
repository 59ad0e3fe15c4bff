import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { accessibilityFeatures, directoryServices, publicLanguages } from '../../../shared/directory';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useFieldErrors } from '../../ui/useFieldErrors';
import { ComuneCombobox } from '../routing/ComuneCombobox';
import { comuneLabel } from '../routing/comuni.api';
import type { Named, SportelloFields } from './directory.api';
import { ClosuresField } from './ClosuresField';
import { HoursField } from './HoursField';
import { PhonesField } from './PhonesField';
import { closureOf, fieldsOf, type DraftErrors, type SportelloDraft } from './sportello.form';
import { VisibilityField } from './VisibilityField';

interface Props {
  initial: SportelloDraft;
  /** Organisations she may create a sportello for; absent when editing (the organisation does not change). */
  organisations?: Named[];
  organisationName?: string;
  readOnly: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: SportelloFields, organisationId: string) => void;
}

/** Where to put the focus for the first local error, in the order of the form. */
const focusOrder: [keyof DraftErrors, string][] = [
  ['organisationId', 'sportello-organisation'],
  ['name', 'sportello-name'],
  ['comuneCode', 'sportello-comune'],
  ['lat', 'sportello-lat'],
  ['lon', 'sportello-lon'],
  ['closures', 'sportello-closures'],
];

/** Every field of a sportello, with the live preview of its opening hours. */
export function SportelloForm({ initial, organisations, organisationName, readOnly, pending, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const [d, setD] = useState(initial);
  const [local, setLocal] = useState<DraftErrors>({});
  const server = useFieldErrors(error);
  const set = <K extends keyof SportelloDraft>(key: K, value: SportelloDraft[K]) => setD((prev) => ({ ...prev, [key]: value }));
  const text = (key: keyof SportelloDraft) => (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value as never);
  const err = (key: keyof DraftErrors) => (local[key] ? t(`directory.errors.${local[key] as 'required'}`) : server[key]);
  const closures = d.closures.map(closureOf).filter((c) => c !== null);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { fields, errors } = fieldsOf(d);
    if (organisations && !d.organisationId) errors.organisationId = 'required';
    setLocal(errors);
    const first = focusOrder.find(([key]) => errors[key]);
    if (first) document.getElementById(first[1])?.focus();
    else onSubmit(fields, d.organisationId);
  };

  const languageOptions = [...new Set([...publicLanguages, ...d.languages])].map((code) => ({
    value: code,
    label: (publicLanguages as readonly string[]).includes(code) ? t(`routing.languages.${code as 'it'}`) : code,
  }));

  return (
    <form noValidate onSubmit={submit} aria-label={t('directory.form.label')} className="directory-form">
      <ProblemAlert error={error} />
      <fieldset disabled={readOnly}>
        <h2 className="h4">{t('directory.form.identity')}</h2>
        {organisations ? (
          <SelectField id="sportello-organisation" label={t('directory.fields.organisation')} placeholder={t('common.choose')} options={organisations.map((o) => ({ value: o.id, label: o.name }))} value={d.organisationId} onChange={text('organisationId')} error={err('organisationId')} aria-required="true" />
        ) : (
          <p>
            <span className="fw-semibold">{t('directory.fields.organisation')}:</span> {organisationName}
          </p>
        )}
        <TextField id="sportello-name" label={t('directory.fields.name')} value={d.name} maxLength={200} onChange={text('name')} error={err('name')} aria-required="true" />
        <VisibilityField value={d.visibility} onChange={(v) => set('visibility', v)} error={server.visibility} />

        <h2 className="h4">{t('directory.form.place')}</h2>
        <TextField id="sportello-address" label={t('directory.fields.address')} hint={t('directory.form.addressHint')} value={d.address} maxLength={300} onChange={text('address')} error={server.address} />
        <div className="mb-4">
          <ComuneCombobox
            id="sportello-comune"
            label={t('directory.fields.comune')}
            hint={t('directory.form.comuneHint')}
            error={err('comuneCode')}
            text={d.comuneText}
            onText={(value) => {
              const code = value.trim();
              setD((prev) => ({ ...prev, comuneText: value, comuneCode: /^\d{6}$/.test(code) ? code : '' }));
            }}
            onPick={(c) => setD((prev) => ({ ...prev, comuneText: comuneLabel(c), comuneCode: c.istatCode }))}
          />
        </div>
        <div className="row g-3">
          <div className="col-6 col-md-3">
            <TextField id="sportello-lat" label={t('directory.fields.lat')} inputMode="decimal" value={d.lat} maxLength={12} onChange={text('lat')} error={err('lat')} />
          </div>
          <div className="col-6 col-md-3">
            <TextField id="sportello-lon" label={t('directory.fields.lon')} inputMode="decimal" value={d.lon} maxLength={12} onChange={text('lon')} error={err('lon')} />
          </div>
          <p className="col-12 col-md-6 small mt-md-4">{t('directory.form.coordinatesHint')}</p>
        </div>

        <h2 className="h4">{t('directory.form.contacts')}</h2>
        <PhonesField value={d.phones} onChange={(v) => set('phones', v)} error={server.phones} />
        <TextField id="sportello-email" type="email" label={t('directory.fields.email')} value={d.email} maxLength={200} onChange={text('email')} error={server.email} />
        <TextField id="sportello-transfer" type="tel" label={t('directory.fields.transferPhone')} hint={t('directory.form.transferHint')} value={d.transferPhone} maxLength={20} onChange={text('transferPhone')} error={server.transferPhone} />

        <h2 className="h4">{t('directory.form.hours')}</h2>
        <p className="small directory-hours-intro">{t('directory.form.hoursIntro')}</p>
        <HoursField id="sportello-opening" kind="inPerson" label={t('directory.fields.openingHours')} hint={t('directory.form.openingHint')} value={d.openingHours} closures={closures} error={server.openingHours} onChange={(v) => set('openingHours', v)} />
        <HoursField id="sportello-phone-hours" kind="phone" label={t('directory.fields.phoneHours')} hint={t('directory.form.phoneHint')} value={d.phoneHours} closures={closures} error={server.phoneHours} onChange={(v) => set('phoneHours', v)} />
        <div className="form-check mb-4">
          <input id="sportello-h24" type="checkbox" checked={d.h24} onChange={(e) => set('h24', e.currentTarget.checked)} aria-describedby="sportello-h24-hint" />
          <label htmlFor="sportello-h24">{t('directory.fields.h24')}</label>
          <small id="sportello-h24-hint" className="form-text d-block ms-5">
            {t('directory.form.h24Hint')}
          </small>
        </div>
        <ClosuresField value={d.closures} onChange={(v) => set('closures', v)} error={err('closures')} showIncomplete={!!local.closures} />

        <h2 className="h4">{t('directory.form.offer')}</h2>
        <CheckboxGroup id="sportello-languages" legend={t('directory.fields.languages')} options={languageOptions} values={d.languages} onChange={(v) => set('languages', v)} error={server.languages} />
        <CheckboxGroup id="sportello-services" legend={t('directory.fields.services')} options={directoryServices.map((s) => ({ value: s, label: t(`directory.services.${s}`) }))} values={d.services} onChange={(v) => set('services', v as SportelloDraft['services'])} error={server.services} />
        <CheckboxGroup id="sportello-accessibility" legend={t('directory.fields.accessibility')} options={accessibilityFeatures.map((a) => ({ value: a, label: t(`directory.accessibility.${a}`) }))} values={d.accessibility} onChange={(v) => set('accessibility', v as SportelloDraft['accessibility'])} error={server.accessibility} />
        <TextAreaField id="sportello-notes" label={t('directory.fields.notes')} hint={t('directory.form.notesHint')} value={d.notes} maxLength={1000} onChange={text('notes')} error={server.notes} />
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
