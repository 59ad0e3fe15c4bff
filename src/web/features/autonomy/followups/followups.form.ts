import { z } from 'zod';
import { followUpRecord } from '../../../../shared/autonomy.actions.api';
import { blank } from '../../../ui/form';

/** The outcomes a check may be closed with (every branch of the API's union). */
export const recordStates = followUpRecord.options.map((o) => o.shape.state.value);
export type RecordState = (typeof recordStates)[number];

export interface FollowUpFormValues {
  state: RecordState | '';
  workStatus: string;
  housingStatus: string;
}

export const emptyFollowUp: FollowUpFormValues = { state: '', workStatus: '', housingStatus: '' };

const given = (s: string) => (s.trim() === '' ? undefined : s);

/**
 * The outcome form checked with the API's schema (src/shared/autonomy.actions.api.ts):
 * an empty choice is absent, so a missing outcome, work or housing reads as
 * `required`; work and housing are sent only with `fatto` (the other
 * outcomes take nothing else: the API's schema is strict).
 */
export const followUpForm = z
  .object({ state: blank(z.enum(recordStates)), workStatus: z.string(), housingStatus: z.string() })
  .transform((v) => (v.state === 'fatto' ? { state: v.state, workStatus: given(v.workStatus), housingStatus: given(v.housingStatus) } : { state: v.state }))
  .pipe(followUpRecord);
