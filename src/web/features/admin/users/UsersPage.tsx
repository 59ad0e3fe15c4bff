import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { permissions } from '../../../api/permissions';
import { can, useMe } from '../../../api/session';
import { DataTable } from '../../../ui/DataTable';
import { SelectField } from '../../../ui/fields';
import { useLabels } from '../../../ui/labels';
import { PageHeading } from '../../../ui/PageHeading';
import { pageParam } from '../../../ui/Pagination';
import { PagedResults } from '../../../ui/PagedResults';
import { SearchForm } from '../../../ui/SearchForm';
import { useOrganisationOptions } from '../organisations/useOrganisationOptions';
import { UserStatus } from './UserStatus';
import { useUsers } from './users.api';

const pageSize = 25;

/** Staff accounts, searchable by name and filterable by organisation. */
export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const q = params.get('q') ?? '';
  const organisationId = params.get('organisationId') ?? '';
  const organisations = useOrganisationOptions();
  const list = useUsers({ page, pageSize, q, organisationId });

  const setFilter = (next: { q?: string; organisationId?: string; page?: number }) => {
    const merged = { q, organisationId, ...next };
    const out: Record<string, string> = {};
    if (merged.q) out.q = merged.q;
    if (merged.organisationId) out.organisationId = merged.organisationId;
    if (next.page && next.page > 1) out.page = String(next.page);
    setParams(out);
  };

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <PageHeading>{t('users.title')}</PageHeading>
        {can(me, permissions.userManage) ? (
          <Link to="/admin/utenti/nuova" className="btn btn-primary">
            {t('users.new')}
          </Link>
        ) : null}
      </div>
      <SearchForm key={q} id="users-q" label={t('users.search')} initial={q} onSearch={(value) => setFilter({ q: value })}>
        {organisations.length > 1 ? (
          <div className="col-12 col-md-4">
            <SelectField
              id="users-organisation"
              label={t('users.filterOrganisation')}
              placeholder={t('users.allOrganisations')}
              options={organisations}
              value={organisationId}
              onChange={(e) => setFilter({ organisationId: e.currentTarget.value })}
            />
          </div>
        ) : null}
      </SearchForm>
      <PagedResults
        query={list}
        page={page}
        pageSize={pageSize}
        count={(count) => t('users.count', { count })}
        pagesLabel={t('users.pages')}
        onPage={(p) => setFilter({ page: p })}
      >
        {(items) => (
          <DataTable caption={t('users.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('users.fields.displayName')}</th>
                <th scope="col">{t('users.fields.username')}</th>
                <th scope="col">{t('users.fields.memberships')}</th>
                <th scope="col">{t('users.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <Link to={`/admin/utenti/${encodeURIComponent(u.id)}`}>{u.displayName}</Link>
                  </th>
                  <td>{u.username}</td>
                  <td>
                    {u.isInstanceAdmin ? <div>{labels.role('instance_admin')}</div> : null}
                    {u.memberships.map((m) => (
                      <div key={m.organisationId}>
                        {m.organisationName} · {labels.role(m.role)}
                      </div>
                    ))}
                  </td>
                  <td>
                    <UserStatus user={u} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </PagedResults>
    </>
  );
}
