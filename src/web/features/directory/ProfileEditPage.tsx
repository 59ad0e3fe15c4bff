import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { accessibilityFeatures, alboStatuses, directoryServices, publicLanguages, type AlboStatus } from '../../../shared/directory';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields';
import { useLabels } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useFieldErrors } from '../../ui/useFieldErrors';
import { updateProfile, useRecordSaved, useProfile, type Profile, type ProfilePatch } from './directory.api';
import { DirectoryTabs } from './DirectoryTabs';
import { StaleNotice } from './StaleNotice';
import { useManageable } from './useManageable';
import './directory.css';

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
/** A declaration of the minimum standard: yes, no, or not declared (''). */
const declared = (v: boolean | null) => (v === null ? '' : v ? 'yes' : 'no');
const fromDeclared = (v: string) => (v === '' ? null : v === 'yes');
type Declaration = 'lineLinkedEmergencyRoom' | 'lineLinkedPolice' | 'womenOnlyStaff';
const declarations: { key: Declaration; id: string; label: string }[] = [
  { key: 'lineLinkedEmergencyRoom', id: 'profile-link-emergency-room', label: 'directory.profile.standard.emergencyRoom' },
  { key: 'lineLinkedPolice', id: 'profile-link-police', label: 'directory.profile.standard.police' },
  { key: 'womenOnlyStaff', id: 'profile-women-only-staff', label: 'directory.profile.standard.womenOnly' },
];

function ProfileForm({ profile, readOnly, pending, error, onSubmit }: { profile: Profile; readOnly: boolean; pending: boolean; error: unknown; onSubmit: (patch: ProfilePatch) => void }) {
  const { t } = useTranslation();
  const server = useFieldErrors(error);
  const [f, setF] = useState({
    legalName: profile.legalName ?? '',
    alboStatus: profile.albo.status ?? '',
    alboDate: profile.albo.date ?? '',
    email: profile.email ?? '',
    phone: profile.phone ?? '',
    website: profile.website ?? '',
    services: profile.services as string[],
    languages: profile.languages,
    accessibility: profile.accessibility as string[],
    lineLinkedEmergencyRoom: declared(profile.lineLinkedEmergencyRoom),
    lineLinkedPolice: declared(profile.lineLinkedPolice),
    womenOnlyStaff: declared(profile.womenOnlyStaff),
  });
  const text = (key: 'legalName' | 'alboStatus' | 'alboDate' | 'email' | 'phone' | 'website' | Declaration) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setF((prev) => ({ ...prev, [key]: value }));
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSubmit({
      legalName: orNull(f.legalName),
      albo: { status: (f.alboStatus || null) as AlboStatus | null, date: f.alboStatus ? orNull(f.alboDate) : null },
      email: orNull(f.email),
      phone: orNull(f.phone),
      website: orNull(f.website),
      services: f.services as Profile['services'],
      languages: f.languages,
      accessibility: f.accessibility as Profile['accessibility'],
      lineLinkedEmergencyRoom: fromDeclared(f.lineLinkedEmergencyRoom),
      lineLinkedPolice: fromDeclared(f.lineLinkedPolice),
      womenOnlyStaff: fromDeclared(f.womenOnlyStaff),
    });
  };
  const languageOptions = [...new Set([...publicLanguages, ...f.languages])].map((code) => ({
    value: code,
    label: (publicLanguages as readonly string[]).includes(code) ? t(`routing.languages.${code as 'it'}`) : code,
  }));
  return (
    <form noValidate onSubmit={submit} aria-label={t('directory.profile.formLabel')}>
      <ProblemAlert error={error} />
      <fieldset disabled={readOnly}>
        <TextField id="profile-legal-name" label={t('directory.profile.legalName')} value={f.legalName} maxLength={300} onChange={text('legalName')} error={server.legalName} />
        <div className="row g-3">
          <div className="col-12 col-md-6">
            <SelectField id="profile-albo-status" label={t('directory.profile.alboStatus')} placeholder={t('directory.profile.alboNone')} options={alboStatuses.map((s) => ({ value: s, label: t(`directory.albo.${s}`) }))} value={f.alboStatus} onChange={text('alboStatus')} error={server.albo} />
          </div>
          <div className="col-12 col-md-6">
            <TextField id="profile-albo-date" type="date" label={t('directory.profile.alboDate')} hint={t('directory.profile.alboDateHint')} value={f.alboDate} onChange={text('alboDate')} />
          </div>
        </div>
        <TextField id="profile-email" type="email" label={t('directory.fields.email')} value={f.email} maxLength={200} onChange={text('email')} error={server.email} />
        <TextField id="profile-phone" type="tel" label={t('directory.profile.phone')} value={f.phone} maxLength={20} onChange={text('phone')} error={server.phone} />
        <TextField id="profile-website" type="url" label={t('directory.profile.website')} hint={t('directory.profile.websiteHint')} value={f.website} maxLength={300} onChange={text('website')} error={server.website} />
        <CheckboxGroup id="profile-services" legend={t('directory.fields.services')} options={directoryServices.map((s) => ({ value: s, label: t(`directory.services.${s}`) }))} values={f.services} onChange={(v) => setF((p) => ({ ...p, services: v }))} error={server.services} />
        <CheckboxGroup id="profile-languages" legend={t('directory.fields.languages')} options={languageOptions} values={f.languages} onChange={(v) => setF((p) => ({ ...p, languages: v }))} error={server.languages} />
        <CheckboxGroup id="profile-accessibility" legend={t('directory.fields.accessibility')} options={accessibilityFeatures.map((a) => ({ value: a, label: t(`directory.accessibility.${a}`) }))} values={f.accessibility} onChange={(v) => setF((p) => ({ ...p, accessibility: v }))} error={server.accessibility} />
        <fieldset className="mt-4">
          <legend className="h6">{t('directory.profile.standard.legend')}</legend>
          <p className="form-text">{t('directory.profile.standard.hint')}</p>
          {declarations.map((d) => (
            <SelectField
              key={d.key}
              id={d.id}
              label={t(d.label as 'directory.profile.standard.police')}
              placeholder={t('directory.profile.standard.notDeclared')}
              options={[
                { value: 'yes', label: t('directory.profile.standard.yes') },
                { value: 'no', label: t('directory.profile.standard.no') },
              ]}
              value={f[d.key]}
              onChange={text(d.key)}
              error={server[d.key]}
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
