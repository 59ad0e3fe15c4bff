import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { highRiskLevels } from '../../../shared/cases';
import { parseInstrument } from '../../../shared/risk/instrument';
import type { AssessmentCreate } from '../../../shared/risk.api';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { SelectField } from '../../ui/fields';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { RiskBadge } from '../cases/CaseBadges';
import { daysFromToday, formatDayLong } from '../cases/cases.format';
import { useCaseLabels } from '../cases/cases.labels';
import type { CaseRecord } from '../cases/cases.types';
import { useFocusAfter } from '../cases/useFocusAfter';
import { AssessmentForm } from './AssessmentForm';
import { createAssessment, useAssessed, useInstrument, useInstruments, useRiskSummary } from './risk.api';
import type { Assessment, AssessmentCreated, RiskSummary } from './risk.types';
import { RiskTrend } from './RiskTrend';
import './risk.css';

const NEW_ID = 'risk-new';
const RESULT_ID = 'risk-result';

/** The latest assessment: final level in words, how it was reached, by whom and when. */
function Latest({ a }: { a: Assessment }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { lang } = labels;
  const computed = a.computedLevel ? labels.label('risk', a.computedLevel) : null;
  return (
    <dl className="case-facts">
      <dt>{t('risk.latest.final')}</dt>
      <dd>
        <RiskBadge level={a.finalLevel} />
      </dd>
      <dt>{t('risk.latest.computed')}</dt>
      <dd>
        {computed ?? t('risk.latest.noComputed')}
        {a.score !== null ? ` — ${t('risk.history.scoreOf', { score: a.score.toLocaleString(lang), max: (a.maxScore ?? 0).toLocaleString(lang) })}` : ''}
      </dd>
      {a.judgementLevel && a.judgementLevel !== a.computedLevel ? (
        <>
          <dt>{t('risk.latest.judgement')}</dt>
          <dd>
            {a.lowered ? (
              <strong>{t('risk.latest.lowered', { from: computed ?? '', to: labels.label('risk', a.finalLevel) })}</strong>
            ) : computed ? (
              t('risk.latest.raised', { from: computed, to: labels.label('risk', a.finalLevel) })
            ) : (
              t('risk.latest.set', { to: labels.label('risk', a.finalLevel) })
            )}
            {a.reason ? <span className="d-block">{t('risk.latest.reason', { reason: a.reason })}</span> : null}
          </dd>
        </>
      ) : null}
      {a.tooManyUnknown ? (
        <>
          <dt>{t('risk.latest.unknownTitle')}</dt>
          <dd>{t('risk.latest.tooManyUnknown', { count: a.missing.length + a.unknown.length })}</dd>
        </>
      ) : null}
      <dt>{t('risk.latest.on')}</dt>
      <dd>
        {formatDayLong(a.assessedOn, lang)} — {labels.label('riskOccasion', a.occasion)}
      </dd>
      <dt>{t('risk.latest.assessor')}</dt>
      <dd>{t('risk.latest.assessorOf', { name: a.assessor.displayName ?? t('risk.latest.formerStaff'), organisation: a.assessor.organisation.name })}</dd>
      <dt>{t('risk.latest.instrument')}</dt>
      <dd>
        {t('risk.latest.instrumentOf', { title: a.instrument.title[lang], version: a.instrument.version })}
        {a.instrument.example ? <span className="case-badge risk-example-badge ms-2">{t('risk.exampleBadge')}</span> : null}
      </dd>
    </dl>
  );
}

/** When the next assessment is due; overdue is said in words, the colour only repeats it. */
function Due({ summary }: { summary: RiskSummary }) {
  const { t } = useTranslation();
  const { lang } = useCaseLabels();
  const due = summary.reassessmentDueOn;
  if (!due) return <p>{summary.latest ? t('risk.due.none') : t('risk.due.first')}</p>;
  const days = daysFromToday(due);
  const why = summary.reassessmentReason === 'event' ? t('risk.due.event') : t('risk.due.interval', { weeks: summary.reassessWeeks });
  if (days < 0)
    return (
      <p className="risk-due risk-overdue" data-testid="risk-due">
        <span className="case-badge case-overdue">{t('risk.due.overdueBadge')}</span> {t('risk.due.overdue', { date: formatDayLong(due, lang), count: -days })} {why}
      </p>
    );
  return (
    <p className="risk-due" data-testid="risk-due">
      {days === 0 ? t('risk.due.today') : t('risk.due.on', { date: formatDayLong(due, lang), count: days })} {why}
    </p>
  );
}

/** What a new assessment set off: the level, and the plan's new actions when it is high. */
function Result({ created }: { created: AssessmentCreated }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const level = labels.label('risk', created.finalLevel);
  const high = (highRiskLevels as readonly string[]).includes(created.finalLevel);
  return (
    <div id={RESULT_ID} tabIndex={-1} className={`callout ${high ? 'danger' : 'success'}`} role="status">
      <div className="callout-inner">
        <div className="callout-title">
          <span className="text">{t('risk.result.saved', { level })}</span>
        </div>
        {high && created.triggered ? (
          <>
            <p>{t('risk.result.triggered', { count: created.actionIds.length })}</p>
            <ul className="mb-0">
              <li>{t('risk.result.safetyPlan')}</li>
              <li>{t('risk.result.shelter')}</li>
              <li>{t('risk.result.review')}</li>
            </ul>
          </>
        ) : high ? (
          <p className="mb-0">{t('risk.result.alreadyHigh')}</p>
        ) : null}
      </div>
    </div>
  );
}

/** The instrument chosen (its own select when the network has several), then its form. */
function NewAssessment({ record, onDone, onCancel }: { record: CaseRecord; onDone: (created: AssessmentCreated) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { lang } = useCaseLabels();
  const caseId = record.id;
  const list = useInstruments();
  const usable = (list.data ?? []).filter((i) => !i.retiredAt);
  const [chosen, setChosen] = useState<string | null>(null);
  // The latest version in the case's network comes chosen; she may take another of her networks'.
  const preferred = usable.filter((i) => i.network.id === record.network?.id).sort((a, b) => b.version - a.version)[0] ?? (usable.length === 1 ? usable[0] : undefined);
  const id = (chosen ?? preferred?.id) || undefined;
  const detail = useInstrument(id);
  const assessed = useAssessed(caseId);
  const save = useMutation({ mutationFn: (body: AssessmentCreate) => createAssessment(caseId, body), onSuccess: (created) => (assessed(), onDone(created)) });
  const parsed = detail.data ? parseInstrument(detail.data.definition) : null;

  if (list.isPending) return <Loading />;
  if (list.error) return <ProblemAlert error={list.error} />;
  if (!usable.length) return <p>{t('risk.form.noInstrument')}</p>;
  return (
    <div className="case-part">
      {usable.length > 1 ? (
        <div className="row">
          <div className="col-12 col-md-8">
            <SelectField
              id="risk-form-instrument"
              label={t('risk.form.instrument')}
              value={id ?? ''}
              onChange={(e) => setChosen(e.currentTarget.value)}
              placeholder={t('common.choose')}
              options={usable.map((i) => ({ value: i.id, label: t('risk.form.instrumentOption', { title: i.title[lang], version: i.version, network: i.network.name }) + (i.example ? ` (${t('risk.exampleBadge')})` : '') }))}
            />
          </div>
        </div>
      ) : null}
      {detail.isFetching ? <Loading /> : null}
      <ProblemAlert error={detail.error} />
      {id && detail.data && parsed?.ok ? (
        <AssessmentForm key={id} instrumentId={id} instrument={parsed.instrument} pending={save.isPending} error={save.error} onSubmit={(body) => save.mutate(body)} />
      ) : null}
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <button type="button" className="btn btn-outline-primary mt-3" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

/**
 * Rischio: the latest assessment, when the next is due, the trend of the
 * final level, and a new assessment generated from the network's instrument.
 */
export function RiskTab({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const summary = useRiskSummary(record.id);
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<AssessmentCreated | null>(null);
  const focus = useFocusAfter();
  const mayAssess = can(me, permissions.caseWrite) && record.stage !== 'concluso';

  return (
    <section aria-labelledby="case-risk-title">
      <h2 id="case-risk-title" className="h5">
        {t('risk.title')}
      </h2>
      {created ? <Result created={created} /> : null}
      {summary.isPending ? <Loading /> : null}
      <ProblemAlert error={summary.error} />
      {summary.data ? (
        <>
          <section aria-labelledby="risk-latest-title" className="mt-3">
            <h3 id="risk-latest-title" className="h6">
              {t('risk.latest.title')}
            </h3>
            {summary.data.latest ? <Latest a={summary.data.latest} /> : <p>{t('risk.latest.none')}</p>}
            <Due summary={summary.data} />
          </section>
          {mayAssess ? (
            open ? (
              <NewAssessment
                record={record}
                onCancel={() => (setOpen(false), focus(NEW_ID))}
                onDone={(c) => {
                  setCreated(c);
                  setOpen(false);
                  focus(RESULT_ID);
                }}
              />
            ) : (
              <button id={NEW_ID} type="button" className="btn btn-primary mb-3" onClick={() => (setCreated(null), setOpen(true))}>
                {t('risk.form.open')}
              </button>
            )
          ) : null}
          <section aria-labelledby="risk-history-title" className="mt-4">
            <h3 id="risk-history-title" className="h6">
              {t('risk.history.title')}
            </h3>
            <RiskTrend history={summary.data.history} />
          </section>
        </>
      ) : null}
    </section>
  );
}
