import { tabSlugs } from '../cases/case.tabs';
import type { Notification } from './notifications.api';

/**
 * Where a notification takes her: what needs her action. The page there
 * decides again what she may see (a case she can no longer open answers
 * "not found", as from anywhere else).
 */
export function notificationHref(n: Notification): string {
  const { target } = n;
  if (target.type === 'intake') return target.box === 'inbox' ? '/segnalazioni/in-arrivo' : '/segnalazioni/inviate';
  if (target.type === 'review') return `/revisioni/${target.reviewId}`;
  if (target.type === 'referral') return `/invii/${target.referralId}`;
  if (target.type === 'caseload') return '/percorsi';
  if (target.type === 'shelter') return `/ospitalita/${target.box}`;
  if (target.type === 'autonomy') return '/autonomia/progetti';
  return `/percorsi/${target.caseId}${target.tab && target.tab !== 'summary' ? `?scheda=${tabSlugs[target.tab]}` : ''}`;
}
