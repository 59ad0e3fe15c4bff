import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { stayStates } from '../../../../shared/shelters';
import { permissions } from '../../../api/permissions';
import { can, useMe } from '../../../api/session';
import { DataTable } from '../../../ui/DataTable';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { formatDate, formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useShelterLabels } from '../structures/shelters.labels';
import { newIdempotencyKey, useProposals } from '../requests/requests.api';
import { useStructures } from '../structures/structures.api';
import { type Stay, useSocialServices, useStayWrites, useStays } from './stays.api';

/** Permanenze: her structures' stays (or those her organisation agreed or pays), newest open first. */
export function StaysPage() {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const me = useMe().data;
  const [state, setState] = useState<string | null>(null);
  const list = useStays(state);
  const own = list.data?.items.some((s) => s.side === 'struttura');
  return (
    <>
      <PageHeading>{t('shelterStays.page.title')}</PageHeading>
      <p>{t('shelterStays.page.intro')}</p>
      {can(me, permissions.shelterAdmit) ? (
        <p>
          <Link to="/ospitalita/permanenze/nuova" className="btn btn-primary me-2">
            {t('shelterStays.admit.link')}
          </Link>
          <Link to="/ospitalita/permanenze/emergenza" className="btn btn-outline-primary">
            {t('shelterStays.emergency.link')}
          </Link>
        </p>
      ) : null}
      <SelectField
        id="stays-state"
        label={t('shelterStays.fields.state')}
        value={state ?? ''}
        onChange={(e) => setState(e.target.value || null)}
        placeholder={t('shelterStays.page.allStates')}
        options={labels.options('stayState', stayStates)}
      />
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{t('shelterStays.page.none')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <DataTable caption={t('shelterStays.page.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('shelterStays.fields.reference')}</th>
              <th scope="col">{t('shelterStays.fields.structure')}</th>
              <th scope="col">{t('shelterStays.fields.household')}</th>
              <th scope="col">{t('shelterStays.fields.admittedOn')}</th>
              <th scope="col">{t('shelterStays.fields.state')}</th>
              {own ? <th scope="col">{t('shelterStays.fields.unit')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((s) => (
              <tr key={s.id} data-testid="stay-row">
                <td>
                  <Link to={`/ospitalita/permanenze/${s.id}`}>{s.reference}</Link>
                </td>
                <td>{`${s.structure.name} — ${labels.label('level', s.structure.level)}`}</td>
                <td>{t('shelterStays.householdSize', { adults: s.adults, children: s.children.length })}</td>
                <td>{formatDate(s.admittedOn, labels.lang)}</td>
                <td>{labels.label('stayState', s.state)}</td>
                {own ? <td>{s.unit?.name ?? '—'}</td> : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </>
  );
}

/** The household admitted: adults, and the children's ages and sexes (never a name). */
function useHousehold() {
  const [adults, setAdults] = useState('1');
  const [children, setChildren] = useState('');
  // "6F, 9M": age and sex of each child, separated by commas.
  const parsed = children
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => /^(\d{1,2})\s*([FM])$/i.exec(c))
    .map((m) => (m ? { age: Number(m[1]), sex: m[2]!.toUpperCase() as 'F' | 'M' } : null));
  const valid = parsed.every(Boolean) && Number(adults) >= 1 && Number(adults) <= 4;
  return { adults, setAdults, children, setChildren, valid, value: { adults: Number(adults), children: parsed.filter((c) => c !== null) } };
}

function HouseholdFields({ h, invalid }: { h: ReturnType<typeof useHousehold>; invalid: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField id="stay-adults" type="number" min={1} max={4} label={t('shelterStays.fields.adults')} value={h.adults} onChange={(e) => h.setAdults(e.target.value)} />
      <TextField
        id="stay-children"
        label={t('shelterStays.fields.children')}
        hint={t('shelterStays.fields.childrenHint')}
        value={h.children}
        onChange={(e) => h.setChildren(e.target.value)}
        error={invalid && !h.valid ? t('shelterStays.fields.childrenInvalid') : undefined}
      />
    </>
  );
}

/**
 * The proposals her structures accepted and still hold places for: one is
 * chosen (never an id typed by hand). The inbox's "admit" link preselects it.
 */
function AcceptedProposals({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string }) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const accepted = useProposals('accettata');
  if (accepted.isPending) return <Loading />;
  const items = (accepted.data?.items ?? []).filter((p) => p.holdExpiresAt && new Date(p.holdExpiresAt) > new Date());
  if (!items.length)
    return (
      <div className="alert alert-info" data-testid="admit-empty">
        <p className="mb-1">{t('shelterStays.admit.none')}</p>
        <p className="mb-0">
          <Link to="/ospitalita/proposte">{t('shelterStays.admit.inbox')}</Link>
        </p>
      </div>
    );
  return (
    <fieldset className="mb-3" aria-describedby={error ? 'admit-proposal-error' : undefined}>
      <legend className="fs-6 fw-semibold">
        {t('shelterStays.admit.proposal')}
        <span aria-hidden="true"> *</span>
      </legend>
      {items.map((p) => {
        const id = `admit-proposal-${p.id}`;
        return (
          <div className="form-check" key={p.id}>
            <input type="radio" id={id} name="admit-proposal" value={p.id} checked={value === p.id} onChange={() => onChange(p.id)} aria-invalid={error ? true : undefined} required />
            <label htmlFor={id}>
              {t('shelterStays.admit.choice', {
                code: p.need.code,
                structure: p.structure.name,
                requester: p.requester.name,
                until: formatDateTime(p.holdExpiresAt!, labels.lang),
              })}
            </label>
          </div>
        );
      })}
      {error ? (
        <div id="admit-proposal-error" className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}

/** Admission from an accepted proposal: with the agreement, or at once in an emergency. */
export function AdmitPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const writes = useStayWrites();
  const h = useHousehold();
  const socialServices = useSocialServices();
  const [proposalId, setProposalId] = useState(params.get('proposta') ?? '');
  const [path, setPath] = useState<'accordo' | 'emergenza'>('accordo');
  const [socialServiceId, setSocialServiceId] = useState('');
  const [admittedOn, setAdmittedOn] = useState('');
  const [caseId, setCaseId] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const labels = useShelterLabels();
  return (
    <>
      <PageHeading>{t('shelterStays.admit.title')}</PageHeading>
      <p>{t('shelterStays.admit.intro')}</p>
      <ProblemAlert error={error} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!proposalId || !h.valid) return;
          setPending(true);
          setError(null);
          writes
            .admit({ proposalId, path, ...h.value, ...(socialServiceId ? { socialServiceId } : {}), ...(admittedOn ? { admittedOn } : {}), ...(caseId ? { caseId } : {}), ...(note.trim() ? { note: note.trim() } : {}) })
            .then((s: Stay) => navigate(`/ospitalita/permanenze/${s.id}`))
            .catch((err: unknown) => setError(err))
            .finally(() => setPending(false));
        }}
      >
        <AcceptedProposals value={proposalId} onChange={setProposalId} error={tried && !proposalId ? t('shelterStays.admit.proposalRequired') : undefined} />
        <SelectField id="admit-path" label={t('shelterStays.fields.path')} value={path} onChange={(e) => setPath(e.target.value as 'accordo' | 'emergenza')} options={labels.options('stayPath')} hint={t('shelterStays.admit.pathHint')} />
        {path === 'emergenza' ? (
          <SelectField
            id="admit-social"
            label={t('shelterStays.fields.socialServiceId')}
            hint={t('shelterStays.fields.socialServiceHint')}
            value={socialServiceId}
            onChange={(e) => setSocialServiceId(e.target.value)}
            placeholder={t('shelterStays.fields.socialServiceOfRequest')}
            options={socialServices.data ?? []}
          />
        ) : null}
        <TextField id="admit-on" type="date" label={t('shelterStays.fields.admittedOn')} value={admittedOn} onChange={(e) => setAdmittedOn(e.target.value)} />
        <HouseholdFields h={h} invalid={tried} />
        <TextField id="admit-case" label={t('shelterStays.fields.caseId')} hint={t('shelterStays.fields.caseHint')} value={caseId} onChange={(e) => setCaseId(e.target.value)} />
        <TextAreaField id="admit-note" label={t('shelterStays.fields.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {t('shelterStays.admit.submit')}
        </button>
      </form>
    </>
  );
}

/** An emergency admission with no request (police or ER at night): free places of one unit, the social service asked to authorise. */
export function EmergencyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const writes = useStayWrites();
  const h = useHousehold();
  const labels = useShelterLabels();
  const structures = useStructures();
  const socialServices = useSocialServices();
  const [structureId, setStructureId] = useState('');
  const [socialServiceId, setSocialServiceId] = useState('');
  // One admission per open form: a second click or a retry after a lost answer takes no second set of beds.
  const key = useRef(newIdempotencyKey());
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <PageHeading>{t('shelterStays.emergency.title')}</PageHeading>
      <p>{t('shelterStays.emergency.intro')}</p>
      <ProblemAlert error={error} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!structureId || !socialServiceId || !h.valid) return;
          setPending(true);
          setError(null);
          writes
            .emergency({ structureId, socialServiceId, ...h.value }, key.current)
            .then((s: Stay) => navigate(`/ospitalita/permanenze/${s.id}`))
            .catch((err: unknown) => setError(err))
            .finally(() => setPending(false));
        }}
      >
        <SelectField
          id="emergency-structure"
          label={t('shelterStays.fields.structureId')}
          value={structureId}
          onChange={(e) => setStructureId(e.target.value)}
          required
          aria-required="true"
          placeholder={t('common.choose')}
          error={tried && !structureId ? t('shelterStays.fields.required') : undefined}
          options={(structures.data?.items ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: `${x.name} — ${labels.label('level', x.level)}` }))}
        />
        <SelectField
          id="emergency-social"
          label={t('shelterStays.fields.socialServiceId')}
          hint={t('shelterStays.fields.socialServiceHint')}
          value={socialServiceId}
          onChange={(e) => setSocialServiceId(e.target.value)}
          required
          aria-required="true"
          placeholder={t('common.choose')}
          error={tried && !socialServiceId ? t('shelterStays.fields.required') : undefined}
          options={socialServices.data ?? []}
        />
        <HouseholdFields h={h} invalid={tried} />
        <button type="submit" className="btn btn-danger" disabled={pending}>
          {t('shelterStays.emergency.submit')}
        </button>
      </form>
    </>
  );
}
