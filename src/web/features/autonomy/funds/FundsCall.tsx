import { TextField } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { type FundsYear, useFundsWrite, yearPath } from './funds.api';
import { callForm } from './funds.form';
import { useFundsTexts } from './funds.texts';
import { Col, useYearForm, YearForm } from './YearForm';

/** The call (avviso) to the network's CAV and shelters: its dates and reference; the capofila edits them (empty clears one). */
export function FundsCall({ y }: { y: FundsYear }) {
  const { x, lang } = useFundsTexts();
  const day = (d: string | null) => (d ? formatDate(d, lang) : '—');
  return (
    <section aria-labelledby="funds-call">
      <h2 id="funds-call" className="h4">
        {x.call}
      </h2>
      <p>{x.callIntro}</p>
      <p>
        {x.opensOn}: {day(y.call.opensOn)} · {x.closesOn}: {day(y.call.closesOn)} · {x.reference}: {y.call.reference ?? '—'}
      </p>
      {y.view === 'capofila' ? <CallForm y={y} /> : null}
    </section>
  );
}

function CallForm({ y }: { y: FundsYear }) {
  const { x } = useFundsTexts();
  const write = useFundsWrite();
  const fields = {
    callOpensOn: { id: 'call-opens', label: x.opensOn },
    callClosesOn: { id: 'call-closes', label: x.closesOn },
    callReference: { id: 'call-reference', label: x.reference },
  };
  const form = useYearForm(
    callForm,
    fields,
    { callOpensOn: y.call.opensOn ?? '', callClosesOn: y.call.closesOn ?? '', callReference: y.call.reference ?? '' },
    { keep: true },
  );
  return (
    <YearForm
      id="call"
      form={form}
      onSubmit={form.onSubmit((body) => write('PATCH', yearPath(y.id), body, y.version))}
      submit={x.save}
    >
      <Col>
        <TextField {...form.field('callOpensOn')} type="date" />
      </Col>
      <Col>
        <TextField {...form.field('callClosesOn')} type="date" />
      </Col>
      <Col>
        <TextField {...form.field('callReference')} maxLength={300} />
      </Col>
    </YearForm>
  );
}
