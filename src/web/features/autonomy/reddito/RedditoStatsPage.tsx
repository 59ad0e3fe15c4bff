import { redditoOutcomeLabels, redditoStateLabels } from '../../../../shared/reddito.labels';
import { DataTable } from '../../../ui/DataTable';
import { TableHead, end } from '../../../ui/TableHead';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { CountsTable } from '../CountsTable';
import { formatEuro } from './reddito.form';
import { useRedditoStats } from './reddito.stats.api';
import { useRedditoStatsTexts } from './reddito.stats.texts';

/**
 * The network coordinator's Reddito di libertà counts (docs/autonomy.md,
 * "Counts"): the live applications by state, INPS's outcomes recorded, the
 * months paid and what they amount to. Every cell as the server gives it:
 * a suppressed one says "hidden" and, to screen readers, why; nothing is
 * summed or derived here.
 */
export function RedditoStatsPage() {
  const { lang, x } = useRedditoStatsTexts();
  const query = useRedditoStats();
  const s = query.data;
  const hiddenWords = { hidden: x.hidden, explained: x.suppressed(s?.threshold ?? 0) };
  return (
    <>
      <PageHeading>{x.title}</PageHeading>
      <p>{x.intro}</p>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} />
      {s && !s.networks.length ? <p>{x.noNetworks}</p> : null}
      {s && s.networks.length ? (
        <>
          <p>
            {x.networks}: {s.networks.map((n) => n.name).join(', ')}
          </p>
          <p className="small">{x.hiddenNote(s.threshold)}</p>
          <div className="row">
            <section className="col-lg-6" aria-labelledby="reddito-stats-states">
              <h2 id="reddito-stats-states" className="h4">
                {x.byState}
              </h2>
              <CountsTable
                caption={x.byState}
                head={x.state}
                countHead={x.count}
                rows={s.byState.map((r) => ({ key: r.state, label: redditoStateLabels[r.state][lang], n: r.count }))}
                total={{ label: x.total, n: s.total }}
                {...hiddenWords}
              />
            </section>
            <section className="col-lg-6" aria-labelledby="reddito-stats-outcomes">
              <h2 id="reddito-stats-outcomes" className="h4">
                {x.outcomes}
              </h2>
              <CountsTable
                caption={x.outcomes}
                head={x.outcome}
                countHead={x.count}
                rows={s.outcomes.map((r) => ({ key: r.outcome, label: redditoOutcomeLabels[r.outcome][lang], n: r.count }))}
                {...hiddenWords}
              />
            </section>
          </div>
          <section aria-labelledby="reddito-stats-paid" className="mt-4">
            <h2 id="reddito-stats-paid" className="h4">
              {x.paid}
            </h2>
            {s.monthsPaid === null || s.paidCents === null ? (
              <p>{x.paidHidden(s.threshold)}</p>
            ) : (
              <DataTable caption={x.paid}>
                <TableHead columns={[x.what, end(x.value)]} />
                <tbody>
                  <tr>
                    <th scope="row">{x.monthsPaid}</th>
                    <td className="text-end">{s.monthsPaid}</td>
                  </tr>
                  <tr>
                    <th scope="row">{x.paidAmount}</th>
                    <td className="text-end">{formatEuro(s.paidCents, lang)}</td>
                  </tr>
                </tbody>
              </DataTable>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
