import { useState } from 'react';
import { permissions } from '../../../api/permissions';
import { can, useMe } from '../../../api/session';
import { stayAuthorisationOutcomes, stayExitReasons, stayLengthBands, stayPaths } from '../../../../shared/shelters.stats.api';
import { DataTable } from '../../../ui/DataTable';
import { SelectField } from '../../../ui/fields';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { TableHead, end } from '../../../ui/TableHead';
import { HiddenCount } from '../../autonomy/HiddenCount';
import { useShelterLabels } from '../structures/shelters.labels';
import { RequestStatsSection } from './RequestStatsSection';
import { type StayStats, type StayStatsCounts, useStayStats } from './stays.stats.api';
import { useStayStatsTexts } from './stays.stats.texts';

/** One column of a table by level: its header and the count it reads from a row. */
type Column = { key: string; label: string; n: (c: StayStatsCounts) => number | null };

/** Rows: each structure level, then the total — every cell as the server gives it (nothing summed here). */
function LevelTable({ caption, stats, columns }: { caption: string; stats: StayStats; columns: readonly Column[] }) {
  const { x } = useStayStatsTexts();
  const labels = useShelterLabels();
  const words = { hidden: x.hidden, explained: x.suppressed(stats.threshold) };
  const rows = [...stats.levels.map((l) => ({ key: l.level, label: labels.label('level', l.level), counts: l as StayStatsCounts, total: false })), { key: 'total', label: x.total, counts: stats.total, total: true }];
  return (
    <DataTable caption={caption}>
      <TableHead columns={[x.level, ...columns.map((c) => end(c.label))]} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {columns.map((c) => (
              <td key={c.key} className={r.total ? 'text-end fw-semibold' : 'text-end'}>
                <HiddenCount n={c.n(r.counts)} {...words} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

const thisYear = () => new Date().getFullYear();

/**
 * The stays' yearly counts (docs/shelters.md, "Yearly stay counts"): per
 * structure level, admissions, running stays, women and children, days of
 * presence, exits by reason and length, the emergency admissions'
 * authorisations. For the coordinator and the observatory, the structures
 * of their networks; for a housing organisation, its own. The network's
 * placement counts follow, for those who read them.
 */
export function StayStatsPage() {
  const { lang, x } = useStayStatsTexts();
  const labels = useShelterLabels();
  const me = useMe().data;
  const [year, setYear] = useState(thisYear());
  const query = useStayStats(year);
  const s = query.data;
  const years = Array.from({ length: 10 }, (_, i) => thisYear() - i);
  const date = (iso: string) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  const section = (id: string, title: string, columns: readonly Column[]) =>
    s ? (
      <section aria-labelledby={id} className="mt-4">
        <h2 id={id} className="h4">
          {title}
        </h2>
        <LevelTable caption={`${title} — ${s.year}`} stats={s} columns={columns} />
      </section>
    ) : null;
  return (
    <>
      <PageHeading>{x.title}</PageHeading>
      <p>{x.intro}</p>
      <SelectField id="stay-stats-year" label={x.year} value={String(year)} onChange={(e) => setYear(Number(e.target.value))} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} />
      {s && s.structures === 0 ? <p>{x.none}</p> : null}
      {s && s.structures > 0 ? (
        <>
          <p>
            {s.scope === 'reti' ? `${x.networks}: ${s.networks.map((n) => n.name).join(', ')}. ` : `${x.own}. `}
            {x.structures(s.structures)} {x.asOf(date(s.asOf))}
          </p>
          <p className="small">{x.hiddenNote(s.threshold)}</p>
          {section('stay-stats-hosted', x.hosted, [
            { key: 'admissions', label: x.admissions, n: (c) => c.admissions },
            ...stayPaths.map((path, i) => ({ key: path, label: x.byPath[path], n: (c: StayStatsCounts) => c.admissionsByPath[i]?.count ?? null })),
            { key: 'running', label: x.running, n: (c) => c.running },
            { key: 'women', label: x.women, n: (c) => c.women },
            { key: 'children', label: x.children, n: (c) => c.children },
            { key: 'days', label: x.presenceDays, n: (c) => c.presenceDays },
          ])}
          {section('stay-stats-exits', x.exits, [
            ...stayExitReasons.map((reason, i) => ({ key: reason, label: labels.label('exitReason', reason), n: (c: StayStatsCounts) => c.exitsByReason[i]?.count ?? null })),
            { key: 'exits', label: x.exitsTotal, n: (c) => c.exits },
          ])}
          {section(
            'stay-stats-lengths',
            x.lengths,
            stayLengthBands.map((band, i) => ({ key: band, label: x.band[band], n: (c) => c.exitsByLength[i]?.count ?? null })),
          )}
          {section(
            'stay-stats-authorisations',
            x.authorisations,
            stayAuthorisationOutcomes.map((outcome, i) => ({ key: outcome, label: x.outcome[outcome], n: (c) => c.authorisations[i]?.count ?? null })),
          )}
        </>
      ) : null}
      {can(me, permissions.shelterStatsRead) ? <RequestStatsSection /> : null}
    </>
  );
}
