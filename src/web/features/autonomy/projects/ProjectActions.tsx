import { useState } from 'react';
import { allActionKinds, childServices, familyOf, incomeMeasures, publicHousingKinds, type ActionKind } from '../../../../shared/autonomy';
import type { ActionDetails, contractKinds, housingLevels, tirocinioPayers } from '../../../../shared/autonomy.actions.api';
import { DataTable } from '../../../ui/DataTable';
import { TextField } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { TableHead, end } from '../../../ui/TableHead';
import { useRun } from '../../../ui/useRun';
import { StaleCaseNotice } from '../../cases/StaleCaseNotice';
import { useFocusAfter } from '../../cases/useFocusAfter';
import { formatEuro, parseEuro } from '../programmes/programmes.api';
import { EditActionForm, NewActionForm } from './ActionForm';
import { createBody, patchBody, type Action } from './actions.form';
import { useActionTexts } from './actions.texts';
import { focusFirst } from './CaseAutonomyForms';
import { type Project, useActions, useActionWrites, useProjectWrites } from './projects.api';
import { useProjectTexts } from './projects.texts';

/**
 * The project's actions as her side sees them (details only in the team's
 * and the work/housing views); where she writes an action's family, a new
 * one of any kind of it, and each of them edited (If-Match on the action).
 */
export function ProjectActions({ project: p }: { project: Project }) {
  const { lang, x, label } = useProjectTexts();
  const a = useActionTexts();
  const query = useActions(p.id);
  const writes = useActionWrites(p.id);
  const add = useRun();
  const edit = useRun();
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const focus = useFocusAfter();
  const list = query.data;
  const editable = (action: Action) => !!list?.writes.includes(action.family) && action.details !== null;
  const anyEditable = !!list?.items.some(editable);
  const current = list?.items.find((i) => i.id === editing && editable(i));
  const kinds = allActionKinds.filter((k) => list?.writes.includes(familyOf(k)));
  const buttonId = (id: string) => `action-edit-open-${id}`;
  const close = (id: string, saved: boolean) => {
    setEditing(null);
    setMessage(saved ? a.saved : null);
    focus(buttonId(id));
  };
  return (
    <section aria-labelledby="actions-title" className="mb-4">
      <h2 id="actions-title" className="h4">
        {x.actionsTitle}
      </h2>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} />
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      {list?.view === 'approval' ? <p className="small">{x.approvalActions}</p> : null}
      {list && !list.items.length ? <p>{x.noActions}</p> : null}
      {list?.items.length ? (
        <DataTable caption={x.actionsCaption}>
          <TableHead
            columns={[
              x.kind,
              x.family,
              x.status,
              x.outcome,
              x.startsOn,
              x.endsOn,
              end(x.cost),
              ...(list.view !== 'approval' ? [x.details] : []),
              ...(anyEditable ? [a.actions] : []),
            ]}
          />
          <tbody>
            {list.items.map((item, n) => (
              <tr key={item.id}>
                <th scope="row">{label('actionKind', item.kind as ActionKind)}</th>
                <td>{label('actionFamily', item.family)}</td>
                <td>{label('actionStatus', item.status)}</td>
                <td>{item.outcome ? label('actionOutcome', item.outcome) : '—'}</td>
                <td>{item.startsOn ? formatDate(item.startsOn, lang) : '—'}</td>
                <td>{item.endsOn ? formatDate(item.endsOn, lang) : '—'}</td>
                <td className="text-end">{item.costCents === null ? '—' : formatEuro(item.costCents, lang)}</td>
                {list.view !== 'approval' ? <td>{item.details ? <Details details={item.details} /> : '—'}</td> : null}
                {anyEditable ? (
                  <td>
                    {editable(item) ? (
                      <button
                        id={buttonId(item.id)}
                        type="button"
                        className="btn btn-outline-primary btn-sm"
                        aria-label={a.editOf(label('actionKind', item.kind as ActionKind), n + 1)}
                        aria-expanded={editing === item.id}
                        onClick={() => {
                          setMessage(null);
                          setEditing(item.id);
                          focus('action-edit-title');
                        }}
                      >
                        {a.edit}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {current ? (
        <>
          <StaleCaseNotice error={edit.error} text={a.stale} />
          {/* Keyed by version: after a stale write the current action's values replace hers. */}
          <EditActionForm
            key={`${current.id}:${current.version}`}
            action={current}
            pending={edit.pending}
            error={edit.error}
            onCancel={() => close(current.id, false)}
            onSubmit={(v) => edit.run(() => writes.update(current, patchBody(v)).then(() => close(current.id, true)))}
          />
        </>
      ) : null}
      {list && list.writes.length ? (
        kinds.length ? (
          <NewActionForm
            kinds={kinds}
            pending={add.pending}
            error={add.error}
            onSubmit={(v, recorded) =>
              add.run(() =>
                writes.add(createBody(v)).then(() => {
                  setMessage(a.added);
                  recorded();
                }),
              )
            }
          />
        ) : (
          <p>{a.noKinds}</p>
        )
      ) : null}
    </section>
  );
}

/** An action's details, field by field (booleans as yes/no, cents as euros, coded values by their label). */
function Details({ details }: { details: ActionDetails }) {
  const { lang, label } = useProjectTexts();
  const a = useActionTexts();
  const names = a.fields[details.kind] as Record<string, string>;
  const show = (k: string, v: unknown): string => {
    if (typeof v === 'boolean') return v ? a.yes : a.no;
    if (typeof v === 'number' && k.endsWith('Cents')) return formatEuro(v, lang);
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, lang);
    if (typeof v !== 'string') return String(v);
    switch (`${details.kind}.${k}`) {
      case 'servizio_figli.service':
        return label('childService', v as (typeof childServices)[number]);
      case 'domanda_casa_pubblica.body':
        return label('publicHousingKind', v as (typeof publicHousingKinds)[number]);
      case 'misura_reddito.measure':
        return label('incomeMeasure', v as (typeof incomeMeasures)[number]);
      case 'tirocinio.paidBy':
        return a.payers[v as (typeof tirocinioPayers)[number]] ?? v;
      case 'inserimento_lavorativo.contract':
        return a.contracts[v as (typeof contractKinds)[number]] ?? v;
      case 'cambio_alloggio.from':
      case 'cambio_alloggio.to':
        return a.housingLevels[v as (typeof housingLevels)[number]] ?? v;
      default:
        return v;
    }
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
