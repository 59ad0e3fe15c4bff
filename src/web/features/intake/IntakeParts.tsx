import { useTranslation } from 'react-i18next';
import type { IntakeStatus, IntakeUrgency } from './intake.api';

const statusClass: Record<IntakeStatus, string> = {
  inviata: 'bg-primary',
  non_raggiunta: 'bg-warning text-dark',
  presa_in_carico: 'bg-success',
  rifiutata: 'bg-secondary',
};

/** A referral's status in words (never a colour alone). */
export function StatusBadge({ status }: { status: IntakeStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${statusClass[status]}`}>{t(`intake.statuses.${status}`)}</span>;
}

export function UrgencyBadge({ urgency }: { urgency: IntakeUrgency }) {
  const { t } = useTranslation();
  return urgency === 'urgente' ? <span className="badge bg-danger">{t('intake.urgencies.urgente')}</span> : <span>{t('intake.urgencies.ordinaria')}</span>;
}

/** Minutes as hours and minutes ("2 h 5 min"): the network's indicator, read at a glance. */
export function Duration({ minutes }: { minutes: number | null }) {
  const { t } = useTranslation();
  if (minutes === null) return <>{t('intake.inbox.notYet')}</>;
  const h = Math.floor(minutes / 60);
  return <>{h ? t('intake.inbox.hoursMinutes', { h, m: minutes % 60 }) : t('intake.inbox.minutes', { m: minutes })}</>;
}
