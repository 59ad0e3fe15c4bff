import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, useMe } from '../../../api/session';
import { permissions } from '../../../api/permissions';
import { DataTable } from '../../../ui/DataTable';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useShelterLabels } from './shelters.labels';
import { useStructures } from './structures.api';
import './structures.css';

/**
 * Strutture: her organisation's structures with their places counted per
 * state (no address on this page: it opens, audited, on a structure's own).
 */
export function StructuresPage() {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const me = useMe().data;
  const list = useStructures();
  return (
    <>
      <PageHeading>{t('shelterStructures.page.title')}</PageHeading>
      <p>{t('shelterStructures.page.intro')}</p>
      {can(me, permissions.shelterStructureManage) ? (
        <p>
          <Link to="/ospitalita/strutture/nuova" className="btn btn-primary">
            {t('shelterStructures.page.new')}
          </Link>
        </p>
      ) : null}
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{t('shelterStructures.page.none')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <DataTable caption={t('shelterStructures.page.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('shelterStructures.fields.name')}</th>
              <th scope="col">{t('shelterStructures.fields.level')}</th>
              <th scope="col">{t('shelterStructures.fields.province')}</th>
              {(['libero', 'trattenuto', 'occupato', 'fuori_servizio'] as const).map((s) => (
                <th scope="col" key={s} className="text-end">
                  {labels.label('placeState', s)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((s) => (
              <tr key={s.id} data-testid="structure-row">
                <td>
                  <Link to={`/ospitalita/strutture/${s.id}`}>{s.name}</Link>
                  {s.active ? null : <span className="badge bg-secondary ms-2">{t('shelterStructures.page.inactive')}</span>}
                </td>
                <td>{labels.label('level', s.level)}</td>
                <td>{s.province.name}</td>
                <td className="text-end">{s.counts.libero}</td>
                <td className="text-end">{s.counts.trattenuto}</td>
                <td className="text-end">{s.counts.occupato}</td>
                <td className="text-end">{s.counts.fuori_servizio}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </>
  );
}
