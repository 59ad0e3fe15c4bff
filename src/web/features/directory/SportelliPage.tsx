import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { DataTable } from '../../ui/DataTable';
import { PageHeading } from '../../ui/PageHeading';
import { PagedResults } from '../../ui/PagedResults';
import { pageParam } from '../../ui/Pagination';
import { SuccessAlert } from '../../ui/ProblemAlert';
import { isVisibility, useDirectoryNetwork, useDirectoryNetworks, useProfiles, useSportelli } from './directory.api';
import { DirectoryTabs } from './DirectoryTabs';
import { SportelliFilters, type SportelliFilterValues } from './SportelliFilters';
import { SportelliMap } from './SportelliMap';
import { SportelloNow, VisibilityBadge } from './SportelloState';
import './directory.css';

const PAGE_SIZE = 25;

/** URL parameter names (Italian: they are what staff see and share). */
const paramNames: Record<keyof SportelliFilterValues, string> = { q: 'q', network: 'rete', organisation: 'ente', comune: 'comune', visibility: 'visibilita' };

/** The sportelli she may see, with their state now, and a plot of where they are. */
export function SportelliPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('pagina'));
  const filters = Object.fromEntries(Object.entries(paramNames).map(([key, name]) => [key, params.get(name) ?? ''])) as unknown as SportelliFilterValues;
  const visibility = isVisibility(filters.visibility) ? filters.visibility : undefined;
  const comune = /^\d{6}$/.test(filters.comune) ? filters.comune : undefined;
  const sportelli = useSportelli({
    page,
    pageSize: PAGE_SIZE,
    q: filters.q || undefined,
    network: filters.network || undefined,
    organisation: filters.organisation || undefined,
    comune,
    visibility,
  });
  const networks = useDirectoryNetworks();
  // The territory drawn under the points: the network filtered on, else her only network.
  const only = networks.data?.items.length === 1 ? networks.data.items[0]!.id : undefined;
  const territory = useDirectoryNetwork(filters.network || only).data?.comuni.map((c) => c.istatCode);
  const profiles = useProfiles({ page: 1, pageSize: 100 });
  const saved = (location.state as { saved?: string; deleted?: string } | null) ?? {};

  const apply = (values: SportelliFilterValues) => {
    const next: Record<string, string> = {};
    for (const [key, name] of Object.entries(paramNames)) {
      const value = values[key as keyof SportelliFilterValues];
      if (value) next[name] = value;
    }
    setParams(next);
  };
  const onPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('pagina', String(p));
    setParams(next);
  };

  return (
    <>
      <PageHeading>{t('directory.sportelli.title')}</PageHeading>
      <DirectoryTabs />
      {saved.saved ? <SuccessAlert>{t('directory.sportelli.saved', { name: saved.saved })}</SuccessAlert> : null}
      {saved.deleted ? <SuccessAlert>{t('directory.sportelli.deleted', { name: saved.deleted })}</SuccessAlert> : null}
      <p>{t('directory.sportelli.intro')}</p>
      {can(me, permissions.directoryManage) ? (
        <p>
          <Link to="/rete/servizi/nuovo" className="btn btn-primary">
            {t('directory.sportelli.create')}
          </Link>
        </p>
      ) : null}
      <SportelliFilters
        key={params.toString()}
        initial={filters}
        networks={networks.data?.items ?? []}
        organisations={profiles.data?.items ?? []}
        onApply={apply}
      />
      <PagedResults
        query={sportelli}
        page={page}
        pageSize={PAGE_SIZE}
        count={(total) => t('directory.sportelli.count', { count: total })}
        pagesLabel={t('directory.sportelli.pages')}
        onPage={onPage}
      >
        {(items) => (
          <>
            <DataTable caption={t('directory.sportelli.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('directory.fields.name')}</th>
                  <th scope="col">{t('directory.fields.organisation')}</th>
                  <th scope="col">{t('directory.fields.comune')}</th>
                  <th scope="col">{t('directory.fields.visibility')}</th>
                  <th scope="col">{t('directory.sportelli.now')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" className="fw-normal">
                      <Link to={`/rete/servizi/${s.id}`}>{s.name}</Link>
                    </th>
                    <td>{s.organisation.name}</td>
                    <td>
                      {s.comune.name} ({s.comune.provinceSigla})
                    </td>
                    <td>
                      <VisibilityBadge visibility={s.visibility} />
                    </td>
                    <td>
                      <SportelloNow sportello={s} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <SportelliMap items={items} territory={territory} />
          </>
        )}
      </PagedResults>
    </>
  );
}
