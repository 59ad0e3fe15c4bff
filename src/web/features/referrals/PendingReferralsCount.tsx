import { useTranslation } from 'react-i18next';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { usePendingCount } from './referrals.api';
import './referrals.css';

/**
 * The number of referrals waiting for her organisation's answer, beside
 * the navigation's "Invii" (nothing when none wait), marked when some are
 * urgent or an emergency. Its words are read with the link; the figure
 * alone is for the eye.
 */
export function PendingReferralsCount() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { pending: count, urgent } = usePendingCount(can(me, permissions.referralRead)).data ?? { pending: 0, urgent: 0 };
  if (count <= 0) return null;
  return (
    <>
      <span className={urgent > 0 ? 'nav-count nav-count-urgent' : 'nav-count'} aria-hidden="true" data-testid="referrals-pending">
        {count > 99 ? '99+' : count}
      </span>
      {/* After the link's own word: "Invii, 2 invii da accettare…, di cui 1 urgente". */}
      <span className="visually-hidden">{`, ${t('referrals.nav.pending', { count })}${urgent > 0 ? `, ${t('referrals.nav.urgent', { count: urgent })}` : ''}`}</span>
    </>
  );
}
