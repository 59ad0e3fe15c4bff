import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { DataTable } from '../../../ui/DataTable';
import { formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { useRun } from '../../../ui/useRun';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useShelterLabels } from '../structures/shelters.labels';
import { MatchList } from './MatchList';
import { type PlacementRequest, useRequest, useRequestWrites } from './requests.api';

/** One request: the need, the matching with its reasons and "Proponi", the proposals' history, closing. */
export function RequestPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const query = useRequest(id);
  const writes = useRequestWrites();
  const { pending, error, run } = useRun();
  const r: PlacementRequest | undefined = query.data;
  return (
    <>
      <PageHeading>{r ? t('shelterRequests.page.one', { code: r.code }) : t('shelterRequests.page.title')}</PageHeading>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error ?? error} />
      {r ? (
        <>
          <dl className="row">
            <dt className="col-sm-4">{t('shelterRequests.fields.state')}</dt>
            <dd className="col-sm-8" data-testid="request-state">
              {labels.label('requestState', r.state)}
              {r.closedReason ? ` (${labels.label('closedReason', r.closedReason)})` : ''}
            </dd>
            <dt className="col-sm-4">{t('shelterRequests.fields.urgency')}</dt>
            <dd className="col-sm-8">{labels.label('urgency', r.urgency)}</dd>
            <dt className="col-sm-4">{t('shelterRequests.fields.level')}</dt>
            <dd className="col-sm-8">{r.level ? labels.label('level', r.level) : t('shelterRequests.form.anyLevel')}</dd>
            <dt className="col-sm-4">{t('shelterRequests.fields.household')}</dt>
            <dd className="col-sm-8">
              {t('shelterRequests.page.householdSize', { adults: r.adults, children: r.childrenCount })}
              {r.children.length ? ` — ${r.children.map((c) => `${labels.label('childSex', c.sex)} ${c.age}`).join(', ')}` : ''}
            </dd>
            <dt className="col-sm-4">{t('shelterRequests.fields.avoidProvince')}</dt>
            <dd className="col-sm-8">{r.avoidProvinceCode ? `${r.avoidProvinceCode}${r.minDistanceKm !== null ? ` · ≥ ${r.minDistanceKm} km` : ''}` : '—'}</dd>
            {Object.entries(r.criteria).map(([c, level]) => (
              <div key={c} className="contents">
                <dt className="col-sm-4">{labels.label('criterion', c as never)}</dt>
                <dd className="col-sm-8">{labels.label('criterionLevel', level)}</dd>
              </div>
            ))}
            {r.note ? (
              <>
                <dt className="col-sm-4">{t('shelterRequests.fields.note')}</dt>
                <dd className="col-sm-8">{r.note}</dd>
              </>
            ) : null}
          </dl>
          <div className="d-flex gap-2 mb-4 flex-wrap">
            {r.acts.withdrawProposal && r.openProposal ? (
              <ConfirmButton
                label={t('shelterRequests.page.withdrawProposal')}
                question={t('shelterRequests.page.withdrawProposalQuestion', { name: r.openProposal.structure.name })}
                pending={pending}
                onConfirm={() => run(() => writes.withdraw(r, r.openProposal!))}
              />
            ) : null}
            {r.acts.close ? (
              <>
                <ConfirmButton label={t('shelterRequests.page.withdraw')} question={t('shelterRequests.page.withdrawQuestion')} pending={pending} onConfirm={() => run(() => writes.close(r, 'ritirata'))} />
                <ConfirmButton label={t('shelterRequests.page.unmet')} question={t('shelterRequests.page.unmetQuestion')} pending={pending} onConfirm={() => run(() => writes.close(r, 'non_soddisfatta'))} />
              </>
            ) : null}
          </div>
          {r.state === 'aperta' ? <MatchList requestId={r.id} canPropose={r.acts.propose} pending={pending} onPropose={(m) => run(() => writes.propose(r, m.structure.id))} /> : null}
          <section aria-labelledby="history-title">
            <h2 id="history-title" className="h4">
              {t('shelterRequests.history.title')}
            </h2>
            {r.proposals.length === 0 ? <p>{t('shelterRequests.history.none')}</p> : null}
            {r.proposals.length ? (
              <DataTable caption={t('shelterRequests.history.caption')}>
                <thead>
                  <tr>
                    <th scope="col">{t('shelterRequests.fields.structure')}</th>
                    <th scope="col">{t('shelterRequests.fields.state')}</th>
                    <th scope="col">{t('shelterRequests.history.sentAt')}</th>
                    <th scope="col">{t('shelterRequests.history.answer')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.proposals.map((p) => (
                    <tr key={p.id} data-testid="proposal-row">
                      <td>
                        {p.structure.name} ({labels.label('level', p.structure.level)})
                      </td>
                      <td>{labels.label('proposalState', p.state)}</td>
                      <td>{formatDateTime(p.sentAt, labels.lang)}</td>
                      <td>
                        {p.declineReason ? labels.label('declineReason', p.declineReason) : ''}
                        {p.state === 'accettata' && p.holdExpiresAt ? t('shelterRequests.history.heldUntil', { at: formatDateTime(p.holdExpiresAt, labels.lang) }) : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}
