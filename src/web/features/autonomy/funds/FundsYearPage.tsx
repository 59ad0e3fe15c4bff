import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMe } from '../../../api/session';
import { ApiError } from '../../../api/client';
import { DataTable } from '../../../ui/DataTable';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { applicationRefusalReasons, cofinancingKinds, fundsExpenseCategories, governanceLimitCents } from '../../../../shared/autonomy.funds.api';
import { formatEuro, parseEuro } from '../programmes/money';
import { type FundsYear, useFundsWrite, useFundsYear, yearPath } from './funds.api';
import { useFundsTexts } from './funds.texts';

type Texts = ReturnType<typeof useFundsTexts>;

/** The problem and each of its field errors, worded by the server in her language (limits and figures included). */
function WriteError({ error }: { error: unknown }) {
  if (!error) return null;
  const details = error instanceof ApiError ? (error.problem.errors ?? []).map((e) => e.detail) : [];
  return (
    <>
      <ProblemAlert error={error} />
      {details.length ? (
        <ul className="text-danger small">
          {details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** A labelled field of a small form (FormData names it). */
function Field({ label, name, type = 'text', hint, defaultValue, children, required = true }: { label: string; name: string; type?: string; hint?: string; defaultValue?: string; children?: ReactNode; required?: boolean }) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="col-md">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {children ? (
        <select id={id} name={name} className="form-select" defaultValue={defaultValue} required={required}>
          {children}
        </select>
      ) : (
        <input id={id} name={name} type={type === 'money' ? 'text' : type} inputMode={type === 'money' ? 'decimal' : undefined} className="form-control" defaultValue={defaultValue} aria-describedby={hint ? hintId : undefined} required={required} />
      )}
      {hint ? (
        <div id={hintId} className="form-text">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** Reads a small form: text fields as given, euro fields (`money:` names) as integer cents; null (with the message shown) when an amount does not read. */
function useFormReader(t: Texts) {
  const [amountError, setAmountError] = useState<string | null>(null);
  const read = (e: FormEvent<HTMLFormElement>, money: string[]) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget).entries()) as Record<string, string>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) {
      if (money.includes(k)) {
        const c = parseEuro(v);
        if (c === null) {
          setAmountError(t.x.amountInvalid);
          return null;
        }
        out[k] = c;
      } else if (v !== '') out[k] = v;
    }
    setAmountError(null);
    return out;
  };
  return { read, amountError };
}

function Gauge({ y, t }: { y: FundsYear; t: Texts }) {
  const totals = y.totals!;
  const limit = governanceLimitCents(y.contributionCents);
  const pct = limit > 0 ? Math.min(100, Math.floor((totals.governanceCents * 100) / limit)) : 0;
  const text = t.x.gaugeText(formatEuro(totals.governanceCents, t.lang), formatEuro(limit, t.lang), formatEuro(totals.governanceLeftCents, t.lang));
  return (
    <div className="mb-3">
      <div className="progress" style={{ height: '1.25rem' }}>
        <div
          className={`progress-bar ${pct >= 100 ? 'bg-danger' : pct >= 80 ? 'bg-warning' : 'bg-success'}`}
          role="progressbar"
          style={{ width: `${pct}%` }}
          aria-valuenow={pct}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label={t.x.gaugeLabel}
          aria-valuetext={text}
        />
      </div>
      <p className="mb-0 mt-1">{text}</p>
      <p className="small text-muted">{t.x.gaugeNote}</p>
    </div>
  );
}

/** Fondi regionali, one year: the capofila's whole page, or a partner's own. */
export function FundsYearPage() {
  const { id } = useParams();
  const t = useFundsTexts();
  const { x, lang, label } = t;
  const query = useFundsYear(id);
  const write = useFundsWrite();
  const me = useMe().data;
  const { pending, error, run } = useRun();
  const { read, amountError } = useFormReader(t);
  const [openReview, setOpenReview] = useState<string | null>(null);
  if (query.isPending) return <Loading />;
  if (!query.data) return <ProblemAlert error={query.error} />;
  const y = query.data;
  const base = yearPath(y.id);
  const eur = (c: number | null) => (c === null ? '—' : formatEuro(c, lang));
  const day = (d: string | null) => (d ? formatDate(d, lang) : '—');
  const submit = (money: string[], go: (body: Record<string, unknown>) => Promise<unknown>) => (e: FormEvent<HTMLFormElement>) => {
    const body = read(e, money);
    const form = e.currentTarget;
    if (body) run(async () => {
      await go(body);
      form.reset();
    });
  };
  const capofila = y.view === 'capofila';
  const isHead = me?.organisation?.id === y.acts.organisationId && me?.role === 'organisation_head';
  const canSpend = y.plan.state === 'inviato';
  return (
    <>
      <PageHeading>{`${x.listTitle} ${y.year} – ${y.network.name}`}</PageHeading>
      <p>
        {x.capofila}: {y.capofila.name}. {x.planState}: <strong>{label('planState', y.plan.state)}</strong>
        {y.plan.protocol ? ` (${x.protocol} ${y.plan.protocol}, ${day(y.plan.sentOn)})` : ''}
      </p>
      {!capofila ? <p className="text-muted">{x.partnerIntro}</p> : null}
      <WriteError error={error} />
      {amountError ? <p className="text-danger">{amountError}</p> : null}

      {capofila && y.totals ? (
        <section aria-labelledby="funds-frame">
          <h2 id="funds-frame" className="h4">
            {x.frame}
          </h2>
          <dl className="row">
            <dt className="col-sm-6">{x.contribution}</dt>
            <dd className="col-sm-6">{eur(y.contributionCents)}</dd>
            <dt className="col-sm-6">{x.allocable}</dt>
            <dd className="col-sm-6">{eur(y.totals.allocableCents)}</dd>
            <dt className="col-sm-6">{x.allocated}</dt>
            <dd className="col-sm-6">{eur(y.totals.allocatedCents)}</dd>
            <dt className="col-sm-6">{x.spent}</dt>
            <dd className="col-sm-6">{eur(y.totals.spentCents)}</dd>
          </dl>
          <form className="row g-2 align-items-end mb-4" onSubmit={submit(['contributionCents'], (b) => write('PATCH', base, b, y.version))}>
            <Field label={x.contribution} name="contributionCents" type="money" hint={x.amountHint} />
            <div className="col-auto">
              <button type="submit" className="btn btn-outline-primary" disabled={pending}>
                {x.save}
              </button>
            </div>
          </form>

          <h3 className="h5">{x.governance}</h3>
          <Gauge y={y} t={t} />
          <DataTable caption={x.governance}>
            <thead>
              <tr>
                <th scope="col">{x.description}</th>
                <th scope="col">{x.incurredOn}</th>
                <th scope="col" className="text-end">
                  {x.amount}
                </th>
                <td />
              </tr>
            </thead>
            <tbody>
              {y.governance.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.description}</th>
                  <td>{day(g.incurredOn)}</td>
                  <td className="text-end">{eur(g.amountCents)}</td>
                  <td>
                    <button type="button" className="btn btn-sm btn-link" disabled={pending} onClick={() => run(() => write('DELETE', `${base}/governance/${g.id}`, undefined, y.version))}>
                      {x.remove}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <form className="row g-2 align-items-end mb-4" onSubmit={submit(['amountCents'], (b) => write('POST', `${base}/governance`, b))}>
            <Field label={x.description} name="description" />
            <Field label={x.amount} name="amountCents" type="money" />
            <Field label={x.incurredOn} name="incurredOn" type="date" />
            <div className="col-auto">
              <button type="submit" className="btn btn-outline-primary" disabled={pending}>
                {x.add}
              </button>
            </div>
          </form>

          <h3 className="h5">{x.cofinancing}</h3>
          <DataTable caption={x.cofinancing}>
            <thead>
              <tr>
                <th scope="col">{x.kind}</th>
                <th scope="col">{x.description}</th>
                <th scope="col">{x.organisation}</th>
                <th scope="col" className="text-end">
                  {x.amount}
                </th>
                <td />
              </tr>
            </thead>
            <tbody>
              {y.cofinancing.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{label('cofinancingKind', c.kind)}</th>
                  <td>{c.description}</td>
                  <td>{c.organisation?.name ?? y.capofila.name}</td>
                  <td className="text-end">{eur(c.amountCents)}</td>
                  <td>
                    <button type="button" className="btn btn-sm btn-link" disabled={pending} onClick={() => run(() => write('DELETE', `${base}/cofinancing/${c.id}`, undefined, y.version))}>
                      {x.remove}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <form className="row g-2 align-items-end mb-4" onSubmit={submit(['amountCents'], (b) => write('POST', `${base}/cofinancing`, b))}>
            <Field label={x.kind} name="kind">
              {cofinancingKinds.map((k) => (
                <option key={k} value={k}>
                  {label('cofinancingKind', k)}
                </option>
              ))}
            </Field>
            <Field label={x.description} name="description" />
            <Field label={x.amount} name="amountCents" type="money" />
            <div className="col-auto">
              <button type="submit" className="btn btn-outline-primary" disabled={pending}>
                {x.add}
              </button>
            </div>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="funds-call">
        <h2 id="funds-call" className="h4">
          {x.call}
        </h2>
        <p>{x.callIntro}</p>
        <p>
          {x.opensOn}: {day(y.call.opensOn)} · {x.closesOn}: {day(y.call.closesOn)} · {x.reference}: {y.call.reference ?? '—'}
        </p>
        {capofila ? (
          <form className="row g-2 align-items-end mb-4" onSubmit={submit([], (b) => write('PATCH', base, { callOpensOn: b.callOpensOn ?? null, callClosesOn: b.callClosesOn ?? null, callReference: b.callReference ?? null }, y.version))}>
            <Field label={x.opensOn} name="callOpensOn" type="date" defaultValue={y.call.opensOn ?? ''} required={false} />
            <Field label={x.closesOn} name="callClosesOn" type="date" defaultValue={y.call.closesOn ?? ''} required={false} />
            <Field label={x.reference} name="callReference" defaultValue={y.call.reference ?? ''} required={false} />
            <div className="col-auto">
              <button type="submit" className="btn btn-outline-primary" disabled={pending}>
                {x.save}
              </button>
            </div>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="funds-applications">
        <h2 id="funds-applications" className="h4">
          {x.applications}
        </h2>
        {y.applications.length ? (
          <DataTable caption={x.applications}>
            <thead>
              <tr>
                <th scope="col">{x.organisation}</th>
                <th scope="col" className="text-end">
                  {x.requested}
                </th>
                <th scope="col">{x.submittedOn}</th>
                <th scope="col">{x.outcome}</th>
                <th scope="col" className="text-end">
                  {x.proposed}
                </th>
                <td />
              </tr>
            </thead>
            <tbody>
              {y.applications.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.organisation.name}</th>
                  <td className="text-end">{eur(a.requestedCents)}</td>
                  <td>{day(a.submittedOn)}</td>
                  <td>{a.outcome ? `${label('outcome', a.outcome)}${a.reason ? ` (${label('reason', a.reason)})` : ''}` : x.pending}</td>
                  <td className="text-end">{eur(a.proposedCents)}</td>
                  <td>
                    {capofila && y.plan.state === 'bozza' ? (
                      <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => setOpenReview(openReview === a.id ? null : a.id)} aria-expanded={openReview === a.id}>
                        {x.review}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ) : null}
        {capofila && openReview
          ? (() => {
              const a = y.applications.find((p) => p.id === openReview)!;
              return (
                <form
                  className="row g-2 align-items-end mb-4"
                  aria-label={`${x.review}: ${a.organisation.name}`}
                  onSubmit={submit(['proposedCents'], async (b) => {
                    await write('POST', `${base}/applications/${a.id}/review`, b, a.version);
                    setOpenReview(null);
                  })}
                >
                  <Field label={x.outcome} name="outcome">
                    <option value="ammessa">{label('outcome', 'ammessa')}</option>
                    <option value="non_ammessa">{label('outcome', 'non_ammessa')}</option>
                  </Field>
                  <Field label={x.reason} name="reason" required={false}>
                    <option value="">—</option>
                    {applicationRefusalReasons.map((r) => (
                      <option key={r} value={r}>
                        {label('reason', r)}
                      </option>
                    ))}
                  </Field>
                  <Field label={x.proposed} name="proposedCents" type="money" required={false} />
                  <Field label={x.reviewedOn} name="reviewedOn" type="date" />
                  <div className="col-auto">
                    <button type="submit" className="btn btn-primary" disabled={pending}>
                      {x.save}
                    </button>
                  </div>
                </form>
              );
            })()
          : null}
        {!capofila && y.applications.length === 0 ? (
          <form className="row g-2 align-items-end mb-4" onSubmit={submit(['requestedCents'], (b) => write('POST', `${base}/applications`, { ...b, organisationId: y.acts.organisationId }))}>
            <Field label={x.requested} name="requestedCents" type="money" hint={x.amountHint} />
            <Field label={x.submittedOn} name="submittedOn" type="date" />
            <div className="col-auto">
              <button type="submit" className="btn btn-primary" disabled={pending}>
                {x.apply}
              </button>
            </div>
          </form>
        ) : null}
      </section>

      {capofila ? <PlanSection y={y} t={t} pending={pending} run={run} read={read} /> : null}

      <section aria-labelledby="funds-report">
        <h2 id="funds-report" className="h4">
          {x.report}
        </h2>
        {y.allocations.length === 0 ? <p>{capofila ? '—' : x.noAllocation}</p> : null}
        {y.allocations.length ? (
          <DataTable caption={x.report}>
            <thead>
              <tr>
                <th scope="col">{x.organisation}</th>
                <th scope="col" className="text-end">
                  {x.allocated}
                </th>
                <th scope="col" className="text-end">
                  {x.spent}
                </th>
                <th scope="col" className="text-end">
                  {x.left}
                </th>
                <th scope="col">{x.state}</th>
                <td />
              </tr>
            </thead>
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
                      ? (['verifica', 'rimanda'] as const).map((move) => (
                          <button
                            key={move}
                            type="button"
                            className="btn btn-sm btn-outline-primary me-1"
                            disabled={pending}
                            onClick={() => run(() => write('POST', `${base}/allocations/${a.id}/moves`, { move, on: new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' }) }, a.version))}
                          >
                            {label('reportMove', move)}
                          </button>
                        ))
                      : null}
                    {!capofila && isHead && canSpend && (a.reportState === 'in_corso' || a.reportState === 'non_avviata') ? (
                      <button
                        type="button"
                        className="btn btn-sm btn-primary"
                        disabled={pending}
                        onClick={() => run(() => write('POST', `${base}/allocations/${a.id}/moves`, { move: 'presenta', on: new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' }) }, a.version))}
                      >
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
        {!capofila
          ? y.allocations.map((a) => (
              <div key={a.id}>
                <h3 className="h5">{x.expenses}</h3>
                {a.expenses.length ? (
                  <DataTable caption={x.expenses}>
                    <thead>
                      <tr>
                        <th scope="col">{x.spentOn}</th>
                        <th scope="col">{x.category}</th>
                        <th scope="col">{x.documentRef}</th>
                        <th scope="col" className="text-end">
                          {x.amount}
                        </th>
                        <td />
                      </tr>
                    </thead>
                    <tbody>
                      {a.expenses.map((e) => (
                        <tr key={e.id}>
                          <th scope="row">{day(e.spentOn)}</th>
                          <td>{label('category', e.category)}</td>
                          <td>{e.documentRef}</td>
                          <td className="text-end">{eur(e.amountCents)}</td>
                          <td>
                            {a.reportState === 'in_corso' ? (
                              <button type="button" className="btn btn-sm btn-link" disabled={pending} onClick={() => run(() => write('DELETE', `${base}/allocations/${a.id}/expenses/${e.id}`, undefined, a.version))}>
                                {x.remove}
                              </button>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </DataTable>
                ) : null}
                {canSpend && (a.reportState === 'in_corso' || a.reportState === 'non_avviata') ? (
                  <form className="row g-2 align-items-end mb-4" onSubmit={submit(['amountCents'], (b) => write('POST', `${base}/allocations/${a.id}/expenses`, b))}>
                    <Field label={x.category} name="category">
                      {fundsExpenseCategories.map((c) => (
                        <option key={c} value={c}>
                          {label('category', c)}
                        </option>
                      ))}
                    </Field>
                    <Field label={x.amount} name="amountCents" type="money" />
                    <Field label={x.spentOn} name="spentOn" type="date" />
                    <Field label={x.documentRef} name="documentRef" />
                    <div className="col-auto">
                      <button type="submit" className="btn btn-primary" disabled={pending}>
                        {x.addExpense}
                      </button>
                    </div>
                  </form>
                ) : null}
              </div>
            ))
          : null}
      </section>
    </>
  );
}

/** The allocation plan: an amount per CAV or shelter of the network (registered in the Albo only), and its moves. */
function PlanSection({
  y,
  t,
  pending,
  run,
  read,
}: {
  y: FundsYear;
  t: Texts;
  pending: boolean;
  run: (work: () => Promise<unknown>) => void;
  read: (e: FormEvent<HTMLFormElement>, money: string[]) => Record<string, unknown> | null;
}) {
  const { x, lang, label } = t;
  const write = useFundsWrite();
  const base = yearPath(y.id);
  const draft = y.plan.state === 'bozza';
  const amountOf = (orgId: string) => y.allocations.find((a) => a.organisation.id === orgId)?.amountCents ?? null;
  const [planError, setPlanError] = useState<string | null>(null);
  const savePlan = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const allocations: { organisationId: string; amountCents: number }[] = [];
    for (const o of y.eligible.filter((r) => r.registered)) {
      const v = String(data.get(o.id) ?? '').trim();
      if (!v) continue;
      const cents = parseEuro(v);
      if (cents === null) return setPlanError(x.amountInvalid);
      if (cents > 0) allocations.push({ organisationId: o.id, amountCents: cents });
    }
    setPlanError(null);
    run(() => write('PUT', `${base}/plan`, { allocations }, y.version));
  };
  const move = (e: FormEvent<HTMLFormElement>, m: 'condividi' | 'invia' | 'riapri') => {
    const body = read(e, []);
    if (body) run(() => write('POST', `${base}/plan/moves`, { ...body, move: m }, y.version));
  };
  return (
    <section aria-labelledby="funds-plan">
      <h2 id="funds-plan" className="h4">
        {x.plan}
      </h2>
      <p>{x.planIntro}</p>
      {planError ? <p className="text-danger">{planError}</p> : null}
      <form onSubmit={savePlan} noValidate>
        <DataTable caption={x.plan}>
          <thead>
            <tr>
              <th scope="col">{x.organisation}</th>
              <th scope="col">{x.albo}</th>
              <th scope="col">{x.amount}</th>
            </tr>
          </thead>
          <tbody>
            {y.eligible.map((o) => (
              <tr key={o.id}>
                <th scope="row">{o.name}</th>
                <td>{o.registered ? x.registered : x.notRegistered}</td>
                <td>
                  {draft && o.registered ? (
                    <input
                      name={o.id}
                      inputMode="decimal"
                      className="form-control"
                      aria-label={`${x.amount}: ${o.name}`}
                      defaultValue={amountOf(o.id) !== null ? (amountOf(o.id)! / 100).toFixed(2).replace('.', lang === 'it' ? ',' : '.') : ''}
                    />
                  ) : (
                    (amountOf(o.id) !== null ? formatEuro(amountOf(o.id)!, lang) : '—')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
        {draft ? (
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {x.savePlan}
          </button>
        ) : null}
      </form>
      {y.plan.state === 'bozza' ? (
        <form className="row g-2 align-items-end my-3" onSubmit={(e) => move(e, 'condividi')}>
          <Field label={x.on} name="on" type="date" />
          <div className="col-auto">
            <button type="submit" className="btn btn-outline-primary" disabled={pending}>
              {label('planMove', 'condividi')}
            </button>
          </div>
        </form>
      ) : null}
      {y.plan.state === 'condiviso' ? (
        <>
          <form className="row g-2 align-items-end my-3" onSubmit={(e) => move(e, 'invia')}>
            <Field label={x.on} name="on" type="date" />
            <Field label={x.protocol} name="protocol" />
            <div className="col-auto">
              <button type="submit" className="btn btn-primary" disabled={pending}>
                {label('planMove', 'invia')}
              </button>
            </div>
          </form>
          <form onSubmit={(e) => move(e, 'riapri')}>
            <button type="submit" className="btn btn-link" disabled={pending}>
              {label('planMove', 'riapri')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
