import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import { placementUrgencies } from '../../../../shared/shelters';
import type { requestStatsOut } from '../../../../shared/shelters.requests.api';
import { api } from '../../../api/client';
import { DataTable } from '../../../ui/DataTable';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { TableHead, end } from '../../../ui/TableHead';
import { CountsTable } from '../../autonomy/CountsTable';
import { HiddenCount } from '../../autonomy/HiddenCount';
import { useShelterLabels } from '../structures/shelters.labels';
import { useStayStatsTexts } from './stays.stats.texts';

/** GET /api/shelters/stats/requests: the network's placement counts (small cells null). Audited: no refetch behind her back. */
type RequestStats = Json<z.output<typeof requestStatsOut>>;
const useRequestStats = () =>
  useQuery({ queryKey: ['shelters', 'stats', 'requests'], queryFn: ({ signal }) => api.get<RequestStats>('/api/shelters/stats/requests', { signal }), refetchOnWindowFocus: false });

/** The placement counts beside the stays' (the coordinator and the observatory): every cell as the server gives it. */
export function RequestStatsSection() {
  const { x } = useStayStatsTexts();
  const labels = useShelterLabels();
  const query = useRequestStats();
  const s = query.data;
  const words = { hidden: x.hidden, explained: x.suppressed(s?.threshold ?? 0) };
  const states = s ? [...new Set(s.requests.map((r) => r.state))] : [];
  return (
    <section aria-labelledby="request-stats" className="mt-5">
      <h2 id="request-stats" className="h3">
        {x.requests.title}
      </h2>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} />
      {s ? (
        <>
          <DataTable caption={x.requests.byState}>
            <TableHead columns={[x.requests.state, ...placementUrgencies.map((u) => end(labels.label('urgency', u)))]} />
            <tbody>
              {states.map((state) => (
                <tr key={state}>
                  <th scope="row">{labels.label('requestState', state)}</th>
                  {placementUrgencies.map((u) => (
                    <td key={u} className="text-end">
                      <HiddenCount n={s.requests.find((r) => r.state === state && r.urgency === u)?.count ?? null} {...words} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </DataTable>
          <CountsTable
            caption={x.requests.answers}
            head={x.requests.answer}
            countHead={x.requests.count}
            rows={[
              { key: 'accepted', label: x.requests.accepted, n: s.proposals.accepted },
              { key: 'expired', label: x.requests.expired, n: s.proposals.expired },
              ...s.proposals.declined.map((d) => ({ key: d.reason, label: `${x.requests.declined}: ${labels.label('declineReason', d.reason)}`, n: d.count })),
            ]}
            {...words}
          />
          {s.unmet.length ? (
            <CountsTable caption={x.requests.unmet} head={x.requests.quarter} countHead={x.requests.count} rows={s.unmet.map((u) => ({ key: u.quarter, label: u.quarter, n: u.count }))} {...words} />
          ) : (
            <p>{x.requests.noUnmet}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
