import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { projectReference } from '../../../../shared/autonomy';
import { DataTable } from '../../../ui/DataTable';
import { TextField } from '../../../ui/fields';
import { formatDate, formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { TableHead, end } from '../../../ui/TableHead';
import { useRun } from '../../../ui/useRun';
import { BudgetChart } from '../programmes/BudgetChart';
import { formatEuro } from '../programmes/programmes.api';
import { ProjectFollowUps } from '../followups/ProjectFollowUps';
import { ExpenseForm } from './ExpenseForm';
import { MoveForm } from './MoveForm';
import { BudgetForm, ProjectActions } from './ProjectActions';
import { type Project, useProject, useProjectWrites } from './projects.api';
import { useProjectTexts } from './projects.texts';

/**
 * A personalised project as her side sees it (docs/autonomy.md, "Who sees
 * what"): the caps as bars with the same figures in a table, the planned
 * budget, the expenses (with notes and receipts for the team only), the
 * approval history, and what she may do now (`can`, from the server's
 * decision: never re-derived here).
 */
export function ProjectPage() {
  const { id } = useParams();
  const { lang, x, label } = useProjectTexts();
  const query = useProject(id);
  const p = query.data;
  return (
    <>
      <PageHeading>{p ? x.title(p.caseCode) : x.caseTitle}</PageHeading>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} />
      {p ? (
        <>
          <dl className="row">
            <dt className="col-sm-4">{x.reference}</dt>
            <dd className="col-sm-8">{projectReference(p.id)}</dd>
            <dt className="col-sm-4">{x.programme}</dt>
            <dd className="col-sm-8">{p.programme.acronym ? `${p.programme.acronym} – ${p.programme.name}` : p.programme.name}</dd>
            <dt className="col-sm-4">{x.equipe}</dt>
            <dd className="col-sm-8">{p.equipe.name}</dd>
            <dt className="col-sm-4">{x.referring}</dt>
            <dd className="col-sm-8">{p.referringOrganisation.name}</dd>
            <dt className="col-sm-4">{x.areas}</dt>
            <dd className="col-sm-8">{p.frame.areas.map((a) => a.name).join(', ')}</dd>
            <dt className="col-sm-4">{x.state}</dt>
            <dd className="col-sm-8">{label('projectState', p.state)}</dd>
            {p.startedOn ? (
              <>
                <dt className="col-sm-4">{x.started}</dt>
                <dd className="col-sm-8">{formatDate(p.startedOn, lang)}</dd>
              </>
            ) : null}
            {p.endedOn ? (
              <>
                <dt className="col-sm-4">{x.ended}</dt>
                <dd className="col-sm-8">{formatDate(p.endedOn, lang)}</dd>
              </>
            ) : null}
            {p.goals !== null ? (
              <>
                <dt className="col-sm-4">{x.goals}</dt>
                <dd className="col-sm-8" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.goals}
                </dd>
              </>
            ) : null}
            {p.notes ? (
              <>
                <dt className="col-sm-4">{x.notes}</dt>
                <dd className="col-sm-8" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.notes}
                </dd>
              </>
            ) : null}
          </dl>
          {p.view === 'work_housing' ? <div className="alert alert-info">{x.workHousing}</div> : null}
          {p.view === 'approval' ? <p className="small">{x.approvalView}</p> : null}
          {p.budget ? <Budget project={p} /> : null}
          {p.can.budget ? <BudgetForm project={p} /> : null}
          <ProjectActions project={p} />
          {p.expenses ? <Expenses project={p} /> : null}
          {p.can.expense ? <ExpenseForm project={p} /> : null}
          {p.steps ? <History project={p} /> : null}
          {p.can.moves.length ? <MoveForm project={p} /> : null}
          {/* The checks after the end: the team holding the plan only (the server answers 404 to any other view). */}
          {p.view === 'team' && p.state === 'conclusa' ? <ProjectFollowUps projectId={p.id} /> : null}
        </>
      ) : null}
      <p className="mt-4">{p && p.view === 'team' ? <Link to={`/percorsi/${p.caseId}/autonomia`}>{x.caseTitle}</Link> : <Link to="/autonomia/progetti">{x.inboxTitle}</Link>}</p>
    </>
  );
}

function Budget({ project: p }: { project: Project }) {
  const { lang, x } = useProjectTexts();
  const budget = p.budget!;
  const paidOf = (axes: readonly string[]) => (p.expenses ?? []).filter((e) => e.state === 'pagata' && axes.includes(e.axisCode)).reduce((n, e) => n + e.amountCents, 0);
  const categoryName = (code: string) => p.frame.categories.find((c) => c.code === code)?.name ?? code;
  return (
    <section aria-labelledby="budget-title" className="mb-4">
      <h2 id="budget-title" className="h4">
        {x.caps}
      </h2>
      <BudgetChart
        title={x.capsCaption}
        rows={budget.caps.map((c) => ({ key: c.code, label: c.name, allocatedCents: c.capCents, committedCents: c.usedCents, paidCents: paidOf(c.axes), leftCents: c.leftCents }))}
      />
      <DataTable caption={x.budget}>
        <TableHead columns={[x.category, x.axis, end(x.planned)]} />
        <tbody>
          {budget.items.map((i) => (
            <tr key={i.categoryCode}>
              <th scope="row">{categoryName(i.categoryCode)}</th>
              <td>{i.axisCode}</td>
              <td className="text-end">{formatEuro(i.plannedCents, lang)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{x.planned}</th>
            <td />
            <td className="text-end fw-semibold">{formatEuro(budget.plannedCents, lang)}</td>
          </tr>
        </tbody>
      </DataTable>
    </section>
  );
}

function Expenses({ project: p }: { project: Project }) {
  const { lang, x, label } = useProjectTexts();
  const writes = useProjectWrites();
  const { pending, error, run } = useRun();
  const [paidOn, setPaidOn] = useState('');
  const categoryName = (code: string) => p.frame.categories.find((c) => c.code === code)?.name ?? code;
  const expenses = p.expenses ?? [];
  return (
    <section aria-labelledby="expenses-title" className="mb-4">
      <h2 id="expenses-title" className="h4">
        {x.expenses}
      </h2>
      <ProblemAlert error={error} />
      {!expenses.length ? (
        <p>{x.noExpenses}</p>
      ) : (
        <>
          {p.can.expense || p.view === 'team' ? <TextField id="paid-on" type="date" label={x.payOn} value={paidOn} onChange={(e) => setPaidOn(e.target.value)} /> : null}
          <DataTable caption={x.expenses}>
            <TableHead columns={[x.category, x.partner, end(x.amount), x.state, x.committedOn, x.paidOn, ...(p.view === 'team' ? [x.note, x.moves] : [])]} />
            <tbody>
              {expenses.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{categoryName(e.categoryCode)}</th>
                  <td>{e.partner.name}</td>
                  <td className="text-end">{formatEuro(e.amountCents, lang)}</td>
                  <td>{label('expenseState', e.state)}</td>
                  <td>{formatDate(e.committedOn, lang)}</td>
                  <td>{e.paidOn ? formatDate(e.paidOn, lang) : '—'}</td>
                  {p.view === 'team' ? <td>{e.note ?? ''}</td> : null}
                  {p.view === 'team' ? (
                    <td>
                      {e.state === 'impegnata' ? (
                        <>
                          <button type="button" className="btn btn-sm btn-outline-primary me-2" disabled={pending || !paidOn} onClick={() => run(() => writes.expenseMove(p, e, { move: 'paga', paidOn }))}>
                            {x.pay}
                          </button>
                          <button type="button" className="btn btn-sm btn-outline-danger" disabled={pending} onClick={() => run(() => writes.expenseMove(p, e, { move: 'annulla' }))}>
                            {x.cancel}
                          </button>
                        </>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </section>
  );
}

function History({ project: p }: { project: Project }) {
  const { lang, x, label } = useProjectTexts();
  const steps = p.steps ?? [];
  return (
    <section aria-labelledby="history-title" className="mb-4">
      <h2 id="history-title" className="h4">
        {x.history}
      </h2>
      {!steps.length ? (
        <p>{x.noHistory}</p>
      ) : (
        <DataTable caption={x.history}>
          <TableHead columns={[x.when, x.move, x.from, x.to, x.reason, x.comment, x.by]} />
          <tbody>
            {steps.map((s, i) => (
              <tr key={i}>
                <th scope="row">{formatDateTime(s.at, lang)}</th>
                <td>{label('projectMove', s.move)}</td>
                <td>{label('projectState', s.fromState)}</td>
                <td>{label('projectState', s.toState)}</td>
                <td>{s.reason ? label('projectMoveReason', s.reason) : '—'}</td>
                <td style={{ whiteSpace: 'pre-wrap' }}>{s.comment ?? ''}</td>
                <td>{s.by ? `${s.by} (${s.byOrganisation.name})` : s.byOrganisation.name}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
