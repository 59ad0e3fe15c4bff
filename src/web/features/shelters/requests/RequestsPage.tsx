import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { PlacementRequestCreate } from '../../../../shared/shelters.requests.api';
import { placementRequestStates } from '../../../../shared/shelters';
import { DataTable } from '../../../ui/DataTable';
import { formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useShelterLabels } from '../structures/shelters.labels';
import { RequestForm } from './RequestForm';
import { newIdempotencyKey, useRequestWrites, useRequests } from './requests.api';
import { emptyRequest } from './requests.form';

/** Richieste di ospitalità: her organisation's requests by state, and a new one (the need, no identity). */
export function RequestsPage() {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const [state, setState] = useState<string | null>(null);
  const list = useRequests(state);
  return (
    <>
      <PageHeading>{t('shelterRequests.page.title')}</PageHeading>
      <p>{t('shelterRequests.page.intro')}</p>
      <p>
        <Link to="/ospitalita/richieste/nuova" className="btn btn-primary">
          {t('shelterRequests.page.new')}
        </Link>
      </p>
      <div className="form-group">
        <label htmlFor="requests-state" className="active">
          {t('shelterRequests.fields.state')}
        </label>
        <select id="requests-state" className="form-select" value={state ?? ''} onChange={(e) => setState(e.target.value || null)}>
          <option value="">{t('shelterRequests.page.allStates')}</option>
          {placementRequestStates.map((s) => (
            <option key={s} value={s}>
              {labels.label('requestState', s)} ({list.data?.counts[s] ?? 0})
            </option>
          ))}
        </select>
      </div>
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{t('shelterRequests.page.none')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <DataTable caption={t('shelterRequests.page.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('shelterRequests.fields.code')}</th>
              <th scope="col">{t('shelterRequests.fields.state')}</th>
              <th scope="col">{t('shelterRequests.fields.urgency')}</th>
              <th scope="col">{t('shelterRequests.fields.household')}</th>
              <th scope="col">{t('shelterRequests.fields.structure')}</th>
              <th scope="col">{t('shelterRequests.fields.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((r) => (
              <tr key={r.id} data-testid="request-row">
                <td>
                  <Link to={`/ospitalita/richieste/${r.id}`}>{r.code}</Link>
                </td>
                <td>{labels.label('requestState', r.state)}</td>
                <td>{labels.label('urgency', r.urgency)}</td>
                <td>{t('shelterRequests.page.householdSize', { adults: r.adults, children: r.childrenCount })}</td>
                <td>{r.openProposal ? `${r.openProposal.structure.name} (${labels.label('proposalState', r.openProposal.state)})` : '—'}</td>
                <td>{formatDateTime(r.createdAt, labels.lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </>
  );
}

/** A new request: created once per submission (an Idempotency-Key kept while the form is open). */
export function NewRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const writes = useRequestWrites();
  const key = useRef(newIdempotencyKey());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onSubmit = (body: PlacementRequestCreate) => {
    setPending(true);
    setError(null);
    writes
      .create(body, key.current)
      .then((r) => navigate(`/ospitalita/richieste/${r.id}`))
      .catch((e: unknown) => setError(e))
      .finally(() => setPending(false));
  };
  return (
    <>
      <PageHeading>{t('shelterRequests.page.new')}</PageHeading>
      <RequestForm initial={emptyRequest()} pending={pending} error={error} submitLabel={t('shelterRequests.form.create')} onSubmit={onSubmit} />
    </>
  );
}
