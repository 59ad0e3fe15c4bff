import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { authorisationStates } from '../../../../shared/shelters';
import { DataTable } from '../../../ui/DataTable';
import { SelectField, TextAreaField } from '../../../ui/fields';
import { formatDate, formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useShelterLabels } from '../structures/shelters.labels';
import { type Authorisation, useAuthorisation, useAuthorisationWrites, useAuthorisations } from '../stays/stays.api';

/**
 * Autorizzazioni: the social service's inbox of agreements (before a stay)
 * and authorisations (after an emergency admission), the requester's own
 * asks, a coordinator's emergency ones. Never an address, never a name.
 */
export function AuthorisationsPage() {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const [state, setState] = useState<string | null>('in_attesa');
  const list = useAuthorisations(state);
  return (
    <>
      <PageHeading>{t('shelterAuthorisations.page.title')}</PageHeading>
      <p>{t('shelterAuthorisations.page.intro')}</p>
      <SelectField
        id="authorisations-state"
        label={t('shelterAuthorisations.fields.state')}
        value={state ?? ''}
        onChange={(e) => setState(e.target.value || null)}
        placeholder={t('shelterAuthorisations.page.allStates')}
        options={authorisationStates.map((s) => ({ value: s, label: `${labels.label('authorisationState', s)} (${list.data?.counts[s] ?? 0})` }))}
      />
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{t('shelterAuthorisations.page.none')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <DataTable caption={t('shelterAuthorisations.page.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('shelterAuthorisations.fields.subject')}</th>
              <th scope="col">{t('shelterAuthorisations.fields.structure')}</th>
              <th scope="col">{t('shelterAuthorisations.fields.household')}</th>
              <th scope="col">{t('shelterAuthorisations.fields.state')}</th>
              <th scope="col">{t('shelterAuthorisations.fields.dueAt')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((a) => (
              <tr key={a.id} data-testid="authorisation-row">
                <td>
                  <Link to={`/ospitalita/autorizzazioni/${a.id}`}>{t(`shelterAuthorisations.subject.${a.subject}`, { code: a.requestCode ?? '' })}</Link>
                </td>
                <td>{a.structure ? `${a.structure.name} — ${labels.label('level', a.structure.level)}` : '—'}</td>
                <td>{t('shelterStays.householdSize', { adults: a.adults, children: a.children.length })}</td>
                <td>
                  {labels.label('authorisationState', a.state)}
                  {a.escalatedAt ? ` — ${t('shelterAuthorisations.page.escalated')}` : ''}
                </td>
                <td>{a.dueAt ? formatDateTime(a.dueAt, labels.lang) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </>
  );
}

/** Authorise naming the payer, or refuse with an optional note (hers alone). */
function DecideForm({ a, pending, onDecide }: { a: Authorisation; pending: boolean; onDecide: (body: { decision: 'autorizza'; payerOrganisationId: string } | { decision: 'rifiuta'; note?: string }) => void }) {
  const { t } = useTranslation();
  const [payer, setPayer] = useState(a.payers.length === 1 ? a.payers[0]!.id : '');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <>
      <form
        noValidate
        aria-labelledby="authorise-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (!payer) return setMissing(true);
          onDecide({ decision: 'autorizza', payerOrganisationId: payer });
        }}
      >
        <h2 id="authorise-title" className="h5">
          {t('shelterAuthorisations.decide.authoriseTitle')}
        </h2>
        <SelectField
          id="authorise-payer"
          label={t('shelterAuthorisations.decide.payer')}
          hint={t('shelterAuthorisations.decide.payerHint')}
          value={payer}
          onChange={(e) => setPayer(e.target.value)}
          required
          aria-required="true"
          error={missing ? t('shelterAuthorisations.decide.payerRequired') : undefined}
          placeholder={t('common.choose')}
          options={a.payers.map((p) => ({ value: p.id, label: p.name }))}
        />
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {t('shelterAuthorisations.decide.authorise')}
        </button>
      </form>
      <form
        noValidate
        className="mt-4"
        aria-labelledby="refuse-title"
        onSubmit={(e) => {
          e.preventDefault();
          onDecide({ decision: 'rifiuta', ...(note.trim() ? { note: note.trim() } : {}) });
        }}
      >
        <h2 id="refuse-title" className="h5">
          {t('shelterAuthorisations.decide.refuseTitle')}
        </h2>
        <p>{a.subject === 'permanenza' ? t('shelterAuthorisations.decide.refuseStay') : t('shelterAuthorisations.decide.refuseRequest')}</p>
        <TextAreaField id="refuse-note" label={t('shelterAuthorisations.decide.note')} hint={t('shelterAuthorisations.decide.noteHint')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        <button type="submit" className="btn btn-outline-danger" disabled={pending}>
          {t('shelterAuthorisations.decide.refuse')}
        </button>
      </form>
    </>
  );
}

export function AuthorisationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const query = useAuthorisation(id);
  const writes = useAuthorisationWrites();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const a = query.data;
  return (
    <>
      <PageHeading>{a ? t(`shelterAuthorisations.subject.${a.subject}`, { code: a.requestCode ?? '' }) : t('shelterAuthorisations.page.title')}</PageHeading>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error ?? error} />
      {a ? (
        <>
          <dl className="row">
            <dt className="col-sm-4">{t('shelterAuthorisations.fields.state')}</dt>
            <dd className="col-sm-8">{labels.label('authorisationState', a.state)}</dd>
            <dt className="col-sm-4">{t('shelterAuthorisations.fields.socialService')}</dt>
            <dd className="col-sm-8">{a.socialService.name}</dd>
            <dt className="col-sm-4">{t('shelterAuthorisations.fields.structure')}</dt>
            <dd className="col-sm-8">{a.structure ? `${a.structure.name} — ${labels.label('level', a.structure.level)}` : '—'}</dd>
            <dt className="col-sm-4">{t('shelterAuthorisations.fields.household')}</dt>
            <dd className="col-sm-8">{t('shelterStays.householdSize', { adults: a.adults, children: a.children.length })}</dd>
            {a.admittedOn ? (
              <>
                <dt className="col-sm-4">{t('shelterStays.fields.admittedOn')}</dt>
                <dd className="col-sm-8">{formatDate(a.admittedOn, labels.lang)}</dd>
              </>
            ) : null}
            <dt className="col-sm-4">{t('shelterAuthorisations.fields.dueAt')}</dt>
            <dd className="col-sm-8">
              {a.dueAt ? formatDateTime(a.dueAt, labels.lang) : '—'}
              {a.overdue ? ` — ${t('shelterAuthorisations.page.overdue')}` : ''}
            </dd>
            <dt className="col-sm-4">{t('shelterAuthorisations.fields.payer')}</dt>
            <dd className="col-sm-8">{a.payer?.name ?? '—'}</dd>
            {a.note ? (
              <>
                <dt className="col-sm-4">{t('shelterAuthorisations.decide.note')}</dt>
                <dd className="col-sm-8">{a.note}</dd>
              </>
            ) : null}
          </dl>
          {a.acts.decide ? (
            <DecideForm
              a={a}
              pending={pending}
              onDecide={(body) => {
                setPending(true);
                setError(null);
                writes
                  .decide(a, body)
                  .catch((e: unknown) => setError(e))
                  .finally(() => setPending(false));
              }}
            />
          ) : null}
        </>
      ) : null}
      <p className="mt-4">
        <Link to="/ospitalita/autorizzazioni">{t('shelterAuthorisations.page.back')}</Link>
      </p>
    </>
  );
}
