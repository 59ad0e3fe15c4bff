import { useState } from 'react';
import { actionStatuses, childServices, familyOf, publicHousingKinds, type ActionKind, type ActionStatus } from '../../../../shared/autonomy';
import { tirocinioPayers, type ActionDetails } from '../../../../shared/autonomy.actions.api';
import { fieldErrorsOf } from '../../../api/client';
import { DataTable } from '../../../ui/DataTable';
import { SelectField, TextField } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { formatEuro, parseEuro } from '../programmes/programmes.api';
import { focusFirst } from './CaseAutonomyForms';
import { type ActionList, type Project, useActions, useActionWrites, useProjectWrites } from './projects.api';
import { useProjectTexts } from './projects.texts';

/** The kinds the form offers now; the others are shown when recorded and will get their form later. */
const formKinds = ['tirocinio', 'colloquio_cpi', 'domanda_casa_pubblica', 'servizio_figli'] as const satisfies readonly ActionKind[];
type FormKind = (typeof formKinds)[number];

/** The project's actions as her side sees them (details only in the team's and the work/housing views), and a new one. */
export function ProjectActions({ project: p }: { project: Project }) {
  const { lang, x, label } = useProjectTexts();
  const query = useActions(p.id);
  const list = query.data;
  return (
    <section aria-labelledby="actions-title" className="mb-4">
      <h2 id="actions-title" className="h4">
        {x.actionsTitle}
      </h2>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} />
      {list?.view === 'approval' ? <p className="small">{x.approvalActions}</p> : null}
      {list && !list.items.length ? <p>{x.noActions}</p> : null}
      {list?.items.length ? (
        <DataTable caption={x.actionsCaption}>
          <thead>
            <tr>
              <th scope="col">{x.kind}</th>
              <th scope="col">{x.family}</th>
              <th scope="col">{x.status}</th>
              <th scope="col">{x.outcome}</th>
              <th scope="col">{x.startsOn}</th>
              <th scope="col">{x.endsOn}</th>
              <th scope="col" className="text-end">
                {x.cost}
              </th>
              {list.view !== 'approval' ? <th scope="col">{x.details}</th> : null}
            </tr>
          </thead>
          <tbody>
            {list.items.map((a) => (
              <tr key={a.id}>
                <th scope="row">{label('actionKind', a.kind as ActionKind)}</th>
                <td>{label('actionFamily', a.family)}</td>
                <td>{label('actionStatus', a.status)}</td>
                <td>{a.outcome ? label('actionOutcome', a.outcome) : '—'}</td>
                <td>{a.startsOn ? formatDate(a.startsOn, lang) : '—'}</td>
                <td>{a.endsOn ? formatDate(a.endsOn, lang) : '—'}</td>
                <td className="text-end">{a.costCents === null ? '—' : formatEuro(a.costCents, lang)}</td>
                {list.view !== 'approval' ? <td>{a.details ? <Details details={a.details} /> : '—'}</td> : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {list && list.writes.length ? <ActionForm project={p} list={list} /> : null}
    </section>
  );
}

/** An action's details, field by field (booleans as yes/no, cents as euros, coded values by their label). */
function Details({ details }: { details: ActionDetails }) {
  const { lang, x, label } = useProjectTexts();
  const names: Record<string, string> = {
    host: x.host,
    hoursPerWeek: x.hoursPerWeek,
    monthlyAllowanceCents: x.allowance,
    paidBy: x.paidBy,
    did: 'DID',
    sap: 'SAP',
    pattoServizio: x.patto,
    body: x.body,
    preferentialCategory: x.preferential,
    filedOn: x.filedOn,
    service: x.service,
    provider: x.provider,
  };
  const show = (k: string, v: unknown): string => {
    if (typeof v === 'boolean') return v ? x.yes : x.no;
    if (typeof v === 'number' && k.endsWith('Cents')) return formatEuro(v, lang);
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, lang);
    if (k === 'service' && typeof v === 'string') return label('childService', v as (typeof childServices)[number]);
    if (k === 'body' && typeof v === 'string') return label('publicHousingKind', v as (typeof publicHousingKinds)[number]);
    if (k === 'paidBy' && typeof v === 'string') return x.payers[v as (typeof tirocinioPayers)[number]] ?? v;
    return String(v);
  };
  const entries = Object.entries(details).filter(([k, v]) => k !== 'kind' && v !== null && v !== undefined);
  return (
    <ul className="list-unstyled mb-0 small">
      {entries.map(([k, v]) => (
        <li key={k}>
          {names[k] ?? k}: {show(k, v)}
        </li>
      ))}
    </ul>
  );
}

function ActionForm({ project: p, list }: { project: Project; list: ActionList }) {
  const { x, label } = useProjectTexts();
  const writes = useActionWrites(p.id);
  const { pending, error, run } = useRun();
  const kinds = formKinds.filter((k) => list.writes.includes(familyOf(k)));
  const [kind, setKind] = useState<FormKind | ''>('');
  const [status, setStatus] = useState<ActionStatus>('prevista');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [cost, setCost] = useState('');
  // tirocinio
  const [host, setHost] = useState('');
  const [hours, setHours] = useState('');
  const [allowance, setAllowance] = useState('');
  const [paidBy, setPaidBy] = useState<(typeof tirocinioPayers)[number] | ''>('');
  // colloquio_cpi
  const [did, setDid] = useState(false);
  const [sap, setSap] = useState(false);
  const [patto, setPatto] = useState(false);
  // domanda_casa_pubblica
  const [body, setBody] = useState<(typeof publicHousingKinds)[number] | ''>('');
  const [preferential, setPreferential] = useState(false);
  const [filedOn, setFiledOn] = useState('');
  // servizio_figli
  const [service, setService] = useState<(typeof childServices)[number] | ''>('');
  const [provider, setProvider] = useState('');
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState(false);
  const server = fieldErrorsOf(error);
  const need = (v: string) => (tried && !v ? x.required : undefined);
  const costCents = cost.trim() ? parseEuro(cost) : null;
  const allowanceCents = parseEuro(allowance);
  const hoursN = /^\d+$/.test(hours.trim()) ? Number(hours.trim()) : NaN;
  const hoursBad = tried && kind === 'tirocinio' && (!Number.isInteger(hoursN) || hoursN < 1 || hoursN > 60);

  const details = (): ActionDetails | null => {
    switch (kind) {
      case 'tirocinio':
        if (!host.trim() || hoursBad || !Number.isInteger(hoursN) || allowanceCents === null || !paidBy) return null;
        return { kind, host: host.trim(), hoursPerWeek: hoursN, monthlyAllowanceCents: allowanceCents, paidBy };
      case 'colloquio_cpi':
        return { kind, did, sap, pattoServizio: patto };
      case 'domanda_casa_pubblica':
        if (!body) return null;
        return { kind, body, preferentialCategory: preferential, ...(filedOn ? { filedOn } : {}) };
      case 'servizio_figli':
        if (!service) return null;
        return { kind, service, ...(provider.trim() ? { provider: provider.trim() } : {}) };
      default:
        return null;
    }
  };
  const firstMissing = () =>
    focusFirst([
      !kind && 'action-kind',
      kind === 'tirocinio' && !host.trim() && 'action-host',
      kind === 'tirocinio' && !(Number.isInteger(hoursN) && hoursN >= 1 && hoursN <= 60) && 'action-hours',
      kind === 'tirocinio' && allowanceCents === null && 'action-allowance',
      kind === 'tirocinio' && !paidBy && 'action-paid-by',
      kind === 'domanda_casa_pubblica' && !body && 'action-body',
      kind === 'servizio_figli' && !service && 'action-service',
      cost.trim() !== '' && costCents === null && 'action-cost',
    ]);

  return (
    <form
      noValidate
      className="mt-4"
      aria-labelledby="new-action-title"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        setDone(false);
        const d = details();
        if (!kind || !d || (cost.trim() !== '' && costCents === null)) return firstMissing();
        run(() =>
          writes
            .add({ status, details: d, ...(startsOn ? { startsOn } : {}), ...(endsOn ? { endsOn } : {}), ...(costCents !== null ? { costCents } : {}) })
            .then(() => {
              setDone(true);
              setTried(false);
              setKind('');
            }),
        );
      }}
    >
      <h3 id="new-action-title" className="h5">
        {x.newActionTitle}
      </h3>
      <p>{x.newActionIntro}</p>
      <ProblemAlert error={error} />
      {done ? <SuccessAlert>{x.actionAdded}</SuccessAlert> : null}
      <SelectField
        id="action-kind"
        label={x.chooseKind}
        value={kind}
        onChange={(e) => setKind(e.target.value as FormKind)}
        required
        aria-required="true"
        placeholder="—"
        error={need(kind)}
        options={kinds.map((k) => ({ value: k, label: `${label('actionKind', k)} (${label('actionFamily', familyOf(k))})` }))}
      />
      {kind === 'tirocinio' ? (
        <fieldset className="mb-3">
          <legend className="fs-6 fw-semibold px-0">{label('actionKind', 'tirocinio')}</legend>
          <TextField id="action-host" label={x.host} value={host} onChange={(e) => setHost(e.target.value)} maxLength={300} required aria-required="true" error={need(host.trim()) ?? server.details?.detail} />
          <TextField id="action-hours" label={x.hoursPerWeek} inputMode="numeric" value={hours} onChange={(e) => setHours(e.target.value)} required aria-required="true" error={hoursBad ? x.hoursInvalid : undefined} />
          <TextField
            id="action-allowance"
            label={x.allowance}
            hint={x.amountHint}
            inputMode="decimal"
            value={allowance}
            onChange={(e) => setAllowance(e.target.value)}
            required
            aria-required="true"
            error={tried && allowanceCents === null ? (allowance ? x.amountInvalid : x.required) : undefined}
          />
          <SelectField
            id="action-paid-by"
            label={x.paidBy}
            value={paidBy}
            onChange={(e) => setPaidBy(e.target.value as (typeof tirocinioPayers)[number])}
            required
            aria-required="true"
            placeholder="—"
            error={need(paidBy)}
            options={tirocinioPayers.map((v) => ({ value: v, label: x.payers[v] }))}
          />
        </fieldset>
      ) : null}
      {kind === 'colloquio_cpi' ? (
        <fieldset className="mb-3">
          <legend className="fs-6 fw-semibold px-0">{x.cpiLegend}</legend>
          {(
            [
              ['did', x.did, did, setDid],
              ['sap', x.sap, sap, setSap],
              ['patto', x.patto, patto, setPatto],
            ] as const
          ).map(([id, text, value, set]) => (
            <div className="form-check" key={id}>
              <input id={`action-${id}`} type="checkbox" checked={value} onChange={(e) => set(e.currentTarget.checked)} />
              <label htmlFor={`action-${id}`}>{text}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      {kind === 'domanda_casa_pubblica' ? (
        <fieldset className="mb-3">
          <legend className="fs-6 fw-semibold px-0">{label('actionKind', 'domanda_casa_pubblica')}</legend>
          <SelectField
            id="action-body"
            label={x.body}
            value={body}
            onChange={(e) => setBody(e.target.value as (typeof publicHousingKinds)[number])}
            required
            aria-required="true"
            placeholder="—"
            error={need(body)}
            options={publicHousingKinds.map((v) => ({ value: v, label: label('publicHousingKind', v) }))}
          />
          <div className="form-check mb-3">
            <input id="action-preferential" type="checkbox" checked={preferential} onChange={(e) => setPreferential(e.currentTarget.checked)} />
            <label htmlFor="action-preferential">{x.preferential}</label>
          </div>
          <TextField id="action-filed" type="date" label={x.filedOn} value={filedOn} onChange={(e) => setFiledOn(e.target.value)} />
        </fieldset>
      ) : null}
      {kind === 'servizio_figli' ? (
        <fieldset className="mb-3">
          <legend className="fs-6 fw-semibold px-0">{label('actionKind', 'servizio_figli')}</legend>
          <SelectField
            id="action-service"
            label={x.service}
            value={service}
            onChange={(e) => setService(e.target.value as (typeof childServices)[number])}
            required
            aria-required="true"
            placeholder="—"
            error={need(service)}
            options={childServices.map((v) => ({ value: v, label: label('childService', v) }))}
          />
          <TextField id="action-provider" label={x.provider} value={provider} onChange={(e) => setProvider(e.target.value)} maxLength={300} />
        </fieldset>
      ) : null}
      {kind ? (
        <>
          <SelectField id="action-status" label={x.status} value={status} onChange={(e) => setStatus(e.target.value as ActionStatus)} options={actionStatuses.map((v) => ({ value: v, label: label('actionStatus', v) }))} />
          <TextField id="action-starts" type="date" label={x.startsOn} value={startsOn} onChange={(e) => setStartsOn(e.target.value)} error={server.startsOn?.detail} />
          <TextField id="action-ends" type="date" label={x.endsOn} value={endsOn} onChange={(e) => setEndsOn(e.target.value)} error={server.endsOn?.detail} />
          <TextField
            id="action-cost"
            label={x.cost}
            hint={x.amountHint}
            inputMode="decimal"
            value={cost}
            onChange={(e) => setCost(e.target.value)}
            error={(tried && cost.trim() !== '' && costCents === null ? x.amountInvalid : undefined) ?? server.costCents?.detail}
          />
        </>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {x.addAction}
      </button>
    </form>
  );
}

/** The planned budget, every category of the project's areas' axes at once (while the team may plan it). */
export function BudgetForm({ project: p }: { project: Project }) {
  const { x } = useProjectTexts();
  const writes = useProjectWrites();
  const { pending, error, run } = useRun();
  const planned = (code: string) => p.budget?.items.find((i) => i.categoryCode === code)?.plannedCents;
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(p.frame.categories.map((c) => { const v = planned(c.code); return [c.code, v === undefined ? '' : (v / 100).toFixed(2).replace('.', ',')]; })),
  );
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState(false);
  const parsed = p.frame.categories.map((c) => ({ code: c.code, text: (values[c.code] ?? '').trim(), cents: (values[c.code] ?? '').trim() ? parseEuro(values[c.code] ?? '') : null }));
  const bad = parsed.filter((r) => r.text !== '' && r.cents === null);
  return (
    <form
      noValidate
      className="mb-4"
      aria-labelledby="budget-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        setDone(false);
        if (bad.length) return focusFirst([`budget-${bad[0]!.code}`]);
        const items = parsed.filter((r) => r.cents !== null && r.cents > 0).map((r) => ({ categoryCode: r.code, plannedCents: r.cents! }));
        run(() => writes.budget(p, { items }).then(() => setDone(true)));
      }}
    >
      <h2 id="budget-form-title" className="h4">
        {x.budgetFormTitle}
      </h2>
      <p>{x.budgetFormIntro}</p>
      <ProblemAlert error={error} />
      {done ? <SuccessAlert>{x.budgetSaved}</SuccessAlert> : null}
      <fieldset>
        <legend className="visually-hidden">{x.budget}</legend>
        {p.frame.categories.map((c) => (
          <TextField
            key={c.code}
            id={`budget-${c.code}`}
            label={`${c.axisCode} – ${c.name}`}
            inputMode="decimal"
            value={values[c.code] ?? ''}
            onChange={(e) => setValues({ ...values, [c.code]: e.target.value })}
            error={tried && bad.some((b) => b.code === c.code) ? x.amountInvalid : undefined}
          />
        ))}
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {x.saveBudget}
      </button>
    </form>
  );
}
