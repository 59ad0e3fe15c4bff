import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { DataTable } from '../../ui/DataTable';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { exportFormats, exportUrl, useDirectoryNetworks } from './directory.api';
import { DirectoryTabs } from './DirectoryTabs';
import './directory.css';

/** The two exports: the public map has no JSON (the import format is the whole directory: the server refuses it). */
const exportChoices = [
  { kind: 'public', formats: exportFormats.filter((f) => f !== 'json'), group: 'directory.networks.publicMap', label: 'directory.networks.downloadPublic' },
  { kind: 'internal', formats: exportFormats, group: 'directory.networks.internalList', label: 'directory.networks.downloadInternal' },
] as const;

/** Her networks: territory, 1522 referent, and the map of services to download for the national map. */
export function NetworksPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const networks = useDirectoryNetworks();
  const canExport = can(me, permissions.directoryExport);
  const items = networks.data?.items ?? [];
  return (
    <>
      <PageHeading>{t('directory.networks.title')}</PageHeading>
      <DirectoryTabs />
      <p>{t('directory.networks.intro')}</p>
      {canExport ? <p>{t('directory.networks.exportIntro')}</p> : null}
      <ProblemAlert error={networks.error} />
      {networks.isPending ? <Loading /> : null}
      {networks.data ? (
        items.length === 0 ? (
          <p>{t('directory.networks.none')}</p>
        ) : (
          <DataTable caption={t('directory.networks.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('directory.fields.network')}</th>
                <th scope="col">{t('directory.networks.capofila')}</th>
                <th scope="col" className="text-end">
                  {t('directory.networks.comuni')}
                </th>
                <th scope="col">{t('directory.networks.referent')}</th>
                {canExport ? <th scope="col">{t('directory.networks.export')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id}>
                  <th scope="row" className="fw-normal">
                    <Link to={`/rete/reti/${n.id}`}>{n.name}</Link>
                  </th>
                  <td>{n.capofila?.name ?? '—'}</td>
                  <td className="text-end">{n.comuniCount}</td>
                  <td>{n.referent?.name ?? t('directory.networks.noReferent')}</td>
                  {canExport ? (
                    <td>
                      {exportChoices.map(({ kind, formats, group, label }) => (
                        <div key={kind} className="mb-2">
                          <span className="d-block small">{t(group)}</span>
                          <div className="d-flex flex-wrap gap-2">
                            {formats.map((f) => (
                              <a key={f} className="btn btn-sm btn-outline-primary" href={exportUrl(n.id, kind, f)} download aria-label={t(label, { format: f.toUpperCase(), network: n.name })}>
                                {f.toUpperCase()}
                              </a>
                            ))}
                          </div>
                        </div>
                      ))}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </DataTable>
        )
      ) : null}
    </>
  );
}
