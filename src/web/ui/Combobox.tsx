import { useEffect, useState, type InputHTMLAttributes, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import './combobox.css';

export interface ComboboxProps<T> {
  id: string;
  label: string;
  hint: string;
  error?: string | undefined;
  /** What is in the text box. */
  text: string;
  /** She typed (or Escape emptied the box). */
  onText: (text: string) => void;
  /** Whether she is looking for suggestions: typing opens, choosing, Escape and leaving close. */
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The suggestions for `text` (kept the same array while they do not change). */
  options: readonly T[];
  optionKey: (option: T) => string;
  renderOption: (option: T) => ReactNode;
  onPick: (option: T) => void;
  /** Enter with nothing highlighted: the option she obviously means (the only one, the one named exactly), if any. */
  guess: () => T | undefined;
  listLabel: string;
  /** Read out politely: how many suggestions, none, or why there are none. */
  status: string;
  /** Shown under the hint (a visible notice: suggestions unavailable…). */
  notice?: ReactNode;
  inputProps?: Pick<InputHTMLAttributes<HTMLInputElement>, 'maxLength' | 'autoCapitalize'>;
  ref?: Ref<HTMLInputElement>;
}

/**
 * The ARIA 1.2 combobox pattern (list autocomplete), once for every field
 * with suggestions. Focus stays in the text box; the arrow keys move a
 * highlighted option (aria-activedescendant), Enter chooses it (or the
 * `guess`), Escape closes the list and, pressed again, empties the field.
 * Enter with nothing to choose submits the form, which then says what is
 * missing. Options are chosen on mousedown, so the box keeps its focus.
 */
export function Combobox<T>(props: ComboboxProps<T>) {
  const { id, label, hint, error, text, onText, open, onOpenChange, options, optionKey, renderOption, onPick, guess, listLabel, status, notice, inputProps, ref } = props;
  const [active, setActive] = useState(-1);
  const expanded = open && options.length > 0;
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  // New suggestions: nothing highlighted until she moves with the arrows.
  useEffect(() => setActive(-1), [options]);

  const close = () => {
    onOpenChange(false);
    setActive(-1);
  };
  const choose = (option: T) => {
    close();
    onPick(option);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const move = (next: (a: number, n: number) => number) => {
      e.preventDefault();
      if (!open) onOpenChange(true);
      if (options.length) setActive((a) => next(a, options.length));
    };
    if (e.key === 'ArrowDown') move((a, n) => (a + 1) % n);
    else if (e.key === 'ArrowUp') move((a, n) => (a <= 0 ? n - 1 : a - 1));
    else if (e.key === 'Enter') {
      const match = expanded ? (options[active] ?? guess()) : undefined;
      if (match !== undefined) {
        e.preventDefault();
        choose(match);
      }
    } else if (e.key === 'Escape' && (expanded || text)) {
      e.preventDefault();
      if (expanded) close();
      else onText('');
    }
  };

  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <div className="form-group combobox mb-0">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <input
        {...inputProps}
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
        onChange={(e) => {
          onText(e.currentTarget.value);
          onOpenChange(true);
          // A highlighted suggestion belongs to the text before this keystroke.
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      <ul id={listId} role="listbox" aria-label={listLabel} className="combobox-listbox" hidden={!expanded}>
        {options.map((o, i) => (
          <li
            key={optionKey(o)}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'combobox-option active' : 'combobox-option'}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(o);
            }}
          >
            {renderOption(o)}
          </li>
        ))}
      </ul>
      <small id={`${id}-hint`} className="form-text d-block">
        {hint}
      </small>
      {notice}
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
