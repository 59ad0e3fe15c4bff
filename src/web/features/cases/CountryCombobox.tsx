import { useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { searchKey } from '../../../shared/text';
import '../routing/routing.css';
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

/**
 * A country field with suggestions, the comune field's ARIA 1.2 combobox
 * pattern (ComuneCombobox) over a list held here: focus stays in the text
 * box, the arrows move a highlighted option (aria-activedescendant), Enter
 * chooses it (or the only one, or the one named exactly), Escape closes the
 * list and, pressed again, empties the field. She reads and types names
 * ("Marocco", "maroc", "Morocco"); the form holds the code (MA).
 */
export function CountryCombobox({ id, label, hint, error, value, onChange, ref }: Props) {
  const { t, i18n } = useTranslation();
  const options = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const nameOf = (code: string) => options.find((o) => o.value === code)?.label ?? code;
  const [text, setText] = useState(() => nameOf(value));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const shown = open ? matchCountries(options, text) : [];
  const expanded = shown.length > 0;
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  const type = (typed: string) => {
    setText(typed);
    setOpen(true);
    setActive(-1);
    onChange(countryFromText(options, typed));
  };
  const choose = (o: CountryOption) => {
    setText(o.label);
    setOpen(false);
    setActive(-1);
    onChange(o.value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const move = (next: (a: number, n: number) => number) => {
      e.preventDefault();
      setOpen(true);
      if (shown.length) setActive((a) => next(a, shown.length));
    };
    if (e.key === 'ArrowDown') move((a, n) => (a + 1) % n);
    else if (e.key === 'ArrowUp') move((a, n) => (a <= 0 ? n - 1 : a - 1));
    else if (e.key === 'Enter') {
      const key = searchKey(text);
      const match = expanded ? (shown[active] ?? (shown.length === 1 ? shown[0] : shown.find((o) => o.keys.includes(key)))) : undefined;
      // Otherwise the form is submitted, and says to choose a country.
      if (match) {
        e.preventDefault();
        choose(match);
      }
    } else if (e.key === 'Escape' && (expanded || text)) {
      e.preventDefault();
      if (expanded) setOpen(false);
      else type('');
    }
  };

  const status = !open || !searchKey(text) ? '' : shown.length === 0 ? t('cases.profile.countryNone') : t('cases.profile.countryCount', { count: shown.length });
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <div className="form-group comune-combobox mb-0">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <input
        id={id}
        ref={ref}
        type="text"
        role="combobox"
        className={['form-control', error ? 'is-invalid' : ''].join(' ').trim()}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => type(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
      />
      <ul id={listId} role="listbox" aria-label={t('cases.profile.countryList')} className="comune-listbox" hidden={!expanded}>
        {shown.map((o, i) => (
          <li
            key={o.value}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'comune-option active' : 'comune-option'}
            // mousedown, not click: the text box must not lose focus (and close the list) first.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(o);
            }}
          >
            <span className="fw-semibold">{o.label}</span>
          </li>
        ))}
      </ul>
      <small id={`${id}-hint`} className="form-text d-block">
        {hint}
      </small>
      {error ? (
        <div id={`${id}-error`} className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      ) : null}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {status}
      </div>
    </div>
  );
}
