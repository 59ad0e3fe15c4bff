import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextAreaField, TextField } from '../../ui/fields';
import { optional, todayInRome } from './cases.format';
import type { ReviewInput } from './plan.types';
import { summaryItems, useCaseErrors } from './useCaseErrors';

const fieldIds: Record<string, string> = { on: 'plan-review-on', herAgreement: 'plan-review-agreement', notes: 'plan-review-notes', nextReviewOn: 'plan-review-next' };

/**
 * A review of the plan with her: whether she agrees with it (asked, never
 * assumed: the box starts unticked), notes, and when to look at it again.
 */
export function ReviewForm({ pending, error, onSubmit, onCancel }: { pending: boolean; error: unknown; onSubmit: (input: ReviewInput) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ on: todayInRome(), herAgreement: false, notes: '', nextReviewOn: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...useCaseErrors(error), ...local };
  const text = (key: 'on' | 'notes' | 'nextReviewOn') => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setF((prev) => ({ ...prev, [key]: value }));
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!f.on) found.on = t('cases.errors.required');
    else if (f.on > todayInRome()) found.on = t('cases.errors.future');
    if (f.nextReviewOn && f.on && f.nextReviewOn <= f.on) found.nextReviewOn = t('cases.plan.nextAfter');
    setLocal(found);
    if (Object.keys(found).length) return;
    const notes = optional(f.notes);
    onSubmit({ on: f.on, herAgreement: f.herAgreement, ...(notes ? { notes } : {}), ...(f.nextReviewOn ? { nextReviewOn: f.nextReviewOn } : {}) });
  };

  return (
    <form noValidate onSubmit={submit} className="case-part-form case-form" aria-labelledby="plan-review-form-title">
      <h4 id="plan-review-form-title" className="h6">
        {t('cases.plan.addReviewTitle')}
      </h4>
      <ErrorSummary id="plan-review-errors" items={summaryItems(errors, fieldIds)} />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <TextField id="plan-review-on" type="date" max={todayInRome()} label={t('cases.plan.reviewOn')} value={f.on} onChange={text('on')} error={errors.on} />
        </div>
        <div className="col-12 col-md-6">
          <TextField id="plan-review-next" type="date" label={t('cases.plan.nextReviewOn')} hint={t('cases.plan.nextReviewHint')} value={f.nextReviewOn} onChange={text('nextReviewOn')} error={errors.nextReviewOn} />
        </div>
      </div>
      <div className="form-check mb-4">
        <input
          id="plan-review-agreement"
          type="checkbox"
          checked={f.herAgreement}
          aria-describedby="plan-review-agreement-hint"
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setF((prev) => ({ ...prev, herAgreement: checked }));
          }}
        />
        <label htmlFor="plan-review-agreement">{t('cases.plan.herAgreement')}</label>
        <small id="plan-review-agreement-hint" className="form-text d-block">
          {t('cases.plan.herAgreementHint')}
        </small>
      </div>
      <TextAreaField id="plan-review-notes" label={t('cases.plan.notes')} value={f.notes} maxLength={4000} onChange={text('notes')} error={errors.notes} />
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          {t('cases.plan.saveReview')}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
