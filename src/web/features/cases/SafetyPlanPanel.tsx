import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bagItems, technologyChecks } from '../../../shared/safety-plan.api';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { formatDayLong, formatInstant } from './cases.format';
import type { CaseRecord } from './cases.types';
import { isStale } from './cases.write';
import { SafetyPlanForm } from './SafetyPlanForm';
import { useSafetyPlan, useSaveSafetyPlan, type SafetyPlan } from './safetyPlan.api';
import { useSafetyPlanLabels } from './safetyPlan.labels';
import type { SafetyPlanCodeOf } from '../../../shared/safety-plan.labels';
import { StaleCaseNotice } from './StaleCaseNotice';
import { useFocusAfter } from './useFocusAfter';
import './safetyPlan.css';

const OPEN_ID = 'sp-open';

/**
 * Piano di sicurezza: the plan agreed with her for moments of danger, in
 * the case's risk area (the `risk` section). 112 and 1522 are always on
 * it. Never printed (docs/safety-plan.md): there is no print button.
 */
export function SafetyPlanPanel({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const mayWrite = can(useMe().data, permissions.caseWrite);
  const query = useSafetyPlan(record.id);
  const save = useSaveSafetyPlan(record.id);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const focus = useFocusAfter();
  const data = query.data;
  const close = () => {
    setEditing(false);
    focus(OPEN_ID);
  };

  return (
    <section aria-labelledby="sp-title" className="mt-5 safety-plan">
      <h2 id="sp-title" className="h5">
        {t('safetyPlan.title')}
      </h2>
      <p>{t('safetyPlan.intro')}</p>
      <p className="fw-semibold">{t('safetyPlan.noPrint')}</p>
      <div className="callout important mb-4">
        <div className="callout-inner">
          <div className="callout-title">
            <span className="text">{t('safetyPlan.emergency.title')}</span>
          </div>
          <ul className="mb-0">
            <li>{t('safetyPlan.emergency.n112')}</li>
            <li>{t('safetyPlan.emergency.n1522')}</li>
          </ul>
        </div>
      </div>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      <StaleCaseNotice error={save.error} text={t('safetyPlan.staleText')} />
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} />
      {data && editing ? (
        <SafetyPlanForm
          key={data.version}
          plan={data.plan}
          team={record.team}
          pending={save.isPending}
          error={isStale(save.error) ? null : save.error}
          onCancel={close}
          onSubmit={(input) =>
            save.mutate(
              { version: data.version, input },
              {
                onSuccess: (saved) => {
                  setMessage(saved.actionsDone ? t('safetyPlan.savedActions', { count: saved.actionsDone, version: saved.version }) : t('safetyPlan.saved', { version: saved.version }));
                  close();
                },
              },
            )
          }
        />
      ) : null}
      {data && !editing ? (
        <>
          {data.plan ? <SafetyPlanView plan={data.plan} /> : <p>{t('safetyPlan.none')}</p>}
          {mayWrite ? (
            <button
              id={OPEN_ID}
              type="button"
              className="btn btn-primary mb-4"
              onClick={() => {
                save.reset();
                setMessage(null);
                setEditing(true);
              }}
            >
              {data.plan ? t('safetyPlan.edit') : t('safetyPlan.create')}
            </button>
          ) : null}
          <SafetyPlanHistory history={data.history} />
        </>
      ) : null}
    </section>
  );
}

/** The current plan, read only; the code word masked until asked for. */
function SafetyPlanView({ plan }: { plan: NonNullable<SafetyPlan['plan']> }) {
  const { t } = useTranslation();
  const labels = useSafetyPlanLabels();
  const [shown, setShown] = useState(false);
  const by = plan.savedBy ?? t('safetyPlan.formerStaff');
  const checked = <K extends 'bag' | 'technology'>(kind: K, codes: readonly SafetyPlanCodeOf<K>[], state: Record<SafetyPlanCodeOf<K>, boolean>, yes: string, no: string) => (
    <ul className="mb-0">
      {codes.map((code) => (
        <li key={code}>
          {labels.label(kind, code)}: {state[code] ? yes : no}
        </li>
      ))}
    </ul>
  );
  return (
    <div className="case-part">
      <p className="form-text">{t('safetyPlan.current', { version: plan.version, at: formatInstant(plan.savedAt, labels.lang), by })}</p>
      <dl className="safety-plan-view">
        <dt>{t('safetyPlan.safePlaces.title')}</dt>
        <dd>
          {plan.safePlaces.length ? (
            <ul className="mb-0">
              {plan.safePlaces.map((p, i) => (
                <li key={i}>
                  {labels.label('safePlace', p.kind)}
                  {p.description ? `: ${p.description}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            t('safetyPlan.safePlaces.none')
          )}
        </dd>
        <dt>{t('safetyPlan.contacts.title')}</dt>
        <dd>
          {plan.contacts.length ? (
            <ul className="mb-0">
              {plan.contacts.map((c, i) => (
                <li key={i}>
                  {c.name} ({labels.label('relationship', c.relationship)}): <a href={`tel:${c.phone.replace(/[^+0-9]/g, '')}`}>{c.phone}</a>
                </li>
              ))}
            </ul>
          ) : (
            t('safetyPlan.contacts.none')
          )}
        </dd>
        <dt>{t('safetyPlan.extraNumbers.title')}</dt>
        <dd>
          {plan.extraNumbers.length ? (
            <ul className="mb-0">
              {plan.extraNumbers.map((n, i) => (
                <li key={i}>
                  {n.label}: <a href={`tel:${n.number.replace(/[^+0-9]/g, '')}`}>{n.number}</a>
                </li>
              ))}
            </ul>
          ) : (
            t('safetyPlan.extraNumbers.none')
          )}
        </dd>
        <dt>{t('safetyPlan.bag.title')}</dt>
        <dd>
          {checked('bag', bagItems, plan.bag, t('safetyPlan.ready'), t('safetyPlan.notReady'))}
        </dd>
        <dt>{t('safetyPlan.school.informed')}</dt>
        <dd>
          {plan.schoolInformed ? labels.label('school', plan.schoolInformed) : t('safetyPlan.notSaid')}
          {plan.schoolInformedOn ? ` (${formatDayLong(plan.schoolInformedOn, labels.lang)})` : ''}
        </dd>
        <dt>{t('safetyPlan.codeWord.title')}</dt>
        <dd>
          {plan.codeWord ? (
            <>
              <span className="me-2" data-testid="sp-code-word">
                {shown ? plan.codeWord : t('safetyPlan.hidden')}
              </span>
              <button type="button" className="btn btn-sm btn-outline-primary" aria-pressed={shown} onClick={() => setShown((s) => !s)}>
                {shown ? t('safetyPlan.hideCodeWord') : t('safetyPlan.showCodeWord')}
              </button>
            </>
          ) : (
            t('safetyPlan.notSaid')
          )}
        </dd>
        <dt>{t('safetyPlan.escapeNotes.title')}</dt>
        <dd className="text-break">
          {plan.escapeNotes ?? t('safetyPlan.notSaid')}
        </dd>
        <dt>{t('safetyPlan.technology.title')}</dt>
        <dd>
          {checked('technology', technologyChecks, plan.technology, t('safetyPlan.done'), t('safetyPlan.notDone'))}
        </dd>
        <dt>{t('safetyPlan.agreement.agreedOn')}</dt>
        <dd>{plan.agreedOn ? formatDayLong(plan.agreedOn, labels.lang) : t('safetyPlan.notSaid')}</dd>
        <dt>{t('safetyPlan.agreement.agreedWith')}</dt>
        <dd>{plan.agreedWith ? plan.agreedWith.name || t('safetyPlan.formerStaff') : t('safetyPlan.notSaid')}</dd>
        <dt>{t('safetyPlan.agreement.nextReviewOn')}</dt>
        <dd>{plan.nextReviewOn ? formatDayLong(plan.nextReviewOn, labels.lang) : t('safetyPlan.notSaid')}</dd>
      </dl>
    </div>
  );
}

/** Every version: when, who, and the day it was agreed; never its content. */
function SafetyPlanHistory({ history }: { history: SafetyPlan['history'] }) {
  const { t } = useTranslation();
  const { lang } = useSafetyPlanLabels();
  if (!history.length) return null;
  return (
    <>
      <h3 className="h6">{t('safetyPlan.history.title')}</h3>
      <ul>
        {history.map((h) => (
          <li key={h.version}>
            {t('safetyPlan.history.item', { version: h.version, at: formatInstant(h.savedAt, lang), by: h.savedBy ?? t('safetyPlan.formerStaff') })}
            {h.agreedOn ? ` — ${t('safetyPlan.history.agreed', { date: formatDayLong(h.agreedOn, lang) })}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}
