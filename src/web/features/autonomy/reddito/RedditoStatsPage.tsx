import { redditoOutcomeLabels, redditoStateLabels } from '../../../../shared/reddito.labels';
import { DataTable } from '../../../ui/DataTable';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { HiddenCount } from '../HiddenCount';
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
  const count = (n: number | null) => <HiddenCount n={n} hidden={x.hidden} explained={x.suppressed(s?.threshold ?? 0)} />;
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
              <DataTable caption={x.byState}>
                <thead>
                  <tr>
                    <th scope="col">{x.state}</th>
                    <th scope="col" className="text-end">
                      {x.count}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.byState.map((r) => (
                    <tr key={r.state}>
                      <th scope="row">{redditoStateLabels[r.state][lang]}</th>
                      <td className="text-end">{count(r.count)}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{x.total}</th>
                    <td className="text-end fw-semibold">{count(s.total)}</td>
                  </tr>
                </tbody>
              </DataTable>
            </section>
            <section className="col-lg-6" aria-labelledby="reddito-stats-outcomes">
              <h2 id="reddito-stats-outcomes" className="h4">
                {x.outcomes}
              </h2>
              <DataTable caption={x.outcomes}>
                <thead>
                  <tr>
                    <th scope="col">{x.outcome}</th>
                    <th scope="col" className="text-end">
                      {x.count}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.outcomes.map((r) => (
                    <tr key={r.outcome}>
                      <th scope="row">{redditoOutcomeLabels[r.outcome][lang]}</th>
                      <td className="text-end">{count(r.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
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
                <thead>
                  <tr>
                    <th scope="col">{x.what}</th>
                    <th scope="col" className="text-end">
                      {x.value}
                    </th>
                  </tr>
                </thead>
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
