import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ReferralCreate } from '../../../shared/referrals.api';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { tabSlugs } from '../cases/case.tabs';
import type { CaseRecord } from '../cases/cases.types';
import { createReferral, useCaseReferrals, useReferralChanged, withdrawReferral } from './referrals.api';
import { idempotencyKeys } from './referrals.form';
import { ReferralFacts, StateBadge, isOutdated } from './ReferralParts';
import { ReferralForm } from './ReferralForm';
import type { Referral } from './referrals.types';
import './referrals.css';

/**
 * Invii, on the case page of the owning organisation's team: the
 * case's referrals with their state and timings (withdraw while pending),
 * and the form that refers her to another organisation under a live
 * sharing consent.
 */
export function CaseReferralsTab({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const data = useCaseReferrals(record.id);
  const changed = useReferralChanged();
  const [message, setMessage] = useState<string | null>(null);
  const keys = useRef(idempotencyKeys());
  const mayWrite = can(me, permissions.caseWrite) && record.access.acts.manageConsents;

  const send = useMutation({
    mutationFn: (body: ReferralCreate) => createReferral(record.id, body, keys.current.keyFor(body)),
    onMutate: () => setMessage(null),
    onSuccess: (r) => {
      keys.current.done();
      changed(r);
      setMessage(t('referrals.case.sent', { name: r.to.name }));
    },
  });
  const withdraw = useMutation({
    mutationFn: (r: Referral) => withdrawReferral(r),
    onMutate: () => setMessage(null),
    onSuccess: (r) => {
      changed(r);
      setMessage(t('referrals.case.withdrawn', { name: r.to.name }));
    },
    // Stale or already answered: the current state is loaded, and she is told.
    onError: () => changed(),
  });

  const consents = data.data?.consents ?? [];
  return (
    <section aria-labelledby="case-referrals-title">
      <h2 id="case-referrals-title" className="h5">
        {t('referrals.case.title')}
      </h2>
      <p>{t('referrals.case.intro')}</p>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      <ProblemAlert error={data.error} />
      {withdraw.error ? <ProblemAlert error={withdraw.error} /> : null}
      {isOutdated(withdraw.error) ? <p role="status">{t('referrals.outdated')}</p> : null}
      {data.isPending ? <Loading /> : null}
      {data.data?.items.length === 0 ? <p>{t('referrals.case.none')}</p> : null}
      {data.data?.items.length ? (
        <ul className="referral-list" data-testid="case-referrals">
          {data.data.items.map((r) => (
            <li key={r.id} className="referral-item">
              <p className="mb-1 fw-semibold">
                {t('referrals.case.to', { name: r.to.name })} <StateBadge state={r.state} />
              </p>
              <ReferralFacts referral={r} side="sender" />
              {r.acts.withdraw && mayWrite ? (
                <ConfirmButton
                  label={t('referrals.withdraw', { name: r.to.name })}
                  question={t('referrals.withdrawQuestion')}
                  pending={withdraw.isPending}
                  onConfirm={() => withdraw.mutate(r)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mayWrite && data.data ? (
        <div className="mt-4">
          {consents.length === 0 ? (
            <div className="callout note" data-testid="referral-no-consent">
              <div className="callout-inner">
                <div className="callout-title">
                  <span className="text">{t('referrals.case.noConsentTitle')}</span>
                </div>
                <p className="mb-0">
                  {t('referrals.case.noConsent')} <Link to={`?scheda=${tabSlugs.consents}`}>{t('referrals.case.toConsents')}</Link>
                </p>
              </div>
            </div>
          ) : (
            <>
              <ProblemAlert error={send.error} />
              <ReferralForm
                key={consents.map((c) => c.consentId).join()}
                consents={consents}
                pending={send.isPending}
                error={send.error}
                onSubmit={(input, reset) => send.mutate(input, { onSuccess: reset })}
              />
              <p className="small mt-2">
                {t('referrals.case.otherOrganisations')} <Link to={`?scheda=${tabSlugs.consents}`}>{t('referrals.case.toConsents')}</Link>
              </p>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
