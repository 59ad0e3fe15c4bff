import type { FieldErrors } from 'react-hook-form';
import { z } from 'zod';
import { intakeCreate, projectCreate } from '../../../../shared/autonomy.projects.api';
import { blank } from '../../../ui/form';

/**
 * The case autonomy page's forms, checked with the API's schemas
 * (src/shared/autonomy.projects.api.ts); the case is added when sent.
 */
export const referForm = intakeCreate.omit({ caseId: true }).extend({
  programmeId: blank(intakeCreate.shape.programmeId),
  equipeId: blank(intakeCreate.shape.equipeId),
  note: blank(intakeCreate.shape.note),
});

/** A draft from an admitted referral (the first of the API's two ways). */
export const fromIntake = projectCreate.options[0];
export const newProjectForm = fromIntake.omit({ caseId: true, notes: true }).extend({
  intakeId: blank(fromIntake.shape.intakeId),
  goals: blank(fromIntake.shape.goals),
});

/** Moves the focus to the first field in error (after the browser has drawn the errors). */
export function focusFirst(ids: readonly (string | false | undefined)[]) {
  const id = ids.find((i): i is string => !!i);
  if (id) requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/**
 * After a refused submit the focus goes to the first field in error, in
 * the form's order (`ids`: each field's element), as the short forms of
 * the case's autonomy page have always done — not to a summary.
 */
export const focusFirstError = (ids: Record<string, string | undefined>) => (errors: FieldErrors) =>
  focusFirst(Object.entries(ids).map(([name, id]) => name in errors && id));

export type ReferFormValues = z.input<typeof referForm>;
