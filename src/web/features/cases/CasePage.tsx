import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { Loading } from '../../ui/Loading';
import { type KeepFocus, PageHeading } from '../../ui/PageHeading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { Tabs, type TabItem } from '../../ui/Tabs';
import { useCase } from './cases.api';
import { formatInstant } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { CaseRecord } from './cases.types';
import { AuthorsTab } from './AuthorsTab';
import { ChildrenTab } from './ChildrenTab';
import { ConsentsTab } from './ConsentsTab';
import { DocumentsTab } from './DocumentsTab';
import { PlanTab } from './PlanTab';
import { PrintSheet } from './PrintSheet';
import { ProfileTab } from './ProfileTab';
import { SummaryTab } from './SummaryTab';
import { TeamTab } from './TeamTab';
import { TimelineTab } from './TimelineTab';
import { type TabKey, tabSlugs } from './case.tabs';
import { RiskTab } from '../risk/RiskTab';
import { CaseReferralsTab } from '../referrals/CaseReferralsTab';
import { SafetyPlanPanel } from './SafetyPlanPanel';
import { MinorTab } from '../minors/MinorTab';
import { BringToReviewLink } from '../reviews/BringToReviewLink';
import { CaseProjectsPanel } from '../autonomy/projects/CaseProjectsPanel';
import { RedditoPanel } from '../autonomy/reddito/RedditoPanel';
import './cases.css';

const tabKeys = Object.keys(tabSlugs) as TabKey[];

/** The tabs her access opens: a section not in `access.sections` has no tab at all. */
function tabsFor(record: CaseRecord, refers: boolean): TabKey[] {
  const sees = (s: CaseRecord['access']['sections'][number]) => record.access.sections.includes(s);
  const tabs: (TabKey | false)[] = [
    'summary',
    (sees('profile') || sees('identity')) && 'profile',
    sees('children') && 'children',
    // A minor's pathway (docs/minors.md): on a case whose profile says under 18, or for a reader who holds the section and not the profile.
    sees('minor') && (record.profile?.ageBand === 'lt18' || !sees('profile')) && 'minor',
    sees('timeline') && 'timeline',
    sees('risk') && 'risk',
    // A work/housing share (a CPI advisor, a housing agency) opens the plan's goals of those areas.
    (sees('plan') || sees('work_housing')) && 'plan',
    sees('consents') && 'consents',
    // Referring her elsewhere is the owning organisation's team's (docs/referrals.md).
    refers && record.access.via === 'team' && record.access.acts.manageConsents && 'referrals',
    sees('documents') && 'documents',
    'team',
    sees('authors') && 'authors',
  ];
  return tabs.filter((k): k is TabKey => k !== false);
}

/** One woman's pathway, as far as her access covers it. */
export function CasePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useCase(id);
  const me = useMe().data;

  if (query.isPending) return <Loading />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <>
        <PageHeading>{missing ? t('cases.page.notFoundTitle') : t('cases.page.title')}</PageHeading>
        {missing ? <p>{t('cases.page.notFound')}</p> : <ProblemAlert error={query.error} />}
        {missing && id && can(me, permissions.caseBreakGlass) ? (
          <p>
            {t('cases.page.headHint')}{' '}
            <Link to={`/percorsi/${id}/apri`}>{t('cases.caseload.openWithReason')}</Link>
          </p>
        ) : null}
        <Link to="/percorsi">{t('cases.backToCaseload')}</Link>
      </>
    );
  }
  return <CaseView record={query.data} />;
}

function CaseView({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const { lang } = useCaseLabels();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created;
  const me = useMe().data;
  const keys = tabsFor(record, can(me, permissions.referralRead));
  // The tab is in the address: Back returns to the previous tab, a link opens one.
  const [params, setParams] = useSearchParams();
  const selected = tabKeys.find((k) => tabSlugs[k] === params.get('scheda')) ?? 'summary';
  const setSelected = (key: TabKey) => setParams(key === 'summary' ? {} : { scheda: tabSlugs[key] }, { state: { keepFocus: true } satisfies KeepFocus });
  const current = keys.includes(selected) ? selected : 'summary';
  const items: TabItem<TabKey>[] = keys.map((key) => ({ key, label: t(`cases.tabs.${key}`) }));
  const alias = record.identity?.firstName;

  return (
    <>
      {/* The code only in the title (it names the browser tab and its history): never her name. */}
      <PageHeading className="mb-2">{t('cases.page.titleFor', { code: record.code })}</PageHeading>
      {alias ? <p className="lead mb-2">{t('cases.page.alias', { name: alias })}</p> : null}
      <p className="mb-4">
        <Link to="/percorsi">{t('cases.backToCaseload')}</Link>
      </p>
      {created ? <SuccessAlert>{t('cases.page.created', { code: created })}</SuccessAlert> : null}
      {record.breakGlass.length ? (
        <div className="callout warning" data-testid="break-glass-notice">
          <div className="callout-inner">
            <div className="callout-title">
              <span className="text">{t('cases.page.breakGlassTitle')}</span>
            </div>
            <ul className="mb-0">
              {record.breakGlass.map((b, i) => (
                <li key={`${b.at}-${i}`}>
                  {t('cases.page.breakGlassItem', { name: b.displayName, at: formatInstant(b.at, lang), until: formatInstant(b.expiresAt, lang) })}
                  {b.reason ? ` ${t('cases.page.breakGlassReason', { reason: b.reason })}` : ''}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {record.access.via === 'break_glass' ? <p className="fw-semibold">{t('cases.page.viaBreakGlass')}</p> : null}
      <PrintSheet record={record} />
      <BringToReviewLink record={record} />
      <Tabs id="case" label={t('cases.tabs.label')} items={items} selected={current} onSelect={setSelected}>
        {current === 'summary' ? <SummaryTab record={record} /> : null}
        {current === 'profile' ? <ProfileTab record={record} /> : null}
        {current === 'children' ? <ChildrenTab caseId={record.id} mayOpenCase={can(me, permissions.caseWrite) && record.access.acts.editRecord} /> : null}
        {current === 'minor' ? <MinorTab caseId={record.id} mayEdit={can(me, permissions.caseWrite) && record.access.acts.editRecord} /> : null}
        {current === 'timeline' ? <TimelineTab record={record} /> : null}
        {current === 'risk' ? (
          <>
            <RiskTab record={record} />
            <SafetyPlanPanel record={record} />
          </>
        ) : null}
        {current === 'plan' ? <PlanTab record={record} /> : null}
        {/* The Reddito di libertà under the plan (its `plan` section; docs/autonomy.md): not for a work/housing share alone. */}
        {current === 'plan' && record.access.sections.includes('plan') && can(me, permissions.autonomyRedditoRead) ? <RedditoPanel record={record} /> : null}
        {/* Autonomy projects under the plan: the whole plan, or a work/housing share (which sees their work and housing actions). */}
        {current === 'plan' && (record.access.sections.includes('plan') || record.access.sections.includes('work_housing')) && can(me, permissions.autonomyProjectRead) ? <CaseProjectsPanel record={record} /> : null}
        {current === 'consents' ? <ConsentsTab record={record} /> : null}
        {current === 'referrals' ? <CaseReferralsTab record={record} /> : null}
        {current === 'documents' ? <DocumentsTab record={record} /> : null}
        {current === 'team' ? <TeamTab record={record} /> : null}
        {current === 'authors' ? <AuthorsTab caseId={record.id} /> : null}
      </Tabs>
    </>
  );
}
