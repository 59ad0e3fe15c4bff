import { useNavigate } from 'react-router-dom';
import { SelectField, TextField } from '../../../ui/fields';
import { type FundsYearList, useFundsWrite } from './funds.api';
import { openYearForm } from './funds.form';
import { useFundsTexts } from './funds.texts';
import { FormErrors, useYearForm } from './YearForm';

/** Opens a year for a network she manages, with its regional contribution; then shows it. */
export function OpenYearForm({ networks }: { networks: FundsYearList['networks'] }) {
  const { x } = useFundsTexts();
  const write = useFundsWrite();
  const navigate = useNavigate();
  const fields = {
    networkId: { id: 'open-year-network', label: x.network },
    year: { id: 'open-year-year', label: x.year },
    contributionCents: { id: 'open-year-amount', label: x.contribution },
  };
  const { field, onSubmit, messages, error, pending } = useYearForm(openYearForm, fields, { networkId: networks[0]?.id ?? '', year: String(new Date().getFullYear()), contributionCents: '' });
  return (
    <form
      onSubmit={onSubmit(async (body) => {
        const y = await write('POST', '/api/autonomy/funds/years', body);
        navigate(`/autonomia/fondi/${y.id}`);
      })}
      className="mt-4"
      noValidate
    >
      <h2 className="h4">{x.open}</h2>
      <FormErrors id="open-year" summary={messages.summary} error={error} />
      <div className="row g-3">
        <div className="col-md-5">
          <SelectField {...field('networkId')} options={networks.map((n) => ({ value: n.id, label: n.name }))} />
        </div>
        <div className="col-md-2">
          <TextField {...field('year')} type="number" inputMode="numeric" min={2000} max={2100} aria-required="true" />
        </div>
        <div className="col-md-5">
          <TextField {...field('contributionCents')} inputMode="decimal" aria-required="true" hint={x.amountHint} />
        </div>
      </div>
      <button type="submit" className="btn btn-primary mt-3" disabled={pending}>
        {x.open}
      </button>
    </form>
  );
}
