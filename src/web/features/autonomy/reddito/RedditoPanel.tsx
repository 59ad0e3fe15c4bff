import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { redditoStateLabels, redditoStepLabels } from '../../../../shared/reddito.labels';
import { permissions } from '../../../api/permissions';
import { can, useMe } from '../../../api/session';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { useLabels } from '../../../ui/labels';
import { formatDayLong, todayInRome } from '../../cases/cases.format';
import type { CaseRecord } from '../../cases/cases.types';
import { isStale } from '../../cases/cases.write';
import { StaleCaseNotice } from '../../cases/StaleCaseNotice';
import { useFocusAfter } from '../../cases/useFocusAfter';
import { type Reddito, type RedditoApplication, useReddito, useRedditoWrites } from './reddito.api';
import { formatEuro } from './reddito.form';
import { RedditoForm } from './RedditoForm';

const OPEN_ID = 'reddito-edit';

/**
 * Reddito di libertà: the INPS measure for a woman in a pathway, a
 * checklist on the case's plan (the `plan` section; docs/autonomy.md).
 * The amount and months are the instance's configuration, shown as such;
 * a granted application keeps those of the day it was granted.
 */
export function RedditoPanel({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const me = useMe().data;
  const mayWrite = can(me, permissions.autonomyRedditoWrite);
  const query = useReddito(record.id);
  const { save, open } = useRedditoWrites(record.id);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const focus = useFocusAfter();
  const data = query.data;
  const close = () => {
    setEditing(false);
    focus(OPEN_ID);
  };
  const start = () =>
    open.mutate(undefined, {
      onSuccess: () => {
        setMessage(t('reddito.opened'));
        setEditing(true);
      },
    });

  return (
    <section aria-labelledby="reddito-title" className="mt-5 reddito">
      <h2 id="reddito-title" className="h5">
        {t('reddito.title')}
      </h2>
      {data ? <p>{t('reddito.intro', { amount: formatEuro(data.config.monthlyCents, lang), months: data.config.months })}</p> : null}
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      <StaleCaseNotice error={save.error} text={t('reddito.staleText')} />
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} />
      <ProblemAlert error={open.error} />
      {data && editing ? (
        <RedditoForm
          key={data.version}
          application={data.current}
          months={data.current?.monthsGranted ?? data.config.months}
          pending={save.isPending}
          error={isStale(save.error) ? null : save.error}
          onCancel={close}
          onSubmit={(input) =>
            save.mutate(
              { version: data.version, input },
              {
                onSuccess: (saved) => {
                  setMessage(t('reddito.saved', { state: saved.current ? redditoStateLabels[saved.current.state][lang] : '' }));
                  close();
                },
              },
            )
          }
        />
      ) : null}
      {data && !editing ? (
        <>
          {data.current ? <Checklist data={data} application={data.current} /> : <p>{t('reddito.none')}</p>}
          {mayWrite ? (
            <div className="d-flex flex-wrap gap-2 mb-4">
              {data.current ? (
                <button id={OPEN_ID} type="button" className="btn btn-primary" onClick={() => setEditing(true)}>
                  {t('reddito.edit')}
                </button>
              ) : null}
              {data.mayOpen ? (
                <button id={data.current ? undefined : OPEN_ID} type="button" className={data.current ? 'btn btn-outline-primary' : 'btn btn-primary'} disabled={open.isPending} aria-busy={open.isPending} onClick={start}>
                  {data.current ? t('reddito.openNext') : t('reddito.openFirst')}
                </button>
              ) : null}
            </div>
          ) : null}
          {data.history.length ? <History items={data.history} /> : null}
        </>
      ) : null}
    </section>
  );
}

/** The live application: its state, each step done (with its day and signatory) or still to do, the step it waits on, the months paid. */
function Checklist({ data, application: a }: { data: Reddito; application: RedditoApplication }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const day = (d: string | null) => (d ? formatDayLong(d, lang) : null);
  const steps: { key: string; label: string; on: string | null; by?: string | null }[] = [
    { key: 'cav', label: t('reddito.steps.cav'), on: a.cavStatementOn, by: a.cavOrganisation?.name ?? null },
    { key: 'social', label: t('reddito.steps.social'), on: a.socialStatementOn, by: a.socialOrganisation?.name ?? null },
    { key: 'filed', label: t('reddito.steps.filed'), on: a.filedOn },
    { key: 'outcome', label: t('reddito.steps.outcome'), on: a.outcomeOn, by: a.outcome ? redditoStateLabels[a.state][lang] : null },
  ];
  const overdue = data.due && data.due.dueOn < todayInRome();
  return (
    <div className="mb-4">
      <p>
        <span className="fw-semibold">{t('reddito.stateLabel')}</span> {redditoStateLabels[a.state][lang]}{' '}
        <span className="text-muted">{t('reddito.seq', { seq: a.seq, on: formatDayLong(a.openedOn, lang) })}</span>
      </p>
      <ol className="reddito-steps">
        {steps.map((s) => (
          <li key={s.key} className="mb-1">
            <span className="fw-semibold">{s.label}</span>
            {': '}
            {s.on ? (
              <>
                {t('reddito.doneOn', { day: day(s.on) })}
                {s.by ? ` — ${s.by}` : ''}
              </>
            ) : (
              t('reddito.toDo')
            )}
          </li>
        ))}
      </ol>
      {data.due ? (
        <p className={overdue ? 'fw-semibold text-danger' : undefined}>
          {t(overdue ? 'reddito.dueOverdue' : 'reddito.due', { step: redditoStepLabels[data.due.step][lang], day: formatDayLong(data.due.dueOn, lang) })}
        </p>
      ) : null}
      {a.monthlyCents !== null && a.monthsGranted !== null ? (
        <dl className="row mb-0">
          <dt className="col-sm-4">{t('reddito.monthly')}</dt>
          <dd className="col-sm-8">{formatEuro(a.monthlyCents, lang)}</dd>
          <dt className="col-sm-4">{t('reddito.monthsPaid')}</dt>
          <dd className="col-sm-8">{t('reddito.monthsOf', { paid: a.monthsPaid, granted: a.monthsGranted })}</dd>
          <dt className="col-sm-4">{t('reddito.paid')}</dt>
          <dd className="col-sm-8">{formatEuro(a.paidCents, lang)}</dd>
        </dl>
      ) : null}
    </div>
  );
}

/** The case's earlier applications, newest first. */
function History({ items }: { items: RedditoApplication[] }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  return (
    <div className="table-responsive">
      <table className="table table-sm">
        <caption>{t('reddito.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reddito.cols.seq')}</th>
            <th scope="col">{t('reddito.cols.opened')}</th>
            <th scope="col">{t('reddito.cols.state')}</th>
            <th scope="col">{t('reddito.cols.outcomeOn')}</th>
            <th scope="col" className="text-end">
              {t('reddito.cols.monthsPaid')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.seq}</th>
              <td>{formatDayLong(a.openedOn, lang)}</td>
              <td>{redditoStateLabels[a.state][lang]}</td>
              <td>{a.outcomeOn ? formatDayLong(a.outcomeOn, lang) : '—'}</td>
              <td className="text-end">{a.monthsGranted ? t('reddito.monthsOf', { paid: a.monthsPaid, granted: a.monthsGranted }) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
