import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fragilities, violenceTypes } from '../../../shared/cases';
import { caseProfile, PROFILE_MAX_LANGUAGES } from '../../../shared/cases.api';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields';
import type { FormField, FormMessages } from '../../ui/form';
import { rangeOf } from './cases.form';
import { useCaseLabels, type CodeKind } from './cases.labels';
import { CountryCombobox } from './CountryCombobox';
import { NOT_RECORDED, type StatValues } from './profile.form';
import { useLanguageOptions } from './profile.names';

type Key = Exclude<keyof StatValues, 'reports' | 'protectionMeasures'>;

/** The statistical profile's inputs by their path in the request: element and label (the error summary names them). */
export function useStatProfileFields(): Record<`profile.${Key}`, FormField> {
  const { t } = useTranslation();
  const field = (id: string, label: string) => ({ id, label });
  const firstLanguage = useLanguageOptions([])[0]?.value;
  return {
    'profile.ageBand': field('profile-age', t('cases.profile.ageBand')),
    'profile.citizenship': field('profile-citizenship', t('cases.profile.citizenship')),
    'profile.country': field('profile-country', t('cases.profile.country')),
    'profile.education': field('profile-education', t('cases.profile.education')),
    'profile.employment': field('profile-employment', t('cases.profile.employment')),
    'profile.living': field('profile-living', t('cases.profile.living')),
    'profile.accessChannel': field('profile-access', t('cases.profile.accessChannel')),
    // A group's summary link leads to its first box.
    'profile.violenceTypes': field(`profile-violence-${violenceTypes[0]}`, t('cases.profile.violenceTypes')),
    'profile.authorRelationship': field('profile-relationship', t('cases.profile.authorRelationship')),
    'profile.authorsCount': field('profile-authors-count', t('cases.profile.authorsCount')),
    'profile.violenceDuration': field('profile-duration', t('cases.profile.violenceDuration')),
    'profile.helpSoughtBefore': field('profile-help', t('cases.profile.helpSoughtBefore')),
    'profile.fragilities': field(`profile-fragilities-${fragilities[0]}`, t('cases.profile.fragilities')),
    'profile.languages': field(`profile-languages-${firstLanguage}`, t('cases.profile.languages')),
  };
}

/** The statistical profile (ISTAT classes): nothing in it identifies her. */
export function StatProfileFields({ messages }: { messages: FormMessages }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { register, control, formState } = useFormContext<{ profile: StatValues }>();
  // Languages recorded before, even off the list, stay offered (and kept).
  const languages = useLanguageOptions((formState.defaultValues?.profile?.languages ?? []).filter((l): l is string => !!l));
  const fields = useStatProfileFields();
  const citizenship = useWatch({ control, name: 'profile.citizenship' });
  const props = (key: Key, options?: { shouldUnregister: boolean }) => {
    const path = `profile.${key}` as const;
    return { ...fields[path], error: messages.at(path), ...register(path, options) };
  };
  // The empty choice is "not recorded": a list's own non_rilevato code would say it twice.
  const select = (key: Key, kind: CodeKind) => (
    <SelectField {...props(key)} placeholder={t('cases.profile.notRecorded')} options={labels.options(kind).filter((o) => o.value !== NOT_RECORDED)} />
  );
  const boxes = (key: 'violenceTypes' | 'fragilities', kind: CodeKind, id: string) => (
    <Controller
      control={control}
      name={`profile.${key}`}
      render={({ field }) => (
        <CheckboxGroup id={id} legend={fields[`profile.${key}`].label} options={labels.options(kind)} values={field.value} onChange={field.onChange} error={messages.at(`profile.${key}`)} />
      )}
    />
  );
  return (
    <fieldset className="mb-4">
      <legend className="h5 px-0">{t('cases.profile.legend')}</legend>
      <p className="form-text">{t('cases.profile.hint')}</p>
      <div className="row g-3">
        <div className="col-12 col-md-6">{select('ageBand', 'ageBand')}</div>
        <div className="col-12 col-md-6">{select('citizenship', 'citizenship')}</div>
        {citizenship === 'ue' || citizenship === 'extra_ue' ? (
          <div className="col-12 col-md-6">
            {/* Only for a foreign citizenship: left out of the request when hidden. */}
            <Controller
              control={control}
              name="profile.country"
              shouldUnregister
              render={({ field }) => (
                <CountryCombobox {...fields['profile.country']} hint={t('cases.profile.countryHint')} error={messages.at('profile.country')} value={field.value} onChange={field.onChange} ref={field.ref} />
              )}
            />
          </div>
        ) : null}
        <div className="col-12 col-md-6">{select('education', 'education')}</div>
        <div className="col-12 col-md-6">{select('employment', 'employment')}</div>
        <div className="col-12 col-md-6">{select('living', 'living')}</div>
        <div className="col-12 col-md-6">{select('accessChannel', 'accessChannel')}</div>
      </div>
      {boxes('violenceTypes', 'violence', 'profile-violence')}
      <div className="row g-3">
        <div className="col-12 col-md-6">{select('authorRelationship', 'relationship')}</div>
        <div className="col-12 col-md-6">
          <TextField {...props('authorsCount')} type="number" inputMode="numeric" {...rangeOf(caseProfile.shape.authorsCount)} />
        </div>
        <div className="col-12 col-md-6">{select('violenceDuration', 'duration')}</div>
        <div className="col-12 col-md-6">
          <SelectField
            {...props('helpSoughtBefore')}
            placeholder={t('cases.profile.notRecorded')}
            options={[
              { value: 'yes', label: t('cases.yes') },
              { value: 'no', label: t('cases.no') },
            ]}
          />
        </div>
      </div>
      {boxes('fragilities', 'fragility', 'profile-fragilities')}
      <Controller
        control={control}
        name="profile.languages"
        render={({ field }) => (
          <CheckboxGroup id="profile-languages" legend={fields['profile.languages'].label} hint={t('cases.profile.languagesHint', { max: PROFILE_MAX_LANGUAGES })} options={languages} values={field.value} onChange={field.onChange} error={messages.at('profile.languages')} />
        )}
      />
    </fieldset>
  );
}
