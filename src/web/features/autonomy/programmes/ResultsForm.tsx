import { ErrorSummary } from '../../../ui/ErrorSummary';
import { FieldIssuesTable } from '../../../ui/FieldIssuesTable';
import { useFormMessages, useSchemaForm } from '../../../ui/form';
import { DataTable } from '../../../ui/DataTable';
import { TableHead } from '../../../ui/TableHead';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { resultsForm } from './programme.form';
import { type Programme, useProgrammeWrites } from './programmes.api';
import { useProgrammeTexts } from './programmes.texts';

/**
 * Targets, and the actual value entered by hand for a `manuale` result
 * (every other measure is counted from the records). The form's checks
 * (whole numbers) are in its summary; the server's refusals per result in
 * the table of errors.
 */
export function ResultsForm({ programme }: { programme: Programme }) {
  const { x, label } = useProgrammeTexts();
  const writes = useProgrammeWrites();
  const { pending, error, run } = useRun();
  const rows = programme.results;
  const form = useSchemaForm(resultsForm, {
    defaultValues: {
      results: rows.map((r) => ({ id: r.id, label: r.label, measure: r.measure, target: String(r.target), manualActual: r.measure === 'manuale' && r.manualActual !== null ? String(r.manualActual) : '' })),
    },
  });
  const fields = Object.fromEntries(
    rows.flatMap((r, i) => [
      [`results.${i}.target`, { id: `result-${i}-target`, label: `${x.target}: ${r.label}` }],
      [`results.${i}.manualActual`, { id: `result-${i}-actual`, label: `${x.actual}: ${r.label}` }],
    ]),
  );
  // A number that is not whole, or below zero, is said as the form always said it.
  const messages = useFormMessages(form.formState.errors, null, fields, { invalid_type: x.wholeNumber, too_small: x.wholeNumber });
  if (!rows.length) return null;
  const input = (i: number, name: 'target' | 'manualActual', id: string, aria: string) => {
    const problem = messages.at(`results.${i}.${name}`);
    return <input id={id} className={`form-control${problem ? ' is-invalid' : ''}`} inputMode="numeric" aria-label={aria} aria-invalid={problem ? true : undefined} {...form.register(`results.${i}.${name}`)} />;
  };
  return (
    <form noValidate onSubmit={form.handleSubmit((body) => run(() => writes.results(programme, body)))} className="mb-4">
      <h3 className="h5">{x.editResults}</h3>
      <ErrorSummary id="results-errors" items={messages.summary} />
      <ProblemAlert error={error} />
      <FieldIssuesTable error={error} caption={x.errorsCaption} first={{ header: x.where, cell: (e) => e.pointer }} />
      <DataTable caption={x.editResults}>
        <TableHead columns={[x.result, x.target, x.actual]} />
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id}>
              <th scope="row">
                {r.label}
                <span className="d-block small fw-normal">{label('resultMeasure', r.measure)}</span>
              </th>
              <td>{input(i, 'target', `result-${i}-target`, `${x.target}: ${r.label}`)}</td>
              <td>{r.measure !== 'manuale' ? x.counted : input(i, 'manualActual', `result-${i}-actual`, `${x.actual}: ${r.label}`)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <button type="submit" className="btn btn-outline-primary" disabled={pending}>
        {x.save}
      </button>
    </form>
  );
}
