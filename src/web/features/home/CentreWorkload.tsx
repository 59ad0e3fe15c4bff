import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Role } from '../../../shared/domain';
import { DataTable } from '../../ui/DataTable';
import { useLabels } from '../../ui/labels';
import { workloadLink } from '../cases/caseload.workload';
import { useWorkload } from './home.api';
import { HomeSection } from './HomeSection';

/**
 * The head's home page: the workload of her centre in numbers (GET
 * /api/cases/workload), each a link to the caseload with the filters that
 * give that total. Counts only: no woman is named here.
 */
export function CentreWorkload({ organisation }: { organisation: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const workload = useWorkload(true);
  const data = workload.data;
  /** A number as a link to its list; zero is plain text (a link to an empty list helps nobody). */
  const count = (n: number, text: string, to: string): ReactNode => (n > 0 ? <Link to={to}>{text}</Link> : text);
  return (
    <HomeSection id="home-workload" title={t('home.workload.title')} testId="centre-workload" query={workload}>
      {data ? (
        <>
          <p>{t('home.workload.intro', { organisation })}</p>
          <ul>
            <li>{count(data.open, t('home.workload.open', { count: data.open }), workloadLink({ open: true }))}</li>
            <li>{count(data.emergencies, t('home.workload.emergencies', { count: data.emergencies }), workloadLink({ open: true, emergency: true }))}</li>
            <li>{count(data.highRisk, t('home.workload.highRisk', { count: data.highRisk }), workloadLink({ open: true, highRisk: true }))}</li>
            <li>{count(data.unstaffed, t('home.workload.unstaffed', { count: data.unstaffed }), workloadLink({ open: true, unstaffed: true }))}</li>
            <li>{count(data.overdue, t('home.workload.overdue', { count: data.overdue }), workloadLink({ open: true, overdue: true }))}</li>
          </ul>
          {data.staff.length ? (
            <DataTable caption={t('home.workload.staffCaption')}>
              <thead>
                <tr>
                  <th scope="col">{t('home.workload.person')}</th>
                  <th scope="col">{t('home.workload.role')}</th>
                  <th scope="col">{t('home.workload.openColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {data.staff.map((s) => (
                  <tr key={s.userId} data-testid="workload-person">
                    <th scope="row" className="fw-normal">
                      {s.displayName}
                    </th>
                    <td>{labels.role(s.role as Role)}</td>
                    <td>
                      {s.open > 0 ? (
                        <Link to={workloadLink({ open: true, member: s.userId })} aria-label={t('home.workload.openOf', { count: s.open, name: s.displayName })}>
                          {s.open}
                        </Link>
                      ) : (
                        s.open
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          ) : null}
        </>
      ) : null}
    </HomeSection>
  );
}
