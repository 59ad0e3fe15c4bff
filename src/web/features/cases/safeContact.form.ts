import { optional } from './cases.format';
import { isCode } from './cases.labels';
import type { ContactChannel, SafeContact } from './cases.types';

/** The safe-contact instructions as a form holds them (strings, all optional). */
export interface SafeContactDraft {
  channels: string[];
  hours: string;
  noMessages: boolean;
  codeWord: string;
  safePersonName: string;
  safePersonPhone: string;
  safePersonRelation: string;
  notes: string;
}

export const emptySafeContact: SafeContactDraft = {
  channels: [],
  hours: '',
  noMessages: false,
  codeWord: '',
  safePersonName: '',
  safePersonPhone: '',
  safePersonRelation: '',
  notes: '',
};

export function safeContactDraft(sc: SafeContact | null | undefined): SafeContactDraft {
  if (!sc) return emptySafeContact;
  return {
    channels: sc.channels,
    hours: sc.hours ?? '',
    noMessages: sc.noMessages,
    codeWord: sc.codeWord ?? '',
    safePersonName: sc.safePerson?.name ?? '',
    safePersonPhone: sc.safePerson?.phone ?? '',
    safePersonRelation: sc.safePerson?.relation ?? '',
    notes: sc.notes ?? '',
  };
}

/**
 * The instructions to send, or null when nothing is filled in (no empty
 * record is sealed). A safe person needs a name: her phone or relation
 * alone would say nothing usable to whoever calls.
 */
export function safeContactOf(d: SafeContactDraft): SafeContact | null {
  const name = optional(d.safePersonName);
  const phone = optional(d.safePersonPhone);
  const relation = optional(d.safePersonRelation);
  const out: SafeContact = {
    channels: d.channels.filter((c): c is ContactChannel => isCode('contactChannel', c)),
    noMessages: d.noMessages,
  };
  const hours = optional(d.hours);
  const codeWord = optional(d.codeWord);
  const notes = optional(d.notes);
  if (hours) out.hours = hours;
  if (codeWord) out.codeWord = codeWord;
  if (notes) out.notes = notes;
  if (name || phone || relation) out.safePerson = { name: name ?? '', ...(phone ? { phone } : {}), ...(relation ? { relation } : {}) };
  const empty = !out.channels.length && !out.noMessages && !hours && !codeWord && !notes && !out.safePerson;
  return empty ? null : out;
}

/** Field ids of the safe-contact inputs, by their path in the request (for the error summary). */
export const safeContactFieldIds = (prefix: string): Record<string, string> => ({
  'safeContact.channels': `${prefix}-sc-channels`,
  'safeContact.hours': `${prefix}-sc-hours`,
  'safeContact.codeWord': `${prefix}-sc-code-word`,
  'safeContact.safePerson.name': `${prefix}-sc-person-name`,
  'safeContact.safePerson.phone': `${prefix}-sc-person-phone`,
  'safeContact.safePerson.relation': `${prefix}-sc-person-relation`,
  'safeContact.notes': `${prefix}-sc-notes`,
});
