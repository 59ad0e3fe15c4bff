import { z } from 'zod';
import type { AccessibilityFeature, Closure, DirectoryService, Visibility } from '../../../shared/directory';
import { bothOrNoCoordinates, closure, closuresMax, sportelloFields } from '../../../shared/directory.api';
import { blank } from '../../ui/form';
import { comuneField, noComune, type ComuneValue } from '../cases/cases.form';
import { comuneLabel } from '../routing/comuni.api';
import type { Sportello, SportelloFields } from './directory.api';
import { decimal, emptyAsNull, sameValue } from './directory.form';

/** A closure as its inputs hold it: day and month as text. */
export interface ClosureDraft {
  kind: Closure['kind'];
  day: string;
  month: string;
  from: string;
  to: string;
  label: string;
}

/** What the sportello form's inputs hold (text where the API takes numbers or null). */
export interface SportelloFormValues {
  organisationId: string;
  name: string;
  visibility: Visibility;
  address: string;
  /** What the comune box holds: the text typed and the code of the comune chosen. */
  comuneCode: ComuneValue;
  lat: string;
  lon: string;
  phones: string[];
  email: string;
  transferPhone: string;
  openingHours: string;
  phoneHours: string;
  h24: boolean;
  closures: ClosureDraft[];
  languages: string[];
  services: DirectoryService[];
  accessibility: AccessibilityFeature[];
  notes: string;
}

const text = (value: string) => (value.trim() === '' ? undefined : value);
/** A day or month as typed: empty is absent (required), text that is no number fails as such. */
const whole = (value: string) => (value.trim() === '' ? undefined : Number(value));

/** A closure draft as the API's closure (parts left empty are absent: required). */
function closureInput(draft: unknown): unknown {
  if (!draft || typeof draft !== 'object') return draft;
  const d = draft as ClosureDraft;
  return d.kind === 'annual'
    ? { kind: d.kind, day: whole(d.day), month: whole(d.month), label: text(d.label) }
    : { kind: d.kind, from: text(d.from), to: text(d.to), label: text(d.label) };
}
const closureFromDraft = z.preprocess(closureInput, closure);

/** A closure complete and valid, for the live preview (an incomplete one is left out of it). */
export const closureOf = (d: ClosureDraft): Closure | null => closureFromDraft.safeParse(d).data ?? null;

const f = sportelloFields.shape;
/** The API's rules for a sportello's fields, read from what the inputs hold. */
const fieldRules = {
  name: blank(f.name),
  address: emptyAsNull(f.address),
  // Nothing typed is required; a name counts once chosen from the suggestions (comune_not_chosen).
  comuneCode: comuneField.pipe(z.preprocess((code) => code ?? undefined, f.comuneCode)),
  lat: decimal(f.lat),
  lon: decimal(f.lon),
  // Empty phone inputs are not numbers: left out.
  phones: z.preprocess((v) => (Array.isArray(v) ? v.filter((p) => typeof p !== 'string' || p.trim() !== '') : v), f.phones),
  email: emptyAsNull(f.email),
  transferPhone: emptyAsNull(f.transferPhone),
  openingHours: emptyAsNull(f.openingHours),
  phoneHours: emptyAsNull(f.phoneHours),
  closures: z.array(closureFromDraft).max(closuresMax),
  notes: emptyAsNull(f.notes),
};
const coordinatesPair = { message: 'coordinates_pair', path: ['lon'] };

export type SportelloFormOutput = SportelloFields & { organisationId?: string };

/**
 * The form's schema: the shared `sportelloFields` (with the organisation
 * when creating), from text inputs. The grammar of the hours is the
 * server's (the live preview shows it while typing).
 */
export function sportelloFormSchema(withOrganisation: boolean): z.ZodType<SportelloFormOutput, SportelloFormValues> {
  const shape = sportelloFields.extend(fieldRules);
  const schema = withOrganisation ? shape.extend({ organisationId: blank(z.uuid()) }) : shape;
  return schema.refine(bothOrNoCoordinates, coordinatesPair) as unknown as z.ZodType<SportelloFormOutput, SportelloFormValues>;
}

const draftOf = (c: Closure): ClosureDraft =>
  c.kind === 'annual' ? { kind: 'annual', day: String(c.day), month: String(c.month), from: '', to: '', label: c.label } : { kind: 'once', day: '', month: '', from: c.from, to: c.to, label: c.label };

export const emptyClosure = (kind: Closure['kind']): ClosureDraft => ({ kind, day: '', month: '', from: '', to: '', label: '' });

export function emptyValues(organisationId = ''): SportelloFormValues {
  return {
    organisationId,
    name: '',
    visibility: 'public',
    address: '',
    comuneCode: noComune,
    lat: '',
    lon: '',
    phones: [''],
    email: '',
    transferPhone: '',
    openingHours: '',
    phoneHours: '',
    h24: false,
    closures: [],
    languages: ['it'],
    services: [],
    accessibility: [],
    notes: '',
  };
}

export function valuesOfSportello(s: Sportello): SportelloFormValues {
  return {
    organisationId: s.organisation.id,
    name: s.name,
    visibility: s.visibility,
    address: s.address ?? '',
    comuneCode: { text: comuneLabel(s.comune), code: s.comune.istatCode },
    lat: s.lat === null ? '' : String(s.lat),
    lon: s.lon === null ? '' : String(s.lon),
    phones: s.phones.length ? [...s.phones] : [''],
    email: s.email ?? '',
    transferPhone: s.transferPhone ?? '',
    openingHours: s.openingHours ?? '',
    phoneHours: s.phoneHours ?? '',
    h24: s.h24,
    closures: s.closures.map(draftOf),
    languages: [...s.languages],
    services: [...s.services],
    accessibility: [...s.accessibility],
    notes: s.notes ?? '',
  };
}

/** A stored sportello's writable fields, as the server answered them. */
export function fieldsOfSportello(s: Sportello): SportelloFields {
  const { name, visibility, address, lat, lon, phones, email, transferPhone, openingHours, phoneHours, h24, closures, languages, services, accessibility, notes } = s;
  return { name, visibility, address, comuneCode: s.comune.istatCode, lat, lon, phones, email, transferPhone, openingHours, phoneHours, h24, closures, languages, services, accessibility, notes };
}

/** Only what changed, so a PATCH never rewrites a field she did not touch. */
export function changedFields(before: SportelloFields, after: SportelloFields): Partial<SportelloFields> {
  const out: Partial<SportelloFields> = {};
  for (const key of Object.keys(sportelloFields.shape) as (keyof SportelloFields)[]) {
    if (!sameValue(before[key], after[key])) (out as Record<string, unknown>)[key] = after[key];
  }
  return out;
}
