import type { NotificationKind, notificationCaseTabs } from '../../../shared/notifications.api.js';
import type { CaseAccess } from '../cases/index.js';
import type { notifications } from './notifications.tables.js';

type Row = typeof notifications.$inferSelect;
type CaseTab = (typeof notificationCaseTabs)[number];

/**
 * A notification as she sees it: codes and ids, plus the case's
 * pseudonymous code read from the case she may open (never her name, never
 * stored in the notification). Null for a row whose case she cannot open:
 * the visibility filter already left those out; this never shows one.
 */
export function presentNotification(row: Row, cases: ReadonlyMap<string, CaseAccess>) {
  // A review's notification names no case: the review's page decides what she sees there (docs/reviews.md).
  if (row.reviewId && !row.caseId) {
    return { id: row.id, kind: row.kind as NotificationKind, params: row.params, target: { type: 'review' as const, reviewId: row.reviewId }, createdAt: row.createdAt, readAt: row.readAt };
  }
  // An inbound referral's notice names no case: it opens the inbox (the CAV) or the sent list (the sender): docs/intake.md.
  if (!row.caseId && row.kind.startsWith('intake_')) {
    const target = { type: 'intake' as const, box: row.kind === 'intake_received' ? ('inbox' as const) : ('sent' as const) };
    return { id: row.id, kind: row.kind as NotificationKind, params: row.params, target, createdAt: row.createdAt, readAt: row.readAt };
  }
  // A referral's notice (docs/referrals.md): the recipient's names no case; the sender's carries the case's code, read only if she may open it.
  if (row.referralId) {
    const access = row.caseId ? cases.get(row.caseId) : null;
    if (row.caseId && !access) return null;
    const target = { type: 'referral' as const, referralId: row.referralId, caseId: access ? row.caseId : null, caseCode: access?.row.code ?? null };
    return { id: row.id, kind: row.kind as NotificationKind, params: row.params, target, createdAt: row.createdAt, readAt: row.readAt };
  }
  // A share that ended with no referral behind it names no case (she can no longer open it): it opens her caseload.
  if (!row.caseId && row.kind === 'case_share_ended') {
    return { id: row.id, kind: row.kind as NotificationKind, params: row.params, target: { type: 'caseload' as const }, createdAt: row.createdAt, readAt: row.readAt };
  }
  // A shelters' notice names no case: it opens the authorisations inbox or the stays (docs/shelters.md).
  if (!row.caseId && row.kind.startsWith('shelter_')) {
    const box =
      row.kind === 'shelter_authorisation_requested' || row.kind === 'shelter_authorisation_due'
        ? ('autorizzazioni' as const)
        : row.kind === 'shelter_proposal_received' || row.kind === 'shelter_proposal_withdrawn'
          ? ('proposte' as const)
          : row.kind === 'shelter_proposal_accepted' || row.kind === 'shelter_proposal_declined' || row.kind === 'shelter_hold_expired'
            ? ('richieste' as const)
            : ('permanenze' as const);
    return { id: row.id, kind: row.kind as NotificationKind, params: row.params, target: { type: 'shelter' as const, box }, createdAt: row.createdAt, readAt: row.readAt };
  }
  // An autonomy project's notice to the équipe or the capofila names no case: it opens the projects awaiting her organisation (docs/autonomy.md).
  if (!row.caseId && row.kind.startsWith('autonomy_')) {
    return { id: row.id, kind: row.kind as NotificationKind, params: row.params, target: { type: 'autonomy' as const, box: 'progetti' as const }, createdAt: row.createdAt, readAt: row.readAt };
  }
  if (!row.caseId) return null;
  const access = cases.get(row.caseId);
  if (!access) return null;
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    params: row.params,
    target: { type: 'case' as const, caseId: row.caseId, caseCode: access.row.code, tab: (row.caseTab as CaseTab | null) ?? null },
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}
