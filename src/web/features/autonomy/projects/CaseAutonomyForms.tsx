import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { fieldErrorsOf } from '../../../api/client';
import { DataTable } from '../../../ui/DataTable';
import { CheckboxGroup, SelectField, TextAreaField } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { useProgramme, useProgrammes } from '../programmes/programmes.api';
import { type Intake, useIntakes, useIntakeWrites } from './projects.api';
import { useProjectTexts } from './projects.texts';

/** Moves the focus to the first field in error (after the browser has drawn the errors). */
export function focusFirst(ids: readonly (string | false | undefined)[]) {
  const id = ids.find((i): i is string => !!i);
  if (id) requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** "Segnala al programma": her case to one équipe of a running programme she may read. */
export function ReferForm({ caseId }: { caseId: string }) {
  const { x } = useProjectTexts();
  const programmes = useProgrammes();
  const writes = useIntakeWrites();
  const { pending, error, run } = useRun();
  const [programmeId, setProgrammeId] = useState('');
  const [equipeId, setEquipeId] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState(false);
  const programme = useProgramme(programmeId || undefined);
  const running = (programmes.data?.items ?? []).filter((p) => p.state === 'attivo');
  const server = fieldErrorsOf(error);
  const need = (v: string) => (tried && !v ? x.required : undefined);
  return (
    <form
      noValidate
      className="mb-5"
      aria-labelledby="refer-title"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        setDone(false);
        if (!programmeId || !equipeId) return focusFirst([!programmeId && 'refer-programme', !equipeId && 'refer-equipe']);
        run(() =>
          writes.refer({ programmeId, equipeId, caseId, ...(note.trim() ? { note: note.trim() } : {}) }).then(() => {
            setDone(true);
            setTried(false);
            setNote('');
            setEquipeId('');
          }),
        );
      }}
    >
      <h2 id="refer-title" className="h4">
        {x.referTitle}
      </h2>
      <p>{x.referIntro}</p>
      {programmes.isPending ? <Loading /> : null}
      <ProblemAlert error={programmes.error ?? programme.error} />
      <ProblemAlert error={error} />
      {done ? <SuccessAlert>{x.referDone}</SuccessAlert> : null}
      {programmes.data && !running.length ? <p>{x.noProgrammes}</p> : null}
      {running.length ? (
        <>
          <SelectField
            id="refer-programme"
            label={x.chooseProgramme}
            value={programmeId}
            onChange={(e) => {
              setProgrammeId(e.target.value);
              setEquipeId('');
            }}
            required
            aria-required="true"
            placeholder="—"
            error={need(programmeId) ?? server.programmeId?.detail}
            options={running.map((p) => ({ value: p.id, label: p.acronym ? `${p.acronym} – ${p.name}` : p.name }))}
          />
          <SelectField
            id="refer-equipe"
            label={x.chooseEquipe}
            value={equipeId}
            onChange={(e) => setEquipeId(e.target.value)}
            required
            aria-required="true"
            disabled={!programme.data}
            placeholder="—"
            error={need(equipeId) ?? server.equipeId?.detail}
            options={(programme.data?.equipes ?? []).map((q) => ({ value: q.id, label: q.name }))}
          />
          <TextAreaField id="refer-note" label={x.referNote} value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} error={server.note?.detail} />
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {x.referSubmit}
          </button>
        </>
      ) : null}
    </form>
  );
}

/** The case's referrals as her organisation sent them, with their state; withdraw while it may. */
export function CaseReferrals({ caseId, intakes }: { caseId: string; intakes: readonly Intake[] }) {
  const { lang, x, label } = useProjectTexts();
  const writes = useIntakeWrites();
  const { pending, error, run } = useRun();
  const mine = intakes.filter((i) => i.caseId === caseId);
  return (
    <section aria-labelledby="referrals-title" className="mb-5">
      <h2 id="referrals-title" className="h4">
        {x.referralsTitle}
      </h2>
      <ProblemAlert error={error} />
      {!mine.length ? (
        <p>{x.noReferrals}</p>
      ) : (
        <DataTable caption={x.referralsCaption}>
          <thead>
            <tr>
              <th scope="col">{x.programme}</th>
              <th scope="col">{x.equipe}</th>
              <th scope="col">{x.state}</th>
              <th scope="col">{x.reason}</th>
              <th scope="col">{x.referredAt}</th>
              <th scope="col">{x.decidedAt}</th>
              <th scope="col">
                <span className="visually-hidden">{x.withdraw}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {mine.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.programme.name}</th>
                <td>{i.equipe.name}</td>
                <td>{label('intakeState', i.state)}</td>
                <td>{i.refusalReason ? label('intakeRefusalReason', i.refusalReason) : '—'}</td>
                <td>{formatDate(i.referredAt, lang)}</td>
                <td>{i.decidedAt ? formatDate(i.decidedAt, lang) : '—'}</td>
                <td>
                  {i.state === 'segnalata' || i.state === 'ammessa' ? (
                    <button type="button" className="btn btn-sm btn-outline-danger" disabled={pending} onClick={() => run(() => writes.withdraw(i))}>
                      {x.withdraw}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}

/** "Nuovo progetto": a draft from an admitted referral of the case, its areas from the programme's frame. */
export function NewProjectForm({ caseId, intakes }: { caseId: string; intakes: readonly Intake[] }) {
  const { x } = useProjectTexts();
  const navigate = useNavigate();
  const writes = useIntakeWrites();
  const { pending, error, run } = useRun();
  const admitted = intakes.filter((i) => i.caseId === caseId && i.state === 'ammessa');
  const [intakeId, setIntakeId] = useState('');
  const [areas, setAreas] = useState<string[]>([]);
  const [goals, setGoals] = useState('');
  const [tried, setTried] = useState(false);
  const intake = admitted.find((i) => i.id === intakeId);
  const programme = useProgramme(intake?.programme.id);
  const areaOptions = (programme.data?.frame.areas ?? []).map((a) => ({ value: a.code, label: a.name }));
  const server = fieldErrorsOf(error);
  return (
    <form
      noValidate
      className="mb-5"
      aria-labelledby="new-project-title"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!intakeId || !areas.length || !goals.trim())
          return focusFirst([!intakeId && 'project-intake', !areas.length && areaOptions[0] && `project-areas-${areaOptions[0].value}`, !goals.trim() && 'project-goals']);
        run(() => writes.createProject({ intakeId, caseId, areas, goals: goals.trim() }).then((p) => navigate(`/autonomia/progetti/${p.id}`)));
      }}
    >
      <h2 id="new-project-title" className="h4">
        {x.newProjectTitle}
      </h2>
      <p>{x.newProjectIntro}</p>
      <ProblemAlert error={error ?? programme.error} />
      {!admitted.length ? (
        <p>{x.noAdmitted}</p>
      ) : (
        <>
          <SelectField
            id="project-intake"
            label={x.fromIntake}
            value={intakeId}
            onChange={(e) => {
              setIntakeId(e.target.value);
              setAreas([]);
            }}
            required
            aria-required="true"
            placeholder="—"
            error={(tried && !intakeId ? x.required : undefined) ?? server.intakeId?.detail}
            options={admitted.map((i) => ({ value: i.id, label: `${i.programme.name} – ${i.equipe.name}` }))}
          />
          {intake ? (
            programme.isPending ? (
              <Loading />
            ) : (
              <CheckboxGroup id="project-areas" legend={x.areasLegend} options={areaOptions} values={areas} onChange={setAreas} error={(tried && !areas.length ? x.areasRequired : undefined) ?? server.areas?.detail} />
            )
          ) : null}
          <TextAreaField
            id="project-goals"
            label={x.goals}
            hint={x.goalsHint}
            value={goals}
            onChange={(e) => setGoals(e.target.value)}
            required
            aria-required="true"
            maxLength={8000}
            rows={5}
            error={(tried && !goals.trim() ? x.required : undefined) ?? server.goals?.detail}
          />
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {x.createProject}
          </button>
        </>
      )}
    </form>
  );
}

/** The referral form, the case's referrals and the new project form, for the team holding the plan. */
export function CaseAutonomyForms({ caseId }: { caseId: string }) {
  const sent = useIntakes('sent');
  const intakes = sent.data?.items ?? [];
  return (
    <>
      <ReferForm caseId={caseId} />
      {sent.isPending ? <Loading /> : null}
      <ProblemAlert error={sent.error} />
      {sent.data ? (
        <>
          <CaseReferrals caseId={caseId} intakes={intakes} />
          <NewProjectForm caseId={caseId} intakes={intakes} />
        </>
      ) : null}
    </>
  );
}
