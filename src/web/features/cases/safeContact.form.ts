import { safeContact } from '../../../shared/cases.api';
import { blank } from '../../ui/form';
import type { ContactChannel, SafeContact } from './cases.types';
import { nothingIn } from './cases.form';

const fields = safeContact.shape;
const person = fields.safePerson.unwrap();

/**
 * The safe-contact instructions as a form holds them (every text '' when
 * empty), checked by the shared schema. A safe person needs a name: her
 * phone or relation alone would say nothing usable to whoever calls. The
 * group is null when nothing is filled in (no empty record is sealed).
 */
export const safeContactForm = safeContact
  .extend({
    hours: blank(fields.hours),
    codeWord: blank(fields.codeWord),
    notes: blank(fields.notes),
    safePerson: person
      .extend({ name: blank(person.shape.name.optional()), phone: blank(person.shape.phone), relation: blank(person.shape.relation) })
      .transform(({ name, phone, relation }, ctx) => {
        if (name) return { name, phone, relation };
        if (phone || relation) ctx.addIssue({ code: 'custom', path: ['name'], message: 'required' });
        return undefined;
      }),
  })
  .transform((sc) => (nothingIn(sc) ? null : sc));

export interface SafeContactValues {
  channels: ContactChannel[];
  hours: string;
  noMessages: boolean;
  codeWord: string;
  safePerson: { name: string; phone: string; relation: string };
  notes: string;
}

/** The form's values for the instructions recorded (or none yet). */
export function safeContactValues(sc: SafeContact | null | undefined): SafeContactValues {
  return {
    channels: sc?.channels ?? [],
    hours: sc?.hours ?? '',
    noMessages: sc?.noMessages ?? false,
    codeWord: sc?.codeWord ?? '',
    safePerson: { name: sc?.safePerson?.name ?? '', phone: sc?.safePerson?.phone ?? '', relation: sc?.safePerson?.relation ?? '' },
    notes: sc?.notes ?? '',
  };
}
