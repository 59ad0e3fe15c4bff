import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { callOutcomes } from '../../../shared/directory';
import { DataTable } from '../../ui/DataTable';
import { SelectField } from '../../ui/fields';
import { Icon } from '../../ui/Icon';
import { useLabels } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { exportUrl, useCallSummary, type NetworkCalls, type Quarter, type Shown } from './routing.api';
import { formatDay, quarterOf } from './routing.format';
import './routing.css';

const quarters = [1, 2, 3, 4] as const;

/** A year and quarter from the URL; the current quarter (in Italy) when absent or garbled. */
function quarterParams(params: URLSearchParams, now: Quarter): Quarter {
  const year = Number(params.get('anno'));
  const quarter = Number(params.get('trimestre'));
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : now.year,
    quarter: Number.isInteger(quarter) && quarter >= 1 && quarter <= 4 ? quarter : now.quarter,
  };
}

/**
 * A count, or a suppressed cell: "oscurato" on screen (a complementary
 * suppression may hide a count above the threshold, so "< 5" would be
 * wrong), its meaning in words for screen readers.
 */
function Count({ value, threshold }: { value: Shown; threshold: number }) {
  const { t } = useTranslation();
  if (value !== null) return <>{value}</>;
  return (
    <span className="routing-suppressed">
      <span aria-hidden="true">{t('routing.calls.hidden')}</span>
      <span className="visually-hidden">{t('routing.calls.suppressed', { threshold })}</span>
    </span>
  );
}

function NetworkTables({ calls, threshold }: { calls: NetworkCalls; threshold: number }) {
  const { t } = useTranslation();
  const name = calls.network?.name ?? t('routing.calls.noNetwork');
  return (
    <section className="routing-network mb-5" aria-labelledby={`calls-${calls.network?.id ?? 'none'}`}>
      <h2 id={`calls-${calls.network?.id ?? 'none'}`} className="h4">
        {name}
      </h2>
      <div className="row g-4">
        <div className="col-12 col-lg-5">
          <DataTable caption={t('routing.calls.outcomesCaption', { network: name })}>
            <thead>
              <tr>
                <th scope="col">{t('routing.calls.outcome')}</th>
                <th scope="col" className="text-end">
                  {t('routing.calls.calls')}
                </th>
              </tr>
            </thead>
            <tbody>
              {callOutcomes.map((o) => (
                <tr key={o}>
                  <th scope="row" className="fw-normal">
                    {t(`routing.calls.outcomes.${o}`)}
                  </th>
                  <td className="text-end">
                    <Count value={calls.outcomes[o]} threshold={threshold} />
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('routing.calls.total')}</th>
                <td className="text-end fw-semibold">
                  <Count value={calls.total} threshold={threshold} />
                </td>
              </tr>
            </tbody>
          </DataTable>
        </div>
        <div className="col-12 col-lg-7">
          <DataTable caption={t('routing.calls.comuniCaption', { network: name })}>
            <thead>
              <tr>
                <th scope="col">{t('routing.calls.comune')}</th>
                <th scope="col">{t('routing.calls.istatCode')}</th>
                <th scope="col" className="text-end">
                  {t('routing.calls.calls')}
                </th>
              </tr>
            </thead>
            <tbody>
              {calls.comuni.map((c) => (
                <tr key={c.istatCode}>
                  <th scope="row" className="fw-normal">
                    {c.name}
                  </th>
                  <td>{c.istatCode}</td>
                  <td className="text-end">
                    <Count value={c.total} threshold={threshold} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      </div>
    </section>
  );
}

/** The period (and network) are applied with a button: each view of the counts is audited. */
function QuarterForm(props: {
  initial: Quarter & { network: string };
  years: number[];
  networks: { value: string; label: string }[];
  onApply: (params: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const { initial, years, networks, onApply } = props;
  const [form, setForm] = useState({ year: String(initial.year), quarter: String(initial.quarter), network: initial.network });
  // Read the value now: the event's currentTarget is gone when the updater runs.
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onApply({ anno: form.year, trimestre: form.quarter, ...(form.network ? { rete: form.network } : {}) });
  };
  return (
    <form noValidate onSubmit={onSubmit} className="row g-3 align-items-start mb-2" aria-label={t('routing.calls.filters')}>
      <div className="col-6 col-md-3">
        <SelectField
          id="calls-year"
          label={t('routing.calls.year')}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          value={form.year}
          onChange={set('year')}
        />
      </div>
      <div className="col-6 col-md-4">
        <SelectField
          id="calls-quarter"
          label={t('routing.calls.quarter')}
          options={quarters.map((n) => ({ value: String(n), label: t(`routing.calls.quarters.${n}`) }))}
          value={form.quarter}
          onChange={set('quarter')}
        />
      </div>
      {/* Only when there is a choice: a coordinator usually leads one network. */}
      {networks.length > 1 || initial.network ? (
        <div className="col-12 col-md-5">
          <SelectField
            id="calls-network"
            label={t('routing.calls.network')}
            placeholder={t('routing.calls.allNetworks')}
            options={networks}
            value={form.network}
            onChange={set('network')}
          />
        </div>
      ) : null}
      <div className="col-12 form-actions">
        <button type="submit" className="btn btn-primary">
          {t('routing.calls.apply')}
        </button>
      </div>
    </form>
  );
}

/**
 * Quarterly 1522 call counts per network and comune (the DPO's quarterly
 * elaboration). Small cells arrive already suppressed from the server.
 */
export function CallsSummaryPage() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const [params, setParams] = useSearchParams();
  const [now] = useState(() => quarterOf(new Date()));
  const q = quarterParams(params, now);
  const network = params.get('rete') ?? '';
  const summary = useCallSummary(q);

  const years = Array.from({ length: 5 }, (_, i) => now.year - i);
  if (!years.includes(q.year)) years.push(q.year);
  const networks = summary.data?.networks ?? [];
  const networkOptions = networks.filter((n) => n.network).map((n) => ({ value: n.network!.id, label: n.network!.name }));
  const shown = network ? networks.filter((n) => n.network?.id === network) : networks;
  const threshold = summary.data?.threshold ?? 5;
  const period = summary.data?.period;

  return (
    <>
      <PageHeading>{t('routing.calls.title')}</PageHeading>
      <p>{t('routing.calls.intro')}</p>
      <QuarterForm key={params.toString()} initial={{ ...q, network }} years={years} networks={networkOptions} onApply={(next) => setParams(next)} />

      <div className="callout note mt-0 mb-4">
        <div className="callout-inner">
          <div className="callout-title">
            <Icon name="it-info-circle" />
            <span className="text">{t('routing.calls.suppressionTitle')}</span>
          </div>
          <p className="mb-0">{t('routing.calls.suppressionText', { threshold, max: threshold - 1 })}</p>
        </div>
      </div>

      <ProblemAlert error={summary.error} />
      {summary.isPending ? <Loading /> : null}
      {summary.data && period ? (
        <>
          <p role="status" className="fw-semibold">
            {t('routing.calls.period', {
              quarter: t(`routing.calls.quarters.${period.quarter as 1 | 2 | 3 | 4}`),
              year: period.year,
              from: formatDay(new Date(period.from), lang),
              // The period ends at midnight that starts the next quarter: show its last day.
              to: formatDay(new Date(new Date(period.to).getTime() - 1), lang),
            })}
          </p>
          <div className="d-flex flex-wrap gap-2 mb-4">
            <a className="btn btn-outline-primary" href={exportUrl({ ...q, network: network || undefined }, 'csv')} download>
              <Icon name="it-download" className="icon-primary icon-sm me-1" />
              {t('routing.calls.downloadCsv')}
            </a>
            <a className="btn btn-outline-primary" href={exportUrl({ ...q, network: network || undefined }, 'xlsx')} download>
              <Icon name="it-download" className="icon-primary icon-sm me-1" />
              {t('routing.calls.downloadXlsx')}
            </a>
          </div>
          {shown.length === 0 ? <p>{t('routing.calls.none')}</p> : null}
          {shown.map((n) => (
            <NetworkTables key={n.network?.id ?? 'none'} calls={n} threshold={summary.data.threshold} />
          ))}
        </>
      ) : null}
    </>
  );
}
