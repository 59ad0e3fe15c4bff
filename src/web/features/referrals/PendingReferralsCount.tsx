import { useTranslation } from 'react-i18next';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { usePendingCount } from './referrals.api';
import './referrals.css';

/**
 * The number of referrals waiting for her organisation's answer, beside
 * the navigation's "Invii" (nothing when none wait). Its words are read
 * with the link; the figure alone is for the eye.
 */
export function PendingReferralsCount() {
  const { t } = useTranslation();
  const me = useMe().data;
  const count = usePendingCount(can(me, permissions.referralRead)).data ?? 0;
  if (count <= 0) return null;
  return (
    <>
      <span className="nav-count" aria-hidden="true" data-testid="referrals-pending">
        {count > 99 ? '99+' : count}
      </span>
      {/* After the link's own word: "Invii, 2 invii da accettare…". */}
      <span className="visually-hidden">{`, ${t('referrals.nav.pending', { count })}`}</span>
    </>
  );
}
