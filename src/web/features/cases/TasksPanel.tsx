import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Pagination } from '../../ui/Pagination';
import { type Tasks, useTasks } from '../home/home.api';
import { HomeSection } from '../home/HomeSection';
import { formatDayLong, formatInstantDay } from './cases.format';
import { useCaseLabels } from './cases.labels';
import { redditoStepLabels } from '../../../shared/reddito.labels';
import { useFollowUpTexts } from '../autonomy/followups/followups.texts';
import './cases.css';

const deadlineLabel = {
  hearingBy: 'cases.deadlines.hearing',
  prosecutorBy: 'cases.deadlines.prosecutor',
  judgeBy: 'cases.deadlines.judge',
  minorReportBy: 'cases.deadlines.minorReport',
  minorReferralBy: 'cases.deadlines.minorReferral',
} as const;

/**
 * "Le mie scadenze" on the home page: what is due on the cases of her team,
 * the overdue first, then today, then the coming days — actions, reviews,
 * legal deadlines and risk re-assessments together, by day — and the pathways with no recent
 * contact, counted, ranked by the oldest contact and paged. Each item names
 * the case by its pseudonymous code only, and links to it; what is past its
 * day says so in words, not by colour alone. The legal deadlines are
 * reminders: nothing here is enforced.
 */
export function TasksPanel() {
  const { t } = useTranslation();
  const [stalePage, setStalePage] = useState(1);
  const tasks = useTasks(stalePage);
  const data = tasks.data;
  const empty = data && !data.actions.length && !data.reviews.length && !data.deadlines.length && !data.reassessments.length && !data.safetyPlanReviews.length && !data.redditoSteps.length && !data.followUps.length && !data.staleTotal;
  return (
    <HomeSection id="home-tasks" title={t('cases.tasks.title')} testId="my-tasks" query={tasks}>
      {data ? <p>{t('cases.tasks.intro', { count: data.horizonDays })}</p> : null}
      {empty ? <p data-testid="my-tasks-empty">{t('cases.tasks.none', { count: data.horizonDays })}</p> : null}
      {data && !empty ? (
        <>
          <DueGroups data={data} />
          <StaleGroup data={data} onPage={setStalePage} />
        </>
      ) : null}
    </HomeSection>
  );
}

interface Due {
  key: string;
  caseRef: { id: string; code: string };
  dueOn: string;
  /** Same day: actions, then reviews, then legal deadlines, then risk re-assessments, then safety plan reviews, Reddito steps, follow-ups. */
  rank: number;
  text: ReactNode;
}

/** Every dated reminder, by day: overdue, today, then the horizon. */
function DueGroups({ data }: { data: Tasks }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { lang } = labels;
  const { x: fx } = useFollowUpTexts();
  const when = (day: string) => {
    const date = formatDayLong(day, lang);
    return day < data.today ? t('cases.tasks.overdueOn', { date }) : day === data.today ? t('cases.tasks.today', { date }) : t('cases.tasks.dueBy', { date });
  };
  const dated = <T extends { dueOn: string | null }>(xs: T[]) => xs.filter((x): x is T & { dueOn: string } => x.dueOn !== null);
  const items: Due[] = [
    ...dated(data.actions).map((a) => ({
      key: `a-${a.id}`,
      caseRef: a.case,
      dueOn: a.dueOn,
      rank: 0,
      text: `${t('cases.tasks.kindAction')} · ${labels.label('actionType', a.type)} (${labels.label('actionStatus', a.status).toLocaleLowerCase(lang)}) — ${when(a.dueOn)}`,
    })),
    ...dated(data.reviews).map((r) => ({ key: `r-${r.case.id}`, caseRef: r.case, dueOn: r.dueOn, rank: 1, text: `${t('cases.tasks.kindReview')} — ${when(r.dueOn)}` })),
    ...data.deadlines.map((d) => ({
      key: `d-${d.case.id}-${d.kind}-${d.registeredOn}`,
      caseRef: d.case,
      dueOn: d.dueOn,
      rank: 2,
      // A minor's deadlines run from the day the centre learnt of it, the others from the report (docs/minors.md).
      text: `${t('cases.tasks.kindDeadline')} · ${t(deadlineLabel[d.kind])} — ${when(d.dueOn)} — ${t(d.kind.startsWith('minor') ? 'cases.tasks.minorKnownOn' : 'cases.tasks.reportOf', { date: formatDayLong(d.registeredOn, lang) })}`,
    })),
    ...data.reassessments.map((r) => ({
      key: `ra-${r.case.id}`,
      caseRef: r.case,
      dueOn: r.dueOn,
      rank: 3,
      text: `${t('cases.tasks.kindReassessment')}${r.reason === 'event' ? ` (${t('cases.tasks.reassessmentEvent')})` : ''} — ${when(r.dueOn)}`,
    })),
    ...data.safetyPlanReviews.map((r) => ({ key: `sp-${r.case.id}`, caseRef: r.case, dueOn: r.dueOn, rank: 4, text: `${t('cases.tasks.kindSafetyPlanReview')} — ${when(r.dueOn)}` })),
    // A Reddito di libertà step waiting too long (docs/autonomy.md): the step in words.
    ...data.redditoSteps.map((r) => ({ key: `rl-${r.case.id}`, caseRef: r.case, dueOn: r.dueOn, rank: 5, text: `${t('reddito.tasks.title')} · ${redditoStepLabels[r.step][lang]} — ${when(r.dueOn)}` })),
    // A follow-up after an autonomy project ended (docs/autonomy.md): which check, whether she may be contacted, and the project where it is recorded.
    ...data.followUps.map((f) => ({
      key: `fu-${f.followUpId}`,
      caseRef: f.case,
      dueOn: f.dueOn,
      rank: 6,
      text: (
        <>
          {fx.task(f.months)}
          {f.contactConsent ? '' : ` (${fx.taskNoConsent})`} — {when(f.dueOn)} — <Link to={`/autonomia/progetti/${f.projectId}`}>{fx.taskOpen}</Link>
        </>
      ),
    })),
  ].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.rank - b.rank || a.caseRef.code.localeCompare(b.caseRef.code));
  const overdue = items.filter((i) => i.dueOn < data.today);
  const today = items.filter((i) => i.dueOn === data.today);
  const coming = items.filter((i) => i.dueOn > data.today);
  const list = (xs: Due[], late: boolean) =>
    xs.map((i) => (
      <TaskItem key={i.key} caseRef={i.caseRef} overdue={late}>
        {i.text}
      </TaskItem>
    ));
  return (
    <>
      <TaskGroup id="home-tasks-overdue" title={t('cases.tasks.overdueTitle')}>
        {list(overdue, true)}
      </TaskGroup>
      <TaskGroup id="home-tasks-today" title={t('cases.tasks.todayTitle')}>
        {list(today, false)}
      </TaskGroup>
      <TaskGroup id="home-tasks-coming" title={t('cases.tasks.comingTitle', { count: data.horizonDays })}>
        {list(coming, false)}
      </TaskGroup>
      {data.deadlines.length ? <p className="form-text">{t('cases.tasks.deadlinesHint', { count: data.overdueDeadlineDays })}</p> : null}
      {data.omitted ? <p data-testid="tasks-omitted">{t('cases.tasks.omitted', { count: data.omitted })}</p> : null}
    </>
  );
}

/** The pathways with no contact for a while: how many, the oldest contact first, a page at a time. */
function StaleGroup({ data, onPage }: { data: Tasks; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const { lang } = useCaseLabels();
  if (!data.staleTotal) return null;
  return (
    <section aria-labelledby="home-tasks-stale" className="mt-4" data-testid="stale-pathways">
      <h3 id="home-tasks-stale" className="h5">
        {t('cases.tasks.staleTitle')}
      </h3>
      <p>
        {t('cases.tasks.staleCount', { count: data.staleTotal, days: data.staleDays })} {t('cases.tasks.staleOrder')}
      </p>
      <ul className="case-ledger">
        {data.stale.map((s) => (
          <TaskItem key={s.case.id} caseRef={s.case} overdue={false}>
            {t('cases.tasks.lastContact', { date: formatInstantDay(s.lastContactAt, lang) })}
          </TaskItem>
        ))}
      </ul>
      <Pagination page={data.stalePage} pageSize={data.stalePageSize} total={data.staleTotal} label={t('cases.tasks.stalePages')} onPage={onPage} />
    </section>
  );
}

/** A group of tasks with its heading; nothing at all when it has no items. */
function TaskGroup({ id, title, children }: { id: string; title: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <section aria-labelledby={id} className="mt-4">
      <h3 id={id} className="h5">
        {title}
      </h3>
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
