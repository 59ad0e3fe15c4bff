import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FormMessages } from '../../ui/form';
import { ComuneCombobox } from '../routing/ComuneCombobox';
import { comuneLabel } from '../routing/comuni.api';
import type { ComuneValue } from './cases.form';

/**
 * Where she lives: the `comune` of the surrounding form (FormProvider), a
 * name chosen from the suggestions or an ISTAT code. Typing again forgets
 * the suggestion chosen. Its errors are the form's own (`comune`) or the
 * server's (`comuneCode`).
 */
export function ComuneField({ id, label, messages }: { id: string; label: string; messages: FormMessages }) {
  const { t } = useTranslation();
  const { control } = useFormContext<{ comune: ComuneValue }>();
  return (
    <Controller
      control={control}
      name="comune"
      render={({ field }) => (
        <ComuneCombobox
          id={id}
          label={label}
          hint={t('cases.wizard.comuneHint')}
          error={messages.at('comune') ?? messages.at('comuneCode')}
          text={field.value.text}
          onText={(text) => field.onChange({ text, code: '' })}
          onPick={(c) => field.onChange({ text: comuneLabel(c), code: c.istatCode })}
          ref={field.ref}
        />
      )}
    />
  );
}
