import { useWatch } from 'react-hook-form';
import { Link, useParams } from 'react-router-dom';
import { activityCreate, activityKinds, agreementKinds } from '../../../../shared/autonomy.actions.api';
import { can, useMe } from '../../../api/session';
import { DataTable } from '../../../ui/DataTable';
import { TableHead, end } from '../../../ui/TableHead';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextField } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { maxLengthOf, serverIssues, useFormMessages, useSchemaForm } from '../../../ui/form';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { type Programme, useProgramme } from '../programmes/programmes.api';
import { permissions } from '../../../api/permissions';
import { type Activity, useActivities, useGroupWorkWrites } from './groupwork.api';
import { activityForm, emptyActivity } from './groupwork.form';
import { useGroupWorkTexts } from './groupwork.texts';
import { useAddSubmit } from './useAddSubmit';

/** A programme's name as its pages title it. */
export const programmeName = (p: Programme) => (p.acronym && !p.name.includes(p.acronym) ? `${p.acronym} – ${p.name}` : p.name);

/**
 * Whether the form to record activities and sessions is offered: the
 * programme's coordinator, or the write role of an organisation among its
 * capofila and partners — the server's rule; it decides again (403).
 */
export function useRunsActivities(p: Programme | undefined) {
  const me = useMe().data;
  if (!p) return false;
  return p.acts.manage || (p.partners.some((o) => o.id === me?.organisation?.id) && can(me, permissions.autonomyProjectWrite));
}

/** A server error that names no field: shown as the problem's own message (403, 404, 409…). */
export const wholeProblem = (error: unknown) => (error && !Object.keys(serverIssues(error)).length ? error : null);

/**
 * The programme's group work: its activities (empowerment workshop,
 * training meetings, agreements) with sessions and participants counted,
 * and the form to record a new one.
 */
export function ActivitiesPage() {
  const { id } = useParams();
  const { lang, x } = useGroupWorkTexts();
  const programme = useProgramme(id);
  const activities = useActivities(id);
  const runs = useRunsActivities(programme.data);
  if (programme.isPending) return <Loading />;
  const p = programme.data;
  if (!p) return <ProblemAlert error={programme.error} />;
  const items = activities.data?.items ?? [];
  return (
    <>
      <PageHeading>{x.listTitle(programmeName(p))}</PageHeading>
      <p>
        <Link to={`/autonomia/programmi/${encodeURIComponent(p.id)}`}>{x.backToProgramme}</Link>
      </p>
      <p>{x.listIntro}</p>
      {activities.isPending ? <Loading /> : null}
      <ProblemAlert error={activities.error} />
      {activities.data && !items.length ? <p>{x.none}</p> : null}
      {items.length ? (
        <DataTable caption={x.caption}>
          <TableHead columns={[x.title, x.kind, x.details, end(x.sessions), end(x.participants)]} />
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link to={`/autonomia/programmi/${encodeURIComponent(p.id)}/attivita/${encodeURIComponent(a.id)}`}>{a.title}</Link>
                </th>
                <td>{x.kinds[a.kind]}</td>
                <td>{detailsOf(a, x, lang)}</td>
                <td className="text-end">{a.kind === 'accordo' ? '—' : a.sessions.length}</td>
                <td className="text-end">{a.kind === 'laboratorio_empowerment' ? a.participantCount : '—'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {runs ? <ActivityForm programmeId={p.id} /> : null}
    </>
  );
}

/** An agreement's body, scope and day; a meeting's day. */
export function detailsOf(a: Activity, x: ReturnType<typeof useGroupWorkTexts>['x'], lang: 'it' | 'en'): string {
  if (a.kind === 'accordo') return [a.counterpart, a.agreementKind ? x.agreementKinds[a.agreementKind] : null, a.signedOn ? `${x.signedOn} ${formatDate(a.signedOn, lang)}` : null].filter(Boolean).join(' · ');
  return a.heldOn ? formatDate(a.heldOn, lang) : '';
}

const ID = 'activity-form';
const [, , agreement] = activityCreate.options;

function ActivityForm({ programmeId }: { programmeId: string }) {
  const { x } = useGroupWorkTexts();
  const writes = useGroupWorkWrites(programmeId);
  const form = useSchemaForm(activityForm, { defaultValues: emptyActivity });
  const { pending, error, done, onSubmit } = useAddSubmit(form, emptyActivity, (body) => writes.create(body));
  const kind = useWatch({ control: form.control, name: 'kind' });
  const fields = {
    kind: { id: `${ID}-kind`, label: x.kind },
    title: { id: `${ID}-title`, label: x.title },
    heldOn: { id: `${ID}-held-on`, label: x.heldOnMeeting },
    counterpart: { id: `${ID}-counterpart`, label: x.counterpart },
    agreementKind: { id: `${ID}-agreement-kind`, label: x.agreementKind },
    signedOn: { id: `${ID}-signed-on`, label: x.signedOn },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const field = (name: keyof typeof fields, hidden = false) => ({
    ...fields[name],
    error: messages.at(name),
    // A field of another kind is dropped from the values while hidden: the API's schema takes only its kind's.
    ...form.register(name as 'title', hidden ? { shouldUnregister: true } : {}),
  });
  return (
    <form
      noValidate
      className="mt-5"
      aria-labelledby={`${ID}-heading`}
      onSubmit={onSubmit}
    >
      <h2 id={`${ID}-heading`} className="h4">
        {x.newActivity}
      </h2>
      <p>{x.newActivityIntro}</p>
      <ErrorSummary id={`${ID}-errors`} items={messages.summary} />
      <ProblemAlert error={wholeProblem(error)} />
      {done ? <SuccessAlert>{x.activityAdded}</SuccessAlert> : null}
      <SelectField {...field('kind')} aria-required="true" options={activityKinds.map((k) => ({ value: k, label: x.kinds[k] }))} />
      <TextField {...field('title')} aria-required="true" maxLength={maxLengthOf(agreement.shape.title)} />
      {kind === 'incontro_formativo_operatori' ? <TextField {...field('heldOn', true)} type="date" hint={x.heldOnMeetingHint} /> : null}
      {kind === 'accordo' ? (
        <>
          <TextField {...field('counterpart', true)} aria-required="true" maxLength={maxLengthOf(agreement.shape.counterpart)} />
          <SelectField {...field('agreementKind', true)} aria-required="true" placeholder={x.choose} options={agreementKinds.map((k) => ({ value: k, label: x.agreementKinds[k] }))} />
          <TextField {...field('signedOn', true)} aria-required="true" type="date" />
        </>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {x.addActivity}
      </button>
    </form>
  );
}
