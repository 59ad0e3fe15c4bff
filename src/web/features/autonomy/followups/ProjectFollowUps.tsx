import { useState } from 'react';
import { housingStatuses, workStatuses } from '../../../../shared/autonomy.actions.api';
import { permissions } from '../../../api/permissions';
import { can, useMe } from '../../../api/session';
import { DataTable } from '../../../ui/DataTable';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { useFormMessages, useSchemaForm, type FormField } from '../../../ui/form';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { TableHead } from '../../../ui/TableHead';
import { type FollowUp, useProjectFollowUps, useRecordFollowUp } from './followups.api';
import { emptyFollowUp, followUpForm, recordStates, type FollowUpFormValues } from './followups.form';
import { useFollowUpTexts } from './followups.texts';

/**
 * A concluded project's follow-ups (docs/autonomy.md, "Follow-ups after the
 * end"), for the team holding the plan: each check at 6, 12 and 24 months
 * with its due date, state, her consent to be contacted and the outcome
 * recorded; a check still to do takes its outcome here. Without a live
 * consent the form offers only the outcomes that need no contact (the
 * server refuses `fatto` then, with `consent_required`).
 */
export function ProjectFollowUps({ projectId }: { projectId: string }) {
  const { lang, x, label } = useFollowUpTexts();
  const query = useProjectFollowUps(projectId, true);
  const writes = can(useMe().data, permissions.autonomyProjectWrite);
  const [open, setOpen] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const items = query.data?.items ?? [];
  const current = items.find((f) => f.id === open && f.state === 'da_fare');
  return (
    <section aria-labelledby="follow-ups-title" className="mb-4" data-testid="project-follow-ups">
      <h2 id="follow-ups-title" className="h4">
        {x.projectTitle}
      </h2>
      <p>{x.projectIntro}</p>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} />
      {saved ? <SuccessAlert>{x.saved}</SuccessAlert> : null}
      {query.data && !items.length ? <p>{x.notYet}</p> : null}
      {items.length ? (
        <DataTable caption={x.caption}>
          <TableHead columns={[x.check, x.dueOn, x.state, x.consent, x.work, x.housing, x.doneAt, ...(writes ? [x.action] : [])]} />
          <tbody>
            {items.map((f) => (
              <tr key={f.id}>
                <th scope="row">{x.monthsAfter(f.months)}</th>
                <td>{formatDate(f.dueOn, lang)}</td>
                <td>{label('followUpState', f.state)}</td>
                <td>{f.contactConsent ? x.consentYes : x.consentNo}</td>
                <td>{f.workStatus ? label('workStatus', f.workStatus) : '—'}</td>
                <td>{f.housingStatus ? label('housingStatus', f.housingStatus) : '—'}</td>
                <td>{f.doneAt ? formatDate(f.doneAt, lang) : '—'}</td>
                {writes ? (
                  <td>
                    {f.state === 'da_fare' ? (
                      <button
                        type="button"
                        className="btn btn-sm btn-outline-primary"
                        aria-expanded={open === f.id}
                        aria-controls={open === f.id ? 'follow-up-form' : undefined}
                        onClick={() => {
                          setSaved(false);
                          setOpen(open === f.id ? null : f.id);
                        }}
                      >
                        {x.record(f.months)}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {writes && current ? (
        <FollowUpForm
          key={current.id}
          projectId={projectId}
          followUp={current}
          onDone={() => {
            setOpen(null);
            setSaved(true);
          }}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </section>
  );
}

const ID = 'follow-up-form';

/** One check's outcome, checked with the API's schema; the error summary names and links every field. */
function FollowUpForm({ projectId, followUp, onDone, onCancel }: { projectId: string; followUp: FollowUp; onDone: () => void; onCancel: () => void }) {
  const { x, label } = useFollowUpTexts();
  const record = useRecordFollowUp(projectId);
  const form = useSchemaForm(followUpForm, { defaultValues: emptyFollowUp });
  const state = form.watch('state');
  const own: Record<keyof FollowUpFormValues, FormField> = {
    state: { id: `${ID}-state`, label: x.outcome },
    workStatus: { id: `${ID}-work`, label: x.work },
    housingStatus: { id: `${ID}-housing`, label: x.housing },
  };
  const messages = useFormMessages(form.formState.errors, record.error, own);
  const field = (name: keyof FollowUpFormValues) => ({ id: own[name].id, label: own[name].label, error: messages.at(name), ...form.register(name) });
  // Without her consent to be contacted, work and housing cannot be asked: only the outcomes that need no contact.
  const states = recordStates.filter((s) => followUp.contactConsent || s !== 'fatto');
  return (
    <form id={ID} noValidate className="mt-3" aria-labelledby={`${ID}-title`} onSubmit={form.handleSubmit((body) => record.mutate({ followUp, body }, { onSuccess: onDone }))}>
      <h3 id={`${ID}-title`} className="h5">
        {x.formTitle(followUp.months)}
      </h3>
      <ErrorSummary id={`${ID}-errors`} items={messages.summary} />
      <ProblemAlert error={record.error && !messages.summary.length ? record.error : null} />
      {!followUp.contactConsent ? <p className="alert alert-info">{x.noConsent}</p> : null}
      <SelectField {...field('state')} placeholder={x.choose} options={states.map((s) => ({ value: s, label: label('followUpState', s) }))} />
      {state === 'fatto' ? (
        <>
          <SelectField {...field('workStatus')} placeholder={x.choose} options={workStatuses.map((s) => ({ value: s, label: label('workStatus', s) }))} />
          <SelectField {...field('housingStatus')} placeholder={x.choose} options={housingStatuses.map((s) => ({ value: s, label: label('housingStatus', s) }))} />
        </>
      ) : null}
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={record.isPending} aria-busy={record.isPending}>
          {x.save}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
          {x.cancel}
        </button>
      </div>
    </form>
  );
}
