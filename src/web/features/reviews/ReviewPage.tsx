import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { caseCodeLabel } from '../../../shared/cases.labels';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { formatDate } from '../../ui/format';
import { useLabels } from '../../ui/labels';
import { ReviewActionsList } from './ReviewActions';
import { BringCaseForm } from './BringCaseForm';
import { ManageReviewForm } from './ManageReviewForm';
import { ReviewActionForm } from './ReviewActionForm';
import { type Review, reviewsKey, useReview, withdrawCase } from './reviews.api';

/**
 * One review: when and where, who takes part, the agenda (each case as its
 * owning organisation shared it: code, risk level, brief), the open actions
 * of earlier reviews first, this review's actions, and the minutes.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const { id } = useParams();
  const [params] = useSearchParams();
  const review = useReview(id);
  const me = useMe().data;
  if (review.isPending) return <Loading />;
  if (!review.data) return <ProblemAlert error={review.error} />;
  const r = review.data;
  const open = r.status !== 'closed';
  return (
    <>
      <PageHeading>{t('reviews.reviewTitle', { date: formatDate(r.heldOn, lang), network: r.network.name })}</PageHeading>
      <p>
        <Link to="/revisioni">{t('reviews.back')}</Link>
      </p>
      <dl className="row">
        <dt className="col-sm-3">{t('reviews.status')}</dt>
        <dd className="col-sm-9">{t(`reviews.statuses.${r.status}`)}</dd>
        <dt className="col-sm-3">{t('reviews.mode')}</dt>
        <dd className="col-sm-9">
          {t(`reviews.modes.${r.mode}`)}
          {r.place ? ` · ${r.place}` : ''}
        </dd>
        <dt className="col-sm-3">{t('reviews.chair')}</dt>
        <dd className="col-sm-9">{r.chair.name}</dd>
        <dt className="col-sm-3">{t('reviews.participants')}</dt>
        <dd className="col-sm-9">{r.participants.map((p) => p.name).join(', ')}</dd>
      </dl>

      <section aria-labelledby="review-carried-title" className="mb-5">
        <h2 id="review-carried-title" className="h4">
          {t('reviews.carriedTitle')}
        </h2>
        <ReviewActionsList actions={r.carriedActions} idPrefix="carried" showReview manage={r.manage} />
      </section>

      <section aria-labelledby="review-agenda-title" className="mb-5">
        <h2 id="review-agenda-title" className="h4">
          {t('reviews.agendaTitle')}
        </h2>
        <p className="small">{t('reviews.agendaNote')}</p>
        {r.agenda.length ? (
          <ul className="list-unstyled">
            {r.agenda.map((item) => (
              <AgendaItem key={item.id} review={r} item={item} />
            ))}
          </ul>
        ) : (
          <p>{t('reviews.agendaEmpty')}</p>
        )}
        {open && can(me, permissions.reviewBring) ? <BringCaseForm review={r} initialCaseId={params.get('percorso')} /> : null}
      </section>

      <section aria-labelledby="review-actions-title" className="mb-5">
        <h2 id="review-actions-title" className="h4">
          {t('reviews.actionsTitle')}
        </h2>
        <ReviewActionsList actions={r.actions} idPrefix="actions" manage={r.manage} />
        {r.manage && open ? <ReviewActionForm review={r} /> : null}
      </section>

      <section aria-labelledby="review-minutes-title" className="mb-5">
        <h2 id="review-minutes-title" className="h4">
          {t('reviews.minutes')}
        </h2>
        {r.minutes ? <p style={{ whiteSpace: 'pre-wrap' }}>{r.minutes}</p> : <p>{t('reviews.noMinutes')}</p>}
      </section>
      {r.manage && open ? <ManageReviewForm key={r.version} review={r} /> : null}
    </>
  );
}

function AgendaItem({ review, item }: { review: Review; item: Review['agenda'][number] }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const client = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => withdrawCase(review.id, item.id),
    onSuccess: () => client.invalidateQueries({ queryKey: [...reviewsKey, 'one', review.id] }),
  });
  return (
    <li className="card-wrapper mb-3 ps-3 py-2 border-start border-3">
      <h3 className="h6 mb-1">
        {item.caseCode === null ? (
          // No consent names her organisation: a case is on the agenda, not which.
          t('reviews.caseWithheld')
        ) : (
          <>
            {item.caseId ? <Link to={`/percorsi/${item.caseId}`}>{item.caseCode}</Link> : item.caseCode}
            {' · '}
            {item.riskLevel ? t('reviews.riskIs', { level: caseCodeLabel('risk', item.riskLevel, lang) }) : t('reviews.riskNone')}
          </>
        )}
      </h3>
      <p className="small mb-1">
        {t('reviews.broughtBy', { name: item.broughtBy.name })} · {t(`reviews.bases.${item.basis}`)}
        {item.legalBasis ? ` (${t(`reviews.legalBases.${item.legalBasis}`)})` : ''}
      </p>
      <p className="mb-1" style={{ whiteSpace: 'pre-wrap' }}>
        {item.brief ?? t('reviews.briefHidden')}
      </p>
      {item.reason ? <p className="small mb-1">{t('reviews.reasonIs', { reason: item.reason })}</p> : null}
      {item.own && review.status === 'planned' ? (
        <button type="button" className="btn btn-link btn-sm p-0" onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
          {t('reviews.withdraw')}
          <span className="visually-hidden">: {item.caseCode}</span>
        </button>
      ) : null}
      <ProblemAlert error={withdraw.error} />
    </li>
  );
}
