import { z } from 'zod';
import { activityCreate, participantCreate, sessionCreate } from '../../../../shared/autonomy.actions.api';
import { blank } from '../../../ui/form';

/**
 * The group work's forms, checked with the API's schemas
 * (src/shared/autonomy.actions.api.ts): an empty field is an absent value
 * (required where the API needs it, left out where optional).
 */

const [workshop, meeting, agreement] = activityCreate.options;

/** A new activity: the fields of its kind (the others are unregistered while hidden). */
export const activityForm = z.discriminatedUnion('kind', [
  workshop.extend({ title: blank(workshop.shape.title) }),
  meeting.extend({ title: blank(meeting.shape.title), heldOn: blank(meeting.shape.heldOn) }),
  agreement.extend({
    title: blank(agreement.shape.title),
    counterpart: blank(agreement.shape.counterpart),
    agreementKind: blank(agreement.shape.agreementKind),
    signedOn: blank(agreement.shape.signedOn),
  }),
]);
export type ActivityFormValues = z.input<typeof activityForm>;
export const emptyActivity = { kind: 'laboratorio_empowerment', title: '' } as ActivityFormValues;

/** The facilitators typed one per line: a list of names (none typed is the required field left empty). */
const lines = (value: unknown) => {
  if (typeof value !== 'string') return value;
  const names = value
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length ? names : undefined;
};

export const sessionForm = sessionCreate.extend({
  heldOn: blank(sessionCreate.shape.heldOn),
  facilitators: z.preprocess(lines, sessionCreate.shape.facilitators),
});
export type SessionFormValues = z.input<typeof sessionForm>;
export const emptySession = { heldOn: '', facilitators: '' } as unknown as SessionFormValues;

export const participantForm = participantCreate.extend({ caseId: blank(participantCreate.shape.caseId) });
export type ParticipantFormValues = z.input<typeof participantForm>;
export const emptyParticipant = { caseId: '' } as ParticipantFormValues;
