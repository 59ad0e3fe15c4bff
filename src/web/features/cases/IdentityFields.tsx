import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { identity } from '../../../shared/cases.api';
import { TextAreaField, TextField } from '../../ui/fields';
import { maxLengthOf, type FormField, type FormMessages } from '../../ui/form';
import { todayInRome } from './cases.format';
import type { IdentityValues } from './profile.form';

type Key = keyof IdentityValues;

/** The identity inputs by their path in the request: element and label (the error summary names them). */
export function useIdentityFields(): Record<`identity.${Key}`, FormField> {
  const { t } = useTranslation();
  return {
    'identity.firstName': { id: 'profile-first-name', label: t('cases.identity.firstName') },
    'identity.lastName': { id: 'profile-last-name', label: t('cases.identity.lastName') },
    'identity.birthDate': { id: 'profile-birth-date', label: t('cases.identity.birthDate') },
    'identity.email': { id: 'profile-email', label: t('cases.identity.email') },
    'identity.phones': { id: 'profile-phones', label: t('cases.identity.phones') },
    'identity.address': { id: 'profile-address', label: t('cases.identity.address') },
    'identity.notes': { id: 'profile-identity-notes', label: t('cases.identity.notes') },
  };
}

/** Her identity: every field optional (she may stay anonymous, or give a first name only). */
export function IdentityFields({ messages }: { messages: FormMessages }) {
  const { t } = useTranslation();
  const { register } = useFormContext<{ identity: IdentityValues }>();
  const fields = useIdentityFields();
  const input = (key: Key) => {
    const path = `identity.${key}` as const;
    return { ...fields[path], error: messages.at(path), maxLength: maxLengthOf(identity.shape[key]), ...register(path) };
  };
  return (
    <fieldset className="mb-4">
      <legend className="h5 px-0">{t('cases.identity.legend')}</legend>
      <p className="form-text">{t('cases.identity.hint')}</p>
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <TextField {...input('firstName')} autoComplete="off" />
        </div>
        <div className="col-12 col-md-6">
          <TextField {...input('lastName')} autoComplete="off" />
        </div>
        <div className="col-12 col-md-6">
          <TextField {...input('birthDate')} type="date" max={todayInRome()} />
        </div>
        <div className="col-12 col-md-6">
          <TextField {...input('email')} type="email" autoComplete="off" />
        </div>
      </div>
      <TextAreaField {...input('phones')} hint={t('cases.identity.phonesHint')} rows={2} />
      <TextField {...input('address')} autoComplete="off" />
      <TextAreaField {...input('notes')} />
    </fieldset>
  );
}
