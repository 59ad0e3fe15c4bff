import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { caseloadDefaultOrder, caseloadSorts, type CaseloadSort } from '../../../shared/cases.api';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { DataTable } from '../../ui/DataTable';
import { PageHeading } from '../../ui/PageHeading';
import { PagedResults } from '../../ui/PagedResults';
import { pageParam } from '../../ui/Pagination';
import { useCaseload } from './cases.api';
import { isCode } from './cases.labels';
import type { CaseSummary } from './cases.types';
import { StageBadge } from './CaseBadges';
import { CaseloadFilters, type CaseloadFilterValues } from './CaseloadFilters';
import { CaseSearch } from './CaseSearch';
import { RiskAndContactCells, SummaryHeadCells, type SummarySort } from './CaseSummaryCells';
import { WorkloadFilterNotice, workloadFiltersOf, workloadParamsOf } from './caseload.workload';
import './cases.css';

const PAGE_SIZE = 25;

/** URL parameter names: Italian, and never anything about her (codes and filters only). */
const paramNames = { stage: 'fase', riskLevel: 'rischio', mine: 'miei', code: 'codice', staleDays: 'giorni' } as const;
/** The order in the address: `?ordina=rischio&verso=desc`. */
const sortSlugs: Record<CaseloadSort, string> = { recent: 'recenti', code: 'codice', stage: 'fase', risk: 'rischio', lastContact: 'contatto' };

function sortOf(params: URLSearchParams): { by: CaseloadSort; order: 'asc' | 'desc' } {
  const by = caseloadSorts.find((s) => sortSlugs[s] === params.get('ordina')) ?? 'recent';
  const verso = params.get('verso');
  return { by, order: verso === 'asc' || verso === 'desc' ? verso : caseloadDefaultOrder[by] };
}

function filtersOf(params: URLSearchParams): CaseloadFilterValues {
  return {
    stage: params.get(paramNames.stage) ?? '',
    riskLevel: params.get(paramNames.riskLevel) ?? '',
    mine: params.get(paramNames.mine) === '1',
    code: params.get(paramNames.code) ?? '',
    staleDays: params.get(paramNames.staleDays) ?? '',
  };
}

/**
 * The caseload: the cases of her team; the head sees every case of her
 * organisation, and those she is not on she may only open with a reason
 * (break-the-glass) or staff (team management).
 */
export function CaseloadPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('pagina'));
  const filters = filtersOf(params);
  const staleDays = Number(filters.staleDays);
  const sort = sortOf(params);
  const caseload = useCaseload({
    sort: sort.by,
    order: sort.order,
    page,
    pageSize: PAGE_SIZE,
    stage: isCode('stage', filters.stage) ? filters.stage : undefined,
    riskLevel: isCode('risk', filters.riskLevel) ? filters.riskLevel : undefined,
    mine: filters.mine || undefined,
    code: filters.code || undefined,
    staleDays: Number.isInteger(staleDays) && staleDays >= 1 && staleDays <= 3650 ? staleDays : undefined,
    ...workloadFiltersOf(params),
  });

  const apply = (values: CaseloadFilterValues) => {
    const next: Record<string, string> = workloadParamsOf(params);
    if (values.stage) next[paramNames.stage] = values.stage;
    if (values.riskLevel) next[paramNames.riskLevel] = values.riskLevel;
    if (values.mine) next[paramNames.mine] = '1';
    if (values.code) next[paramNames.code] = values.code;
    if (values.staleDays) next[paramNames.staleDays] = values.staleDays;
    for (const kept of ['ordina', 'verso']) if (params.get(kept)) next[kept] = params.get(kept)!;
    setParams(next);
  };
  const onSort = (by: CaseloadSort, order: 'asc' | 'desc') => {
    const next = new URLSearchParams(params);
    next.delete('pagina');
    next.set('ordina', sortSlugs[by]);
    next.set('verso', order);
    setParams(next);
  };
  const onPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('pagina', String(p));
    setParams(next);
  };

  return (
    <>
      <PageHeading>{t('cases.caseload.title')}</PageHeading>
      <p>{t('cases.caseload.intro')}</p>
      {can(me, permissions.caseBreakGlass) ? <p>{t('cases.caseload.headIntro')}</p> : null}
      {can(me, permissions.caseWrite) ? (
        <p className="mb-5">
          <Link to="/percorsi/nuovo" className="btn btn-primary">
            {t('cases.caseload.create')}
          </Link>
        </p>
      ) : null}
      <CaseSearch />
      <WorkloadFilterNotice params={params} />
      <CaseloadFilters key={params.toString()} initial={filters} onApply={apply} />
      <PagedResults
        query={caseload}
        page={page}
        pageSize={PAGE_SIZE}
        count={(total) => t('cases.caseload.count', { count: total })}
        pagesLabel={t('cases.caseload.pages')}
        onPage={onPage}
      >
        {(items) => <CaseloadTable items={items} sort={{ ...sort, onSort }} />}
      </PagedResults>
    </>
  );
}

function CaseloadTable({ items, sort }: { items: CaseSummary[]; sort: SummarySort }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const mayOpen = can(me, permissions.caseBreakGlass);
  const mayStaff = can(me, permissions.caseTeam);
  const mayAudit = can(me, permissions.caseAccessLog);
  return (
    <DataTable caption={t('cases.caseload.caption')}>
      <thead>
        <tr>
          <SummaryHeadCells sort={sort} />
          <th scope="col">{t('cases.fields.team')}</th>
          {mayOpen || mayStaff || mayAudit ? <th scope="col">{t('common.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id} data-testid="caseload-row">
            <th scope="row" className="fw-normal text-nowrap">
              {c.sections.length ? (
                <Link to={`/percorsi/${c.id}`} className="case-code">
                  {c.code}
                </Link>
              ) : (
                <span className="case-code">{c.code}</span>
              )}
            </th>
            <td>
              {!c.sections.length ? (
                <span className="text-muted-strong">{t('cases.caseload.notOnTeam')}</span>
              ) : !c.sections.includes('identity') ? (
                <span className="text-muted-strong">{t('cases.caseload.identityNotShared')}</span>
              ) : (
                (c.alias ?? <span className="text-muted-strong">{t('cases.caseload.anonymous')}</span>)
              )}
            </td>
            <td>
              <StageBadge stage={c.stage} />
            </td>
            <RiskAndContactCells c={c} />
            <td>{c.referente ?? '—'}</td>
            <td>{c.team.length ? c.team.join(', ') : '—'}</td>
            {mayOpen || mayStaff || mayAudit ? (
              <td>
                <span className="d-flex flex-column gap-1 align-items-start">
                  {!c.sections.length && mayOpen ? (
                    <Link to={`/percorsi/${c.id}/apri`} state={{ code: c.code }} className="btn btn-sm btn-outline-primary text-nowrap" aria-label={t('cases.caseload.openWithReasonFor', { code: c.code })}>
                      {t('cases.caseload.openWithReason')}
                    </Link>
                  ) : null}
                  {mayStaff ? (
                    <Link to={`/percorsi/${c.id}/equipe`} state={{ code: c.code }} className="btn btn-sm btn-outline-primary text-nowrap" aria-label={t('cases.caseload.manageTeamFor', { code: c.code })}>
                      {t('cases.caseload.manageTeam')}
                    </Link>
                  ) : null}
                  {mayAudit ? (
                    <Link to={`/percorsi/${c.id}/accessi`} state={{ code: c.code }} className="btn btn-sm btn-outline-secondary text-nowrap" aria-label={t('cases.caseload.accessLogFor', { code: c.code })}>
                      {t('cases.caseload.accessLog')}
                    </Link>
                  ) : null}
                </span>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
