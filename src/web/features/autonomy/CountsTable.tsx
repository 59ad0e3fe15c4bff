import { DataTable } from '../../ui/DataTable';
import { TableHead, end } from '../../ui/TableHead';
import { HiddenCount } from './HiddenCount';

/** One row of counts: what is counted (its row header) and the count as the server gives it. */
export type CountRow = { key: string; label: string; n: number | null };

/**
 * A two-column table of counts (what, how many), as the autonomy and
 * Reddito counts pages show them. Each cell exactly as the server gives
 * it: a suppressed one (null) says `hidden` and, to screen readers,
 * `explained`; nothing is summed here — a `total` is the server's too.
 */
export function CountsTable({
  caption,
  head,
  countHead,
  rows,
  total,
  hidden,
  explained,
}: {
  caption: string;
  head: string;
  countHead: string;
  rows: readonly CountRow[];
  total?: { label: string; n: number | null };
  hidden: string;
  explained: string;
}) {
  return (
    <DataTable caption={caption}>
      <TableHead columns={[head, end(countHead)]} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="text-end">
              <HiddenCount n={r.n} hidden={hidden} explained={explained} />
            </td>
          </tr>
        ))}
        {total ? (
          <tr>
            <th scope="row">{total.label}</th>
            <td className="text-end fw-semibold">
              <HiddenCount n={total.n} hidden={hidden} explained={explained} />
            </td>
          </tr>
        ) : null}
      </tbody>
    </DataTable>
  );
}
