import { DataTable } from '../../../ui/DataTable';
import { TableHead, end } from '../../../ui/TableHead';
import { formatEuro } from './programmes.api';
import { useProgrammeTexts } from './programmes.texts';
import './programmes.css';

export interface BudgetRow {
  key: string;
  label: string;
  allocatedCents: number;
  committedCents: number;
  paidCents: number;
  leftCents: number;
}

/**
 * Budget used, as horizontal bars and the same figures as a table. The
 * bars are a picture of the table (hidden from screen readers, which read
 * the table); each bar carries its figure in words, so colour is never the
 * only carrier: the paid part is solid, the committed-not-paid part
 * striped, the rest empty; a bar past its budget is drawn full and marked.
 */
export function BudgetChart({ title, rows }: { title: string; rows: readonly BudgetRow[] }) {
  const { lang, x } = useProgrammeTexts();
  const max = Math.max(1, ...rows.map((r) => Math.max(r.allocatedCents, r.committedCents)));
  const pct = (c: number) => `${Math.min(100, (c / max) * 100).toFixed(2)}%`;
  return (
    <figure className="budget-chart mb-4">
      <figcaption className="h5">{title}</figcaption>
      <p className="small">{x.chartNote}</p>
      <div aria-hidden="true">
        {rows.map((r) => (
          <div className="budget-chart-row" key={r.key}>
            <div className="budget-chart-label">{r.label}</div>
            <div className="budget-chart-track" style={{ width: pct(r.allocatedCents) }}>
              <div className="budget-chart-paid" style={{ width: r.allocatedCents ? `${Math.min(100, (r.paidCents / Math.max(r.allocatedCents, r.committedCents)) * 100)}%` : '0' }} />
              <div
                className="budget-chart-committed"
                style={{ width: r.allocatedCents ? `${Math.min(100, ((r.committedCents - r.paidCents) / Math.max(r.allocatedCents, r.committedCents)) * 100)}%` : '0' }}
              />
            </div>
            <div className="budget-chart-figure">
              {x.usedOf(formatEuro(r.committedCents, lang), formatEuro(r.allocatedCents, lang))}
              {r.leftCents < 0 ? ' ⚠' : ''}
            </div>
          </div>
        ))}
      </div>
      <DataTable caption={title}>
        <TableHead columns={[title, end(x.allocated), end(x.committed), end(x.paid), end(x.left)]} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="text-end">{formatEuro(r.allocatedCents, lang)}</td>
              <td className="text-end">{formatEuro(r.committedCents, lang)}</td>
              <td className="text-end">{formatEuro(r.paidCents, lang)}</td>
              <td className="text-end">{formatEuro(r.leftCents, lang)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </figure>
  );
}
