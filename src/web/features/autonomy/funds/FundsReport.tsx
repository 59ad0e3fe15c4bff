import { fundsExpenseCategories } from '../../../../shared/autonomy.funds.api';
import { DataTable } from '../../../ui/DataTable';
import { end, TableHead } from '../../../ui/TableHead';
import { SelectField, TextField } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { todayInRome } from '../../cases/cases.format';
import { formatEuro } from '../programmes/money';
import { type FundsYear, useFundsWrite, yearPath } from './funds.api';
import { fundsExpenseForm } from './funds.form';
import { useFundsTexts } from './funds.texts';
import type { YearActs } from './FundsYearPage';
import { Col, RemoveButton, useYearForm, YearForm } from './YearForm';

type Allocation = FundsYear['allocations'][number];

/**
 * The rendicontazione: each allocation with what is spent and its state —
 * the capofila checks or sends back a submitted one and exports the
 * report; the partner records her expenses and her head submits them.
 */
export function FundsReport({ y, acts, isHead }: { y: FundsYear; acts: YearActs; isHead: boolean }) {
  const { x, lang, label } = useFundsTexts();
  const write = useFundsWrite();
  const base = yearPath(y.id);
  const capofila = y.view === 'capofila';
  const canSpend = y.plan.state === 'inviato';
  const eur = (c: number) => formatEuro(c, lang);
  const move = (a: Allocation, m: 'presenta' | 'verifica' | 'rimanda') => acts.run(() => write('POST', `${base}/allocations/${a.id}/moves`, { move: m, on: todayInRome() }, a.version));
  return (
    <section aria-labelledby="funds-report">
      <h2 id="funds-report" className="h4">
        {x.report}
      </h2>
      {y.allocations.length === 0 ? <p>{capofila ? '—' : x.noAllocation}</p> : null}
      {y.allocations.length ? (
        <DataTable caption={x.report}>
          <TableHead columns={[x.organisation, end(x.allocated), end(x.spent), end(x.left), x.state]} trailing />
          <tbody>
            {y.allocations.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.organisation.name}</th>
                <td className="text-end">{eur(a.amountCents)}</td>
                <td className="text-end">{eur(a.spentCents)}</td>
                <td className="text-end">{eur(a.amountCents - a.spentCents)}</td>
                <td>{label('reportState', a.reportState)}</td>
                <td>
                  {capofila && a.reportState === 'presentata'
                    ? (['verifica', 'rimanda'] as const).map((m) => (
                        <button key={m} type="button" className="btn btn-sm btn-outline-primary me-1" disabled={acts.pending} onClick={() => move(a, m)}>
                          {label('reportMove', m)}
                        </button>
                      ))
                    : null}
                  {!capofila && isHead && canSpend && (a.reportState === 'in_corso' || a.reportState === 'non_avviata') ? (
                    <button type="button" className="btn btn-sm btn-primary" disabled={acts.pending} onClick={() => move(a, 'presenta')}>
                      {label('reportMove', 'presenta')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {capofila && y.allocations.length ? (
        <p>
          <a className="btn btn-outline-primary me-2" href={`${base}/report?format=xlsx`} download>
            {x.exportXlsx}
          </a>
          <a className="btn btn-outline-primary" href={`${base}/report?format=pdf`} download>
            {x.exportPdf}
          </a>
        </p>
      ) : null}
      {!capofila ? y.allocations.map((a) => <Expenses key={a.id} y={y} a={a} acts={acts} />) : null}
    </section>
  );
}

/** A partner's expenses against her allocation: removable while in progress; a new one once the plan is sent. */
function Expenses({ y, a, acts }: { y: FundsYear; a: Allocation; acts: YearActs }) {
  const { x, lang, label } = useFundsTexts();
  const write = useFundsWrite();
  return (
    <div>
      <h3 className="h5">{x.expenses}</h3>
      {a.expenses.length ? (
        <DataTable caption={x.expenses}>
          <TableHead columns={[x.spentOn, x.category, x.documentRef, end(x.amount)]} trailing />
          <tbody>
            {a.expenses.map((e) => (
              <tr key={e.id}>
                <th scope="row">{formatDate(e.spentOn, lang)}</th>
                <td>{label('category', e.category)}</td>
                <td>{e.documentRef}</td>
                <td className="text-end">{formatEuro(e.amountCents, lang)}</td>
                <td>
                  {a.reportState === 'in_corso' ? (
                    <RemoveButton acts={acts} onRemove={() => write('DELETE', `${yearPath(y.id)}/allocations/${a.id}/expenses/${e.id}`, undefined, a.version)}>
                      {x.remove}
                    </RemoveButton>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {y.plan.state === 'inviato' && (a.reportState === 'in_corso' || a.reportState === 'non_avviata') ? <ExpenseForm y={y} a={a} /> : null}
    </div>
  );
}

function ExpenseForm({ y, a }: { y: FundsYear; a: Allocation }) {
  const { x, label } = useFundsTexts();
  const write = useFundsWrite();
  const id = `expense-${a.id}`;
  const fields = {
    category: { id: `${id}-category`, label: x.category },
    amountCents: { id: `${id}-amount`, label: x.amount },
    spentOn: { id: `${id}-on`, label: x.spentOn },
    documentRef: { id: `${id}-document`, label: x.documentRef },
  };
  const form = useYearForm(fundsExpenseForm, fields, { category: fundsExpenseCategories[0], amountCents: '', spentOn: '', documentRef: '' });
  return (
    <YearForm
      id={id}
      form={form}
      onSubmit={form.onSubmit((body) => write('POST', `${yearPath(y.id)}/allocations/${a.id}/expenses`, body))}
      submit={x.addExpense}
      primary
    >
      <Col>
        <SelectField {...form.field('category')} options={fundsExpenseCategories.map((c) => ({ value: c, label: label('category', c) }))} />
      </Col>
      <Col>
        <TextField {...form.field('amountCents')} inputMode="decimal" aria-required="true" />
      </Col>
      <Col>
        <TextField {...form.field('spentOn')} type="date" aria-required="true" />
      </Col>
      <Col>
        <TextField {...form.field('documentRef')} aria-required="true" maxLength={200} />
      </Col>
    </YearForm>
  );
}
