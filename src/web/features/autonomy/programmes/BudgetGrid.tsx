import { ErrorSummary } from '../../../ui/ErrorSummary';
import { FieldIssuesTable } from '../../../ui/FieldIssuesTable';
import { useFormMessages, useSchemaForm } from '../../../ui/form';
import { DataTable } from '../../../ui/DataTable';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { euroText } from './money';
import { budgetGridForm, cellName } from './programme.form';
import { type Programme, formatEuro, useProgrammeWrites } from './programmes.api';
import { useProgrammeTexts } from './programmes.texts';

/**
 * The budget per axis (rows) and partner (columns): inputs for the
 * coordinator, figures for the others. The form's own checks (an amount
 * that does not read) are in its error summary; the server's refusals, one
 * row per cell they name (a cell below what is spent, the total passed),
 * in the table of errors.
 */
export function BudgetGrid({ programme, nameOf }: { programme: Programme; nameOf: (id: string) => string }) {
  // Cells are named by position: a partner or an axis more (or fewer) is a new grid, read afresh.
  const shape = `${programme.frame.axes.map((a) => a.code).join(' ')}|${programme.partners.map((o) => o.id).join(' ')}`;
  return <Grid key={shape} programme={programme} nameOf={nameOf} />;
}

function Grid({ programme, nameOf }: { programme: Programme; nameOf: (id: string) => string }) {
  const { lang, x } = useProgrammeTexts();
  const writes = useProgrammeWrites();
  const { pending, error, run } = useRun();
  const orgs = programme.partners.map((o) => o.id);
  const axes = programme.frame.axes.map((a) => a.code);
  const amountOf = (axis: string, org: string) => programme.budgets.find((b) => b.axisCode === axis && b.organisationId === org)?.amountCents;
  const cells = axes.flatMap((axis, a) => orgs.map((org, o) => ({ axis, org, name: cellName(a, o), id: `budget-${cellName(a, o)}`, label: `${x.axis} ${axis}, ${nameOf(org)}` })));
  const form = useSchemaForm(budgetGridForm(axes, orgs), { defaultValues: { cells: Object.fromEntries(cells.map((c) => [c.name, euroText(amountOf(c.axis, c.org), lang)])) } });
  const fields = Object.fromEntries(cells.map((c) => [`cells.${c.name}`, { id: c.id, label: c.label }]));
  const messages = useFormMessages(form.formState.errors, null, fields, { invalid_format: x.amountInvalid });
  const manage = programme.acts.manage;
  return (
    <form noValidate onSubmit={form.handleSubmit((body) => run(() => writes.budgets(programme, body)))}>
      <p>{x.budgetsIntro}</p>
      <ErrorSummary id="budget-errors" items={messages.summary} />
      <ProblemAlert error={error} />
      <FieldIssuesTable
        error={error}
        caption={x.errorsCaption}
        first={{
          header: x.where,
          cell: (e) => {
            const [axis, org] = (e.item ?? '').split(':');
            return axis && org ? `${x.axis} ${axis} · ${nameOf(org)}` : e.pointer;
          },
        }}
      />
      <DataTable caption={x.budgetCaption}>
        <thead>
          <tr>
            <th scope="col">{x.axis}</th>
            {orgs.map((o) => (
              <th scope="col" key={o} className="text-end">
                {nameOf(o)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {axes.map((axis, a) => (
            <tr key={axis}>
              <th scope="row">{axis}</th>
              {orgs.map((org, o) => {
                const name = cellName(a, o);
                const problem = messages.at(`cells.${name}`);
                return (
                  <td key={org} className="text-end">
                    {manage ? (
                      <input
                        id={`budget-${name}`}
                        className={`form-control text-end${problem ? ' is-invalid' : ''}`}
                        inputMode="decimal"
                        aria-label={`${x.axis} ${axis}, ${nameOf(org)}`}
                        aria-invalid={problem ? true : undefined}
                        {...form.register(`cells.${name}`)}
                      />
                    ) : (
                      formatEuro(amountOf(axis, org) ?? 0, lang)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </DataTable>
      {manage ? (
        <button type="submit" className="btn btn-outline-primary" disabled={pending}>
          {x.save}
        </button>
      ) : null}
    </form>
  );
}
