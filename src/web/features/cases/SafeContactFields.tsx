import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contactChannels } from '../../../shared/cases';
import { safeContact } from '../../../shared/cases.api';
import { CheckboxGroup, TextAreaField, TextField } from '../../ui/fields';
import { maxLengthOf, type FormField, type FormMessages } from '../../ui/form';
import { useCaseLabels } from './cases.labels';
import type { SafeContactValues } from './safeContact.form';

const person = safeContact.shape.safePerson.unwrap().shape;

/** The safe-contact inputs by their path in the request: the element (`prefix`-sc-…) and the label the error summary names. */
export function useSafeContactFields(prefix: string): Record<string, FormField> {
  const { t } = useTranslation();
  const name = { id: `${prefix}-sc-person-name`, label: t('cases.safeContact.safePersonName') };
  return {
    // A group's summary link leads to its first box.
    'safeContact.channels': { id: `${prefix}-sc-channels-${contactChannels[0]}`, label: t('cases.safeContact.channels') },
    'safeContact.hours': { id: `${prefix}-sc-hours`, label: t('cases.safeContact.hours') },
    'safeContact.codeWord': { id: `${prefix}-sc-code-word`, label: t('cases.safeContact.codeWord') },
    'safeContact.safePerson': name,
    'safeContact.safePerson.name': name,
    'safeContact.safePerson.phone': { id: `${prefix}-sc-person-phone`, label: t('cases.safeContact.safePersonPhone') },
    'safeContact.safePerson.relation': { id: `${prefix}-sc-person-relation`, label: t('cases.safeContact.safePersonRelation') },
    'safeContact.notes': { id: `${prefix}-sc-notes`, label: t('cases.safeContact.notes') },
  };
}

/**
 * How and when she can be contacted safely: the `safeContact` group of the
 * surrounding form (FormProvider), its errors from `messages`.
 */
export function SafeContactFields({ prefix, messages }: { prefix: string; messages: FormMessages }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { register, control } = useFormContext<{ safeContact: SafeContactValues }>();
  const fields = useSafeContactFields(prefix);
  const text = (path: 'hours' | 'codeWord' | 'notes' | 'safePerson.name' | 'safePerson.phone' | 'safePerson.relation') => {
    const key = `safeContact.${path}` as const;
    return { id: fields[key]?.id ?? key, label: fields[key]?.label ?? key, error: messages.at(key), ...register(key) };
  };
  return (
    <fieldset className="mb-4">
      <legend className="h6 px-0">{t('cases.safeContact.legend')}</legend>
      <p className="form-text">{t('cases.safeContact.hint')}</p>
      <Controller
        control={control}
        name="safeContact.channels"
        render={({ field }) => (
          <CheckboxGroup
            id={`${prefix}-sc-channels`}
            legend={t('cases.safeContact.channels')}
            options={labels.options('contactChannel')}
            values={field.value}
            onChange={field.onChange}
            error={messages.at('safeContact.channels')}
          />
        )}
      />
      <TextField {...text('hours')} hint={t('cases.safeContact.hoursHint')} maxLength={maxLengthOf(safeContact.shape.hours)} />
      <div className="form-check mb-4">
        <input id={`${prefix}-sc-no-messages`} type="checkbox" {...register('safeContact.noMessages')} />
        <label htmlFor={`${prefix}-sc-no-messages`}>{t('cases.safeContact.noMessages')}</label>
      </div>
      <TextField {...text('codeWord')} hint={t('cases.safeContact.codeWordHint')} maxLength={maxLengthOf(safeContact.shape.codeWord)} autoComplete="off" />
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField {...text('safePerson.name')} maxLength={maxLengthOf(person.name)} autoComplete="off" />
        </div>
        <div className="col-12 col-md-4">
          <TextField {...text('safePerson.phone')} type="tel" autoComplete="off" />
        </div>
        <div className="col-12 col-md-4">
          <TextField {...text('safePerson.relation')} maxLength={maxLengthOf(person.relation)} autoComplete="off" />
        </div>
      </div>
      <TextAreaField {...text('notes')} maxLength={maxLengthOf(safeContact.shape.notes)} />
    </fieldset>
  );
}
