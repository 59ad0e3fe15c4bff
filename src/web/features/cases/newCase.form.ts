import { isPhone, optional, todayInRome, wholeNumber } from './cases.format';
import { isCode } from './cases.labels';
import type { CaseCreate } from './cases.types';
import { emptySafeContact, safeContactFieldIds, safeContactOf, type SafeContactDraft } from './safeContact.form';

/**
 * The first-contact wizard's draft: what a phone call needs is on top and
 * has defaults (today, by phone); everything else is optional.
 */
export interface NewCaseDraft {
  contactOn: string;
  accessChannel: string;
  emergency: boolean;
  eventChannel: string;
  durationMinutes: string;
  notes: string;
  comuneText: string;
  comuneCode: string;
  firstName: string;
  phone: string;
  safeContact: SafeContactDraft;
}

export const newCaseDraft = (): NewCaseDraft => ({
  contactOn: todayInRome(),
  accessChannel: '',
  emergency: false,
  eventChannel: 'telefono',
  durationMinutes: '',
  notes: '',
  comuneText: '',
  comuneCode: '',
  firstName: '',
  phone: '',
  safeContact: emptySafeContact,
});

/** Error keys are the request paths; the messages are translation keys under cases.errors. */
export type DraftErrors = Record<string, 'required' | 'future' | 'duration' | 'comune' | 'phone' | 'safePersonName'>;

/** The comune typed: a 6-digit ISTAT code as is, a chosen suggestion, or nothing. */
function comuneOf(d: NewCaseDraft): string | null | undefined {
  const typed = d.comuneText.trim();
  if (!typed) return undefined;
  if (/^\d{6}$/.test(typed)) return typed;
  return d.comuneCode || null;
}

export function newCaseRequest(d: NewCaseDraft): { body: CaseCreate; errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (!d.contactOn) errors.contactOn = 'required';
  else if (d.contactOn > todayInRome()) errors.contactOn = 'future';
  const duration = wholeNumber(d.durationMinutes, 1, 600);
  if (Number.isNaN(duration)) errors['firstEvent.durationMinutes'] = 'duration';
  const comune = comuneOf(d);
  if (comune === null) errors.comuneCode = 'comune';
  const phone = optional(d.phone);
  if (phone && !isPhone(phone)) errors['identity.phones'] = 'phone';
  const safeContact = safeContactOf(d.safeContact);
  if (safeContact?.safePerson && !safeContact.safePerson.name) errors['safeContact.safePerson.name'] = 'safePersonName';
  if (safeContact?.safePerson?.phone && !isPhone(safeContact.safePerson.phone)) errors['safeContact.safePerson.phone'] = 'phone';

  const firstName = optional(d.firstName);
  const notes = optional(d.notes);
  const body: CaseCreate = {
    contactOn: d.contactOn,
    emergency: d.emergency,
    firstEvent: {
      channel: isCode('eventChannel', d.eventChannel) ? d.eventChannel : 'telefono',
      type: 'ascolto',
      ...(duration ? { durationMinutes: duration } : {}),
      ...(notes ? { notes } : {}),
    },
  };
  if (isCode('accessChannel', d.accessChannel)) body.accessChannel = d.accessChannel;
  if (comune) body.comuneCode = comune;
  // Anonymous unless she gave something: no identity record at all otherwise.
  if (firstName || phone) body.identity = { ...(firstName ? { firstName } : {}), ...(phone ? { phones: [phone] } : {}) };
  if (safeContact) body.safeContact = safeContact;
  return { body, errors };
}

/** Where each request path's error sends the focus (the error summary's links). */
export const newCaseFieldIds: Record<string, string> = {
  contactOn: 'new-case-date',
  accessChannel: 'new-case-access',
  emergency: 'new-case-emergency',
  'firstEvent.channel': 'new-case-channel',
  'firstEvent.durationMinutes': 'new-case-duration',
  'firstEvent.notes': 'new-case-notes',
  comuneCode: 'new-case-comune',
  'identity.firstName': 'new-case-first-name',
  'identity.phones': 'new-case-phone',
  ...safeContactFieldIds('new-case'),
};
