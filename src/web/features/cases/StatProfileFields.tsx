import { useTranslation } from 'react-i18next';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields';
import { useCaseLabels, type CodeKind } from './cases.labels';
import type { ProfileDraft } from './profile.form';

type Stat = ProfileDraft['stat'];

/** The statistical profile (ISTAT classes): nothing in it identifies her. */
export function StatProfileFields({ value, onChange, errors }: { value: Stat; onChange: (next: Stat) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const set = (key: keyof Stat) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [key]: e.currentTarget.value });
  const select = (key: keyof Stat, id: string, kind: CodeKind, label: string) => (
    <SelectField id={id} label={label} placeholder={t('cases.profile.notRecorded')} options={labels.options(kind)} value={value[key] as string} onChange={set(key)} error={errors[`profile.${key}`]} />
  );
  return (
    <fieldset className="mb-4">
      <legend className="h5 px-0">{t('cases.profile.legend')}</legend>
      <p className="form-text">{t('cases.profile.hint')}</p>
      <div className="row g-3">
        <div className="col-12 col-md-6">{select('ageBand', 'profile-age', 'ageBand', t('cases.profile.ageBand'))}</div>
        <div className="col-12 col-md-6">{select('citizenship', 'profile-citizenship', 'citizenship', t('cases.profile.citizenship'))}</div>
        {value.citizenship === 'ue' || value.citizenship === 'extra_ue' ? (
          <div className="col-12 col-md-6">
            <TextField id="profile-country" label={t('cases.profile.country')} hint={t('cases.profile.countryHint')} value={value.country} maxLength={2} autoComplete="off" onChange={set('country')} error={errors['profile.country']} />
          </div>
        ) : null}
        <div className="col-12 col-md-6">{select('education', 'profile-education', 'education', t('cases.profile.education'))}</div>
        <div className="col-12 col-md-6">{select('employment', 'profile-employment', 'employment', t('cases.profile.employment'))}</div>
        <div className="col-12 col-md-6">{select('living', 'profile-living', 'living', t('cases.profile.living'))}</div>
        <div className="col-12 col-md-6">{select('accessChannel', 'profile-access', 'accessChannel', t('cases.profile.accessChannel'))}</div>
      </div>
      <CheckboxGroup id="profile-violence" legend={t('cases.profile.violenceTypes')} options={labels.options('violence')} values={value.violenceTypes} onChange={(v) => onChange({ ...value, violenceTypes: v })} error={errors['profile.violenceTypes']} />
      <div className="row g-3">
        <div className="col-12 col-md-6">{select('authorRelationship', 'profile-relationship', 'relationship', t('cases.profile.authorRelationship'))}</div>
        <div className="col-12 col-md-6">
          <TextField id="profile-authors-count" type="number" inputMode="numeric" min={1} max={20} label={t('cases.profile.authorsCount')} value={value.authorsCount} onChange={set('authorsCount')} error={errors['profile.authorsCount']} />
        </div>
        <div className="col-12 col-md-6">{select('violenceDuration', 'profile-duration', 'duration', t('cases.profile.violenceDuration'))}</div>
        <div className="col-12 col-md-6">
          <SelectField
            id="profile-help"
            label={t('cases.profile.helpSoughtBefore')}
            placeholder={t('cases.profile.notRecorded')}
            options={[
              { value: 'yes', label: t('cases.yes') },
              { value: 'no', label: t('cases.no') },
            ]}
            value={value.helpSoughtBefore}
            onChange={set('helpSoughtBefore')}
          />
        </div>
      </div>
      <CheckboxGroup id="profile-fragilities" legend={t('cases.profile.fragilities')} options={labels.options('fragility')} values={value.fragilities} onChange={(v) => onChange({ ...value, fragilities: v })} error={errors['profile.fragilities']} />
      <TextField id="profile-languages" label={t('cases.profile.languages')} hint={t('cases.profile.languagesHint')} value={value.languages} maxLength={40} autoComplete="off" onChange={set('languages')} error={errors['profile.languages']} />
    </fieldset>
  );
}
