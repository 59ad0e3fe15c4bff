import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AuditChainLag } from './jobs.api';

/**
 * The audit chain's lag for the instance administrator: the rows committed
 * but not yet chained and the age of the oldest (the chainer links them
 * within a second, normally), with a warning (a Bootstrap Italia alert)
 * once the oldest has waited longer than the server allows — `audit:verify`
 * then fails: the chainer stopped, or something holds it back. No request
 * here (ChainLagSection reads it), so a test renders it alone.
 */
export function ChainLag({ lag }: { lag: AuditChainLag }) {
  const { t } = useTranslation();
  const late = lag.unchained > 0 && lag.oldestSeconds > lag.maxUnchainedSeconds;
  return (
    <>
      {late ? (
        <div className="alert alert-warning" role="alert">
          <p className="mb-0">{t('jobs.chain.late', { age: age(t, lag.oldestSeconds), max: age(t, lag.maxUnchainedSeconds) })}</p>
        </div>
      ) : null}
      <dl className="row mb-0">
        <dt className="col-sm-5">{t('jobs.chain.unchained')}</dt>
        <dd className="col-sm-7">{lag.unchained}</dd>
        <dt className="col-sm-5">{t('jobs.chain.oldest')}</dt>
        <dd className="col-sm-7">{lag.unchained > 0 ? age(t, lag.oldestSeconds) : '—'}</dd>
      </dl>
      <p className="small text-muted">{t('jobs.chain.explain', { max: age(t, lag.maxUnchainedSeconds) })}</p>
    </>
  );
}

/** An age in seconds as words: seconds up to two minutes, then minutes, then hours. */
function age(t: TFunction, seconds: number): string {
  if (seconds < 120) return t('jobs.chain.seconds', { count: Math.round(seconds) });
  if (seconds < 7200) return t('jobs.chain.minutes', { count: Math.floor(seconds / 60) });
  return t('jobs.chain.hours', { count: Math.floor(seconds / 3600) });
}
