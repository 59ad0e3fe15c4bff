import { z } from 'zod';
import { callContact, extraNumber, safePlace, SAFETY_PLAN_LIMITS, safetyPlanChecks, safetyPlanFieldsBase as base } from '../../../shared/safety-plan.api';
import { blank } from '../../ui/form';
import type { SafetyPlan } from './safetyPlan.api';

/**
 * The safety plan's form checks with the API's schema and limits
 * (src/shared/safety-plan.api.ts); an empty field is a value not given
 * (a description, the code word, a date, a choice left empty).
 */
const L = SAFETY_PLAN_LIMITS;
export const safetyPlanForm = safetyPlanChecks(
  base.extend({
    safePlaces: z.array(safePlace.extend({ kind: blank(safePlace.shape.kind), description: blank(safePlace.shape.description) })).max(L.safePlaces),
    contacts: z.array(callContact.extend({ name: blank(callContact.shape.name), phone: blank(callContact.shape.phone), relationship: blank(callContact.shape.relationship) })).max(L.contacts),
    extraNumbers: z.array(extraNumber.extend({ label: blank(extraNumber.shape.label), number: blank(extraNumber.shape.number) })).max(L.extraNumbers),
    schoolInformed: blank(base.shape.schoolInformed),
    schoolInformedOn: blank(base.shape.schoolInformedOn),
    codeWord: blank(base.shape.codeWord),
    escapeNotes: blank(base.shape.escapeNotes),
    agreedOn: blank(base.shape.agreedOn),
    agreedWithUserId: blank(base.shape.agreedWithUserId),
    nextReviewOn: blank(base.shape.nextReviewOn),
  }),
);
export type SafetyPlanFormValues = z.input<typeof safetyPlanForm>;

/** What the fields hold for a plan (empty strings for what it does not say), or for a new one. */
export function formValuesOf(plan: SafetyPlan['plan']): SafetyPlanFormValues {
  const empty = (v: string | null | undefined) => v ?? '';
  return {
    safePlaces: (plan?.safePlaces ?? []).map((p) => ({ kind: p.kind, description: empty(p.description) })),
    contacts: (plan?.contacts ?? []).map((c) => ({ ...c })),
    extraNumbers: (plan?.extraNumbers ?? []).map((n) => ({ ...n })),
    bag: { ...plan?.bag },
    schoolInformed: empty(plan?.schoolInformed),
    schoolInformedOn: empty(plan?.schoolInformedOn),
    codeWord: empty(plan?.codeWord),
    escapeNotes: empty(plan?.escapeNotes),
    technology: { ...plan?.technology },
    agreedOn: empty(plan?.agreedOn),
    agreedWithUserId: empty(plan?.agreedWith?.id),
    nextReviewOn: empty(plan?.nextReviewOn),
  } as SafetyPlanFormValues;
}
