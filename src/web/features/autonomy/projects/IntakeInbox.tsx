import { useState } from 'react';
import { intakeRefusalReasons, type IntakeRefusalReason } from '../../../../shared/autonomy';
import { fieldErrorsOf } from '../../../api/client';
import { DataTable } from '../../../ui/DataTable';
import { SelectField, TextAreaField } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { focusFirst } from './CaseAutonomyForms';
import { type Intake, useIntakes, useIntakeWrites } from './projects.api';
import { useProjectTexts } from './projects.texts';

/** The équipe's side: referrals awaiting its decision (case code only), each admitted or not with a coded reason. */
export function IntakeInbox() {
  const { lang, x } = useProjectTexts();
  const inbox = useIntakes('inbox');
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const pending = (inbox.data?.items ?? []).filter((i) => i.state === 'segnalata');
  const current = pending.find((i) => i.id === open);
  return (
    <section aria-labelledby="intake-inbox-title" className="mb-5">
      <h2 id="intake-inbox-title" className="h4">
        {x.intakeInboxTitle}
      </h2>
      <p>{x.intakeInboxIntro}</p>
      {inbox.isPending ? <Loading /> : null}
      <ProblemAlert error={inbox.error} />
      {done ? <SuccessAlert>{x.decided}</SuccessAlert> : null}
      {inbox.data && !pending.length ? <p>{x.noPending}</p> : null}
      {pending.length ? (
        <DataTable caption={x.intakeInboxCaption}>
          <thead>
            <tr>
              <th scope="col">{x.caseCode}</th>
              <th scope="col">{x.programme}</th>
              <th scope="col">{x.equipe}</th>
              <th scope="col">{x.referring}</th>
              <th scope="col">{x.referredAt}</th>
              <th scope="col">{x.note}</th>
              <th scope="col">
                <span className="visually-hidden">{x.decide}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pending.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.caseCode}</th>
                <td>{i.programme.name}</td>
                <td>{i.equipe.name}</td>
                <td>{i.referringOrganisation.name}</td>
                <td>{formatDate(i.referredAt, lang)}</td>
                <td style={{ whiteSpace: 'pre-wrap' }}>{i.note ?? ''}</td>
                <td>
                  <button
                    type="button"
                    id={`decide-${i.id}`}
                    className="btn btn-sm btn-outline-primary"
                    aria-expanded={open === i.id}
                    onClick={() => {
                      setDone(false);
                      setOpen(open === i.id ? null : i.id);
                    }}
                  >
                    {x.decide}
                    <span className="visually-hidden"> {i.caseCode}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {current ? (
        <DecisionForm
          key={current.id}
          intake={current}
          onDone={() => {
            setOpen(null);
            setDone(true);
          }}
        />
      ) : null}
    </section>
  );
}

function DecisionForm({ intake, onDone }: { intake: Intake; onDone: () => void }) {
  const { x, label } = useProjectTexts();
  const writes = useIntakeWrites();
  const { pending, error, run } = useRun();
  const [decision, setDecision] = useState<'ammessa' | 'non_ammessa' | ''>('');
  const [reason, setReason] = useState<IntakeRefusalReason | ''>('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const server = fieldErrorsOf(error);
  const noteIn = note.trim() ? { note: note.trim() } : {};
  return (
    <form
      noValidate
      className="mt-3"
      aria-labelledby="decision-title"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!decision || (decision === 'non_ammessa' && !reason)) return focusFirst([!decision && 'decision-ammessa', decision === 'non_ammessa' && !reason && 'decision-reason']);
        const body = decision === 'ammessa' ? { decision, ...noteIn } : { decision, reason: reason as IntakeRefusalReason, ...noteIn };
        run(() => writes.decide(intake, body).then(onDone));
      }}
    >
      <h3 id="decision-title" className="h5">
        {x.decide} — {intake.caseCode}
      </h3>
      <ProblemAlert error={error} />
      <fieldset className="mb-4" aria-describedby={tried && !decision ? 'decision-error' : undefined}>
        <legend className="fs-6 fw-semibold px-0">{x.decision}</legend>
        {(['ammessa', 'non_ammessa'] as const).map((d) => (
          <div className="form-check" key={d}>
            <input id={`decision-${d}`} type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} aria-invalid={tried && !decision ? true : undefined} />
            <label htmlFor={`decision-${d}`}>{d === 'ammessa' ? x.admit : x.notAdmit}</label>
          </div>
        ))}
        {tried && !decision ? (
          <div id="decision-error" className="invalid-feedback d-block">
            {x.required}
          </div>
        ) : null}
      </fieldset>
      {decision === 'non_ammessa' ? (
        <SelectField
          id="decision-reason"
          label={x.refusalReason}
          value={reason}
          onChange={(e) => setReason(e.target.value as IntakeRefusalReason)}
          required
          aria-required="true"
          placeholder="—"
          error={(tried && !reason ? x.reasonRequired : undefined) ?? server.reason?.detail}
          options={intakeRefusalReasons.map((r) => ({ value: r, label: label('intakeRefusalReason', r) }))}
        />
      ) : null}
      <TextAreaField id="decision-note" label={x.decisionNote} value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} error={server.note?.detail} />
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {x.decideSubmit}
      </button>
    </form>
  );
}
