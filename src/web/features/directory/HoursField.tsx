import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Closure } from '../../../shared/directory';
import { hoursText } from '../../../shared/directory.api';
import { fieldErrorText } from '../../../shared/field-errors';
import { hoursLimitCode, hoursLimits } from '../../../shared/hours-limits';
import { scheduleExpression } from '../../../shared/hours-write';
import { TextField } from '../../ui/fields';
import { useLabels } from '../../ui/labels';
import { useHoursPreview } from './directory.api';
import { HoursGrid } from './HoursGrid';
import { draftOf, emptyDraft, readDraft, type GridDraft } from './hoursGrid.model';
import { HoursPreview } from './HoursPreview';

/** Waits until typing pauses (~300 ms), so each keystroke is not a request. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface Props {
  id: string;
  label: string;
  hint: string;
  kind: 'inPerson' | 'phone';
  value: string;
  closures: Closure[];
  disabled?: boolean;
  error?: string | undefined;
  onChange: (value: string) => void;
  /** Told whether the grid holds hours it cannot write (the form is not sent meanwhile). */
  onGridProblems?: (has: boolean) => void;
}

/**
 * Opening hours entered with a weekly grid that writes the `opening_hours`
 * expression; the expression stays editable under "Modifica l'espressione
 * (esperti)". An expression typed by hand goes back into the grid through
 * the schedule the server's preview derives from it; one no week can tell
 * (seasons, dates) leaves the grid aside and says so. The live preview
 * below is computed by the server with the same parser, holidays and
 * closures as the saved hours.
 */
export function HoursField({ id, label, hint, kind, value, closures, disabled, error, onChange, onGridProblems }: Props) {
  const { t } = useTranslation();
  const current = value.trim();
  const input = useDebounced(JSON.stringify({ openingHours: current, closures }), 300);
  const parsed = JSON.parse(input) as { openingHours: string; closures: Closure[] };
  const { lang } = useLabels();
  // Beyond the size limits the server refuses the preview: the field says why at once, and no preview is asked.
  const tooBig = current.length > hoursLimits.length;
  const limit = tooBig ? 'too_big' : hoursLimitCode(current);
  const limitText = limit ? fieldErrorText(limit, lang, tooBig ? { maximum: hoursLimits.length } : {}) : undefined;
  const askable = parsed.openingHours.length >= 2 && parsed.openingHours.length <= hoursLimits.length && !hoursLimitCode(parsed.openingHours);
  const preview = useHoursPreview(askable ? parsed : null);
  const data = askable ? preview.data : undefined;
  // The answer is about what the field now holds (not the one before, kept while the next loads).
  const answered = data && !preview.isPlaceholderData && parsed.openingHours === current ? data : undefined;

  const [draft, setDraft] = useState<GridDraft>(emptyDraft);
  /** The expression the grid stands for: the one it wrote, or the one it was loaded from. */
  const [gridFor, setGridFor] = useState<string | null>(null);
  const [expertOpen, setExpertOpen] = useState(false);

  useEffect(() => {
    if (current === gridFor) return;
    if (current === '') {
      setDraft(emptyDraft());
      setGridFor('');
    } else if (answered?.schedule) {
      setDraft(draftOf(answered.schedule));
      setGridFor(current);
    }
  }, [current, gridFor, answered]);

  const { problems } = readDraft(draft);
  const hasProblems = current === gridFor && problems.length > 0;
  useEffect(() => onGridProblems?.(hasProblems), [hasProblems, onGridProblems]);

  const mode = current === gridFor ? 'grid' : !limit && (answered?.schedule || (current.length >= 2 && !answered)) ? 'loading' : 'beyond';
  const edit = (next: GridDraft) => {
    setDraft(next);
    const { schedule } = readDraft(next);
    if (!schedule) return;
    const expression = scheduleExpression(schedule);
    setGridFor(expression);
    onChange(expression);
  };

  return (
    <div className="directory-hours mb-4">
      {mode === 'grid' ? (
        <HoursGrid id={`${id}-grid`} label={label} draft={draft} problems={problems} disabled={disabled} onChange={edit} />
      ) : (
        <div className="directory-grid" role="group" aria-labelledby={`${id}-grid-label`}>
          <p id={`${id}-grid-label`} className="fs-6 fw-semibold mb-1">
            {label}
          </p>
          <p className={mode === 'beyond' ? 'directory-grid-beyond' : undefined} data-testid={`${id}-grid-${mode}`}>
            {mode === 'beyond' ? t('directory.grid.beyond') : t('common.loading')}
          </p>
        </div>
      )}
      <details className="directory-expert mb-3" open={expertOpen || mode === 'beyond' || !!error || !!limit} onToggle={(e) => setExpertOpen(e.currentTarget.open)}>
        <summary>{t('directory.grid.expert')}</summary>
        <TextField
          id={id}
          label={label}
          hint={hint}
          error={error ?? limitText}
          value={value}
          maxLength={hoursText.maxLength ?? undefined}
          spellCheck={false}
          autoComplete="off"
          className="font-monospace"
          disabled={disabled}
          aria-controls={limit ? undefined : `${id}-preview`}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      </details>
      {limit ? null : <HoursPreview id={`${id}-preview`} label={label} kind={kind} value={value} data={data} />}
    </div>
  );
}
