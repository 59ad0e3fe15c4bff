import { z } from 'zod';
import { caseCreate } from '../../../shared/cases.api';
import { blank, blankNumber } from '../../ui/form';
import { comuneField, noComune, nothingIn, pastDay, type ComuneValue } from './cases.form';
import { todayInRome } from './cases.format';
import type { AccessChannel, CaseCreate, EventChannel } from './cases.types';
import { safeContactForm, safeContactValues, type SafeContactValues } from './safeContact.form';

/**
 * The first-contact wizard's form, checked by the API's own schema: what a
 * phone call needs is on top and has defaults (today, by phone); the rest
 * is optional, and she stays anonymous (no identity at all) unless she
 * gives a name or a number.
 */

const shape = caseCreate.shape;
const firstEvent = shape.firstEvent.unwrap();
const identity = shape.identity.unwrap();

export const newCaseSchema = caseCreate
  .omit({ comuneCode: true, profile: true })
  .extend({
    contactOn: blank(pastDay),
    accessChannel: blank(shape.accessChannel),
    firstEvent: firstEvent.omit({ at: true }).extend({ durationMinutes: blankNumber(firstEvent.shape.durationMinutes), notes: blank(firstEvent.shape.notes) }),
    comune: comuneField,
    // One name and one number at most here; the rest goes in the profile.
    identity: identity
      .pick({ firstName: true })
      .extend({ firstName: blank(identity.shape.firstName), phones: z.tuple([blank(identity.shape.phones.unwrap().element.optional())]) })
      .transform(({ firstName, phones: [phone] }) => (nothingIn({ firstName, phone }) ? undefined : { firstName, phones: phone ? [phone] : undefined })),
    safeContact: safeContactForm,
  })
  .transform(({ comune, safeContact, ...rest }): CaseCreate => ({ ...rest, comuneCode: comune ?? undefined, safeContact: safeContact ?? undefined }));

export interface NewCaseValues {
  contactOn: string;
  accessChannel: AccessChannel | '';
  emergency: boolean;
  firstEvent: { channel: EventChannel; durationMinutes: string; notes: string };
  comune: ComuneValue;
  identity: { firstName: string; phones: [string] };
  safeContact: SafeContactValues;
}

export const newCaseValues = (): NewCaseValues => ({
  contactOn: todayInRome(),
  accessChannel: '',
  emergency: false,
  firstEvent: { channel: 'telefono', durationMinutes: '', notes: '' },
  comune: noComune,
  identity: { firstName: '', phones: [''] },
  safeContact: safeContactValues(null),
});
