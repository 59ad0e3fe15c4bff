import { z } from 'zod';
import { actionStatuses, goalStatuses, planActionTypes, planAreas } from './cases.js';
import { isoDate } from './cases.api.js';

/** The individual plan's API, shared by the server and the web. Input shapes: */

const text = (max: number) => z.string().trim().min(1).max(max);

export const goalFields = z
  .object({ area: z.enum(planAreas), status: z.enum(goalStatuses).default('aperto'), description: text(2000).nullable().default(null) })
  .strict();
export type GoalFields = z.infer<typeof goalFields>;

export const actionFields = z
  .object({
    goalId: z.uuid(),
    type: z.enum(planActionTypes),
    ownerOrganisationId: z.uuid(),
    dueOn: isoDate.nullable().default(null),
    status: z.enum(actionStatuses).default('prevista'),
    description: text(2000).nullable().default(null),
  })
  .strict();
export type ActionFields = z.infer<typeof actionFields>;

/** Her agreement with the plan: yes, no, or null when she was not asked (never assumed either way). */
export const herAgreement = z.boolean().nullable();

export const reviewFields = z.object({ on: isoDate, herAgreement, notes: text(4000).optional(), nextReviewOn: isoDate.optional() }).strict();

/** The next review, when set, comes after this one: the API's check, and the form's on its own fields. */
export const nextReviewAfter = <S extends z.ZodType<{ on: string; nextReviewOn?: string | undefined }>>(schema: S) =>
  schema.refine((r) => !r.nextReviewOn || r.nextReviewOn > r.on, { message: 'review_after_previous', path: ['nextReviewOn'] });

export const reviewCreate = nextReviewAfter(reviewFields);
export type ReviewCreate = z.infer<typeof reviewCreate>;

/** How many people and decisions one meeting records at most. */
export const MEETING_MAX_PARTICIPANTS = 30;
export const MEETING_MAX_DECISIONS = 30;
/** An équipe meeting; each decision becomes an action of the plan (the same fields). */
export const meetingCreate = z
  .object({
    on: isoDate,
    participantUserIds: z.array(z.uuid()).max(MEETING_MAX_PARTICIPANTS).default([]),
    minutes: text(10_000).optional(),
    decisions: z.array(actionFields).max(MEETING_MAX_DECISIONS).default([]),
  })
  .strict();
export type MeetingCreate = z.infer<typeof meetingCreate>;

/** Output shapes of the plan API. */

const named = z.object({ id: z.uuid(), name: z.string() });

export const planOut = z.object({
  goals: z.array(
    z.object({
      id: z.uuid(),
      area: z.enum(planAreas),
      status: z.enum(goalStatuses),
      description: z.string().nullable(),
      version: z.number().int(),
      actions: z.array(
        z.object({ id: z.uuid(), type: z.enum(planActionTypes), owner: named, dueOn: z.string().nullable(), status: z.enum(actionStatuses), description: z.string().nullable(), meetingId: z.uuid().nullable(), version: z.number().int() }),
      ),
    }),
  ),
  reviews: z.array(z.object({ id: z.uuid(), on: z.string(), herAgreement, nextReviewOn: z.string().nullable(), by: z.string().nullable(), notes: z.string().nullable() })),
  meetings: z.array(z.object({ id: z.uuid(), on: z.string(), participants: z.array(z.string()), minutes: z.string().nullable() })),
});
