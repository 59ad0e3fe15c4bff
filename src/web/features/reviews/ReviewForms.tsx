import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { reviewLegalBases, reviewModes, reviewSharingBases, reviewStatuses } from '../../../shared/reviews.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { useFormMessages } from '../../ui/form';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useCaseload } from '../cases/cases.api';
import { type Review, type ReviewNetwork, bringCase, createAction, createReview, patchReview, reviewsKey } from './reviews.api';

/**
 * The review's forms. Each sends what its fields hold and shows the
 * server's checks (codes, worded in the UI language) in an error summary
 * linked to the fields: the shared schema is the server's.
 */

const named = (list: readonly { id: string; name: string }[]) => list.map((o) => ({ value: o.id, label: o.name }));

/** Calls a review (the network coordinator). */
export function CreateReviewForm({ networks }: { networks: ReviewNetwork[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [networkId, setNetworkId] = useState(networks[0]?.id ?? '');
  const [heldOn, setHeldOn] = useState('');
  const [mode, setMode] = useState<(typeof reviewModes)[number]>('in_presenza');
  const [place, setPlace] = useState('');
  const [participants, setParticipants] = useState<string[]>([]);
  const network = networks.find((n) => n.id === networkId);
  const save = useMutation({
    mutationFn: () => createReview({ networkId, heldOn, mode, place: place.trim() || null, chairOrganisationId: null, participantOrganisationIds: participants }),
    onSuccess: (review) => navigate(`/revisioni/${review.id}`),
  });
  const fields = {
    networkId: { id: 'review-network', label: t('reviews.network') },
    heldOn: { id: 'review-held-on', label: t('reviews.heldOn') },
    mode: { id: 'review-mode', label: t('reviews.mode') },
    place: { id: 'review-place', label: t('reviews.place') },
    participantOrganisationIds: { id: 'review-participants', label: t('reviews.participants') },
  };
  const messages = useFormMessages({}, save.error, fields);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="review-create-title" className="mb-5">
      <h2 id="review-create-title" className="h4">
        {t('reviews.createTitle')}
      </h2>
      <ErrorSummary id="review-create-errors" items={messages.summary} />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField id={fields.networkId.id} label={fields.networkId.label} options={named(networks)} value={networkId} onChange={(e) => setNetworkId(e.currentTarget.value)} error={messages.at('networkId')} />
        </div>
        <div className="col-12 col-md-6">
          <TextField id={fields.heldOn.id} type="date" label={fields.heldOn.label} value={heldOn} onChange={(e) => setHeldOn(e.currentTarget.value)} error={messages.at('heldOn')} />
        </div>
        <div className="col-12 col-md-6">
          <SelectField
            id={fields.mode.id}
            label={fields.mode.label}
            options={reviewModes.map((m) => ({ value: m, label: t(`reviews.modes.${m}`) }))}
            value={mode}
            onChange={(e) => setMode(e.currentTarget.value as typeof mode)}
            error={messages.at('mode')}
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField id={fields.place.id} label={fields.place.label} hint={t('reviews.placeHint')} maxLength={200} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={messages.at('place')} />
        </div>
      </div>
      <CheckboxGroup
        id={fields.participantOrganisationIds.id}
        legend={fields.participantOrganisationIds.label}
        hint={t('reviews.participantsHint')}
        options={named(network?.members ?? [])}
        values={participants}
        onChange={setParticipants}
        error={messages.at('participantOrganisationIds')}
      />
      <button type="submit" className="btn btn-primary" disabled={save.isPending} aria-busy={save.isPending}>
        {t('reviews.create')}
      </button>
    </form>
  );
}

/** Date, place, status, participants and minutes (its managers; If-Match with the version on screen). */
export function ManageReviewForm({ review }: { review: Review }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [heldOn, setHeldOn] = useState(review.heldOn);
  const [place, setPlace] = useState(review.place ?? '');
  const [status, setStatus] = useState(review.status);
  const [minutes, setMinutes] = useState(review.minutes ?? '');
  const [participants, setParticipants] = useState(review.participants.map((p) => p.id));
  const save = useMutation({
    mutationFn: () => patchReview(review, { heldOn, place: place.trim() || null, status, minutes: minutes.trim() || null, participantOrganisationIds: participants }),
    onSuccess: (saved) => client.setQueryData([...reviewsKey, 'one', review.id], saved),
  });
  const fields = {
    heldOn: { id: 'review-edit-held-on', label: t('reviews.heldOn') },
    place: { id: 'review-edit-place', label: t('reviews.place') },
    status: { id: 'review-edit-status', label: t('reviews.status') },
    participantOrganisationIds: { id: 'review-edit-participants', label: t('reviews.participants') },
    minutes: { id: 'review-edit-minutes', label: t('reviews.minutes') },
  };
  const messages = useFormMessages({}, save.error, fields);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="review-edit-title" className="mb-5">
      <h2 id="review-edit-title" className="h4">
        {t('reviews.manageTitle')}
      </h2>
      <ErrorSummary id="review-edit-errors" items={messages.summary} />
      <ProblemAlert error={save.error instanceof Error && !messages.summary.length ? save.error : null} />
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField id={fields.heldOn.id} type="date" label={fields.heldOn.label} value={heldOn} onChange={(e) => setHeldOn(e.currentTarget.value)} error={messages.at('heldOn')} />
        </div>
        <div className="col-12 col-md-4">
          <TextField id={fields.place.id} label={fields.place.label} maxLength={200} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={messages.at('place')} />
        </div>
        <div className="col-12 col-md-4">
          <SelectField
            id={fields.status.id}
            label={fields.status.label}
            options={reviewStatuses.map((s) => ({ value: s, label: t(`reviews.statuses.${s}`) }))}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as typeof status)}
            error={messages.at('status')}
          />
        </div>
      </div>
      <CheckboxGroup
        id={fields.participantOrganisationIds.id}
        legend={fields.participantOrganisationIds.label}
        hint={t('reviews.participantsHint')}
        options={named(review.eligible)}
        values={participants}
        onChange={setParticipants}
        error={messages.at('participantOrganisationIds')}
      />
      <TextAreaField id={fields.minutes.id} label={fields.minutes.label} hint={t('reviews.minutesHint')} rows={6} maxLength={20_000} value={minutes} onChange={(e) => setMinutes(e.currentTarget.value)} error={messages.at('minutes')} />
      <button type="submit" className="btn btn-primary" disabled={save.isPending} aria-busy={save.isPending}>
        {t('reviews.save')}
      </button>
    </form>
  );
}

/**
 * Brings one of her organisation's cases to the agenda: the case (from her
 * caseload, or the one she came from), the basis for sharing, and the
 * brief — all the participants will read of it.
 */
export function BringCaseForm({ review, initialCaseId }: { review: Review; initialCaseId: string | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const caseload = useCaseload({ page: 1, pageSize: 50, mine: true });
  const [caseId, setCaseId] = useState(initialCaseId ?? '');
  const [basis, setBasis] = useState<(typeof reviewSharingBases)[number]>('consenso');
  const [legalBasis, setLegalBasis] = useState('');
  const [reason, setReason] = useState('');
  const [brief, setBrief] = useState('');
  const save = useMutation({
    mutationFn: () =>
      bringCase(review.id, {
        caseId,
        basis,
        legalBasis: basis === 'tutela_vita' && legalBasis ? (legalBasis as (typeof reviewLegalBases)[number]) : null,
        reason: basis === 'tutela_vita' && reason.trim() ? reason : null,
        brief,
      }),
    onSuccess: async () => {
      setBrief('');
      setReason('');
      setCaseId('');
      await client.invalidateQueries({ queryKey: [...reviewsKey, 'one', review.id] });
    },
  });
  const fields = {
    caseId: { id: 'review-bring-case', label: t('reviews.bring.case') },
    basis: { id: 'review-bring-basis', label: t('reviews.bring.basis') },
    legalBasis: { id: 'review-bring-legal-basis', label: t('reviews.bring.legalBasis') },
    reason: { id: 'review-bring-reason', label: t('reviews.bring.reason') },
    brief: { id: 'review-bring-brief', label: t('reviews.bring.brief') },
  };
  const messages = useFormMessages({}, save.error, fields);
  const cases = caseload.data?.items ?? [];
  const options = cases.map((c) => ({ value: c.id, label: c.code }));
  if (initialCaseId && !options.some((o) => o.value === initialCaseId)) options.unshift({ value: initialCaseId, label: t('reviews.bring.thisCase') });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="review-bring-title" className="mb-5">
      <h3 id="review-bring-title" className="h5">
        {t('reviews.bring.title')}
      </h3>
      <p>{t('reviews.bring.intro')}</p>
      <ErrorSummary id="review-bring-errors" items={messages.summary} />
      <ProblemAlert error={save.error instanceof Error && !messages.summary.length ? save.error : null} />
      <SelectField id={fields.caseId.id} label={fields.caseId.label} placeholder={t('reviews.bring.choose')} options={options} value={caseId} onChange={(e) => setCaseId(e.currentTarget.value)} error={messages.at('caseId')} />
      <SelectField
        id={fields.basis.id}
        label={fields.basis.label}
        hint={t(`reviews.bases.${basis}Hint`)}
        options={reviewSharingBases.map((b) => ({ value: b, label: t(`reviews.bases.${b}`) }))}
        value={basis}
        onChange={(e) => setBasis(e.currentTarget.value as typeof basis)}
        error={messages.at('basis')}
      />
      {basis === 'tutela_vita' ? (
        <>
          <SelectField
            id={fields.legalBasis.id}
            label={fields.legalBasis.label}
            placeholder={t('reviews.bring.choose')}
            options={reviewLegalBases.map((b) => ({ value: b, label: t(`reviews.legalBases.${b}`) }))}
            value={legalBasis}
            onChange={(e) => setLegalBasis(e.currentTarget.value)}
            error={messages.at('legalBasis')}
          />
          <TextAreaField id={fields.reason.id} label={fields.reason.label} hint={t('reviews.bring.reasonHint')} maxLength={2000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={messages.at('reason')} />
        </>
      ) : null}
      <TextAreaField id={fields.brief.id} label={fields.brief.label} hint={t('reviews.bring.briefHint')} maxLength={2000} value={brief} onChange={(e) => setBrief(e.currentTarget.value)} error={messages.at('brief')} />
      <button type="submit" className="btn btn-primary" disabled={save.isPending} aria-busy={save.isPending}>
        {t('reviews.bring.submit')}
      </button>
    </form>
  );
}

/** An action decided at the review (its managers): owner among the participants, optionally about an agenda item. */
export function ActionForm({ review }: { review: Review }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [itemId, setItemId] = useState('');
  const save = useMutation({
    mutationFn: () => createAction(review.id, { text, ownerOrganisationId: owner, dueOn: dueOn || null, itemId: itemId || null }),
    onSuccess: async () => {
      setText('');
      await client.invalidateQueries({ queryKey: [...reviewsKey, 'one', review.id] });
    },
  });
  const fields = {
    text: { id: 'review-action-text', label: t('reviews.actions.text') },
    ownerOrganisationId: { id: 'review-action-owner', label: t('reviews.actions.owner') },
    dueOn: { id: 'review-action-due', label: t('reviews.actions.dueOn') },
    itemId: { id: 'review-action-item', label: t('reviews.actions.item') },
  };
  const messages = useFormMessages({}, save.error, fields);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="review-action-title" className="mb-5">
      <h3 id="review-action-title" className="h5">
        {t('reviews.actions.addTitle')}
      </h3>
      <ErrorSummary id="review-action-errors" items={messages.summary} />
      <ProblemAlert error={save.error instanceof Error && !messages.summary.length ? save.error : null} />
      <TextAreaField id={fields.text.id} label={fields.text.label} hint={t('reviews.actions.textHint')} maxLength={2000} value={text} onChange={(e) => setText(e.currentTarget.value)} error={messages.at('text')} />
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <SelectField
            id={fields.ownerOrganisationId.id}
            label={fields.ownerOrganisationId.label}
            placeholder={t('reviews.bring.choose')}
            options={named(review.participants)}
            value={owner}
            onChange={(e) => setOwner(e.currentTarget.value)}
            error={messages.at('ownerOrganisationId')}
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField id={fields.dueOn.id} type="date" label={fields.dueOn.label} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={messages.at('dueOn')} />
        </div>
        <div className="col-12 col-md-4">
          <SelectField
            id={fields.itemId.id}
            label={fields.itemId.label}
            placeholder={t('reviews.actions.noItem')}
            options={review.agenda.map((i) => ({ value: i.id, label: i.caseCode ?? t('reviews.caseWithheld') }))}
            value={itemId}
            onChange={(e) => setItemId(e.currentTarget.value)}
            error={messages.at('itemId')}
          />
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={save.isPending} aria-busy={save.isPending}>
        {t('reviews.actions.add')}
      </button>
    </form>
  );
}
