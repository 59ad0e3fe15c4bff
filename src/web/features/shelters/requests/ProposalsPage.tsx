import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { permissions } from '../../../api/permissions';
import { can, useMe } from '../../../api/session';
import { placementDeclineReasons, proposalStates, type PlacementDeclineReason } from '../../../../shared/shelters';
import { DataTable } from '../../../ui/DataTable';
import { SelectField, TextAreaField } from '../../../ui/fields';
import { formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { useRun } from '../../../ui/useRun';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useShelterLabels } from '../structures/shelters.labels';
import { type Proposal, newIdempotencyKey, useProposal, useProposalWrites, useProposals } from './requests.api';

/** Proposte: the requests put to her organisation's structures, by state (the need and the requester, never the case). */
export function ProposalsPage() {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const [state, setState] = useState<string | null>('in_attesa');
  const list = useProposals(state);
  return (
    <>
      <PageHeading>{t('shelterProposals.page.title')}</PageHeading>
      <p>{t('shelterProposals.page.intro')}</p>
      <div className="form-group">
        <label htmlFor="proposals-state" className="active">
          {t('shelterRequests.fields.state')}
        </label>
        <select id="proposals-state" className="form-select" value={state ?? ''} onChange={(e) => setState(e.target.value || null)}>
          <option value="">{t('shelterRequests.page.allStates')}</option>
          {proposalStates.map((s) => (
            <option key={s} value={s}>
              {labels.label('proposalState', s)} ({list.data?.counts[s] ?? 0})
            </option>
          ))}
        </select>
      </div>
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{t('shelterProposals.page.none')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <DataTable caption={t('shelterProposals.page.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('shelterRequests.fields.code')}</th>
              <th scope="col">{t('shelterRequests.fields.structure')}</th>
              <th scope="col">{t('shelterProposals.fields.requester')}</th>
              <th scope="col">{t('shelterRequests.fields.urgency')}</th>
              <th scope="col">{t('shelterRequests.fields.household')}</th>
              <th scope="col">{t('shelterRequests.fields.state')}</th>
              <th scope="col">{t('shelterRequests.history.sentAt')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((p) => (
              <tr key={p.id} data-testid="proposal-row">
                <td>
                  <Link to={`/ospitalita/proposte/${p.id}`}>{p.need.code}</Link>
                </td>
                <td>{p.structure.name}</td>
                <td>{p.requester.name}</td>
                <td>{labels.label('urgency', p.need.urgency)}</td>
                <td>{t('shelterRequests.page.householdSize', { adults: p.need.adults, children: p.need.children.length })}</td>
                <td>{labels.label('proposalState', p.state)}</td>
                <td>{formatDateTime(p.sentAt, labels.lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </>
  );
}

/** The decline: a coded reason (counted for the network) and an optional note. */
function DeclineForm({ pending, onDecline }: { pending: boolean; onDecline: (reason: PlacementDeclineReason, note: string | undefined) => void }) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <form
      noValidate
      aria-labelledby="decline-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!(placementDeclineReasons as readonly string[]).includes(reason)) return setMissing(true);
        onDecline(reason as PlacementDeclineReason, note.trim() || undefined);
      }}
    >
      <h2 id="decline-title" className="h5">
        {t('shelterProposals.decline.title')}
      </h2>
      <SelectField
        id="decline-reason"
        label={t('shelterProposals.decline.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        aria-required="true"
        error={missing ? t('shelterProposals.decline.reasonRequired') : undefined}
        placeholder={t('common.choose')}
        options={labels.options('declineReason')}
      />
      <TextAreaField id="decline-note" label={t('shelterProposals.decline.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      <button type="submit" className="btn btn-outline-danger" disabled={pending}>
        {t('shelterProposals.decline.submit')}
      </button>
    </form>
  );
}

/** One proposal to her structure: the need, accept (places held in one unit, shown after) or decline with a reason. */
export function ProposalPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const query = useProposal(id);
  const writes = useProposalWrites();
  const key = useRef(newIdempotencyKey());
  const { pending, error, run } = useRun();
  const p: Proposal | undefined = query.data;
  const me = useMe().data;
  return (
    <>
      <PageHeading>{p ? t('shelterProposals.page.one', { code: p.need.code }) : t('shelterProposals.page.title')}</PageHeading>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error ?? error} />
      {p ? (
        <>
          <dl className="row">
            <dt className="col-sm-4">{t('shelterRequests.fields.structure')}</dt>
            <dd className="col-sm-8">{p.structure.name}</dd>
            <dt className="col-sm-4">{t('shelterProposals.fields.requester')}</dt>
            <dd className="col-sm-8">{p.requester.name}</dd>
            <dt className="col-sm-4">{t('shelterRequests.fields.state')}</dt>
            <dd className="col-sm-8" data-testid="proposal-state">
              {labels.label('proposalState', p.state)}
              {p.declineReason ? ` (${labels.label('declineReason', p.declineReason)})` : ''}
            </dd>
            <dt className="col-sm-4">{t('shelterRequests.fields.urgency')}</dt>
            <dd className="col-sm-8">{labels.label('urgency', p.need.urgency)}</dd>
            <dt className="col-sm-4">{t('shelterRequests.fields.level')}</dt>
            <dd className="col-sm-8">{p.need.level ? labels.label('level', p.need.level) : t('shelterRequests.form.anyLevel')}</dd>
            <dt className="col-sm-4">{t('shelterRequests.fields.household')}</dt>
            <dd className="col-sm-8">
              {t('shelterRequests.page.householdSize', { adults: p.need.adults, children: p.need.children.length })}
              {p.need.children.length ? ` — ${p.need.children.map((c) => `${labels.label('childSex', c.sex)} ${c.age}`).join(', ')}` : ''}
            </dd>
            <dt className="col-sm-4">{t('shelterRequests.fields.needs')}</dt>
            <dd className="col-sm-8">
              {[p.need.wheelchair ? t('shelterRequests.fields.wheelchair') : null, p.need.pets ? t('shelterRequests.fields.pets') : null, p.need.languages.length ? p.need.languages.join(', ') : null].filter(Boolean).join(' · ') || '—'}
            </dd>
            {Object.entries(p.need.criteria).map(([c, level]) => (
              <div key={c} className="contents">
                <dt className="col-sm-4">{labels.label('criterion', c as never)}</dt>
                <dd className="col-sm-8">{labels.label('criterionLevel', level)}</dd>
              </div>
            ))}
          </dl>
          {p.unit ? (
            <div className="alert alert-success" role="status" data-testid="held-unit">
              {t('shelterProposals.page.held', { unit: p.unit.label, places: p.unit.places, at: p.holdExpiresAt ? formatDateTime(p.holdExpiresAt, labels.lang) : '' })}
              {p.state === 'accettata' && can(me, permissions.shelterAdmit) ? (
                <>
                  {' '}
                  <Link to={`/ospitalita/permanenze/nuova?proposta=${p.id}`} data-testid="admit-from-proposal">
                    {t('shelterProposals.page.admit')}
                  </Link>
                </>
              ) : null}
            </div>
          ) : null}
          {p.acts.accept ? (
            <p>
              <button type="button" className="btn btn-primary" disabled={pending} onClick={() => run(() => writes.accept(p, key.current))}>
                {t('shelterProposals.page.accept')}
              </button>
            </p>
          ) : null}
          {p.acts.decline ? <DeclineForm pending={pending} onDecline={(reason, note) => run(() => writes.decline(p, reason, note))} /> : null}
        </>
      ) : null}
    </>
  );
}
