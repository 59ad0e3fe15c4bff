import { z } from 'zod';
import { actionStatuses, goalStatuses, planActionTypes, planAreas } from '../../../shared/cases.js';
import { isoDate } from './cases.schemas.js';

/** Input shapes of the individual plan. */

const text = (max: number) => z.string().trim().min(1).max(max);

export const goalFields = z
  .object({ area: z.enum(planAreas), status: z.enum(goalStatuses).default('aperto'), description: text(2000).nullable().default(null) })
  .strict();
export type GoalFields = z.infer<typeof goalFields>;

const action = {
  type: z.enum(planActionTypes),
  ownerOrganisationId: z.uuid(),
  dueOn: isoDate.nullable().default(null),
  status: z.enum(actionStatuses).default('prevista'),
  description: text(2000).nullable().default(null),
};
export const actionFields = z.object({ goalId: z.uuid(), ...action }).strict();
export type ActionFields = z.infer<typeof actionFields>;

export const reviewCreate = z
  .object({ on: isoDate, herAgreement: z.boolean(), notes: text(4000).optional(), nextReviewOn: isoDate.optional() })
  .strict()
  .refine((r) => !r.nextReviewOn || r.nextReviewOn > r.on, { message: 'review_after_previous', path: ['nextReviewOn'] });
export type ReviewCreate = z.infer<typeof reviewCreate>;

/** An équipe meeting; each decision becomes an action of the plan. */
export const meetingCreate = z
  .object({
    on: isoDate,
    participantUserIds: z.array(z.uuid()).max(30).default([]),
    minutes: text(10_000).optional(),
    decisions: z.array(z.object({ goalId: z.uuid(), ...action }).strict()).max(30).default([]),
  })
  .strict();
export type MeetingCreate = z.infer<typeof meetingCreate>;
