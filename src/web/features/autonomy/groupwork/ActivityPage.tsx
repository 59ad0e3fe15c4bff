import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { Link, useParams } from 'react-router-dom';
import { attendancePut } from '../../../../shared/autonomy.actions.api';
import { can, useMe } from '../../../api/session';
import { DataTable } from '../../../ui/DataTable';
import { TableHead, end } from '../../../ui/TableHead';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { useFormMessages, useSchemaForm } from '../../../ui/form';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { useCaseload } from '../../cases/cases.api';
import { useProgramme } from '../programmes/programmes.api';
import { detailsOf, programmeName, useRunsActivities, wholeProblem } from './ActivitiesPage';
import { permissions } from '../../../api/permissions';
import { type Activity, useActivities, useGroupWorkWrites } from './groupwork.api';
import { emptyParticipant, emptySession, participantForm, sessionForm } from './groupwork.form';
import { useGroupWorkTexts } from './groupwork.texts';
import { useAddSubmit } from './useAddSubmit';

type Session = Activity['sessions'][number];

/**
 * One activity of a programme: its sessions (day, facilitators, how many
 * attended) and, for the empowerment workshop, the participants. Only her
 * own team's participants come named (case code) with their attendance;
 * the others are a count — exactly what the server answers.
 */
export function ActivityPage() {
  const { id, activityId } = useParams();
  const { lang, x } = useGroupWorkTexts();
  const me = useMe().data;
  const programme = useProgramme(id);
  const activities = useActivities(id);
  const runs = useRunsActivities(programme.data);
  if (programme.isPending || activities.isPending) return <Loading />;
  const p = programme.data;
  if (!p) return <ProblemAlert error={programme.error} />;
  if (!activities.data) return <ProblemAlert error={activities.error} />;
  const a = activities.data.items.find((i) => i.id === activityId);
  const back = `/autonomia/programmi/${encodeURIComponent(p.id)}/attivita`;
  if (!a)
    return (
      <>
        <PageHeading>{x.groupWork}</PageHeading>
        <p role="alert">{x.activityNotFound}</p>
        <Link to={back}>{x.backToList}</Link>
      </>
    );
  const writes = can(me, permissions.autonomyProjectWrite);
  const details = detailsOf(a, x, lang);
  return (
    <>
      <PageHeading>{x.activityTitle(x.kinds[a.kind], a.title)}</PageHeading>
      <p>
        <Link to={back}>{x.backToList}</Link>
      </p>
      <dl className="row">
        <dt className="col-sm-3">{x.kind}</dt>
        <dd className="col-sm-9">{x.kinds[a.kind]}</dd>
        <dt className="col-sm-3">{x.groupWork}</dt>
        <dd className="col-sm-9">{programmeName(p)}</dd>
        {details ? (
          <>
            <dt className="col-sm-3">{x.details}</dt>
            <dd className="col-sm-9">{details}</dd>
          </>
        ) : null}
      </dl>
      {a.kind === 'accordo' ? (
        <p>{x.noSessionsForAgreement}</p>
      ) : (
        <>
          <h2 className="h3 mt-4">{x.sessions}</h2>
          <SessionsTable activity={a} />
          {runs ? <SessionForm programmeId={p.id} activity={a} /> : null}
        </>
      )}
      {a.kind === 'laboratorio_empowerment' ? (
        <>
          <h2 className="h3 mt-5">{x.participants}</h2>
          <p>
            {x.participantCount(a.participantCount)} {x.ownOnly}
          </p>
          <Participants activity={a} />
          {writes && a.sessions.length
            ? a.participants.map((pt) => <AttendanceForm key={pt.id} programmeId={p.id} activity={a} participant={pt} />)
            : null}
          {writes && a.participants.length && !a.sessions.length ? <p>{x.noSessionsYet}</p> : null}
          {writes ? <ParticipantForm programmeId={p.id} activity={a} /> : null}
        </>
      ) : null}
    </>
  );
}

const sessionLabel = (s: Session, lang: 'it' | 'en') => `${formatDate(s.heldOn, lang)} (${s.facilitators.join(', ')})`;

function SessionsTable({ activity }: { activity: Activity }) {
  const { lang, x } = useGroupWorkTexts();
  if (!activity.sessions.length) return <p>{x.noSessions}</p>;
  return (
    <DataTable caption={x.sessionsCaption}>
      <TableHead columns={[x.heldOn, x.facilitators, end(x.attendees)]} />
      <tbody>
        {activity.sessions.map((s) => (
          <tr key={s.id}>
            <th scope="row">{formatDate(s.heldOn, lang)}</th>
            <td>{s.facilitators.join(', ')}</td>
            <td className="text-end">{s.attendees}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** Her own team's participants as the server names them. */
function Participants({ activity }: { activity: Activity }) {
  const { lang, x } = useGroupWorkTexts();
  if (!activity.participants.length) return <p>{x.noOwnParticipants}</p>;
  const dayOf = (sessionId: string) => activity.sessions.find((s) => s.id === sessionId);
  return (
    <DataTable caption={x.participantsCaption}>
      <TableHead columns={[x.caseCode, x.attended]} />
      <tbody>
        {activity.participants.map((pt) => (
          <tr key={pt.id}>
            <th scope="row">{pt.caseCode}</th>
            <td>
              {pt.sessionIds.length
                ? pt.sessionIds
                    .map(dayOf)
                    .filter((s): s is Session => !!s)
                    .map((s) => formatDate(s.heldOn, lang))
                    .join(', ')
                : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function SessionForm({ programmeId, activity }: { programmeId: string; activity: Activity }) {
  const { x } = useGroupWorkTexts();
  const writes = useGroupWorkWrites(programmeId);
  const form = useSchemaForm(sessionForm, { defaultValues: emptySession });
  const { pending, error, done, onSubmit } = useAddSubmit(form, emptySession, (body) => writes.addSession(activity.id, body));
  const ID = 'session-form';
  const fields = { heldOn: { id: `${ID}-held-on`, label: x.heldOn }, facilitators: { id: `${ID}-facilitators`, label: x.facilitators } };
  const messages = useFormMessages(form.formState.errors, error, fields);
  return (
    <form
      noValidate
      className="mt-4"
      aria-labelledby={`${ID}-heading`}
      onSubmit={onSubmit}
    >
      <h3 id={`${ID}-heading`} className="h5">
        {x.newSession}
      </h3>
      <ErrorSummary id={`${ID}-errors`} items={messages.summary} />
      <ProblemAlert error={wholeProblem(error)} />
      {done ? <SuccessAlert>{x.sessionAdded}</SuccessAlert> : null}
      <TextField {...fields.heldOn} type="date" aria-required="true" error={messages.at('heldOn')} {...form.register('heldOn')} />
      <TextAreaField
        {...fields.facilitators}
        aria-required="true"
        hint={x.facilitatorsHint}
        error={messages.at('facilitators')}
        {...form.register('facilitators')}
      />
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {x.addSession}
      </button>
    </form>
  );
}

/** A participant from her own team's cases: the caseload's cases whose plan she holds, not yet enrolled. */
function ParticipantForm({ programmeId, activity }: { programmeId: string; activity: Activity }) {
  const { x } = useGroupWorkTexts();
  const writes = useGroupWorkWrites(programmeId);
  const caseload = useCaseload({ page: 1, pageSize: 100, sort: 'code', order: 'asc' });
  const form = useSchemaForm(participantForm, { defaultValues: emptyParticipant });
  const { pending, error, done, onSubmit } = useAddSubmit(form, emptyParticipant, (body) => writes.addParticipant(activity.id, body));
  const ID = 'participant-form';
  const fields = { caseId: { id: `${ID}-case`, label: x.chooseCase } };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const enrolled = new Set(activity.participants.map((pt) => pt.caseId));
  const options = (caseload.data?.items ?? []).filter((c) => c.sections.includes('plan') && !enrolled.has(c.id)).map((c) => ({ value: c.id, label: c.code }));
  return (
    <form
      noValidate
      className="mt-4"
      aria-labelledby={`${ID}-heading`}
      onSubmit={onSubmit}
    >
      <h3 id={`${ID}-heading`} className="h5">
        {x.newParticipant}
      </h3>
      <p>{x.newParticipantIntro}</p>
      <ErrorSummary id={`${ID}-errors`} items={messages.summary} />
      <ProblemAlert error={wholeProblem(error) ?? caseload.error} />
      {done ? <SuccessAlert>{x.participantAdded}</SuccessAlert> : null}
      {caseload.isPending ? <Loading /> : null}
      {caseload.data && !options.length ? (
        <p>{x.noCases}</p>
      ) : (
        <>
          <SelectField {...fields.caseId} aria-required="true" placeholder={x.choose} options={options} error={messages.at('caseId')} {...form.register('caseId')} />
          <button type="submit" className="btn btn-primary" disabled={pending || !caseload.data} aria-busy={pending}>
            {x.addParticipant}
          </button>
        </>
      )}
    </form>
  );
}

/** The sessions her team's participant attended: the whole list, saved at once. */
function AttendanceForm({ programmeId, activity, participant }: { programmeId: string; activity: Activity; participant: Activity['participants'][number] }) {
  const { lang, x } = useGroupWorkTexts();
  const writes = useGroupWorkWrites(programmeId);
  const { pending, error, run } = useRun();
  const [done, setDone] = useState(false);
  const form = useSchemaForm(attendancePut, { defaultValues: { sessionIds: participant.sessionIds } });
  const ID = `attendance-${participant.id}`;
  const fields = { sessionIds: { id: `${ID}-sessions`, label: x.attendanceOf(participant.caseCode) } };
  const messages = useFormMessages(form.formState.errors, error, fields);
  return (
    <form
      noValidate
      className="mt-3"
      aria-label={x.attendanceOf(participant.caseCode)}
      onSubmit={form.handleSubmit(
        (body) => {
          setDone(false);
          run(() => writes.attendance(activity.id, participant.id, body).then(() => setDone(true)));
        },
        () => setDone(false),
      )}
    >
      <ErrorSummary id={`${ID}-errors`} items={messages.summary} />
      <ProblemAlert error={wholeProblem(error)} />
      {done ? <SuccessAlert>{x.attendanceSaved}</SuccessAlert> : null}
      <Controller
        control={form.control}
        name="sessionIds"
        render={({ field }) => (
          <CheckboxGroup
            id={fields.sessionIds.id}
            legend={fields.sessionIds.label}
            options={activity.sessions.map((s) => ({ value: s.id, label: sessionLabel(s, lang) }))}
            values={field.value}
            onChange={field.onChange}
            error={messages.at('sessionIds')}
          />
        )}
      />
      <button type="submit" className="btn btn-outline-primary" disabled={pending} aria-busy={pending}>
        {x.saveAttendance(participant.caseCode)}
      </button>
    </form>
  );
}
