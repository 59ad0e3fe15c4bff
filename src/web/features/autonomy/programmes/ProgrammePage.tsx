import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { programmeStateMayChange, programmeStates, type ProgrammeState } from '../../../../shared/autonomy';
import { CheckboxGroup, SelectField, TextField } from '../../../ui/fields';
import { DataTable } from '../../../ui/DataTable';
import { TableHead, end } from '../../../ui/TableHead';
import { FieldIssuesTable } from '../../../ui/FieldIssuesTable';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { CountsTable } from '../CountsTable';
import { ProgrammeFollowUps } from '../followups/ProgrammeFollowUps';
import { BudgetChart } from './BudgetChart';
import { BudgetGrid } from './BudgetGrid';
import { type Programme, formatEuro, useProgramme, useProgrammeSummary, useProgrammeWrites } from './programmes.api';
import { useProgrammeTexts } from './programmes.texts';
import { ResultsForm } from './ResultsForm';
import { useGroupWorkTexts } from '../groupwork/groupwork.texts';

/**
 * One programme: its data, the budget used per axis and per partner (bars
 * and tables), expected against actual results, referrals and projects
 * counted, partners, the budget grid, équipes and the frame. The network's
 * coordinator edits state, partners and budgets here.
 */
export function ProgrammePage() {
  const { id } = useParams();
  const { lang, x, label } = useProgrammeTexts();
  const programme = useProgramme(id);
  const summary = useProgrammeSummary(id);
  const p = programme.data;
  const s = summary.data;
  if (programme.isPending) return <Loading />;
  if (!p) return <ProblemAlert error={programme.error} />;
  const nameOf = (orgId: string) => p.partners.find((o) => o.id === orgId)?.name ?? p.memberOptions.find((o) => o.id === orgId)?.name ?? orgId;
  return (
    <>
      <PageHeading>{p.acronym && !p.name.includes(p.acronym) ? `${p.acronym} – ${p.name}` : p.name}</PageHeading>
      <dl className="row">
        <dt className="col-sm-3">{x.network}</dt>
        <dd className="col-sm-9">{p.network.name}</dd>
        <dt className="col-sm-3">{x.capofila}</dt>
        <dd className="col-sm-9">{p.capofila.name}</dd>
        {p.decreeRef ? (
          <>
            <dt className="col-sm-3">{x.decree}</dt>
            <dd className="col-sm-9">{p.decreeRef}</dd>
          </>
        ) : null}
        <dt className="col-sm-3">{x.period}</dt>
        <dd className="col-sm-9">
          {formatDate(p.startsOn, lang)} – {formatDate(p.endsOn, lang)}
        </dd>
        <dt className="col-sm-3">{x.total}</dt>
        <dd className="col-sm-9">{formatEuro(p.totalCents, lang)}</dd>
        <dt className="col-sm-3">{x.state}</dt>
        <dd className="col-sm-9">{label('programmeState', p.state)}</dd>
      </dl>
      {p.acts.manage ? <StateForm programme={p} /> : null}

      <h2 className="h3 mt-5">{x.summary}</h2>
      {summary.isPending ? <Loading /> : null}
      <ProblemAlert error={summary.error} />
      {s ? (
        <>
          <p>
            {x.allocated}: {formatEuro(s.overall.allocatedCents, lang)} · {x.committed}: {formatEuro(s.overall.committedCents, lang)} · {x.paid}:{' '}
            {formatEuro(s.overall.paidCents, lang)} · {x.unallocated}: {formatEuro(s.overall.unallocatedCents, lang)}
          </p>
          <BudgetChart title={x.byAxis} rows={s.byAxis.map((a) => ({ ...a, key: a.axisCode, label: `${x.axis} ${a.axisCode}` }))} />
          <BudgetChart title={x.byPartner} rows={s.byPartner.map((o) => ({ ...o, key: o.organisationId, label: o.name }))} />

          <h2 className="h3 mt-5">{x.results}</h2>
          <DataTable caption={x.results}>
            <TableHead columns={[x.result, end(x.target), end(x.actual), x.note]} />
            <tbody>
              {s.results.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.label}
                    <span className="d-block small fw-normal">{label('resultMeasure', r.measure)}</span>
                  </th>
                  <td className="text-end">{r.target}</td>
                  <td className="text-end">{r.actual ?? '—'}</td>
                  <td>{r.counted ? x.counted : r.actual === null ? x.notEntered : x.manual}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>

          {p.acts.manage ? <ResultsForm programme={p} /> : null}

          <div className="row mt-4">
            <div className="col-md-4">
              <CountTable caption={x.projects} rows={Object.entries(s.projects).map(([k, n]) => [label('projectState', k as never), n])} />
            </div>
            <div className="col-md-4">
              <CountTable caption={x.intakes} rows={Object.entries(s.intakes.byState).map(([k, n]) => [label('intakeState', k as never), n])} threshold={s.intakes.threshold} />
            </div>
            <div className="col-md-4">
              <CountTable caption={x.refusals} rows={Object.entries(s.intakes.refusals).map(([k, n]) => [label('intakeRefusalReason', k as never), n])} threshold={s.intakes.threshold} />
            </div>
          </div>
        </>
      ) : null}

      <ProgrammeFollowUps programmeId={p.id} />

      <GroupWorkEntry programmeId={p.id} />

      <h2 className="h3 mt-5">{x.partners}</h2>
      <ul>
        {p.partners.map((o) => (
          <li key={o.id}>
            {o.name} — {label('partnerRole', o.role)}
          </li>
        ))}
      </ul>
      {p.acts.manage ? <PartnersForm programme={p} /> : null}

      <h2 className="h3 mt-5">{x.budgets}</h2>
      <BudgetGrid programme={p} nameOf={nameOf} />

      <h2 className="h3 mt-5">{x.equipes}</h2>
      {p.equipes.length === 0 ? <p>{x.none}</p> : null}
      <ul>
        {p.equipes.map((e) => (
          <li key={e.id}>
            <strong>{e.name}</strong>: {e.members.map((m) => m.name).join(', ')}
          </li>
        ))}
      </ul>

      {p.acts.manage ? <EquipesForm programme={p} /> : null}

      <h2 className="h3 mt-5">{x.frame}</h2>
      <FrameTables programme={p} />
    </>
  );
}

function CountTable({ caption, rows, threshold }: { caption: string; rows: [string, number | null][]; threshold?: number }) {
  const { x } = useProgrammeTexts();
  return (
    <>
      <h3 className="h5">{caption}</h3>
      <CountsTable
        caption={caption}
        head={x.state}
        countHead={x.count}
        rows={rows.map(([label, n]) => ({ key: label, label, n }))}
        hidden={x.hidden}
        explained={x.suppressed.replace('{{threshold}}', String(threshold ?? ''))}
      />
    </>
  );
}

/** The équipes and their member organisations (the network's): one kept by its id, a new one added, one removed when nothing names it yet. */
function EquipesForm({ programme }: { programme: Programme }) {
  const { x } = useProgrammeTexts();
  const writes = useProgrammeWrites();
  const { pending, error, run } = useRun();
  const [rows, setRows] = useState(() => programme.equipes.map((e) => ({ key: e.id, id: e.id as string | undefined, name: e.name, organisationIds: e.members.map((m) => m.id) })));
  const options = programme.memberOptions.map((o) => ({ value: o.id, label: o.name }));
  const set = (i: number, patch: Partial<(typeof rows)[number]>) => setRows((prev) => prev.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(() => writes.equipes(programme, { equipes: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name, organisationIds: r.organisationIds })) }));
  };
  return (
    <form onSubmit={submit} className="mb-4">
      <h3 className="h5">{x.editEquipes}</h3>
      <ProblemAlert error={error} />
      <FieldIssuesTable error={error} caption={x.errorsCaption} first={{ header: x.where, cell: (e) => (e.params?.what ? String(e.params.what) : e.pointer) }} />
      {rows.map((r, i) => (
        <fieldset key={r.key} className="border p-3 mb-3">
          <legend className="h6 float-none w-auto px-2">{r.name || x.newEquipe}</legend>
          <TextField id={`equipe-${r.key}-name`} label={x.equipeName} value={r.name} onChange={(e) => set(i, { name: e.target.value })} maxLength={120} />
          <CheckboxGroup id={`equipe-${r.key}-members`} legend={x.members} options={options} values={r.organisationIds} onChange={(v) => set(i, { organisationIds: v })} />
          <button type="button" className="btn btn-outline-danger btn-sm" onClick={() => setRows((prev) => prev.filter((_, j) => j !== i))}>
            {x.removeEquipe(r.name || x.newEquipe)}
          </button>
        </fieldset>
      ))}
      <p>
        <button type="button" className="btn btn-outline-secondary" onClick={() => setRows((prev) => [...prev, { key: `new-${Date.now()}`, id: undefined, name: '', organisationIds: [] }])}>
          {x.addEquipe}
        </button>
      </p>
      <button type="submit" className="btn btn-outline-primary" disabled={pending}>
        {x.save}
      </button>
    </form>
  );
}

/** Its state, offering only where it may go from here (the server refuses the others: 409). */
function StateForm({ programme }: { programme: Programme }) {
  const { x, label } = useProgrammeTexts();
  const writes = useProgrammeWrites();
  const { pending, error, run } = useRun();
  const [state, setState] = useState<ProgrammeState>(programme.state);
  const [done, setDone] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    run(() => writes.update(programme, { state }).then(() => setDone(true)));
  };
  return (
    <form onSubmit={submit} className="mb-4">
      <ProblemAlert error={error} />
      {done ? <SuccessAlert>{x.saved}</SuccessAlert> : null}
      <SelectField id="programme-state" label={x.state} value={state} onChange={(e) => setState(e.target.value as ProgrammeState)} options={programmeStates.filter((v) => programmeStateMayChange(programme.state, v)).map((v) => ({ value: v, label: label('programmeState', v) }))} />
      <button type="submit" className="btn btn-outline-primary" disabled={pending}>
        {x.save}
      </button>
    </form>
  );
}

function PartnersForm({ programme }: { programme: Programme }) {
  const { x } = useProgrammeTexts();
  const writes = useProgrammeWrites();
  const { pending, error, run } = useRun();
  const [capofila, setCapofila] = useState(programme.capofila.id);
  const [partners, setPartners] = useState(programme.partners.filter((o) => o.role === 'partner').map((o) => o.id));
  const options = programme.memberOptions.map((o) => ({ value: o.id, label: o.name }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(() => writes.partners(programme, { capofilaOrganisationId: capofila, partnerOrganisationIds: partners.filter((o) => o !== capofila) }));
  };
  return (
    <form onSubmit={submit} className="mb-4">
      <h3 className="h5">{x.editPartners}</h3>
      <ProblemAlert error={error} />
      <FieldIssuesTable error={error} caption={x.errorsCaption} first={{ header: x.where, cell: (e) => e.item ?? e.pointer }} />
      <SelectField id="programme-capofila" label={x.capofila} value={capofila} onChange={(e) => setCapofila(e.target.value)} options={options} />
      <CheckboxGroup id="programme-partners" legend={x.partnerOptions} options={options.filter((o) => o.value !== capofila)} values={partners} onChange={setPartners} />
      <button type="submit" className="btn btn-outline-primary" disabled={pending}>
        {x.save}
      </button>
    </form>
  );
}

function FrameTables({ programme }: { programme: Programme }) {
  const { lang, x } = useProgrammeTexts();
  const f = programme.frame;
  return (
    <>
      <DataTable caption={x.axes}>
        <TableHead columns={[x.code, x.name, x.areas]} />
        <tbody>
          {f.axes.map((a) => (
            <tr key={a.code}>
              <th scope="row">
                {a.code}
                {a.required ? ` (${x.required})` : ''}
              </th>
              <td>{a.name}</td>
              <td>
                {f.areas
                  .filter((ar) => ar.axes.includes(a.code))
                  .map((ar) => ar.name)
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <DataTable caption={x.priorities}>
        <TableHead columns={[x.code, x.axis, x.name]} />
        <tbody>
          {f.priorities.map((pr) => (
            <tr key={pr.code}>
              <th scope="row">{pr.code}</th>
              <td>{pr.axis}</td>
              <td>{pr.name}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <DataTable caption={x.categories}>
        <TableHead columns={[x.axis, x.name]} />
        <tbody>
          {f.categories.map((c) => (
            <tr key={c.code}>
              <td>{c.axis}</td>
              <th scope="row">{c.name}</th>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <DataTable caption={x.caps}>
        <TableHead columns={[x.name, x.capAxes, end(x.amount), x.note]} />
        <tbody>
          {f.caps.map((c) => (
            <tr key={c.code}>
              <th scope="row">{c.name}</th>
              <td>{c.axes.join(', ')}</td>
              <td className="text-end">{formatEuro(c.amountCents, lang)}</td>
              <td className="small">{c.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}

/** The way to the programme's group work (its own pages: src/web/features/autonomy/groupwork/). */
function GroupWorkEntry({ programmeId }: { programmeId: string }) {
  const { x } = useGroupWorkTexts();
  return (
    <section aria-labelledby="group-work-title">
      <h2 id="group-work-title" className="h3 mt-5">
        {x.groupWork}
      </h2>
      <p>{x.groupWorkIntro}</p>
      <Link to={`/autonomia/programmi/${encodeURIComponent(programmeId)}/attivita`}>{x.openGroupWork}</Link>
    </section>
  );
}
