import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { permissions } from '../../../api/permissions';
import { can, useMe } from '../../../api/session';
import { DataTable } from '../../../ui/DataTable';
import { formatDate } from '../../../ui/format';
import { useLabels } from '../../../ui/labels';
import { PageHeading } from '../../../ui/PageHeading';
import { pageParam } from '../../../ui/Pagination';
import { PagedResults } from '../../../ui/PagedResults';
import { SuccessAlert } from '../../../ui/ProblemAlert';
import { SearchForm } from '../../../ui/SearchForm';
import { useOrganisations } from './organisations.api';

const pageSize = 25;

/** The directory of the network's organisations. Filters live in the URL so Back works. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe().data;
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const q = params.get('q') ?? '';
  const list = useOrganisations({ page, pageSize, q });
  const canManage = can(me, permissions.organisationManage);
  const saved = (location.state as { saved?: string } | null)?.saved;

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <PageHeading>{t('organisations.title')}</PageHeading>
        {canManage ? (
          <Link to="/admin/organizzazioni/nuova" className="btn btn-primary">
            {t('organisations.new')}
          </Link>
        ) : null}
      </div>
      {saved ? <SuccessAlert>{t('organisations.saved', { name: saved })}</SuccessAlert> : null}
      <SearchForm
        key={q}
        id="organisations-q"
        label={t('organisations.search')}
        initial={q}
        onSearch={(value) => setParams(value ? { q: value } : {})}
      />
      <PagedResults
        query={list}
        page={page}
        pageSize={pageSize}
        count={(count) => t('organisations.count', { count })}
        pagesLabel={t('organisations.pages')}
        onPage={(p) => setParams({ ...(q ? { q } : {}), page: String(p) })}
      >
        {(items) => (
          <DataTable caption={t('organisations.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('organisations.fields.name')}</th>
                <th scope="col">{t('organisations.fields.type')}</th>
                <th scope="col">{t('organisations.fields.networks')}</th>
                <th scope="col">{t('organisations.fields.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <Link to={`/admin/organizzazioni/${encodeURIComponent(o.id)}`}>{o.name}</Link>
                  </th>
                  <td>{labels.organisationType(o.type)}</td>
                  <td>{o.networks.length ? o.networks.map((n) => n.name).join(', ') : '—'}</td>
                  <td>{formatDate(o.createdAt, labels.lang)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </PagedResults>
    </>
  );
}
