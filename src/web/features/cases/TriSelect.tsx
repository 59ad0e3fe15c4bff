import { useTranslation } from 'react-i18next';
import { SelectField } from '../../ui/fields';

const asText = (value: boolean | null | undefined) => (value === true ? 'yes' : value === false ? 'no' : '');

/**
 * A yes / no / not known question, for a react-hook-form `Controller`: it
 * holds what the API takes (true, false, or null for "not known").
 */
export function TriSelect({
  id,
  label,
  value,
  onChange,
  onBlur,
  error,
}: {
  id: string;
  label: string;
  value: boolean | null | undefined;
  onChange: (value: boolean | null) => void;
  onBlur?: () => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={label}
      placeholder={t('cases.notKnown')}
      options={[
        { value: 'yes', label: t('cases.yes') },
        { value: 'no', label: t('cases.no') },
      ]}
      value={asText(value)}
      onChange={(e) => onChange(e.currentTarget.value === 'yes' ? true : e.currentTarget.value === 'no' ? false : null)}
      onBlur={onBlur}
      error={error}
    />
  );
}
