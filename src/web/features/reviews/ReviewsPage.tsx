import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { formatDate } from '../../ui/format';
import { useLabels } from '../../ui/labels';
import { ReviewActionsList } from './ReviewActions';
import { CreateReviewForm } from './CreateReviewForm';
import { useReviewNetworks, useReviews, useReviewTasks } from './reviews.api';

/**
 * Multi-agency case reviews: the actions her organisation owns (the
 * overdue first), the reviews it takes part in, and — for the network
 * coordinator — the form that calls one. Coming from a case
 * (`?percorso=`), each review's link carries it to the agenda's form.
 */
export function ReviewsPage() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const [params] = useSearchParams();
  const caseId = params.get('percorso');
  const reviews = useReviews();
  const tasks = useReviewTasks();
  const networks = useReviewNetworks();
  const suffix = caseId ? `?percorso=${encodeURIComponent(caseId)}` : '';
  return (
    <>
      <PageHeading>{t('reviews.title')}</PageHeading>
      <p className="lead">{t('reviews.intro')}</p>
      {caseId ? <p className="alert alert-info">{t('reviews.chooseForCase')}</p> : null}
      <section aria-labelledby="reviews-tasks-title" className="mb-5">
        <h2 id="reviews-tasks-title" className="h4">
          {t('reviews.tasksTitle')}
        </h2>
        {tasks.isPending ? <Loading /> : <ProblemAlert error={tasks.error} />}
        {tasks.data ? <ReviewActionsList actions={tasks.data.items} idPrefix="tasks" showReview /> : null}
      </section>
      <section aria-labelledby="reviews-list-title" className="mb-5">
        <h2 id="reviews-list-title" className="h4">
          {t('reviews.listTitle')}
        </h2>
        {reviews.isPending ? <Loading /> : <ProblemAlert error={reviews.error} />}
        {reviews.data && !reviews.data.items.length ? <p>{t('reviews.none')}</p> : null}
        {reviews.data?.items.length ? (
          <div className="table-responsive">
            <table className="table">
              <caption className="visually-hidden">{t('reviews.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reviews.heldOn')}</th>
                  <th scope="col">{t('reviews.network')}</th>
                  <th scope="col">{t('reviews.status')}</th>
                  <th scope="col">{t('reviews.agendaCount')}</th>
                  <th scope="col">{t('reviews.openActions')}</th>
                </tr>
              </thead>
              <tbody>
                {reviews.data.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/revisioni/${r.id}${suffix}`}>{formatDate(r.heldOn, lang)}</Link>
                    </th>
                    <td>{r.network.name}</td>
                    <td>{t(`reviews.statuses.${r.status}`)}</td>
                    <td>{r.items}</td>
                    <td>{r.openActions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {networks.data?.items.length ? <CreateReviewForm networks={networks.data.items} /> : null}
    </>
  );
}
