import { useTranslation } from 'react-i18next';
import { CheckboxGroup, TextAreaField, TextField } from '../../ui/fields';
import { useCaseLabels } from './cases.labels';
import type { SafeContactDraft } from './safeContact.form';
import { errorAt } from './useCaseErrors';

/**
 * How and when she can be contacted safely. `errors` are keyed by request
 * path (safeContact.hours…), local or from the server.
 */
export function SafeContactFields({
  prefix,
  value,
  onChange,
  errors,
}: {
  prefix: string;
  value: SafeContactDraft;
  onChange: (next: SafeContactDraft) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const set = <K extends keyof SafeContactDraft>(key: K, v: SafeContactDraft[K]) => onChange({ ...value, [key]: v });
  const text = (key: 'hours' | 'codeWord' | 'safePersonName' | 'safePersonPhone' | 'safePersonRelation' | 'notes') => (e: { currentTarget: { value: string } }) =>
    set(key, e.currentTarget.value);
  return (
    <fieldset className="mb-4">
      <legend className="h6 px-0">{t('cases.safeContact.legend')}</legend>
      <p className="form-text">{t('cases.safeContact.hint')}</p>
      <CheckboxGroup
        id={`${prefix}-sc-channels`}
        legend={t('cases.safeContact.channels')}
        options={labels.options('contactChannel')}
        values={value.channels}
        onChange={(v) => set('channels', v)}
        error={errorAt(errors, 'safeContact.channels')}
      />
      <TextField id={`${prefix}-sc-hours`} label={t('cases.safeContact.hours')} hint={t('cases.safeContact.hoursHint')} value={value.hours} maxLength={200} onChange={text('hours')} error={errors['safeContact.hours']} />
      <div className="form-check mb-4">
        <input id={`${prefix}-sc-no-messages`} type="checkbox" checked={value.noMessages} onChange={(e) => set('noMessages', e.currentTarget.checked)} />
        <label htmlFor={`${prefix}-sc-no-messages`}>{t('cases.safeContact.noMessages')}</label>
      </div>
      <TextField id={`${prefix}-sc-code-word`} label={t('cases.safeContact.codeWord')} hint={t('cases.safeContact.codeWordHint')} value={value.codeWord} maxLength={80} autoComplete="off" onChange={text('codeWord')} error={errors['safeContact.codeWord']} />
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField id={`${prefix}-sc-person-name`} label={t('cases.safeContact.safePersonName')} value={value.safePersonName} maxLength={80} autoComplete="off" onChange={text('safePersonName')} error={errorAt(errors, 'safeContact.safePerson.name') ?? (errors['safeContact.safePerson'] || undefined)} />
        </div>
        <div className="col-12 col-md-4">
          <TextField id={`${prefix}-sc-person-phone`} type="tel" label={t('cases.safeContact.safePersonPhone')} value={value.safePersonPhone} maxLength={20} autoComplete="off" onChange={text('safePersonPhone')} error={errors['safeContact.safePerson.phone']} />
        </div>
        <div className="col-12 col-md-4">
          <TextField id={`${prefix}-sc-person-relation`} label={t('cases.safeContact.safePersonRelation')} value={value.safePersonRelation} maxLength={80} autoComplete="off" onChange={text('safePersonRelation')} error={errors['safeContact.safePerson.relation']} />
        </div>
      </div>
      <TextAreaField id={`${prefix}-sc-notes`} label={t('cases.safeContact.notes')} value={value.notes} maxLength={1000} onChange={text('notes')} error={errors['safeContact.notes']} />
    </fieldset>
  );
}
