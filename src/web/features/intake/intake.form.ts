import { z } from 'zod';
import { intakeConsent, intakeContact, intakeCreate, type IntakeCreate, type IntakeSource } from '../../../shared/intake.api';
import { blank } from '../../ui/form';
import { comuneField, noComune, pastDay, type ComuneValue } from '../cases/cases.form';
import { todayInRome } from '../cases/cases.format';

/**
 * The sender's form, checked by the API's own schema (src/shared/intake.api.ts):
 * her comune chosen from the suggestions, her consent to be contacted a
 * box that must be ticked (`consent_required`, as the server says), the
 * optional texts left out when empty.
 */

const contact = intakeContact.shape;

export const intakeFormSchema = intakeCreate
  .omit({ comuneCode: true })
  .extend({
    recipientOrganisationId: blank(intakeCreate.shape.recipientOrganisationId),
    comune: comuneField.refine((code) => code !== null, { message: 'required' }),
    contact: intakeContact.extend({
      firstName: blank(contact.firstName),
      lastName: blank(contact.lastName),
      phone: blank(contact.phone),
      safeHours: blank(contact.safeHours),
      instructions: blank(contact.instructions),
    }),
    consent: intakeConsent.extend({ given: z.boolean().refine((v) => v, { message: 'consent_required' }), givenOn: blank(pastDay) }),
    note: blank(intakeCreate.shape.note),
  })
  .transform(({ comune, ...rest }): IntakeCreate => ({ ...rest, comuneCode: comune! }));

export interface IntakeFormValues {
  recipientOrganisationId: string;
  source: IntakeSource;
  urgency: 'ordinaria' | 'urgente';
  comune: ComuneValue;
  contact: { firstName: string; lastName: string; phone: string; safeHours: string; instructions: string; noMessages: boolean };
  consent: { given: boolean; channel: 'telefono' | 'sms' | 'whatsapp' | 'email' | 'di_persona' | 'tramite_persona_fidata'; givenOn: string; form: 'orale' | 'scritto' };
  note: string;
}

export const intakeFormValues = (source: IntakeSource): IntakeFormValues => ({
  recipientOrganisationId: '',
  source,
  urgency: 'ordinaria',
  comune: noComune,
  contact: { firstName: '', lastName: '', phone: '', safeHours: '', instructions: '', noMessages: false },
  consent: { given: false, channel: 'telefono', givenOn: todayInRome(), form: 'orale' },
  note: '',
});

/** One Idempotency-Key per body: the same form sent twice is one referral; a changed form is a new request. */
export function idempotencyKeys(random: () => string = () => crypto.randomUUID()) {
  let last: { body: string; key: string } | null = null;
  return {
    keyFor(body: IntakeCreate): string {
      const text = JSON.stringify(body);
      if (last?.body !== text) last = { body: text, key: random() };
      return last.key;
    },
    done() {
      last = null;
    },
  };
}
