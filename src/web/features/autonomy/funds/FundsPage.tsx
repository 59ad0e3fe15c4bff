import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable } from '../../../ui/DataTable';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { formatEuro, parseEuro } from '../programmes/money';
import { useFundsWrite, useFundsYears } from './funds.api';
import { useFundsTexts } from './funds.texts';

/** Fondi regionali: the years she may see; the capofila opens a year for a network she manages. */
export function FundsPage() {
  const { lang, x, label } = useFundsTexts();
  const list = useFundsYears();
  const write = useFundsWrite();
  const navigate = useNavigate();
  const { pending, error, run } = useRun();
  const [amountError, setAmountError] = useState<string | null>(null);
  const ids = { network: useId(), year: useId(), amount: useId(), hint: useId(), err: useId() };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const cents = parseEuro(String(data.get('amount') ?? ''));
    setAmountError(cents === null ? x.amountInvalid : null);
    if (cents === null) return;
    run(async () => {
      const y = await write('POST', '/api/autonomy/funds/years', { networkId: data.get('network'), year: Number(data.get('year')), contributionCents: cents });
      navigate(`/autonomia/fondi/${y.id}`);
    });
  };
  return (
    <>
      <PageHeading>{x.listTitle}</PageHeading>
      <p>{x.listIntro}</p>
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{x.none}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <DataTable caption={x.listCaption}>
          <thead>
            <tr>
              <th scope="col">{x.year}</th>
              <th scope="col">{x.network}</th>
              <th scope="col">{x.capofila}</th>
              <th scope="col">{x.planState}</th>
              <th scope="col" className="text-end">
                {x.contribution}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((y) => (
              <tr key={y.id}>
                <th scope="row">
                  <Link to={`/autonomia/fondi/${y.id}`}>{y.year}</Link>
                </th>
                <td>{y.network.name}</td>
                <td>{y.capofila.name}</td>
                <td>{label('planState', y.planState)}</td>
                <td className="text-end">{formatEuro(y.contributionCents, lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {list.data && list.data.networks.length > 0 ? (
        <form onSubmit={submit} className="mt-4" noValidate>
          <h2 className="h4">{x.open}</h2>
          <ProblemAlert error={error} />
          <div className="row g-3">
            <div className="col-md-5">
              <label htmlFor={ids.network} className="form-label">
                {x.network}
              </label>
              <select id={ids.network} name="network" className="form-select" required>
                {list.data.networks.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="col-md-2">
              <label htmlFor={ids.year} className="form-label">
                {x.year}
              </label>
              <input id={ids.year} name="year" type="number" min={2000} max={2100} defaultValue={new Date().getFullYear()} className="form-control" required />
            </div>
            <div className="col-md-5">
              <label htmlFor={ids.amount} className="form-label">
                {x.contribution}
              </label>
              <input
                id={ids.amount}
                name="amount"
                inputMode="decimal"
                className={`form-control${amountError ? ' is-invalid' : ''}`}
                aria-describedby={`${ids.hint}${amountError ? ` ${ids.err}` : ''}`}
                aria-invalid={amountError ? true : undefined}
                required
              />
              <div id={ids.hint} className="form-text">
                {x.amountHint}
              </div>
              {amountError ? (
                <div id={ids.err} className="invalid-feedback d-block">
                  {amountError}
                </div>
              ) : null}
            </div>
          </div>
          <button type="submit" className="btn btn-primary mt-3" disabled={pending}>
            {x.open}
          </button>
        </form>
      ) : null}
    </>
  );
}
