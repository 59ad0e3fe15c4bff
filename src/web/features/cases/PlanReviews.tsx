import { useTranslation } from 'react-i18next';
import { formatDayLong } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { PlanControls } from './PlanGoal';
import type { PlanReview } from './plan.types';
import { ReviewForm } from './ReviewForm';

const ADD_ID = 'plan-review-add';

/** The reviews of the plan, latest first: her agreement in words (yes, no, or not asked), and the next review date. */
export function PlanReviews({ reviews, ctl, mayAdd }: { reviews: PlanReview[]; ctl: PlanControls; mayAdd: boolean }) {
  const { t } = useTranslation();
  const { lang } = useCaseLabels();
  const { editor, save } = ctl;
  return (
    <section aria-labelledby="plan-reviews-title" className="mt-5">
      <h3 id="plan-reviews-title" className="h5">
        {t('cases.plan.reviewsTitle')}
      </h3>
      <p>{t('cases.plan.reviewsIntro')}</p>
      {reviews.length === 0 ? <p>{t('cases.plan.noReviews')}</p> : null}
      {reviews.length ? (
        <ol className="case-ledger" data-testid="plan-reviews">
          {[...reviews].reverse().map((r) => (
            <li key={r.id} className="case-ledger-item">
              <p className="mb-1">
                <strong>{t('cases.plan.reviewOnDate', { date: formatDayLong(r.on, lang) })}</strong> — {r.herAgreement === null ? t('cases.plan.notAsked') : r.herAgreement ? t('cases.plan.agreed') : t('cases.plan.notAgreed')}
              </p>
              <p className="mb-1 small">
                {r.nextReviewOn ? t('cases.plan.nextReview', { date: formatDayLong(r.nextReviewOn, lang) }) : t('cases.plan.noNextReview')}
                {r.by ? ` ${t('cases.plan.recordedBy', { name: r.by })}` : ''}
              </p>
              {r.notes ? <p className="mb-0 case-notes">{r.notes}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {mayAdd ? (
        editor.editing === 'review' ? (
          <ReviewForm
            pending={save.isPending}
            error={save.error}
            onCancel={() => editor.close(ADD_ID)}
            onSubmit={(input) => save.mutate({ kind: 'review', input }, { onSuccess: () => editor.done(t('cases.plan.reviewAdded'), ADD_ID) })}
          />
        ) : (
          <button id={ADD_ID} type="button" className="btn btn-outline-primary" onClick={() => editor.open('review')}>
            {t('cases.plan.addReview')}
          </button>
        )
      ) : null}
    </section>
  );
}
