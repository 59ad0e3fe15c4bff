import type { PlanMove } from '../../../../shared/autonomy.funds.api';
import { DataTable } from '../../../ui/DataTable';
import { TableHead } from '../../../ui/TableHead';
import { TextField } from '../../../ui/fields';
import { euroText, formatEuro } from '../programmes/money';
import { type FundsYear, useFundsWrite, yearPath } from './funds.api';
import { planForm, planMoveForm } from './funds.form';
import { useFundsTexts } from './funds.texts';
import { Col, FormErrors, useYearForm, YearForm } from './YearForm';

/** The allocation plan: an amount per CAV or shelter of the network (registered in the Albo only), and its moves. */
export function FundsPlan({ y }: { y: FundsYear }) {
  const { x } = useFundsTexts();
  return (
    <section aria-labelledby="funds-plan">
      <h2 id="funds-plan" className="h4">
        {x.plan}
      </h2>
      <p>{x.planIntro}</p>
      <PlanForm y={y} />
      {y.plan.state === 'bozza' ? <PlanMoveForm y={y} move="condividi" /> : null}
      {y.plan.state === 'condiviso' ? (
        <>
          <PlanMoveForm y={y} move="invia" />
          <PlanMoveForm y={y} move="riapri" />
        </>
      ) : null}
    </section>
  );
}

/** The plan's table: inputs while it is a draft, figures once shared. Empty or zero allocates nothing. */
function PlanForm({ y }: { y: FundsYear }) {
  const { x, lang } = useFundsTexts();
  const write = useFundsWrite();
  const draft = y.plan.state === 'bozza';
  const registered = y.eligible.filter((o) => o.registered);
  const amountOf = (orgId: string) => y.allocations.find((a) => a.organisation.id === orgId)?.amountCents ?? null;
  const inputId = (orgId: string) => `plan-amount-${orgId}`;
  // Where the API's errors land: each amount at its input, the whole plan (its total) at the first.
  const fields = Object.fromEntries([
    ['allocations', { id: inputId(registered[0]?.id ?? ''), label: x.plan }],
    ...registered.map((o) => [`amounts.${o.id}`, { id: inputId(o.id), label: `${x.amount}: ${o.name}` }]),
  ]);
  const { form, onSubmit, messages, error, pending } = useYearForm(planForm, fields, { amounts: Object.fromEntries(registered.map((o) => [o.id, euroText(amountOf(o.id), lang)])) }, { keep: true });
  return (
    <form noValidate onSubmit={onSubmit((body) => write('PUT', `${yearPath(y.id)}/plan`, body, y.version))}>
      <FormErrors id="plan" summary={messages.summary} error={error} />
      <DataTable caption={x.plan}>
        <TableHead columns={[x.organisation, x.albo, x.amount]} />
        <tbody>
          {y.eligible.map((o) => {
            const amount = amountOf(o.id);
            const problem = messages.at(`amounts.${o.id}`);
            return (
              <tr key={o.id}>
                <th scope="row">{o.name}</th>
                <td>{o.registered ? x.registered : x.notRegistered}</td>
                <td>
                  {draft && o.registered ? (
                    <input
                      id={inputId(o.id)}
                      inputMode="decimal"
                      className={`form-control${problem ? ' is-invalid' : ''}`}
                      aria-label={`${x.amount}: ${o.name}`}
                      aria-invalid={problem ? true : undefined}
                      {...form.register(`amounts.${o.id}`)}
                    />
                  ) : amount !== null ? (
                    formatEuro(amount, lang)
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      {draft ? (
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {x.savePlan}
        </button>
      ) : null}
    </form>
  );
}

/** A move of the plan: condividi (its day), invia (its day and the network's protocol), riapri (a button alone). */
function PlanMoveForm({ y, move }: { y: FundsYear; move: PlanMove }) {
  const { x, label } = useFundsTexts();
  const write = useFundsWrite();
  const fields = { on: { id: `plan-${move}-on`, label: x.on }, protocol: { id: `plan-${move}-protocol`, label: x.protocol } };
  const { field, onSubmit, messages, error, pending } = useYearForm(planMoveForm, fields, { move, on: '', protocol: '' });
  const send = onSubmit((body) => write('POST', `${yearPath(y.id)}/plan/moves`, body, y.version));
  if (move === 'riapri')
    return (
      <form noValidate onSubmit={send}>
        <FormErrors id={`plan-${move}`} summary={messages.summary} error={error} />
        <button type="submit" className="btn btn-link" disabled={pending}>
          {label('planMove', move)}
        </button>
      </form>
    );
  return (
    <YearForm
      id={`plan-${move}`}
      className="my-3"
      form={{ messages, error, pending }}
      onSubmit={send}
      submit={label('planMove', move)}
      primary={move === 'invia'}
    >
      <Col>
        <TextField {...field('on')} type="date" aria-required="true" />
      </Col>
      {move === 'invia' ? (
        <Col>
          <TextField {...field('protocol')} aria-required="true" maxLength={100} />
        </Col>
      ) : null}
    </YearForm>
  );
}
