import { Badge } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { auditActionLabel } from '../../../../shared/audit.labels';
import type { AuditOutcome } from '../../../../shared/domain';
import { DataTable } from '../../../ui/DataTable';
import { formatDateTime } from '../../../ui/format';
import { useLabels } from '../../../ui/labels';
import { PageHeading } from '../../../ui/PageHeading';
import { pageParam } from '../../../ui/Pagination';
import { PagedResults } from '../../../ui/PagedResults';
import { useAudit, type AuditFilters } from './audit.api';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditResource } from './AuditResource';

const pageSize = 50;

/** Colour only repeats the word, it never replaces it. */
const outcomeColor: Record<AuditOutcome, { color: string; className?: string }> = {
  success: { color: 'success' },
  failure: { color: 'warning', className: 'text-dark' },
  denied: { color: 'danger' },
};

/** The audit trail: who did what, for which purpose, with which outcome (never the values). */
export function AuditPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const filters: AuditFilters = {
    family: params.get('family') ?? '',
    action: params.get('action') ?? '',
    outcome: params.get('outcome') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const list = useAudit({ ...filters, page, pageSize });

  const apply = (next: AuditFilters, nextPage = 1) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(next)) if (v) out[k] = v;
    if (nextPage > 1) out.page = String(nextPage);
    setParams(out);
  };

  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <p>{t('audit.intro')}</p>
      <AuditFiltersForm key={params.toString()} initial={filters} onApply={(f) => apply(f)} />
      <PagedResults
        query={list}
        page={page}
        pageSize={pageSize}
        count={(count) => t('audit.count', { count })}
        pagesLabel={t('audit.pages')}
        onPage={(p) => apply(filters, p)}
      >
        {(items) => (
          <DataTable caption={t('audit.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('audit.fields.at')}</th>
                <th scope="col">{t('audit.fields.actor')}</th>
                <th scope="col">{t('audit.fields.organisation')}</th>
                <th scope="col">{t('audit.fields.action')}</th>
                <th scope="col">{t('audit.fields.resource')}</th>
                <th scope="col">{t('audit.fields.purpose')}</th>
                <th scope="col">{t('audit.fields.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td className="text-nowrap">
                    <time dateTime={e.at}>{formatDateTime(e.at, labels.lang)}</time>
                  </td>
                  <td>
                    {e.actorUsername ? (
                      <>
                        {e.actorDisplayName ?? e.actorUsername}
                        <span className="d-block small">{e.actorUsername}</span>
                      </>
                    ) : (
                      t('audit.system')
                    )}
                  </td>
                  <td>{e.organisationName ?? '—'}</td>
                  <td>{auditActionLabel(e.action, labels.lang)}</td>
                  <td>
                    <AuditResource entry={e} />
                  </td>
                  <td>{e.purpose ?? '—'}</td>
                  <td>
                    <Badge {...outcomeColor[e.outcome]}>{t(`audit.outcome.${e.outcome}`)}</Badge>
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
