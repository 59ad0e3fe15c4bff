import { z } from 'zod';
import { actionFields, MEETING_MAX_DECISIONS, meetingCreate, nextReviewAfter, reviewFields } from '../../../shared/plan.api';
import { blank } from '../../ui/form';
import { todayInRome } from './cases.format';

/**
 * The plan's forms check with the API's schemas (src/shared/plan.api.ts):
 * an action, and a meeting's decision (the same fields), with empty fields
 * counted as not given (a due date or description left empty is none).
 */
export const actionForm = actionFields.extend({
  goalId: blank(actionFields.shape.goalId),
  type: blank(actionFields.shape.type),
  ownerOrganisationId: blank(actionFields.shape.ownerOrganisationId),
  dueOn: blank(actionFields.shape.dueOn),
  description: blank(actionFields.shape.description),
});

/** The form's own check of a day that has already come (a review, a meeting): `on` is not in the future. */
export const onTodayAtLatest = <S extends z.ZodType<{ on?: unknown }>>(schema: S) =>
  schema.refine((v) => typeof v.on !== 'string' || v.on <= todayInRome(), { message: 'in_future', path: ['on'] });

/** A review: her agreement is chosen among three answers (a radio group holds exactly what the API takes). */
export const reviewForm = onTodayAtLatest(
  nextReviewAfter(reviewFields.extend({ on: blank(reviewFields.shape.on), notes: blank(reviewFields.shape.notes), nextReviewOn: blank(reviewFields.shape.nextReviewOn) })),
);

/** A meeting and its decisions, each checked as an action. */
export const meetingForm = onTodayAtLatest(
  meetingCreate.extend({ on: blank(meetingCreate.shape.on), minutes: blank(meetingCreate.shape.minutes), decisions: z.array(actionForm).max(MEETING_MAX_DECISIONS) }),
);
export type MeetingFormValues = z.input<typeof meetingForm>;
