import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { DataTable } from '../../ui/DataTable';
import { useLabels } from '../../ui/labels';
import { PageHeading } from '../../ui/PageHeading';
import { PagedResults } from '../../ui/PagedResults';
import { pageParam } from '../../ui/Pagination';
import { SearchForm } from '../../ui/SearchForm';
import { useProfiles } from './directory.api';
import { DirectoryTabs } from './DirectoryTabs';
import './directory.css';

const PAGE_SIZE = 25;

/** The directory profiles of the organisations sharing a network with hers. */
export function ProfilesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('pagina'));
  const q = params.get('q') ?? '';
  const profiles = useProfiles({ page, pageSize: PAGE_SIZE, q: q || undefined });
  return (
    <>
      <PageHeading>{t('directory.profiles.title')}</PageHeading>
      <DirectoryTabs />
      <p>{t('directory.profiles.intro')}</p>
      <SearchForm key={q} id="profiles-q" label={t('directory.profiles.search')} initial={q} onSearch={(value) => setParams(value ? { q: value } : {})} />
      <PagedResults
        query={profiles}
        page={page}
        pageSize={PAGE_SIZE}
        count={(total) => t('directory.profiles.count', { count: total })}
        pagesLabel={t('directory.profiles.pages')}
        onPage={(p) => setParams({ ...(q ? { q } : {}), pagina: String(p) })}
      >
        {(items) => (
          <DataTable caption={t('directory.profiles.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('directory.fields.organisation')}</th>
                <th scope="col">{t('directory.profiles.type')}</th>
                <th scope="col">{t('directory.profiles.networks')}</th>
                <th scope="col">{t('directory.profiles.albo')}</th>
                <th scope="col" className="text-end">
                  {t('directory.profiles.sportelli')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row" className="fw-normal">
                    <Link to={`/rete/organizzazioni-servizi/${p.id}`}>{p.name}</Link>
                  </th>
                  <td>{labels.organisationType(p.type)}</td>
                  <td>{p.networks.map((n) => n.name).join('; ') || '—'}</td>
                  <td>{p.albo.status ? t(`directory.albo.${p.albo.status}`) : '—'}</td>
                  <td className="text-end">{p.sportelliCount}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </PagedResults>
    </>
  );
}
