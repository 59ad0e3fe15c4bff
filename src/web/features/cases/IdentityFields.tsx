import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../ui/fields';
import { todayInRome } from './cases.format';
import type { ProfileDraft } from './profile.form';
import { errorAt } from './useCaseErrors';

type IdentityDraft = ProfileDraft['identity'];

/** Her identity: every field optional (she may stay anonymous, or give a first name only). */
export function IdentityFields({ value, onChange, errors }: { value: IdentityDraft; onChange: (next: IdentityDraft) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const text = (key: keyof IdentityDraft) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [key]: e.currentTarget.value });
  return (
    <fieldset className="mb-4">
      <legend className="h5 px-0">{t('cases.identity.legend')}</legend>
      <p className="form-text">{t('cases.identity.hint')}</p>
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <TextField id="profile-first-name" label={t('cases.identity.firstName')} value={value.firstName} maxLength={80} autoComplete="off" onChange={text('firstName')} error={errors['identity.firstName']} />
        </div>
        <div className="col-12 col-md-6">
          <TextField id="profile-last-name" label={t('cases.identity.lastName')} value={value.lastName} maxLength={80} autoComplete="off" onChange={text('lastName')} error={errors['identity.lastName']} />
        </div>
        <div className="col-12 col-md-6">
          <TextField id="profile-birth-date" type="date" max={todayInRome()} label={t('cases.identity.birthDate')} value={value.birthDate} onChange={text('birthDate')} error={errors['identity.birthDate']} />
        </div>
        <div className="col-12 col-md-6">
          <TextField id="profile-email" type="email" label={t('cases.identity.email')} value={value.email} maxLength={200} autoComplete="off" onChange={text('email')} error={errors['identity.email']} />
        </div>
      </div>
      <TextAreaField id="profile-phones" label={t('cases.identity.phones')} hint={t('cases.identity.phonesHint')} rows={2} value={value.phones} onChange={text('phones')} error={errorAt(errors, 'identity.phones')} />
      <TextField id="profile-address" label={t('cases.identity.address')} value={value.address} maxLength={300} autoComplete="off" onChange={text('address')} error={errors['identity.address']} />
      <TextAreaField id="profile-identity-notes" label={t('cases.identity.notes')} value={value.notes} maxLength={4000} onChange={text('notes')} error={errors['identity.notes']} />
    </fieldset>
  );
}
