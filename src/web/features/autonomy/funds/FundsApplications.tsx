import { useState } from 'react';
import { applicationOutcomes, applicationRefusalReasons } from '../../../../shared/autonomy.funds.api';
import { fieldErrorText } from '../../../../shared/field-errors';
import { DataTable } from '../../../ui/DataTable';
import { end, TableHead } from '../../../ui/TableHead';
import { SelectField, TextField } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { formatEuro } from '../programmes/money';
import { type FundsYear, useFundsWrite, yearPath } from './funds.api';
import { applicationForm, reviewForm } from './funds.form';
import { useFundsTexts } from './funds.texts';
import { Col, useYearForm, YearForm } from './YearForm';

type Application = FundsYear['applications'][number];

/** The applications to the call and their review (the capofila, while the plan is a draft); a partner applies once. */
export function FundsApplications({ y }: { y: FundsYear }) {
  const { x, lang, label } = useFundsTexts();
  const [openReview, setOpenReview] = useState<string | null>(null);
  const capofila = y.view === 'capofila';
  const eur = (c: number | null) => (c === null ? '—' : formatEuro(c, lang));
  const reviewed = capofila ? y.applications.find((a) => a.id === openReview) : undefined;
  return (
    <section aria-labelledby="funds-applications">
      <h2 id="funds-applications" className="h4">
        {x.applications}
      </h2>
      {y.applications.length ? (
        <DataTable caption={x.applications}>
          <TableHead columns={[x.organisation, end(x.requested), x.submittedOn, x.outcome, end(x.proposed)]} trailing />
          <tbody>
            {y.applications.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.organisation.name}</th>
                <td className="text-end">{eur(a.requestedCents)}</td>
                <td>{formatDate(a.submittedOn, lang)}</td>
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
      {reviewed ? <ReviewForm key={reviewed.id} y={y} a={reviewed} onDone={() => setOpenReview(null)} /> : null}
      {!capofila && y.applications.length === 0 ? <ApplyForm y={y} /> : null}
    </section>
  );
}

/** The istruttoria of one application: admitted with an amount proposed, or not with its reason. */
function ReviewForm({ y, a, onDone }: { y: FundsYear; a: Application; onDone: () => void }) {
  const { x, lang, label } = useFundsTexts();
  const write = useFundsWrite();
  const fields = {
    outcome: { id: 'review-outcome', label: x.outcome },
    reason: { id: 'review-reason', label: x.reason },
    proposedCents: { id: 'review-proposed', label: x.proposed },
    reviewedOn: { id: 'review-on', label: x.reviewedOn },
  };
  // The shared text of `reason_required` speaks of a risk judgement: here a refusal simply needs its reason.
  const own = { reason_required: fieldErrorText('required', lang) };
  const form = useYearForm(reviewForm, fields, { outcome: 'ammessa', reason: '', proposedCents: '', reviewedOn: '' }, { own });
  return (
    <YearForm
      id="review"
      label={`${x.review}: ${a.organisation.name}`}
      form={form}
      onSubmit={form.onSubmit(async (body) => {
        await write('POST', `${yearPath(y.id)}/applications/${a.id}/review`, body, a.version);
        onDone();
      })}
      submit={x.save}
      primary
    >
      <Col>
        <SelectField {...form.field('outcome')} options={applicationOutcomes.map((o) => ({ value: o, label: label('outcome', o) }))} />
      </Col>
      <Col>
        <SelectField {...form.field('reason')} placeholder="—" options={applicationRefusalReasons.map((r) => ({ value: r, label: label('reason', r) }))} />
      </Col>
      <Col>
        <TextField {...form.field('proposedCents')} inputMode="decimal" />
      </Col>
      <Col>
        <TextField {...form.field('reviewedOn')} type="date" aria-required="true" />
      </Col>
    </YearForm>
  );
}

/** A partner's own application to the call. */
function ApplyForm({ y }: { y: FundsYear }) {
  const { x } = useFundsTexts();
  const write = useFundsWrite();
  const fields = {
    requestedCents: { id: 'apply-requested', label: x.requested },
    submittedOn: { id: 'apply-on', label: x.submittedOn },
  };
  const form = useYearForm(applicationForm, fields, { requestedCents: '', submittedOn: '' });
  return (
    <YearForm
      id="apply"
      form={form}
      onSubmit={form.onSubmit((body) => write('POST', `${yearPath(y.id)}/applications`, { ...body, organisationId: y.acts.organisationId }))}
      submit={x.apply}
      primary
    >
      <Col>
        <TextField {...form.field('requestedCents')} inputMode="decimal" aria-required="true" hint={x.amountHint} />
      </Col>
      <Col>
        <TextField {...form.field('submittedOn')} type="date" aria-required="true" />
      </Col>
    </YearForm>
  );
}
