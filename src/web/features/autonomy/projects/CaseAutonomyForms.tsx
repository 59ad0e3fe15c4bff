import { DataTable } from '../../../ui/DataTable';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { NewProjectForm } from './NewProjectForm';
import { type Intake, useIntakes, useIntakeWrites } from './projects.api';
import { useProjectTexts } from './projects.texts';
import { ReferForm } from './ReferForm';

/** Kept here for the forms that import it from this file (the project's actions, the équipe's inbox). */
export { focusFirst } from './intake.form';

/** The case's referrals as her organisation sent them (the server's answer for this case), with their state; withdraw while it may. */
export function CaseReferrals({ intakes: mine }: { intakes: readonly Intake[] }) {
  const { lang, x, label } = useProjectTexts();
  const writes = useIntakeWrites();
  const { pending, error, run } = useRun();
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

/** The referral form, the case's referrals and the new project form, for the team holding the plan. */
export function CaseAutonomyForms({ caseId }: { caseId: string }) {
  const sent = useIntakes('sent', caseId);
  const intakes = sent.data?.items ?? [];
  return (
    <>
      <ReferForm caseId={caseId} />
      {sent.isPending ? <Loading /> : null}
      <ProblemAlert error={sent.error} />
      {sent.data ? (
        <>
          <CaseReferrals intakes={intakes} />
          <NewProjectForm caseId={caseId} intakes={intakes} />
        </>
      ) : null}
    </>
  );
}
