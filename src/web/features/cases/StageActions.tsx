import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseStages, type ClosureOutcome } from '../../../shared/cases';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { SelectField, TextField } from '../../ui/fields';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { changeStage, reopenCase } from './cases.api';
import { formatDayLong, todayInRome } from './cases.format';
import { isCode, useCaseLabels } from './cases.labels';
import type { CaseRecord, StageChange } from './cases.types';
import { isStale, useCaseWrite } from './cases.write';
import { StaleCaseNotice } from './StaleCaseNotice';
import { useCaseErrors } from './useCaseErrors';

type Forward = 'accoglienza' | 'presa_in_carico';

/**
 * Moving the pathway on: forward to a later stage (stages may be skipped,
 * never undone), closing it with its outcome, or re-opening a closed one.
 */
export function StageActions({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [on, setOn] = useState(todayInRome);
  const [outcome, setOutcome] = useState('');
  const [reopenAs, setReopenAs] = useState<Forward>('presa_in_carico');
  const [outcomeError, setOutcomeError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const move = useCaseWrite(record, (current, change: StageChange) => changeStage(current, change));
  const reopen = useCaseWrite(record, (current, v: { on: string; stage: Forward }) => reopenCase(current, v));
  const error = move.error ?? reopen.error;
  const server = useCaseErrors(error);
  const dateError = !on ? t('cases.errors.required') : server.on;
  const closed = record.stage === 'concluso';
  const index = caseStages.indexOf(record.stage);
  const forward = (['accoglienza', 'presa_in_carico'] as const).filter((s) => caseStages.indexOf(s) > index);

  const reset = () => {
    setDone(null);
    move.reset();
    reopen.reset();
  };
  const go = (change: StageChange) => {
    reset();
    if (!on) return document.getElementById('stage-on')?.focus();
    move.mutate(change, { onSuccess: (r) => setDone(t('cases.stageActions.moved', { stage: labels.label('stage', r.stage) })) });
  };
  /** Closing is asked twice, saying what happens; the outcome and the date come first. */
  const readyToClose = () => {
    if (!isCode('outcome', outcome)) {
      setOutcomeError(t('cases.stageActions.outcomeRequired'));
      document.getElementById('stage-outcome')?.focus();
      return false;
    }
    setOutcomeError(undefined);
    if (!on) document.getElementById('stage-on')?.focus();
    return !!on;
  };
  const close = () => go({ stage: 'concluso', on, outcome: outcome as ClosureOutcome });
  const doReopen = () => {
    reset();
    if (!on) return document.getElementById('stage-on')?.focus();
    reopen.mutate({ on, stage: reopenAs }, { onSuccess: (r) => setDone(t('cases.stageActions.reopened', { stage: labels.label('stage', r.stage) })) });
  };
  const pending = move.isPending || reopen.isPending;

  return (
    <section aria-labelledby="stage-actions-title" className="mt-4 case-form">
      <h3 id="stage-actions-title" className="h5">
        {closed ? t('cases.stageActions.reopenTitle') : t('cases.stageActions.title')}
      </h3>
      {done ? <SuccessAlert>{done}</SuccessAlert> : null}
      <StaleCaseNotice error={error} />
      {error && !isStale(error) && !server.on ? <ProblemAlert error={error} /> : null}
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField id="stage-on" type="date" label={t('cases.stageActions.on')} max={todayInRome()} value={on} onChange={(e) => setOn(e.currentTarget.value)} error={dateError} />
        </div>
        {closed ? (
          <div className="col-12 col-md-4">
            <SelectField id="stage-reopen-as" label={t('cases.stageActions.reopenAs')} options={labels.options('stage', ['accoglienza', 'presa_in_carico'])} value={reopenAs} onChange={(e) => setReopenAs(e.currentTarget.value === 'accoglienza' ? 'accoglienza' : 'presa_in_carico')} />
          </div>
        ) : null}
      </div>
      {closed ? (
        <button type="button" className="btn btn-primary" disabled={pending} onClick={doReopen}>
          {t('cases.stageActions.reopen')}
        </button>
      ) : (
        <>
          <div className="d-flex flex-wrap gap-2 mb-4">
            {forward.map((s) => (
              <button key={s} type="button" className="btn btn-primary" disabled={pending} onClick={() => go({ stage: s, on })}>
                {t(`cases.stageActions.moveTo.${s}`)}
              </button>
            ))}
          </div>
          <fieldset className="stage-close">
            <legend className="h6 px-0">{t('cases.stageActions.closeTitle')}</legend>
            <div className="row g-3 align-items-start">
              <div className="col-12 col-md-6">
                <SelectField id="stage-outcome" label={t('cases.stageActions.outcome')} placeholder={t('common.choose')} options={labels.options('outcome')} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} error={outcomeError ?? server.outcome} />
              </div>
              <div className="col-12 col-md-6 form-actions pt-md-4">
                <ConfirmButton
                  label={t('cases.stageActions.close')}
                  question={t('cases.stageActions.closeQuestion', {
                    outcome: isCode('outcome', outcome) ? labels.label('outcome', outcome) : '',
                    date: on ? formatDayLong(on, labels.lang) : '',
                  })}
                  variant="primary"
                  pending={pending}
                  beforeAsk={readyToClose}
                  onConfirm={close}
                />
              </div>
            </div>
          </fieldset>
        </>
      )}
    </section>
  );
}
