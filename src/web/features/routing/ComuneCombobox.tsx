import { useEffect, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { comuneSearchQuery } from '../../../shared/help.api';
import { searchKey } from '../../../shared/text';
import { comuneLabel, useComuni, type ComuneOption } from './comuni.api';

interface Props {
  id: string;
  label: string;
  hint: string;
  error?: string | undefined;
  text: string;
  onText: (text: string) => void;
  /** A comune chosen from the list (click, or Enter on the highlighted or only matching one). */
  onPick: (comune: ComuneOption) => void;
  ref?: Ref<HTMLInputElement>;
}

/** Waits until typing pauses, so each keystroke is not a request. */
function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * A comune name field with suggestions: the ARIA 1.2 combobox pattern
 * (list autocomplete). Focus stays in the text box; the arrow keys move a
 * highlighted option (aria-activedescendant), Enter chooses it, Escape
 * closes the list and, pressed again, empties the field. Enter with nothing
 * highlighted chooses the only suggestion, or the one whose name is exactly
 * what she typed, so "Bergamo ⏎" is enough.
 */
export function ComuneCombobox({ id, label, hint, error, text, onText, onPick, ref }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = useDebounced(text.trim(), 150);
  // Only while she types (not for the label of a chosen comune). A code is
  // looked up directly; names need two letters to be worth a search. Both
  // the field and the debounced query must be names, so a code typed right
  // after a name never shows the name's suggestions.
  const isName = (v: string) => searchKey(v).length >= 2 && !/^\d+$/.test(v);
  const searchable = open && isName(text.trim()) && isName(query);
  const comuni = useComuni(searchable ? query : '');
  // While she types on, the last suggestions stay (no flicker); Enter only
  // guesses from suggestions that answer exactly what is in the field.
  const current = query === text.trim() && !comuni.isPlaceholderData;
  const options = searchable && comuni.data ? comuni.data : [];
  const expanded = open && options.length > 0;
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  // New suggestions: nothing highlighted until she moves with the arrows.
  useEffect(() => setActive(-1), [comuni.data]);

  const choose = (c: ComuneOption) => {
    setOpen(false);
    setActive(-1);
    onPick(c);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) setOpen(true);
        if (options.length) setActive((a) => (a + 1) % options.length);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) setOpen(true);
        if (options.length) setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
        break;
      case 'Enter': {
        const key = searchKey(text);
        // Suggestions still shown for the previous text are only chosen when highlighted.
        const exact = (o: ComuneOption) => searchKey(o.name) === key || (o.nameAlt !== null && searchKey(o.nameAlt) === key);
        const guess = !current ? undefined : options.length === 1 ? options[0] : options.find(exact);
        const match = expanded ? (options[active] ?? guess) : undefined;
        // Otherwise the form is submitted: a 6-digit code, or a message to choose.
        if (match) {
          e.preventDefault();
          choose(match);
        }
        break;
      }
      case 'Escape':
        if (expanded) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text) {
          e.preventDefault();
          onText('');
        }
        break;
      default:
        break;
    }
  };

  // The suggestions come from the public, rate-limited list: when it fails
  // (busy, offline) the code still works, through the routing API.
  const failed = searchable && comuni.isError;
  const status = failed
    ? t('routing.comune.unavailable')
    : !searchable || !current || comuni.isFetching
      ? ''
      : options.length === 0
        ? t('routing.comune.none')
        : t('routing.comune.count', { count: options.length });

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
        maxLength={comuneSearchQuery.shape.q.maxLength ?? undefined}
        autoCapitalize="words"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          onText(e.currentTarget.value);
          setOpen(true);
          // A highlighted suggestion belongs to the text before this keystroke.
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
      />
      <ul id={listId} role="listbox" aria-label={t('routing.comune.listLabel')} className="comune-listbox" hidden={!expanded}>
        {options.map((o, i) => (
          <li
            key={o.istatCode}
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
            <span className="fw-semibold">{comuneLabel(o)}</span>
            <span className="comune-option-region">{o.regionName}</span>
          </li>
        ))}
      </ul>
      <small id={`${id}-hint`} className="form-text d-block">
        {hint}
      </small>
      {failed ? (
        <small className="form-text d-block fw-semibold" aria-hidden="true">
          {status}
        </small>
      ) : null}
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
