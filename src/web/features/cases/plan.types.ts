import type { z } from 'zod';
import type { actionStatuses, goalStatuses, planActionTypes } from '../../../shared/cases';
import type { actionFields, goalFields, meetingCreate, planOut, reviewCreate } from '../../../shared/plan.api';
import type { Json } from '../../../shared/json';

/**
 * Shapes of the individual plan, derived from the shared
 * schemas (src/shared/plan.api.ts). Days are `YYYY-MM-DD`; instants ISO strings.
 */

type Of<T extends readonly string[]> = T[number];
export type GoalStatus = Of<typeof goalStatuses>;
export type PlanActionType = Of<typeof planActionTypes>;
export type ActionStatus = Of<typeof actionStatuses>;

/** A member with only the work/housing section gets those goals, and no reviews or meetings. */
export type Plan = Json<z.output<typeof planOut>>;
export type PlanGoal = Plan['goals'][number];
/** `meetingId`: the équipe meeting that decided it, if any. */
export type PlanAction = PlanGoal['actions'][number];
export type PlanReview = Plan['reviews'][number];
/** `participants`: display names of those who took part. */
export type PlanMeeting = Plan['meetings'][number];

/** The forms' values (every field present). */
export type GoalFields = z.output<typeof goalFields>;
export type ActionFields = z.output<typeof actionFields>;
/** An action without its goal: a meeting's decision carries its goal beside it. */
export type ActionValues = Omit<ActionFields, 'goalId'>;
export type ReviewInput = z.input<typeof reviewCreate>;
/** The meeting form always sends its decisions (possibly none). */
export type MeetingInput = z.output<typeof meetingCreate>;
