import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { callOutcomes, type CallOutcome } from '../../../shared/directory';
import { CALL_WITHDRAW_MS, callCreate } from '../../../shared/routing.api';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField } from '../../ui/fields';
import { useFormMessages, useSchemaForm } from '../../ui/form';
import { Icon } from '../../ui/Icon';
import { useLabels } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ComuneCombobox } from './ComuneCombobox';
import { comuneLabel } from './comuni.api';
import { recordCall, useTransfer, withdrawCall, type NewCall } from './routing.api';
import { callLanguages, formatTime, isCallLanguage, messageLanguage } from './routing.format';
import { TransferAnswerView } from './TransferAnswerView';
import './routing.css';

/**
 * The call's comune and language with the API's own rules; the outcome
 * comes from the button pressed. The comune is empty until one is chosen
 * from the suggestions (or typed as a code, then checked as one).
 */
const comuneChosen = z.string().min(1, 'comune_not_chosen').pipe(callCreate.shape.comune);
const callForm = callCreate.pick({ comune: true, language: true }).extend({ comune: comuneChosen });
const ready = { comune: '', language: 'it' };

const outcomeStyle: Record<CallOutcome, string> = {
  transferred: 'btn-primary',
  informed: 'btn-primary',
  police_alerted: 'btn-danger',
  other: 'btn-outline-primary',
};

/**
 * The 1522 operator's screen, one call at a time: the caller's comune (and
 * language) → transfer or inform, then one click records the outcome and
 * the screen is ready for the next call. Nothing typed here is stored: the
 * call log gets only comune, language and outcome.
 */
export function HelplinePage() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const announce = useAnnounce();
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [text, setText] = useState('');
  /** The ISTAT code looked up, and a counter so a repeated search asks again. */
  const [comune, setComune] = useState<string | null>(null);
  const [lookup, setLookup] = useState(0);
  /** The call recorded last; `undoable` while she may still withdraw it (a minute). */
  const [last, setLast] = useState<{ id: number; call: NewCall; comune: string; at: string; undoable: boolean } | null>(null);
  const focused = useRef(0);
  // Checked when she asks (Trova), not while she types (the kit's default): a name is not chosen until she picks it.
  const form = useSchemaForm(callForm, { defaultValues: ready });
  const chosen = useWatch({ control: form.control, name: 'language' });
  const language = isCallLanguage(chosen) ? chosen : 'it';

  const answer = useTransfer(comune ? { comune, lookup } : null);
  const data = comune ? answer.data : undefined;

  // The call starts with the comune: the field has the focus when the screen opens.
  useEffect(() => inputRef.current?.focus(), []);

  // The undo button goes when the server would refuse it (a minute after recording).
  useEffect(() => {
    if (!last?.undoable) return;
    const timer = window.setTimeout(() => setLast((l) => (l && l.id === last.id ? { ...l, undoable: false } : l)), CALL_WITHDRAW_MS - (Date.now() - Date.parse(last.at)));
    return () => window.clearTimeout(timer);
  }, [last]);

  // A new answer takes the focus (its heading), so a screen reader reads it
  // and Tab leads to the outcome buttons. A change of language only updates
  // the message: focus stays on the language field.
  useEffect(() => {
    if (!data || focused.current === lookup) return;
    focused.current = lookup;
    // A code typed by hand becomes the comune's name.
    setText((current) => (/^\d{6}$/.test(current.trim()) ? comuneLabel(data.comune) : current));
    headingRef.current?.focus();
  }, [data, lookup]);

  const record = useMutation({
    mutationFn: ({ call }: { call: NewCall; label: string }) => recordCall(call),
    onSuccess: ({ id }, { call, label }) => {
      const outcome = t(`routing.outcome.${call.outcome}`);
      undo.reset();
      setLast({ id, call, comune: label, at: new Date().toISOString(), undoable: true });
      announce(t('routing.outcome.recorded', { outcome, comune: label }));
      // Ready for the next call: empty field, Italian, focus in the field.
      setComune(null);
      setText('');
      form.reset(ready);
      inputRef.current?.focus();
    },
  });

  // A wrong outcome withdrawn: the same call is back on screen (comune, language, a fresh answer) for the right one.
  const undo = useMutation({
    mutationFn: (id: number) => withdrawCall(id),
    onSuccess: () => {
      if (!last) return;
      const { call, comune: label } = last;
      announce(t('routing.outcome.undone', { outcome: t(`routing.outcome.${call.outcome}`), comune: label }));
      setLast(null);
      setText(label);
      form.reset({ comune: call.comune, language: call.language });
      search(call.comune);
    },
  });

  const fields = {
    comune: { id: 'routing-comune', label: t('routing.comune.label') },
    language: { id: 'routing-language', label: t('routing.language.label') },
  };
  const messages = useFormMessages(form.formState.errors, record.error, fields);

  const search = (code: string) => {
    record.reset();
    setComune(code);
    setLookup((n) => n + 1);
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    // Digits are a code typed by hand (checked as one); a name counts only when chosen from the list.
    const typed = text.trim();
    if (/^\d+$/.test(typed)) form.setValue('comune', typed);
    void form.handleSubmit(({ comune: code }) => search(code))(e);
  };

  const onOutcome = (outcome: CallOutcome) => {
    if (!data || record.isPending) return;
    // The sportello she was sent to; none when the police were alerted or another outcome.
    const sportelloId = (outcome === 'transferred' || outcome === 'informed') && data.referent ? data.referent.id : undefined;
    const label = comuneLabel(data.comune);
    void form.handleSubmit((call) => record.mutate({ call: { ...call, comune: data.comune.istatCode, outcome, ...(sportelloId ? { sportelloId } : {}) }, label }))();
  };

  return (
    <>
      <PageHeading>{t('routing.helpline.title')}</PageHeading>
      <p>{t('routing.helpline.intro')}</p>

      <div className="callout danger routing-emergency" data-testid="routing-emergency">
        <div className="callout-inner">
          <div className="callout-title">
            <Icon name="it-warning-circle" />
            <span className="text">{t('routing.emergency.title')}</span>
          </div>
          <p className="mb-0">{t('routing.emergency.text')}</p>
        </div>
      </div>

      <ErrorSummary id="routing-errors" items={messages.summary} />
      <form role="search" noValidate onSubmit={onSubmit} className="row g-3 align-items-start mb-3" aria-label={t('routing.helpline.formLabel')}>
        <div className="col-12 col-md-6">
          <Controller
            control={form.control}
            name="comune"
            render={({ field }) => (
              <ComuneCombobox
                id={fields.comune.id}
                ref={inputRef}
                label={fields.comune.label}
                hint={t('routing.comune.hint')}
                error={messages.at('comune')}
                text={text}
                onText={(value) => {
                  setText(value);
                  field.onChange('');
                  form.clearErrors('comune');
                  // The answer on screen is always the one for the comune in the field.
                  setComune(null);
                }}
                onPick={(c) => {
                  setText(comuneLabel(c));
                  field.onChange(c.istatCode);
                  form.clearErrors('comune');
                  search(c.istatCode);
                }}
              />
            )}
          />
        </div>
        <div className="col-12 col-md-4">
          <SelectField
            id={fields.language.id}
            label={fields.language.label}
            hint={t('routing.language.hint')}
            options={callLanguages.map((l) => ({ value: l, label: t(`routing.languages.${l}`) }))}
            {...form.register('language')}
            error={messages.at('language')}
          />
        </div>
        <div className="col-12 col-md-2 routing-search-action">
          <button type="submit" className="btn btn-primary w-100">
            {t('routing.helpline.search')}
          </button>
        </div>
      </form>

      {last ? (
        <div className="routing-last mb-3">
          <p className="mb-1" data-testid="routing-last">
            <Icon name="it-check-circle" />{' '}
            {t('routing.outcome.last', { time: formatTime(last.at, lang), outcome: t(`routing.outcome.${last.call.outcome}`), comune: last.comune })}
          </p>
          {last.undoable ? (
            <p className="mb-0 small">
              {t('routing.outcome.undoHint')}{' '}
              <button type="button" className="btn btn-outline-primary btn-sm ms-1" aria-busy={undo.isPending} onClick={() => !undo.isPending && undo.mutate(last.id)}>
                {t('routing.outcome.undo')}
              </button>
            </p>
          ) : null}
          <ProblemAlert error={undo.error} />
        </div>
      ) : null}

      {comune ? <ProblemAlert error={answer.error} /> : null}
      {comune && answer.isFetching && !data ? <Loading /> : null}

      {data ? (
        <>
          <TransferAnswerView answer={data} caller={messageLanguage(language)} headingRef={headingRef} />
          <section aria-labelledby="routing-outcome-title" className="routing-outcomes">
            <h2 id="routing-outcome-title" className="h5">
              {t('routing.outcome.title')}
            </h2>
            <p>{t('routing.outcome.hint')}</p>
            <ProblemAlert error={record.error} />
            <div className="d-flex flex-wrap gap-2">
              {callOutcomes.map((o) => (
                <button
                  key={o}
                  type="button"
                  className={`btn ${outcomeStyle[o]}`}
                  // Not `disabled`: the pressed button keeps the focus if recording fails.
                  aria-disabled={record.isPending}
                  aria-busy={record.isPending && record.variables.call.outcome === o}
                  onClick={() => onOutcome(o)}
                >
                  {t(`routing.outcome.${o}`)}
                </button>
              ))}
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}
