import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { intakeDeclineReasons } from '../../../shared/intake.api';
import { useAnnounce } from '../../ui/Announcer';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { SelectField } from '../../ui/fields';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useCaseLabels } from '../cases/cases.labels';
import { formatInstant } from '../cases/cases.format';
import { convertInbound, declineInbound, recordAttempt, useIntakeChanged, useInbound, type DeclineReason, type Inbound } from './intake.api';
import { Duration, StatusBadge, UrgencyBadge } from './IntakeParts';
import './intake.css';

/**
 * One inbound referral (/segnalazioni/in-arrivo/:id), for the CAV's staff:
 * how to reach her safely first, then what to do — record a call that did
 * not reach her, decline with a reason, or open her pathway (her identity
 * and her consent to be contacted come with it, and the pathway opens).
 */
export function IntakeInboundPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const inbound = useInbound(id);
  if (inbound.isPending) return <Loading />;
  if (inbound.error) {
    return (
      <>
        <PageHeading>{t('intake.inbound.title')}</PageHeading>
        <ProblemAlert error={inbound.error} />
        <Link to="/segnalazioni/in-arrivo">{t('intake.inbound.back')}</Link>
      </>
    );
  }
  return <InboundView item={inbound.data} />;
}

function InboundView({ item }: { item: Inbound }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const changed = useIntakeChanged();
  const [reason, setReason] = useState<DeclineReason | ''>('');
  const open = item.status === 'inviata' || item.status === 'non_raggiunta';
  const attempt = useMutation({
    mutationFn: () => recordAttempt(item.id),
    onSuccess: (next) => {
      announce(t('intake.inbound.attempted', { count: next.attempts }));
      void changed();
    },
  });
  const decline = useMutation({
    mutationFn: (r: DeclineReason) => declineInbound(item.id, r),
    onSuccess: () => {
      announce(t('intake.inbound.declined'));
      void changed();
    },
  });
  const convert = useMutation({
    mutationFn: () => convertInbound(item.id),
    onSuccess: (made) => {
      void changed();
      void navigate(`/percorsi/${made.caseId}`, { state: { created: made.caseCode } });
    },
  });
  const { contact } = item;

  return (
    <>
      <PageHeading>{t('intake.inbound.heading', { reference: item.reference })}</PageHeading>
      <p>
        <StatusBadge status={item.status} /> <UrgencyBadge urgency={item.urgency} />
      </p>
      <dl className="row">
        <dt className="col-12 col-md-4">{t('intake.columns.sender')}</dt>
        <dd className="col-12 col-md-8">
          {item.sender.name} — {t(`intake.sources.${item.source}`)}
        </dd>
        <dt className="col-12 col-md-4">{t('intake.columns.sentAt')}</dt>
        <dd className="col-12 col-md-8">{formatInstant(item.sentAt, labels.lang)}</dd>
        <dt className="col-12 col-md-4">{t('intake.columns.comune')}</dt>
        <dd className="col-12 col-md-8">{item.comune.name}</dd>
        <dt className="col-12 col-md-4">{t('intake.inbound.consent')}</dt>
        <dd className="col-12 col-md-8">{t('intake.inbound.consentText', { channel: labels.label('contactChannel', item.consent.channel), date: item.consent.givenOn })}</dd>
        <dt className="col-12 col-md-4">{t('intake.inbound.attemptsLabel')}</dt>
        <dd className="col-12 col-md-8">{t('intake.inbox.attempts', { count: item.attempts })}</dd>
        <dt className="col-12 col-md-4">{t('intake.inbound.toFirstContact')}</dt>
        <dd className="col-12 col-md-8">
          <Duration minutes={item.minutesToFirstContact} />
        </dd>
        <dt className="col-12 col-md-4">{t('intake.columns.toCase')}</dt>
        <dd className="col-12 col-md-8">
          <Duration minutes={item.minutesToCase} />
        </dd>
      </dl>

      {contact ? (
        <section className="callout" aria-labelledby="intake-contact-title">
          <h2 id="intake-contact-title" className="h4">
            {t('intake.inbound.contactTitle')}
          </h2>
          <dl className="row mb-0">
            {contact.firstName || contact.lastName ? (
              <>
                <dt className="col-12 col-md-4">{t('intake.send.firstName')}</dt>
                <dd className="col-12 col-md-8">{[contact.firstName, contact.lastName].filter(Boolean).join(' ')}</dd>
              </>
            ) : null}
            <dt className="col-12 col-md-4">{t('intake.send.phone')}</dt>
            <dd className="col-12 col-md-8">{contact.phone}</dd>
            {contact.safeHours ? (
              <>
                <dt className="col-12 col-md-4">{t('intake.send.safeHours')}</dt>
                <dd className="col-12 col-md-8">{contact.safeHours}</dd>
              </>
            ) : null}
            {contact.instructions ? (
              <>
                <dt className="col-12 col-md-4">{t('intake.send.instructions')}</dt>
                <dd className="col-12 col-md-8">{contact.instructions}</dd>
              </>
            ) : null}
            {contact.noMessages ? <dd className="col-12 fw-semibold">{t('intake.send.noMessages')}</dd> : null}
            {item.note ? (
              <>
                <dt className="col-12 col-md-4">{t('intake.send.note')}</dt>
                <dd className="col-12 col-md-8">{item.note}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : (
        <p>{item.status === 'presa_in_carico' ? t('intake.inbound.closedCase') : t('intake.inbound.closedDeclined')}</p>
      )}

      {item.caseId ? (
        <p>
          <Link to={`/percorsi/${item.caseId}`}>{t('intake.inbound.openCase')}</Link>
        </p>
      ) : null}
      {item.declineReason ? <p>{t('intake.inbound.declinedBecause', { reason: t(`intake.declineReasons.${item.declineReason}`) })}</p> : null}

      {open ? (
        <section aria-labelledby="intake-actions-title" className="mt-4">
          <h2 id="intake-actions-title" className="h4">
            {t('intake.inbound.actions')}
          </h2>
          <ProblemAlert error={attempt.error ?? decline.error ?? convert.error} />
          <div className="d-flex flex-wrap gap-3 mb-4">
            <button type="button" className="btn btn-primary" onClick={() => convert.mutate()} disabled={convert.isPending}>
              {t('intake.inbound.convert')}
            </button>
            <button type="button" className="btn btn-outline-primary" onClick={() => attempt.mutate()} disabled={attempt.isPending}>
              {t('intake.inbound.attempt')}
            </button>
          </div>
          <SelectField
            id="intake-decline-reason"
            label={t('intake.inbound.declineReason')}
            placeholder={t('intake.inbound.declineChoose')}
            options={intakeDeclineReasons.map((r) => ({ value: r, label: t(`intake.declineReasons.${r}`) }))}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value as DeclineReason | '')}
          />
          {reason ? <ConfirmButton label={t('intake.inbound.decline')} question={t('intake.inbound.declineQuestion')} onConfirm={() => decline.mutate(reason)} pending={decline.isPending} /> : null}
        </section>
      ) : null}
      <p className="mt-4">
        <Link to="/segnalazioni/in-arrivo">{t('intake.inbound.back')}</Link>
      </p>
    </>
  );
}
