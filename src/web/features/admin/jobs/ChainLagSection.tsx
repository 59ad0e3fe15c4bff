import { useTranslation } from 'react-i18next';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { ChainLag } from './ChainLag';
import { useAuditChainLag } from './jobs.api';

/** The activity page's section on the audit chain (GET /api/audit/chain, read again while the page is open). */
export function ChainLagSection() {
  const { t } = useTranslation();
  const lag = useAuditChainLag();
  return (
    <section aria-labelledby="chain-lag-title" className="mb-5">
      <h2 id="chain-lag-title" className="h4">
        {t('jobs.chain.title')}
      </h2>
      {lag.isPending ? <Loading /> : null}
      <ProblemAlert error={lag.error} />
      {lag.data ? <ChainLag lag={lag.data} /> : null}
    </section>
  );
}
