import { governanceLimitCents } from '../../../../shared/autonomy.funds.api';
import { DataTable } from '../../../ui/DataTable';
import { end, TableHead } from '../../../ui/TableHead';
import { TextField } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { formatEuro } from '../programmes/money';
import { type FundsYear, useFundsWrite, yearPath } from './funds.api';
import { governanceForm } from './funds.form';
import { useFundsTexts } from './funds.texts';
import type { YearActs } from './FundsYearPage';
import { Col, RemoveButton, useYearForm, YearForm } from './YearForm';

/** The capofila's governance costs: the 10 % gauge, the costs charged (each removable) and a new one. */
export function FundsGovernance({ y, acts }: { y: FundsYear; acts: YearActs }) {
  const { x, lang } = useFundsTexts();
  const write = useFundsWrite();
  const base = yearPath(y.id);
  return (
    <>
      <h3 className="h5">{x.governance}</h3>
      <Gauge y={y} />
      <DataTable caption={x.governance}>
        <TableHead columns={[x.description, x.incurredOn, end(x.amount)]} trailing />
        <tbody>
          {y.governance.map((g) => (
            <tr key={g.id}>
              <th scope="row">{g.description}</th>
              <td>{formatDate(g.incurredOn, lang)}</td>
              <td className="text-end">{formatEuro(g.amountCents, lang)}</td>
              <td>
                <RemoveButton acts={acts} onRemove={() => write('DELETE', `${base}/governance/${g.id}`, undefined, y.version)}>{x.remove}</RemoveButton>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <GovernanceForm y={y} />
    </>
  );
}

function GovernanceForm({ y }: { y: FundsYear }) {
  const { x } = useFundsTexts();
  const write = useFundsWrite();
  const fields = {
    description: { id: 'governance-description', label: x.description },
    amountCents: { id: 'governance-amount', label: x.amount },
    incurredOn: { id: 'governance-on', label: x.incurredOn },
  };
  const form = useYearForm(governanceForm, fields, { description: '', amountCents: '', incurredOn: '' });
  return (
    <YearForm
      id="governance"
      form={form}
      onSubmit={form.onSubmit((body) => write('POST', `${yearPath(y.id)}/governance`, body))}
      submit={x.add}
    >
      <Col>
        <TextField {...form.field('description')} aria-required="true" maxLength={300} />
      </Col>
      <Col>
        <TextField {...form.field('amountCents')} inputMode="decimal" aria-required="true" />
      </Col>
      <Col>
        <TextField {...form.field('incurredOn')} type="date" aria-required="true" />
      </Col>
    </YearForm>
  );
}

/** Governance costs against their limit: a bar whose figures are also said in words (and to screen readers). */
function Gauge({ y }: { y: FundsYear }) {
  const { x, lang } = useFundsTexts();
  const totals = y.totals!;
  const limit = governanceLimitCents(y.contributionCents);
  const pct = limit > 0 ? Math.min(100, Math.floor((totals.governanceCents * 100) / limit)) : 0;
  const text = x.gaugeText(formatEuro(totals.governanceCents, lang), formatEuro(limit, lang), formatEuro(totals.governanceLeftCents, lang));
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
          aria-label={x.gaugeLabel}
          aria-valuetext={text}
        />
      </div>
      <p className="mb-0 mt-1">{text}</p>
      <p className="small text-muted">{x.gaugeNote}</p>
    </div>
  );
}
