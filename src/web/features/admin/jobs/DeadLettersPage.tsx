import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../ui/DataTable';
import { formatDateTime } from '../../../ui/format';
import { useLabels } from '../../../ui/labels';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { ChainLagSection } from './ChainLagSection';
import { type DeadLetters, useDeadLetters } from './jobs.api';

/**
 * The instance administrator's page on the platform's health: the audit
 * chain's lag, then the list of background jobs that failed every
 * attempt. It shows what the server keeps of them — the job, its key, ids
 * and an error code — and never anything of a case: she looks after the
 * system, not the women's pathways.
 */
export function DeadLettersPage() {
  const { t } = useTranslation();
  const list = useDeadLetters();
  return (
    <>
      <PageHeading>{t('jobs.title')}</PageHeading>
      <ChainLagSection />
      <h2 className="h4">{t('jobs.deadLetters')}</h2>
      <p>{t('jobs.intro')}</p>
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error} />
      {list.data ? <DeadLettersTable data={list.data} /> : null}
    </>
  );
}

function DeadLettersTable({ data }: { data: DeadLetters }) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (!data.items.length) return <p className="alert alert-success">{t('jobs.none')}</p>;
  return (
    <>
      <p>{t('jobs.count', { count: data.items.length, limit: data.limit })}</p>
      <DataTable caption={t('jobs.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('jobs.fields.failedAt')}</th>
            <th scope="col">{t('jobs.fields.name')}</th>
            <th scope="col">{t('jobs.fields.key')}</th>
            <th scope="col">{t('jobs.fields.payload')}</th>
            <th scope="col">{t('jobs.fields.attempts')}</th>
            <th scope="col">{t('jobs.fields.error')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((d) => (
            <tr key={d.id}>
              <td className="text-nowrap">
                <time dateTime={d.failedAt}>{formatDateTime(d.failedAt, labels.lang)}</time>
              </td>
              <td>
                <code>{d.name}</code>
              </td>
              <td>{d.key ? <code>{d.key}</code> : '—'}</td>
              <td>
                {Object.keys(d.payload).length ? (
                  <ul className="list-unstyled mb-0 small">
                    {Object.entries(d.payload).map(([field, value]) => (
                      <li key={field}>
                        {field}: <code>{JSON.stringify(value)}</code>
                      </li>
                    ))}
                  </ul>
                ) : (
                  '—'
                )}
              </td>
              <td>{d.attempts}</td>
              <td>
                <code>{d.error}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
