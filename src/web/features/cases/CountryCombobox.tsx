import { useMemo, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { searchKey } from '../../../shared/text';
import { Combobox } from '../../ui/Combobox';
import { countryFromText, countryOptions, matchCountries, type CountryOption } from './profile.names';

interface Props {
  id: string;
  label: string;
  hint: string;
  error?: string | undefined;
  /** A country's code, or what she typed that names none yet. */
  value: string;
  onChange: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
}

const none: CountryOption[] = [];

/**
 * A country field with suggestions from the list held here. She reads and
 * types names ("Marocco", "maroc", "Morocco"); the form holds the code (MA).
 * Enter with nothing highlighted chooses the only suggestion or the one
 * named exactly.
 */
export function CountryCombobox({ id, label, hint, error, value, onChange, ref }: Props) {
  const { t, i18n } = useTranslation();
  const all = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const [text, setText] = useState(() => all.find((o) => o.value === value)?.label ?? value);
  const [open, setOpen] = useState(false);
  const shown = useMemo(() => (open ? matchCountries(all, text) : none), [all, open, text]);

  const type = (typed: string) => {
    setText(typed);
    onChange(countryFromText(all, typed));
  };
  const guess = () => {
    const key = searchKey(text);
    return shown.length === 1 ? shown[0] : shown.find((o) => o.keys.includes(key));
  };
  const status = !open || !searchKey(text) ? '' : shown.length === 0 ? t('cases.profile.countryNone') : t('cases.profile.countryCount', { count: shown.length });

  return (
    <Combobox
      id={id}
      label={label}
      hint={hint}
      error={error}
      text={text}
      onText={type}
      open={open}
      onOpenChange={setOpen}
      options={shown}
      optionKey={(o) => o.value}
      renderOption={(o) => <span className="fw-semibold">{o.label}</span>}
      onPick={(o) => {
        setText(o.label);
        onChange(o.value);
      }}
      guess={guess}
      listLabel={t('cases.profile.countryList')}
      status={status}
      ref={ref}
    />
  );
}
