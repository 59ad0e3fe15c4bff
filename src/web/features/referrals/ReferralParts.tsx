import { useTranslation } from 'react-i18next';
import type { ReferralState } from '../../../shared/referrals';
import { ApiError } from '../../api/client';
import { formatInstant } from '../cases/cases.format';
import { useCaseLabels } from '../cases/cases.labels';
import { useReferralLabels } from './referrals.labels';
import type { Referral, ReferralItem } from './referrals.types';

/** Someone answered or changed the referral meanwhile (412 stale version, 409 no longer pending): the current one is loaded. */
export const isOutdated = (err: unknown) => err instanceof ApiError && (err.code === 'precondition_failed' || err.code === 'referral_not_pending');

/** The state in words; the colour only repeats it. */
export function StateBadge({ state }: { state: ReferralState }) {
  const labels = useReferralLabels();
  return <span className={`case-badge referral-state-${state}`}>{labels.label('state', state)}</span>;
}

/**
 * What a referral says, as her side may read it: purpose, urgency, the
 * sections offered, who sent it and when, the answer and its timings. The
 * note and the decline's reason only where the server gave them.
 */
export function ReferralFacts({ referral: r, side }: { referral: ReferralItem & Partial<Referral>; side: 'sender' | 'recipient' }) {
  const { t } = useTranslation();
  const labels = useReferralLabels();
  const caseLabels = useCaseLabels();
  const at = (iso: string) => formatInstant(iso, labels.lang);
  return (
    <dl className="referral-facts">
      <dt>{t('referrals.fields.purpose')}</dt>
      <dd>{labels.label('purpose', r.purpose)}</dd>
      <dt>{t('referrals.fields.urgency')}</dt>
      <dd>{labels.label('urgency', r.urgency)}</dd>
      <dt>{t('referrals.fields.sections')}</dt>
      <dd>{r.sections.map((s) => caseLabels.label('section', s)).join(', ')}</dd>
      <dt>{side === 'sender' ? t('referrals.fields.to') : t('referrals.fields.from')}</dt>
      <dd>{side === 'sender' ? r.to.name : r.from.name}</dd>
      <dt>{t('referrals.fields.referredAt')}</dt>
      <dd>{r.referredBy ? t('referrals.fields.atBy', { at: at(r.referredAt), name: r.referredBy }) : at(r.referredAt)}</dd>
      {r.decidedAt ? (
        <>
          <dt>{t(`referrals.fields.decidedAt.${r.state}`)}</dt>
          <dd>{r.decidedBy ? t('referrals.fields.atBy', { at: at(r.decidedAt), name: r.decidedBy }) : at(r.decidedAt)}</dd>
        </>
      ) : null}
      {r.state === 'accettata' ? (
        <>
          <dt>{t('referrals.fields.firstContactAt')}</dt>
          <dd>{r.firstContactAt ? at(r.firstContactAt) : t('referrals.fields.noContactYet')}</dd>
        </>
      ) : null}
      {r.declineReason ? (
        <>
          <dt>{t('referrals.fields.declineReason')}</dt>
          <dd data-testid="decline-reason">
            {labels.label('declineReason', r.declineReason)}
            {r.declineNote ? ` — ${r.declineNote}` : ''}
          </dd>
        </>
      ) : null}
      {r.note ? (
        <>
          <dt>{t('referrals.fields.note')}</dt>
          <dd className="referral-note">{r.note}</dd>
        </>
      ) : null}
      {r.state === 'accettata' && !r.consentLive ? (
        <>
          <dt>{t('referrals.fields.consent')}</dt>
          <dd>{t('referrals.fields.consentEnded')}</dd>
        </>
      ) : null}
    </dl>
  );
}
