import { z } from 'zod';
import { actionCreate, itemFields, reviewCreate, reviewPatch, sharingBasisRequired } from '../../../shared/reviews.api';
import { blank, serverIssues } from '../../ui/form';
import { emptyAsNull } from '../directory/directory.form';
import type { Review } from './reviews.api';

/**
 * The review forms, checked with the API's schemas
 * (src/shared/reviews.api.ts) before anything is sent: the same limits and
 * the same codes as the server's field errors. A field left empty is not
 * given (a required one fails as `required`); in the review's change an
 * emptied place or minutes clears them (null), as the API takes it.
 */

const create = reviewCreate.shape;

/** Calling a review: the network, the day, how and where, who takes part. */
export const createReviewForm = reviewCreate.extend({
  networkId: blank(create.networkId),
  heldOn: blank(create.heldOn),
  mode: blank(create.mode),
  place: blank(create.place),
});
export type CreateReviewValues = z.input<typeof createReviewForm>;
export const emptyCreateReview = (networkId = ''): CreateReviewValues => ({ networkId, heldOn: '', mode: 'in_presenza', place: '', participantOrganisationIds: [] });

const patch = reviewPatch.required({ heldOn: true, mode: true, status: true, participantOrganisationIds: true }).shape;

/** Changing a review: its day, mode and status are always there; an emptied place or minutes is cleared. */
export const manageReviewForm = reviewPatch.extend({
  heldOn: blank(patch.heldOn),
  mode: blank(patch.mode),
  status: blank(patch.status),
  participantOrganisationIds: patch.participantOrganisationIds,
  place: emptyAsNull(reviewPatch.shape.place),
  minutes: emptyAsNull(reviewPatch.shape.minutes),
});
export type ManageReviewValues = z.input<typeof manageReviewForm>;
export const manageReviewValues = (review: Review): ManageReviewValues => ({
  heldOn: review.heldOn,
  mode: review.mode,
  status: review.status,
  place: review.place ?? '',
  minutes: review.minutes ?? '',
  participantOrganisationIds: review.participants.map((p) => p.id),
});

const item = itemFields.shape;

/**
 * Bringing a case: sharing without her consent needs its legal basis and
 * reason — the API's own rule, said with the other fields' errors. The
 * legal basis and reason are fields only while that basis is chosen (the
 * form leaves them out otherwise, and the server ignores them).
 */
export const bringCaseForm = sharingBasisRequired(
  itemFields.extend({
    caseId: blank(item.caseId),
    basis: blank(item.basis),
    legalBasis: blank(item.legalBasis),
    reason: blank(item.reason),
    brief: blank(item.brief),
  }),
  { when: () => true },
);
export type BringCaseValues = z.input<typeof bringCaseForm>;
export const emptyBringCase = (caseId: string | null): BringCaseValues => ({ caseId: caseId ?? '', basis: 'consenso', legalBasis: '', reason: '', brief: '' });

const action = actionCreate.shape;

/** An action decided at the review: its text and owner; a due day and an agenda item when given. */
export const actionForm = actionCreate.extend({
  text: blank(action.text),
  ownerOrganisationId: blank(action.ownerOrganisationId),
  dueOn: blank(action.dueOn),
  itemId: blank(action.itemId),
});
export type ActionValues = z.input<typeof actionForm>;
export const emptyAction = (): ActionValues => ({ text: '', ownerOrganisationId: '', dueOn: '', itemId: '' });

/** Organisations as the options of a select or a group of boxes. */
export const named = (list: readonly { id: string; name: string }[]) => list.map((o) => ({ value: o.id, label: o.name }));

/** A failed request's problem when no field error says it (a refusal of the whole form, a stale version). */
export const formProblem = (error: unknown) => (error instanceof Error && !Object.keys(serverIssues(error)).length ? error : null);
