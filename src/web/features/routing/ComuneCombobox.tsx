import { useEffect, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { comuneSearchQuery } from '../../../shared/help.api';
import { searchKey } from '../../../shared/text';
import { Combobox } from '../../ui/Combobox';
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

const none: ComuneOption[] = [];

/**
 * A comune name field with suggestions from the public comuni search.
 * Enter with nothing highlighted chooses the only suggestion, or the one
 * whose name is exactly what she typed, so "Bergamo ⏎" is enough; an ISTAT
 * code is submitted as typed.
 */
export function ComuneCombobox({ id, label, hint, error, text, onText, onPick, ref }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
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
  const options = searchable && comuni.data ? comuni.data : none;

  const guess = () => {
    if (!current) return undefined;
    const key = searchKey(text);
    const exact = (o: ComuneOption) => searchKey(o.name) === key || (o.nameAlt !== null && searchKey(o.nameAlt) === key);
    return options.length === 1 ? options[0] : options.find(exact);
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

  return (
    <Combobox
      id={id}
      label={label}
      hint={hint}
      error={error}
      text={text}
      onText={onText}
      open={open}
      onOpenChange={setOpen}
      options={options}
      optionKey={(o) => o.istatCode}
      renderOption={(o) => (
        <>
          <span className="fw-semibold">{comuneLabel(o)}</span>
          <span className="combobox-option-detail">{o.regionName}</span>
        </>
      )}
      onPick={onPick}
      guess={guess}
      listLabel={t('routing.comune.listLabel')}
      status={status}
      notice={
        failed ? (
          <small className="form-text d-block fw-semibold" aria-hidden="true">
            {status}
          </small>
        ) : null
      }
      inputProps={{ maxLength: comuneSearchQuery.shape.q.maxLength ?? undefined, autoCapitalize: 'words' }}
      ref={ref}
    />
  );
}
