import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { daysFromToday, formatDayLong, formatInstantDay } from './cases.format';
import { useCaseLabels } from './cases.labels';
import { useTasks } from './plan.api';
import type { Tasks } from './plan.types';
import './cases.css';

const deadlineLabel = { hearingBy: 'cases.deadlines.hearing', prosecutorBy: 'cases.deadlines.prosecutor', judgeBy: 'cases.deadlines.judge' } as const;

/**
 * "Le mie scadenze" on the home page: what is due on the cases of her team.
 * Each item names the case by its pseudonymous code only, and links to it;
 * what is past its day says so in words, not by colour alone. The legal
 * deadlines are reminders: nothing here is enforced.
 */
export function TasksPanel() {
  const { t } = useTranslation();
  const tasks = useTasks(true);
  const data = tasks.data;
  const empty = data && !data.actions.length && !data.reviews.length && !data.deadlines.length && !data.stale.length;
  return (
    <section aria-labelledby="home-tasks" className="mt-5" data-testid="my-tasks">
      <h2 id="home-tasks" className="h4 mb-3">
        {t('cases.tasks.title')}
      </h2>
      {tasks.isPending ? <Loading /> : null}
      <ProblemAlert error={tasks.error} />
      {data ? <p>{t('cases.tasks.intro', { count: data.horizonDays })}</p> : null}
      {empty ? <p data-testid="my-tasks-empty">{t('cases.tasks.none', { count: data.horizonDays })}</p> : null}
      {data && !empty ? <TaskGroups data={data} /> : null}
    </section>
  );
}

function TaskGroups({ data }: { data: Tasks }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { lang } = labels;
  const when = (day: string) => {
    const days = daysFromToday(day);
    const date = formatDayLong(day, lang);
    return days < 0 ? t('cases.tasks.overdueOn', { date }) : days === 0 ? t('cases.tasks.today', { date }) : t('cases.tasks.dueBy', { date });
  };
  const overdue = (day: string | null) => !!day && daysFromToday(day) < 0;
  return (
    <>
      <TaskGroup id="home-tasks-actions" title={t('cases.tasks.actionsTitle')}>
        {data.actions.map((a) => (
          <TaskItem key={a.id} caseRef={a.case} overdue={overdue(a.dueOn)}>
            {labels.label('actionType', a.type)} ({labels.label('actionStatus', a.status).toLocaleLowerCase(lang)}) — {a.dueOn ? when(a.dueOn) : t('cases.plan.noDue')}
          </TaskItem>
        ))}
      </TaskGroup>
      <TaskGroup id="home-tasks-reviews" title={t('cases.tasks.reviewsTitle')}>
        {data.reviews.map((r) => (
          <TaskItem key={r.case.id} caseRef={r.case} overdue={overdue(r.dueOn)}>
            {t('cases.tasks.review')} — {r.dueOn ? when(r.dueOn) : t('cases.plan.noDue')}
          </TaskItem>
        ))}
      </TaskGroup>
      <TaskGroup id="home-tasks-deadlines" title={t('cases.tasks.deadlinesTitle')} hint={t('cases.tasks.deadlinesHint')}>
        {data.deadlines.map((d) => (
          <TaskItem key={`${d.case.id}-${d.kind}-${d.registeredOn}`} caseRef={d.case} overdue={false}>
            {t(deadlineLabel[d.kind])}: {when(d.dueOn)} — {t('cases.tasks.reportOf', { date: formatDayLong(d.registeredOn, lang) })}
          </TaskItem>
        ))}
      </TaskGroup>
      <TaskGroup id="home-tasks-stale" title={t('cases.tasks.staleTitle', { count: data.staleDays })}>
        {data.stale.map((s) => (
          <TaskItem key={s.case.id} caseRef={s.case} overdue={false}>
            {t('cases.tasks.lastContact', { date: formatInstantDay(s.lastContactAt, lang) })}
          </TaskItem>
        ))}
      </TaskGroup>
    </>
  );
}

/** A group of tasks with its heading; nothing at all when it has no items. */
function TaskGroup({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <section aria-labelledby={id} className="mt-4">
      <h3 id={id} className="h5">
        {title}
      </h3>
      {hint ? <p className="form-text">{hint}</p> : null}
      <ul className="case-ledger">{children}</ul>
    </section>
  );
}

function TaskItem({ caseRef, overdue, children }: { caseRef: { id: string; code: string }; overdue: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <li className={overdue ? 'case-ledger-item case-task-overdue' : 'case-ledger-item'} data-testid="task-item">
      <Link to={`/percorsi/${caseRef.id}`} className="case-code">
        {caseRef.code}
      </Link>
      : {children}
      {overdue ? (
        <>
          {' '}
          <span className="case-badge case-overdue">{t('cases.plan.overdue')}</span>
        </>
      ) : null}
    </li>
  );
}
