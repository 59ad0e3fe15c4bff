import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { reviewActionStatuses } from '../../../shared/reviews.api';
import { caseCodeLabel } from '../../../shared/cases.labels';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { formatDate } from '../../ui/format';
import { useLabels } from '../../ui/labels';
import { type ReviewAction, reviewsKey, setActionStatus } from './reviews.api';

/**
 * Actions of reviews as a list: open ones first (the server's order). The
 * case shows by its code; it links to the case only when she may open it
 * anyway. Her organisation records the status of those it owns.
 */
export function ReviewActionsList({ actions, idPrefix, showReview = false, manage = false }: { actions: ReviewAction[]; idPrefix: string; showReview?: boolean; manage?: boolean }) {
  const { t } = useTranslation();
  if (!actions.length) return <p>{t('reviews.actions.none')}</p>;
  return (
    <ul className="list-unstyled">
      {actions.map((a) => (
        <ActionItem key={a.id} action={a} idPrefix={idPrefix} showReview={showReview} manage={manage} />
      ))}
    </ul>
  );
}

function ActionItem({ action: a, idPrefix, showReview, manage }: { action: ReviewAction; idPrefix: string; showReview: boolean; manage: boolean }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (status: ReviewAction['status']) => setActionStatus(a, status),
    onSuccess: () => client.invalidateQueries({ queryKey: reviewsKey }),
  });
  const selectId = `${idPrefix}-${a.id}-status`;
  const overdue = a.dueOn && a.dueOn < new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' }) && (a.status === 'prevista' || a.status === 'in_corso');
  return (
    <li className="card-wrapper mb-3 ps-3 py-2 border-start border-3">
      <p className="mb-1 fw-semibold">{a.text ?? t('reviews.actions.textHidden')}</p>
      <p className="small mb-1">
        {t('reviews.actions.ownerIs', { name: a.owner.name })}
        {a.dueOn ? ` · ${t('reviews.actions.dueOnIs', { date: formatDate(a.dueOn, lang) })}` : ''}
        {overdue ? ` · ${t('reviews.actions.overdue')}` : ''}
        {a.caseCode ? ' · ' : ''}
        {a.caseCode && a.caseId ? <Link to={`/percorsi/${a.caseId}`}>{a.caseCode}</Link> : a.caseCode}
        {showReview ? (
          <>
            {' · '}
            <Link to={`/revisioni/${a.reviewId}`}>{t('reviews.actions.ofReview', { date: formatDate(a.reviewHeldOn, lang) })}</Link>
          </>
        ) : null}
      </p>
      {a.update || manage ? (
        <div className="select-wrapper mb-2" style={{ maxWidth: '20rem' }}>
          <label htmlFor={selectId}>{t('reviews.actions.status')}</label>
          <select id={selectId} value={a.status} disabled={save.isPending} onChange={(e) => save.mutate(e.currentTarget.value as ReviewAction['status'])}>
            {reviewActionStatuses.map((s) => (
              <option key={s} value={s}>
                {caseCodeLabel('actionStatus', s, lang)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="small mb-1">{t('reviews.actions.statusIs', { status: caseCodeLabel('actionStatus', a.status, lang) })}</p>
      )}
      <ProblemAlert error={save.error} />
    </li>
  );
}
