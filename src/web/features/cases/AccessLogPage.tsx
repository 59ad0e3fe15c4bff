import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { PageHeading } from '../../ui/PageHeading';
import { PagedResults } from '../../ui/PagedResults';
import { casePath } from './cases.api';
import { formatInstant } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { AccessLogEntry } from './cases.types';
import './cases.css';

const PAGE_SIZE = 50;

/**
 * Every access to one woman's record (the audit log, newest first): who,
 * of which organisation, when, what and with which outcome. For the head of
 * the organisation that holds the case, who answers for it; reached from the
 * caseload, without opening the case. Reading it is audited too.
 */
export function AccessLogPage() {
  const { t, i18n } = useTranslation();
  const { lang } = useCaseLabels();
  const { id = '' } = useParams();
  const code = (useLocation().state as { code?: string } | null)?.code;
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['cases', 'access-log', id, page],
    queryFn: ({ signal }) => api.get<Page<AccessLogEntry>>(`${casePath(id)}/access-log`, { query: { page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
  // Audit actions are codes; the known ones have a label, any other shows as its code.
  const actionLabel = (action: string) => {
    const key = `cases.accessLog.actions.${action}` as 'cases.accessLog.actions.case.read';
    return i18n.exists(key) ? String(t(key)) : action;
  };
  return (
    <>
      <PageHeading>{code ? t('cases.accessLog.titleFor', { code }) : t('cases.accessLog.title')}</PageHeading>
      <p>{t('cases.accessLog.intro')}</p>
      <PagedResults query={query} page={page} pageSize={PAGE_SIZE} count={(count) => t('cases.accessLog.count', { count })} pagesLabel={t('cases.accessLog.pages')} onPage={setPage}>
        {(items) => (
          <DataTable caption={t('cases.accessLog.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('cases.accessLog.fields.at')}</th>
                <th scope="col">{t('cases.accessLog.fields.who')}</th>
                <th scope="col">{t('cases.accessLog.fields.what')}</th>
                <th scope="col">{t('cases.accessLog.fields.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <th scope="row" className="fw-normal text-nowrap">
                    {formatInstant(e.at, lang)}
                  </th>
                  <td>
                    {e.actor ?? t('cases.accessLog.system')}
                    {e.organisation ? <div className="small text-muted-strong">{e.organisation}</div> : null}
                  </td>
                  <td>
                    {actionLabel(e.action)}
                    {e.purpose === 'break_glass' ? <div className="small fw-semibold">{t('cases.accessLog.viaBreakGlass')}</div> : null}
                    {e.purpose?.endsWith(':identity') ? <div className="small">{t('cases.accessLog.nameShown')}</div> : null}
                  </td>
                  <td>{t(`cases.accessLog.outcomes.${e.outcome}`)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </PagedResults>
      <p className="mt-5">
        <Link to="/percorsi">{t('cases.backToCaseload')}</Link>
      </p>
    </>
  );
}
