import { cofinancingKinds } from '../../../../shared/autonomy.funds.api';
import { DataTable } from '../../../ui/DataTable';
import { end, TableHead } from '../../../ui/TableHead';
import { SelectField, TextField } from '../../../ui/fields';
import { formatEuro } from '../programmes/money';
import { type FundsYear, useFundsWrite, yearPath } from './funds.api';
import { cofinancingForm, contributionForm } from './funds.form';
import { useFundsTexts } from './funds.texts';
import { FundsGovernance } from './FundsGovernance';
import type { YearActs } from './FundsYearPage';
import { Col, RemoveButton, useYearForm, YearForm } from './YearForm';

/** The capofila's economic frame: the figures, the regional contribution, governance costs and co-financing. */
export function FundsFrame({ y, acts }: { y: FundsYear; acts: YearActs }) {
  const { x, lang, label } = useFundsTexts();
  const write = useFundsWrite();
  const base = yearPath(y.id);
  const totals = y.totals!;
  const eur = (c: number) => formatEuro(c, lang);
  return (
    <section aria-labelledby="funds-frame">
      <h2 id="funds-frame" className="h4">
        {x.frame}
      </h2>
      <dl className="row">
        <dt className="col-sm-6">{x.contribution}</dt>
        <dd className="col-sm-6">{eur(y.contributionCents)}</dd>
        <dt className="col-sm-6">{x.allocable}</dt>
        <dd className="col-sm-6">{eur(totals.allocableCents)}</dd>
        <dt className="col-sm-6">{x.allocated}</dt>
        <dd className="col-sm-6">{eur(totals.allocatedCents)}</dd>
        <dt className="col-sm-6">{x.spent}</dt>
        <dd className="col-sm-6">{eur(totals.spentCents)}</dd>
      </dl>
      <ContributionForm y={y} />

      <FundsGovernance y={y} acts={acts} />

      <h3 className="h5">{x.cofinancing}</h3>
      <DataTable caption={x.cofinancing}>
        <TableHead columns={[x.kind, x.description, x.organisation, end(x.amount)]} trailing />
        <tbody>
          {y.cofinancing.map((c) => (
            <tr key={c.id}>
              <th scope="row">{label('cofinancingKind', c.kind)}</th>
              <td>{c.description}</td>
              <td>{c.organisation?.name ?? y.capofila.name}</td>
              <td className="text-end">{eur(c.amountCents)}</td>
              <td>
                <RemoveButton acts={acts} onRemove={() => write('DELETE', `${base}/cofinancing/${c.id}`, undefined, y.version)}>{x.remove}</RemoveButton>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <CofinancingForm y={y} />
    </section>
  );
}

function ContributionForm({ y }: { y: FundsYear }) {
  const { x } = useFundsTexts();
  const write = useFundsWrite();
  const fields = { contributionCents: { id: 'funds-contribution', label: x.contribution } };
  const form = useYearForm(contributionForm, fields, { contributionCents: '' });
  return (
    <YearForm
      id="funds-contribution"
      form={form}
      onSubmit={form.onSubmit((body) => write('PATCH', yearPath(y.id), body, y.version))}
      submit={x.save}
    >
      <Col>
        <TextField {...form.field('contributionCents')} inputMode="decimal" aria-required="true" hint={x.amountHint} />
      </Col>
    </YearForm>
  );
}

function CofinancingForm({ y }: { y: FundsYear }) {
  const { x, options } = useFundsTexts();
  const write = useFundsWrite();
  const fields = {
    kind: { id: 'cofinancing-kind', label: x.kind },
    description: { id: 'cofinancing-description', label: x.description },
    amountCents: { id: 'cofinancing-amount', label: x.amount },
  };
  const form = useYearForm(cofinancingForm, fields, { kind: cofinancingKinds[0], description: '', amountCents: '' });
  return (
    <YearForm
      id="cofinancing"
      form={form}
      onSubmit={form.onSubmit((body) => write('POST', `${yearPath(y.id)}/cofinancing`, body))}
      submit={x.add}
    >
      <Col>
        <SelectField {...form.field('kind')} options={options('cofinancingKind')} />
      </Col>
      <Col>
        <TextField {...form.field('description')} aria-required="true" maxLength={300} />
      </Col>
      <Col>
        <TextField {...form.field('amountCents')} inputMode="decimal" aria-required="true" />
      </Col>
    </YearForm>
  );
}
