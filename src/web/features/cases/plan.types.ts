import type { actionStatuses, goalStatuses, planActionTypes, PlanArea } from '../../../shared/cases';
import type { Named } from './cases.types';

/**
 * Shapes of the individual plan and of her tasks
 * (src/server/modules/cases/plan.routes.ts for answers, plan.schemas.ts for
 * inputs). Days are `YYYY-MM-DD`; instants ISO strings.
 */

type Of<T extends readonly string[]> = T[number];
export type GoalStatus = Of<typeof goalStatuses>;
export type PlanActionType = Of<typeof planActionTypes>;
export type ActionStatus = Of<typeof actionStatuses>;

export interface PlanAction {
  id: string;
  type: PlanActionType;
  owner: Named;
  dueOn: string | null;
  status: ActionStatus;
  description: string | null;
  /** The équipe meeting that decided it, if any. */
  meetingId: string | null;
  version: number;
}

export interface PlanGoal {
  id: string;
  area: PlanArea;
  status: GoalStatus;
  description: string | null;
  version: number;
  actions: PlanAction[];
}

export interface PlanReview {
  id: string;
  on: string;
  herAgreement: boolean;
  nextReviewOn: string | null;
  by: string | null;
  notes: string | null;
}

export interface PlanMeeting {
  id: string;
  on: string;
  /** Display names of those who took part. */
  participants: string[];
  minutes: string | null;
}

/** A member with only the work/housing section gets those goals, and no reviews or meetings. */
export interface Plan {
  goals: PlanGoal[];
  reviews: PlanReview[];
  meetings: PlanMeeting[];
}

export interface GoalFields {
  area: PlanArea;
  status: GoalStatus;
  description: string | null;
}

/** An action without its goal: a meeting's decision carries its goal beside it. */
export interface ActionValues {
  type: PlanActionType;
  ownerOrganisationId: string;
  dueOn: string | null;
  status: ActionStatus;
  description: string | null;
}

export interface ActionFields extends ActionValues {
  goalId: string;
}

export interface ReviewInput {
  on: string;
  herAgreement: boolean;
  notes?: string;
  nextReviewOn?: string;
}

export interface MeetingInput {
  on: string;
  participantUserIds: string[];
  minutes?: string;
  decisions: ActionFields[];
}

interface CaseRef {
  id: string;
  code: string;
}

/** GET /api/cases/tasks: what is due on the cases of her team. */
export interface Tasks {
  horizonDays: number;
  staleDays: number;
  actions: { case: CaseRef; id: string; type: PlanActionType; dueOn: string | null; status: ActionStatus }[];
  reviews: { case: CaseRef; dueOn: string | null }[];
  deadlines: { case: CaseRef; kind: 'hearingBy' | 'prosecutorBy' | 'judgeBy'; dueOn: string; registeredOn: string }[];
  stale: { case: CaseRef; lastContactAt: string }[];
}
