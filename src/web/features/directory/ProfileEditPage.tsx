import { useMutation } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { z } from 'zod';
import { alboStatuses } from '../../../shared/directory';
import { profilePatch } from '../../../shared/directory.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm, type FormField } from '../../ui/form';
import { useLabels } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { updateProfile, useRecordSaved, useProfile, type Profile, type ProfilePatch } from './directory.api';
import { emptyAsNull } from './directory.form';
import { useOfferOptions } from './offer.options';
import { DirectoryTabs } from './DirectoryTabs';
import { StaleNotice } from './StaleNotice';
import { useManageable } from './useManageable';
import './directory.css';

/** A declaration of the minimum standard: yes, no, or not declared (''). */
type Declared = '' | 'yes' | 'no';
const declared = (v: boolean | null): Declared => (v === null ? '' : v ? 'yes' : 'no');
const fromDeclared = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? null : v === 'yes' ? true : v === 'no' ? false : v), schema);
type Declaration = 'lineLinkedEmergencyRoom' | 'lineLinkedPolice' | 'womenOnlyStaff';
const declarations: { key: Declaration; id: string; label: string }[] = [
  { key: 'lineLinkedEmergencyRoom', id: 'profile-link-emergency-room', label: 'directory.profile.standard.emergencyRoom' },
  { key: 'lineLinkedPolice', id: 'profile-link-police', label: 'directory.profile.standard.police' },
  { key: 'womenOnlyStaff', id: 'profile-women-only-staff', label: 'directory.profile.standard.womenOnly' },
];

/** What the profile form's inputs hold. */
interface ProfileValues {
  legalName: string;
  albo: { status: string; date: string };
  email: string;
  phone: string;
  website: string;
  services: string[];
  languages: string[];
  accessibility: string[];
  lineLinkedEmergencyRoom: Declared;
  lineLinkedPolice: Declared;
  womenOnlyStaff: Declared;
}

const rules = profilePatch.shape;
const emptyPartsAsNull = (v: unknown) =>
  v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' && x.trim() === '' ? null : x])) : v;
/** The API's rules (`profilePatch`) read from the inputs: an empty input clears its value. */
const schema = profilePatch.extend({
  legalName: emptyAsNull(rules.legalName),
  albo: z.preprocess(emptyPartsAsNull, rules.albo),
  email: emptyAsNull(rules.email),
  phone: emptyAsNull(rules.phone),
  website: emptyAsNull(rules.website),
  lineLinkedEmergencyRoom: fromDeclared(rules.lineLinkedEmergencyRoom),
  lineLinkedPolice: fromDeclared(rules.lineLinkedPolice),
  womenOnlyStaff: fromDeclared(rules.womenOnlyStaff),
}) as unknown as z.ZodType<ProfilePatch, ProfileValues>;

function ProfileForm({ profile, readOnly, pending, error, onSubmit }: { profile: Profile; readOnly: boolean; pending: boolean; error: unknown; onSubmit: (patch: ProfilePatch) => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(schema, {
    defaultValues: {
      legalName: profile.legalName ?? '',
      albo: { status: profile.albo.status ?? '', date: profile.albo.date ?? '' },
      email: profile.email ?? '',
      phone: profile.phone ?? '',
      website: profile.website ?? '',
      services: profile.services,
      languages: profile.languages,
      accessibility: profile.accessibility,
      lineLinkedEmergencyRoom: declared(profile.lineLinkedEmergencyRoom),
      lineLinkedPolice: declared(profile.lineLinkedPolice),
      womenOnlyStaff: declared(profile.womenOnlyStaff),
    },
  });
  const fields: Record<string, FormField> = {
    legalName: { id: 'profile-legal-name', label: t('directory.profile.legalName') },
    'albo.status': { id: 'profile-albo-status', label: t('directory.profile.alboStatus') },
    'albo.date': { id: 'profile-albo-date', label: t('directory.profile.alboDate') },
    albo: { id: 'profile-albo-status', label: t('directory.profile.alboStatus') },
    email: { id: 'profile-email', label: t('directory.fields.email') },
    phone: { id: 'profile-phone', label: t('directory.profile.phone') },
    website: { id: 'profile-website', label: t('directory.profile.website') },
    services: { id: 'profile-services', label: t('directory.fields.services') },
    languages: { id: 'profile-languages', label: t('directory.fields.languages') },
    accessibility: { id: 'profile-accessibility', label: t('directory.fields.accessibility') },
    ...Object.fromEntries(declarations.map((d) => [d.key, { id: d.id, label: t(d.label as 'directory.profile.standard.police') }])),
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const languages = form.watch('languages');
  const offer = useOfferOptions(languages);
  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} aria-label={t('directory.profile.formLabel')}>
      <ProblemAlert error={error} />
      <ErrorSummary id="profile-errors" items={messages.summary} />
      <fieldset disabled={readOnly}>
        <TextField id="profile-legal-name" label={fields.legalName!.label} maxLength={maxLengthOf(rules.legalName)} {...form.register('legalName')} error={messages.at('legalName')} />
        <div className="row g-3">
          <div className="col-12 col-md-6">
            <SelectField
              id="profile-albo-status"
              label={fields['albo.status']!.label}
              placeholder={t('directory.profile.alboNone')}
              options={alboStatuses.map((s) => ({ value: s, label: t(`directory.albo.${s}`) }))}
              {...form.register('albo.status')}
              error={messages.at('albo.status')}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField id="profile-albo-date" type="date" label={fields['albo.date']!.label} hint={t('directory.profile.alboDateHint')} {...form.register('albo.date')} error={messages.at('albo.date')} />
          </div>
        </div>
        <TextField id="profile-email" type="email" label={fields.email!.label} maxLength={maxLengthOf(rules.email)} {...form.register('email')} error={messages.at('email')} />
        <TextField id="profile-phone" type="tel" label={fields.phone!.label} maxLength={20} {...form.register('phone')} error={messages.at('phone')} />
        <TextField id="profile-website" type="url" label={fields.website!.label} hint={t('directory.profile.websiteHint')} maxLength={maxLengthOf(rules.website)} {...form.register('website')} error={messages.at('website')} />
        {/* Services first on an organisation's profile: what it does, before how. */}
        {(['services', 'languages', 'accessibility'] as const).map((name) => (
          <Controller
            key={name}
            control={form.control}
            name={name}
            render={({ field }) => <CheckboxGroup id={fields[name]!.id} legend={fields[name]!.label} options={offer[name]} values={field.value} onChange={field.onChange} error={messages.at(name)} />}
          />
        ))}
        <fieldset className="mt-4">
          <legend className="h6">{t('directory.profile.standard.legend')}</legend>
          <p className="form-text">{t('directory.profile.standard.hint')}</p>
          {declarations.map((d) => (
            <SelectField
              key={d.key}
              id={d.id}
              label={fields[d.key]!.label}
              placeholder={t('directory.profile.standard.notDeclared')}
              options={[
                { value: 'yes', label: t('directory.profile.standard.yes') },
                { value: 'no', label: t('directory.profile.standard.no') },
              ]}
              {...form.register(d.key)}
              error={messages.at(d.key)}
            />
          ))}
        </fieldset>
      </fieldset>
      {readOnly ? null : (
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          {t('common.save')}
        </button>
      )}
    </form>
  );
}

/** An organisation's directory profile; name, type and networks stay with the organisations admin. */
export function ProfileEditPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { id } = useParams();
  const onSaved = useRecordSaved('profile');
  const profile = useProfile(id);
  const manageable = useManageable();
  const save = useMutation({
    mutationFn: ({ current, patch }: { current: Profile; patch: ProfilePatch }) => updateProfile(current.id, current.version, patch),
    onSuccess: onSaved,
  });
  if (profile.isPending) return <Loading />;
  if (profile.isError) {
    return (
      <>
        <PageHeading>{t('directory.profile.title')}</PageHeading>
        <ProblemAlert error={profile.error} />
        <Link to="/rete/organizzazioni-servizi">{t('directory.profile.back')}</Link>
      </>
    );
  }
  const p = profile.data;
  const readOnly = !manageable.managesOrganisation(p.id);
  return (
    <>
      <PageHeading>{p.name}</PageHeading>
      <DirectoryTabs />
      <p>
        {labels.organisationType(p.type)} — {p.networks.map((n) => n.name).join('; ') || t('directory.profile.noNetwork')}
      </p>
      <p>
        <Link to={`/rete/servizi?ente=${p.id}`}>{t('directory.profile.sportelli', { count: p.sportelliCount })}</Link>
      </p>
      {readOnly ? <p className="fst-italic">{t('directory.profile.readOnly')}</p> : null}
      {save.isSuccess ? (
        <p role="status" className="alert alert-success">
          {t('directory.profile.saved')}
        </p>
      ) : null}
      <StaleNotice
        error={save.error}
        onReload={() => {
          save.reset();
          void profile.refetch();
        }}
      />
      <ProfileForm key={`${p.id}:${p.version}:${readOnly}`} profile={p} readOnly={readOnly} pending={save.isPending} error={save.error} onSubmit={(patch) => save.mutate({ current: p, patch })} />
      <p className="mt-4">
        <Link to="/rete/organizzazioni-servizi">{t('directory.profile.back')}</Link>
      </p>
    </>
  );
}
