import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { intakeStatuses, intakeUrgencies } from '../../../shared/intake.api';
import { DataTable } from '../../ui/DataTable';
import { SelectField } from '../../ui/fields';
import { PageHeading, type KeepFocus } from '../../ui/PageHeading';
import { Pagination, pageParam } from '../../ui/Pagination';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useCaseLabels } from '../cases/cases.labels';
import { formatInstant } from '../cases/cases.format';
import { useInbox, type IntakeStatus, type IntakeUrgency } from './intake.api';
import { Duration, StatusBadge, UrgencyBadge } from './IntakeParts';
import './intake.css';

const PAGE_SIZE = 20;
const isStatus = (v: string | null): v is IntakeStatus => (intakeStatuses as readonly (string | null)[]).includes(v);
const isUrgency = (v: string | null): v is IntakeUrgency => (intakeUrgencies as readonly (string | null)[]).includes(v);

/**
 * "Segnalazioni in arrivo" (/segnalazioni/in-arrivo): the CAV's inbox of
 * women sent by the emergency room, police, social services and 1522 — the
 * open and urgent first, then who has waited longest. The counters and the
 * filters are in the address; the list shows no contact data (the
 * referral's own page does, and is audited).
 */
export function IntakeInboxPage() {
  const { t } = useTranslation();
  const lang = useCaseLabels().lang;
  const [search, setSearch] = useSearchParams();
  const status = search.get('stato');
  const urgency = search.get('urgenza');
  const page = pageParam(search.get('pagina'));
  const inbox = useInbox({ status: isStatus(status) ? status : undefined, urgency: isUrgency(urgency) ? urgency : undefined, page, pageSize: PAGE_SIZE });
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('pagina' in changes)) next.delete('pagina');
    setSearch(next, { state: { keepFocus: true } satisfies KeepFocus });
  };
  const counts = inbox.data?.counts;

  return (
    <>
      <PageHeading>{t('intake.inbox.title')}</PageHeading>
      <p>{t('intake.inbox.intro')}</p>
      {counts ? (
        <ul className="intake-counters mb-4" aria-label={t('intake.inbox.counters')}>
          {intakeStatuses.map((s) => (
            <li key={s}>
              <Link to={`/segnalazioni/in-arrivo?stato=${s}`}>
                {t(`intake.statuses.${s}`)}: <strong>{counts[s]}</strong>
              </Link>
            </li>
          ))}
          <li>
            <Link to="/segnalazioni/in-arrivo?urgenza=urgente">
              {t('intake.inbox.urgentOpen')}: <strong>{counts.urgentOpen}</strong>
            </Link>
          </li>
        </ul>
      ) : null}
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField
            id="intake-filter-status"
            label={t('intake.filters.status')}
            placeholder={t('intake.filters.all')}
            options={intakeStatuses.map((s) => ({ value: s, label: t(`intake.statuses.${s}`) }))}
            value={isStatus(status) ? status : ''}
            onChange={(e) => go({ stato: e.currentTarget.value })}
          />
        </div>
        <div className="col-12 col-md-6">
          <SelectField
            id="intake-filter-urgency"
            label={t('intake.filters.urgency')}
            placeholder={t('intake.filters.all')}
            options={intakeUrgencies.map((u) => ({ value: u, label: t(`intake.urgencies.${u}`) }))}
            value={isUrgency(urgency) ? urgency : ''}
            onChange={(e) => go({ urgenza: e.currentTarget.value })}
          />
        </div>
      </div>
      <ProblemAlert error={inbox.error} />
      {inbox.data && inbox.data.items.length === 0 ? <p>{t('intake.inbox.none')}</p> : null}
      {inbox.data && inbox.data.items.length > 0 ? (
        <>
          <DataTable caption={t('intake.inbox.title')}>
            <thead>
              <tr>
                <th scope="col">{t('intake.columns.reference')}</th>
                <th scope="col">{t('intake.columns.urgency')}</th>
                <th scope="col">{t('intake.columns.sentAt')}</th>
                <th scope="col">{t('intake.columns.sender')}</th>
                <th scope="col">{t('intake.columns.comune')}</th>
                <th scope="col">{t('intake.columns.status')}</th>
                <th scope="col">{t('intake.columns.toCase')}</th>
              </tr>
            </thead>
            <tbody>
              {inbox.data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row" className="text-nowrap">
                    <Link to={`/segnalazioni/in-arrivo/${item.id}`}>{item.reference}</Link>
                  </th>
                  <td>
                    <UrgencyBadge urgency={item.urgency} />
                  </td>
                  <td>{formatInstant(item.sentAt, lang)}</td>
                  <td>
                    {item.sender.name}
                    <span className="d-block small">{t(`intake.sources.${item.source}`)}</span>
                  </td>
                  <td>{item.comune.name}</td>
                  <td>
                    <StatusBadge status={item.status} />
                    {item.attempts ? <span className="d-block small">{t('intake.inbox.attempts', { count: item.attempts })}</span> : null}
                  </td>
                  <td>
                    <Duration minutes={item.minutesToCase} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <Pagination page={page} pageSize={PAGE_SIZE} total={inbox.data.total} onPage={(p) => go({ pagina: String(p) })} label={t('intake.inbox.title')} />
        </>
      ) : null}
    </>
  );
}
