import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { callOutcomes, type CallOutcome } from '../../../shared/directory';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField } from '../../ui/fields';
import { Icon } from '../../ui/Icon';
import { useLabels } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ComuneCombobox } from './ComuneCombobox';
import { comuneLabel } from './comuni.api';
import { recordCall, useTransfer, type CallLanguage, type NewCall } from './routing.api';
import { callLanguages, formatTime, isCallLanguage, messageLanguage } from './routing.format';
import { TransferAnswerView } from './TransferAnswerView';
import './routing.css';

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
  const [language, setLanguage] = useState<CallLanguage>('it');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [last, setLast] = useState<{ outcome: CallOutcome; comune: string; at: string } | null>(null);
  const focused = useRef(0);

  const answer = useTransfer(comune ? { comune, lang: messageLanguage(language), lookup } : null);
  const data = comune ? answer.data : undefined;

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
    onSuccess: (_result, { call, label }) => {
      const outcome = t(`routing.outcome.${call.outcome}`);
      setLast({ outcome: call.outcome, comune: label, at: new Date().toISOString() });
      announce(t('routing.outcome.recorded', { outcome, comune: label }));
      // Ready for the next call: empty field, Italian, focus in the field.
      setComune(null);
      setText('');
      setLanguage('it');
      inputRef.current?.focus();
    },
  });

  const search = (code: string) => {
    setFieldError(undefined);
    record.reset();
    setComune(code);
    setLookup((n) => n + 1);
  };

  const onText = (value: string) => {
    setText(value);
    setFieldError(undefined);
    // The answer on screen is always the one for the comune in the field.
    setComune(null);
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = text.trim();
    if (/^\d{6}$/.test(value)) return search(value);
    if (comune) return search(comune);
    setFieldError(t('routing.comune.choose'));
    inputRef.current?.focus();
  };

  const onOutcome = (outcome: CallOutcome) => {
    if (!data || record.isPending) return;
    // The sportello she was sent to; none when the police were alerted or another outcome.
    const sportelloId = (outcome === 'transferred' || outcome === 'informed') && data.referent ? data.referent.id : undefined;
    const call: NewCall = { comune: data.comune.istatCode, outcome, language, ...(sportelloId ? { sportelloId } : {}) };
    record.mutate({ call, label: comuneLabel(data.comune) });
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

      <form role="search" noValidate onSubmit={onSubmit} className="row g-3 align-items-start mb-3" aria-label={t('routing.helpline.formLabel')}>
        <div className="col-12 col-md-6">
          <ComuneCombobox
            id="routing-comune"
            ref={inputRef}
            label={t('routing.comune.label')}
            hint={t('routing.comune.hint')}
            error={fieldError}
            text={text}
            onText={onText}
            onPick={(c) => {
              setText(comuneLabel(c));
              search(c.istatCode);
            }}
          />
        </div>
        <div className="col-12 col-md-4">
          <SelectField
            id="routing-language"
            label={t('routing.language.label')}
            hint={t('routing.language.hint')}
            options={callLanguages.map((l) => ({ value: l, label: t(`routing.languages.${l}`) }))}
            value={language}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isCallLanguage(value)) setLanguage(value);
            }}
          />
        </div>
        <div className="col-12 col-md-2 routing-search-action">
          <button type="submit" className="btn btn-primary w-100">
            {t('routing.helpline.search')}
          </button>
        </div>
      </form>

      {last ? (
        <p className="routing-last" data-testid="routing-last">
          <Icon name="it-check-circle" />{' '}
          {t('routing.outcome.last', { time: formatTime(last.at, lang), outcome: t(`routing.outcome.${last.outcome}`), comune: last.comune })}
        </p>
      ) : null}

      {comune ? <ProblemAlert error={answer.error} /> : null}
      {comune && answer.isFetching && !data ? <Loading /> : null}

      {data ? (
        <>
          <TransferAnswerView answer={data} headingRef={headingRef} />
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
