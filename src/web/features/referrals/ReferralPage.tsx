import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ReferralDecline } from '../../../shared/referrals.api';
import { REFERRAL_NOTE_MAX } from '../../../shared/referrals';
import { ApiError } from '../../api/client';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField } from '../../ui/fields';
import { useFormMessages, useSchemaForm } from '../../ui/form';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { acceptReferral, declineReferral, useReferral, useReferralChanged, withdrawReferral } from './referrals.api';
import { declineForm, emptyDecline } from './referrals.form';
import { useReferralLabels } from './referrals.labels';
import type { Referral } from './referrals.types';
import { ReferralFacts, StateBadge, isOutdated } from './ReferralParts';
import './referrals.css';

/**
 * One referral, as her side sees it. The receiving organisation reads what
 * it needs to decide (purpose, urgency, sections offered, who refers, the
 * note, the case's code) and accepts — then the case opens to it with the
 * sections offered — or declines with a reason; the referring one may
 * withdraw it while it waits. Someone else answering first (412, 409) is
 * said plainly, and the current state is loaded.
 */
export function ReferralPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useReferral(id);

  if (query.isPending) return <Loading />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <>
        <PageHeading>{t('referrals.detail.notFoundTitle')}</PageHeading>
        {missing ? <p>{t('referrals.detail.notFound')}</p> : <ProblemAlert error={query.error} />}
        <Link to="/invii">{t('referrals.detail.back')}</Link>
      </>
    );
  }
  return <ReferralView referral={query.data} />;
}

function ReferralView({ referral: r }: { referral: Referral }) {
  const { t } = useTranslation();
  const changed = useReferralChanged();
  const [message, setMessage] = useState<string | null>(null);
  const onDone = (text: string) => (next: Referral) => {
    changed(next);
    setMessage(text);
  };
  const accept = useMutation({ mutationFn: () => acceptReferral(r), onMutate: () => setMessage(null), onSuccess: onDone(t('referrals.detail.accepted')), onError: () => changed() });
  const decline = useMutation({
    mutationFn: (body: ReferralDecline) => declineReferral(r, body),
    onMutate: () => setMessage(null),
    onSuccess: onDone(t('referrals.detail.declined')),
    onError: (err) => (isOutdated(err) ? changed() : undefined),
  });
  const withdraw = useMutation({ mutationFn: () => withdrawReferral(r), onMutate: () => setMessage(null), onSuccess: onDone(t('referrals.detail.withdrawn')), onError: () => changed() });
  const outdated = [accept.error, decline.error, withdraw.error].find(isOutdated);
  const other = r.side === 'recipient' ? r.from.name : r.to.name;
  const pending = accept.isPending || decline.isPending || withdraw.isPending;

  return (
    <>
      {/* The case's code at most: never anything about her. */}
      <PageHeading className="mb-2">{t(`referrals.detail.title.${r.side}`, { code: r.case.code, name: other })}</PageHeading>
      <p className="mb-4">
        <Link to={r.side === 'recipient' ? '/invii' : '/invii?elenco=inviati'}>{t('referrals.detail.back')}</Link>
      </p>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      {outdated ? (
        <div className="callout danger mb-4" role="alert" data-testid="referral-outdated">
          <div className="callout-inner">
            <div className="callout-title">
              <span className="text">{t('referrals.outdatedTitle')}</span>
            </div>
            <p className="mb-0">{t('referrals.outdated')}</p>
          </div>
        </div>
      ) : (
        <ProblemAlert error={accept.error ?? withdraw.error ?? (decline.error instanceof ApiError && decline.error.problem.errors ? null : decline.error)} />
      )}
      <p>
        {t('referrals.fields.state')}: <StateBadge state={r.state} />
      </p>
      <ReferralFacts referral={r} side={r.side} />
      {r.side === 'recipient' && r.state === 'accettata' ? (
        <p>
          <Link to={`/percorsi/${r.case.id}`} className="btn btn-primary">
            {t('referrals.detail.openCase', { code: r.case.code })}
          </Link>
        </p>
      ) : null}
      {r.side === 'sender' ? (
        <p>
          <Link to={`/percorsi/${r.case.id}?scheda=invii`}>{t('referrals.detail.toCase', { code: r.case.code })}</Link>
        </p>
      ) : null}
      {r.acts.accept ? (
        <section aria-labelledby="referral-accept-title" className="mb-4">
          <h2 id="referral-accept-title" className="h5">
            {t('referrals.detail.acceptTitle')}
          </h2>
          <p>{t('referrals.detail.acceptText', { sections: r.sections.length })}</p>
          <ConfirmButton variant="primary" label={t('referrals.detail.accept')} question={t('referrals.detail.acceptQuestion')} pending={pending} onConfirm={() => accept.mutate()} />
        </section>
      ) : null}
      {r.acts.decline ? <DeclineForm pending={pending} error={decline.error} onSubmit={(body) => decline.mutate(body)} /> : null}
      {r.acts.withdraw ? (
        <ConfirmButton label={t('referrals.withdraw', { name: r.to.name })} question={t('referrals.withdrawQuestion')} pending={pending} onConfirm={() => withdraw.mutate()} />
      ) : null}
    </>
  );
}

/** Declining says why, with a coded reason (the network's statistics count them) and, if needed, a note. */
function DeclineForm({ pending, error, onSubmit }: { pending: boolean; error: unknown; onSubmit: (body: ReferralDecline) => void }) {
  const { t } = useTranslation();
  const labels = useReferralLabels();
  const form = useSchemaForm(declineForm, { defaultValues: emptyDecline() });
  const fields = {
    reason: { id: 'decline-reason', label: t('referrals.fields.declineReason') },
    note: { id: 'decline-note', label: t('referrals.detail.declineNote') },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  return (
    <form noValidate className="case-part-form case-form mb-4" aria-labelledby="decline-title" onSubmit={form.handleSubmit(onSubmit)}>
      <h2 id="decline-title" className="h5">
        {t('referrals.detail.declineTitle')}
      </h2>
      <ErrorSummary id="decline-errors" items={messages.summary} />
      <SelectField {...fields.reason} {...form.register('reason')} error={messages.at('reason')} required aria-required="true" placeholder={t('common.choose')} options={labels.options('declineReason')} />
      <TextAreaField {...fields.note} {...form.register('note')} error={messages.at('note')} hint={t('referrals.detail.declineNoteHint')} maxLength={REFERRAL_NOTE_MAX} />
      <button type="submit" className="btn btn-outline-danger" disabled={pending} aria-busy={pending}>
        {t('referrals.detail.decline')}
      </button>
    </form>
  );
}
