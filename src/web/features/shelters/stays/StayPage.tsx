import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { stayExitReasons, type StayExitReason } from '../../../../shared/shelters';
import { stayRecordPath } from '../../../../shared/shelters.stays.api';
import { SelectField, TextField } from '../../../ui/fields';
import { formatDate, formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { useRun } from '../../../ui/useRun';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useShelterLabels } from '../structures/shelters.labels';
import { type Stay, useMoveCandidates, useStay, useStayWrites } from './stays.api';

const euro = (cents: number, lang: string) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** The stay record: her side of it (the structure's staff see the unit, the case link and the note), exit and move. */
export function StayPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const query = useStay(id);
  const writes = useStayWrites();
  const navigate = useNavigate();
  const { pending, error, run } = useRun();
  const [exitOn, setExitOn] = useState('');
  const [reason, setReason] = useState('');
  const [moveProposal, setMoveProposal] = useState('');
  const [moveOn, setMoveOn] = useState('');
  const [tried, setTried] = useState<'exit' | 'move' | null>(null);
  const s: Stay | undefined = query.data;
  return (
    <>
      <PageHeading>{s ? t('shelterStays.page.one', { reference: s.reference }) : t('shelterStays.page.title')}</PageHeading>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error ?? error} />
      {s ? (
        <>
          <dl className="row">
            <dt className="col-sm-4">{t('shelterStays.fields.structure')}</dt>
            <dd className="col-sm-8">{`${s.structure.name} — ${labels.label('level', s.structure.level)}`}</dd>
            {s.unit ? (
              <>
                <dt className="col-sm-4">{t('shelterStays.fields.unit')}</dt>
                <dd className="col-sm-8">{s.unit.name}</dd>
              </>
            ) : null}
            <dt className="col-sm-4">{t('shelterStays.fields.state')}</dt>
            <dd className="col-sm-8">{labels.label('stayState', s.state)}</dd>
            <dt className="col-sm-4">{t('shelterStays.fields.path')}</dt>
            <dd className="col-sm-8">{labels.label('stayPath', s.path)}</dd>
            <dt className="col-sm-4">{t('shelterStays.fields.household')}</dt>
            <dd className="col-sm-8">
              {t('shelterStays.householdSize', { adults: s.adults, children: s.children.length })}
              {s.children.length ? ` (${s.children.map((c) => `${c.age} ${labels.label('childSex', c.sex)}`).join(', ')})` : ''}
            </dd>
            <dt className="col-sm-4">{t('shelterStays.fields.admittedOn')}</dt>
            <dd className="col-sm-8">{formatDate(s.admittedOn, labels.lang)}</dd>
            {s.exitedOn ? (
              <>
                <dt className="col-sm-4">{t('shelterStays.fields.exitedOn')}</dt>
                <dd className="col-sm-8">{`${formatDate(s.exitedOn, labels.lang)} — ${s.exitReason ? labels.label('exitReason', s.exitReason) : ''}`}</dd>
              </>
            ) : null}
            <dt className="col-sm-4">{t('shelterStays.fields.days')}</dt>
            <dd className="col-sm-8">{s.days}</dd>
            <dt className="col-sm-4">{t('shelterStays.fields.socialService')}</dt>
            <dd className="col-sm-8">{s.socialService?.name ?? '—'}</dd>
            <dt className="col-sm-4">{t('shelterStays.fields.payer')}</dt>
            <dd className="col-sm-8">{s.payer?.name ?? t('shelterStays.page.payerAwaited')}</dd>
            <dt className="col-sm-4">{t('shelterStays.fields.fee')}</dt>
            <dd className="col-sm-8">
              {euro(s.dailyFeeCents, labels.lang)}
              {s.contributionCents !== null ? ` — ${t('shelterStays.fields.contribution', { amount: euro(s.contributionCents, labels.lang) })}` : ''}
            </dd>
            {s.authorisation ? (
              <>
                <dt className="col-sm-4">{t('shelterStays.fields.authorisation')}</dt>
                <dd className="col-sm-8">
                  {labels.label('authorisationState', s.authorisation.state)}
                  {s.authorisation.dueAt && s.authorisation.state === 'in_attesa' ? ` — ${t('shelterStays.page.dueAt', { at: formatDateTime(s.authorisation.dueAt, labels.lang) })}` : ''}
                </dd>
              </>
            ) : null}
            {s.note ? (
              <>
                <dt className="col-sm-4">{t('shelterStays.fields.note')}</dt>
                <dd className="col-sm-8">{s.note}</dd>
              </>
            ) : null}
          </dl>
          <p>
            <a className="btn btn-outline-primary btn-sm" href={stayRecordPath(s.id)} download aria-describedby="stay-print-hint">
              {t('shelterStays.page.print')}
            </a>
            <small id="stay-print-hint" className="d-block text-muted mt-1">
              {t('shelterStays.page.printHint')}
            </small>
          </p>
          {s.state === 'non_autorizzata' && !s.exitedOn ? <div className="alert alert-warning">{t('shelterStays.page.refused')}</div> : null}
          {s.previousStayId ? (
            <p>
              <Link to={`/ospitalita/permanenze/${s.previousStayId}`}>{t('shelterStays.page.previous')}</Link>
            </p>
          ) : null}
          {s.nextStayId ? <p>{t('shelterStays.page.moved')}</p> : null}
          {s.acts.exit ? (
            <form
              noValidate
              aria-labelledby="exit-title"
              onSubmit={(e) => {
                e.preventDefault();
                setTried('exit');
                if (!exitOn || !(stayExitReasons as readonly string[]).includes(reason)) return;
                run(() => writes.exit(s, { exitedOn: exitOn, reason: reason as StayExitReason }));
              }}
            >
              <h2 id="exit-title" className="h5">
                {t('shelterStays.exit.title')}
              </h2>
              <TextField id="exit-on" type="date" label={t('shelterStays.fields.exitedOn')} value={exitOn} onChange={(e) => setExitOn(e.target.value)} required aria-required="true" error={tried === 'exit' && !exitOn ? t('shelterStays.fields.required') : undefined} />
              <SelectField
                id="exit-reason"
                label={t('shelterStays.fields.exitReason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
                aria-required="true"
                placeholder={t('common.choose')}
                error={tried === 'exit' && !reason ? t('shelterStays.fields.required') : undefined}
                options={labels.options('exitReason', stayExitReasons.filter((r) => r !== 'trasferimento'))}
              />
              <button type="submit" className="btn btn-primary" disabled={pending}>
                {t('shelterStays.exit.submit')}
              </button>
            </form>
          ) : null}
          {s.acts.move ? (
            <MoveForm
              stay={s}
              pending={pending}
              tried={tried === 'move'}
              moveProposal={moveProposal}
              setMoveProposal={setMoveProposal}
              moveOn={moveOn}
              setMoveOn={setMoveOn}
              onSubmit={() => {
                setTried('move');
                if (!moveProposal || !moveOn) return;
                // The answer is the next stay when her organisation runs it too (its page then opens), else this one, ended.
                run(() =>
                  writes.move(s, { proposalId: moveProposal, movedOn: moveOn }).then((out) => {
                    setMoveProposal('');
                    setTried(null);
                    if (out.id !== s.id) navigate(`/ospitalita/permanenze/${out.id}`);
                  }),
                );
              }}
            />
          ) : null}
        </>
      ) : null}
      <p className="mt-4">
        <Link to="/ospitalita/permanenze">{t('shelterStays.page.back')}</Link>
      </p>
    </>
  );
}

interface MoveFormProps {
  stay: Stay;
  pending: boolean;
  tried: boolean;
  moveProposal: string;
  setMoveProposal: (v: string) => void;
  moveOn: string;
  setMoveOn: (v: string) => void;
  onSubmit: () => void;
}

/**
 * The move between levels: a choice among the places another structure
 * holds for a request of her organisation (GET …/stays/:id/moves), each
 * named by the request's code, the structure's name and level, the places
 * held and until when. None: how to get one.
 */
function MoveForm({ stay, pending, tried, moveProposal, setMoveProposal, moveOn, setMoveOn, onSubmit }: MoveFormProps) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const choices = useMoveCandidates(stay.id, true);
  const items = choices.data?.items ?? [];
  const chosenError = tried && !moveProposal ? t('shelterStays.fields.required') : undefined;
  return (
    <form
      noValidate
      className="mt-4"
      aria-labelledby="move-title"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2 id="move-title" className="h5">
        {t('shelterStays.move.title')}
      </h2>
      <p>{t('shelterStays.move.intro')}</p>
      {choices.isPending ? <Loading /> : null}
      <ProblemAlert error={choices.error} />
      {choices.data && !items.length ? (
        <div className="alert alert-info" data-testid="move-empty">
          <p className="mb-1">{t('shelterStays.move.none')}</p>
          <p className="mb-0">
            <Link to="/ospitalita/richieste/nuova">{t('shelterStays.move.newRequest')}</Link>
          </p>
        </div>
      ) : null}
      {items.length ? (
        <>
          <fieldset className="mb-3" aria-describedby={chosenError ? 'move-proposal-error' : undefined}>
            <legend className="fs-6 fw-semibold">
              {t('shelterStays.move.choose')}
              <span aria-hidden="true"> *</span>
            </legend>
            {items.map((c) => {
              const id = `move-proposal-${c.proposalId}`;
              return (
                <div className="form-check" key={c.proposalId}>
                  <input
                    type="radio"
                    id={id}
                    name="move-proposal"
                    value={c.proposalId}
                    checked={moveProposal === c.proposalId}
                    onChange={() => setMoveProposal(c.proposalId)}
                    aria-invalid={chosenError ? true : undefined}
                    required
                  />
                  <label htmlFor={id}>
                    {t('shelterStays.move.choice', {
                      code: c.requestCode,
                      structure: c.structure.name,
                      level: labels.label('level', c.structure.level),
                      count: c.places,
                      until: formatDateTime(c.holdExpiresAt, labels.lang),
                    })}
                  </label>
                </div>
              );
            })}
            {chosenError ? (
              <div id="move-proposal-error" className="invalid-feedback d-block" role="alert">
                {chosenError}
              </div>
            ) : null}
          </fieldset>
          <TextField id="move-on" type="date" label={t('shelterStays.move.on')} value={moveOn} onChange={(e) => setMoveOn(e.target.value)} required aria-required="true" error={tried && !moveOn ? t('shelterStays.fields.required') : undefined} />
          <button type="submit" className="btn btn-outline-primary" disabled={pending}>
            {t('shelterStays.move.submit')}
          </button>
        </>
      ) : null}
    </form>
  );
}
