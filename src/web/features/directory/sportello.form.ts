import type { AccessibilityFeature, Closure, DirectoryService, Visibility } from '../../../shared/directory';
import { comuneLabel } from '../routing/comuni.api';
import type { Sportello, SportelloFields } from './directory.api';

/** A closure being edited: every input is text until it is sent. */
export interface ClosureDraft {
  key: number;
  kind: Closure['kind'];
  day: string;
  month: string;
  from: string;
  to: string;
  label: string;
}

/** The edit form's state: what the inputs hold (text), turned into fields on submit. */
export interface SportelloDraft {
  organisationId: string;
  name: string;
  visibility: Visibility;
  address: string;
  comuneCode: string;
  comuneText: string;
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

let nextKey = 1;
export const closureKey = () => nextKey++;

function draftOf(c: Closure): ClosureDraft {
  return c.kind === 'annual'
    ? { key: closureKey(), kind: 'annual', day: String(c.day), month: String(c.month), from: '', to: '', label: c.label }
    : { key: closureKey(), kind: 'once', day: '', month: '', from: c.from, to: c.to, label: c.label };
}

export function emptyDraft(organisationId = ''): SportelloDraft {
  return {
    organisationId,
    name: '',
    visibility: 'public',
    address: '',
    comuneCode: '',
    comuneText: '',
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

export function draftFromSportello(s: Sportello): SportelloDraft {
  return {
    organisationId: s.organisation.id,
    name: s.name,
    visibility: s.visibility,
    address: s.address ?? '',
    comuneCode: s.comune.istatCode,
    comuneText: comuneLabel(s.comune),
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
    services: [...s.services] as DirectoryService[],
    accessibility: [...s.accessibility] as AccessibilityFeature[],
    notes: s.notes ?? '',
  };
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** A closure with every part filled in (an incomplete one is an error on submit, and left out of the preview). */
export function closureOf(d: ClosureDraft): Closure | null {
  const label = d.label.trim();
  if (!label) return null;
  if (d.kind === 'annual') {
    const day = Number(d.day);
    const month = Number(d.month);
    return Number.isInteger(day) && day >= 1 && day <= 31 && Number.isInteger(month) && month >= 1 && month <= 12 ? { kind: 'annual', day, month, label } : null;
  }
  return d.from && d.to ? { kind: 'once', from: d.from, to: d.to, label } : null;
}

/** A decimal coordinate as typed (comma or point); undefined when garbled. */
function coordinate(v: string): number | null | undefined {
  const text = v.trim().replace(',', '.');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export type DraftErrors = Partial<Record<keyof SportelloFields | 'organisationId', string>>;

/** The fields to send, or the keys of what must be fixed first (the server checks everything again). */
export function fieldsOf(d: SportelloDraft): { fields: SportelloFields; errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (d.name.trim().length < 2) errors.name = 'required';
  if (!/^\d{6}$/.test(d.comuneCode)) errors.comuneCode = 'comune';
  const lat = coordinate(d.lat);
  const lon = coordinate(d.lon);
  if (lat === undefined) errors.lat = 'number';
  if (lon === undefined) errors.lon = 'number';
  if (lat !== undefined && lon !== undefined && (lat === null) !== (lon === null)) errors[lat === null ? 'lat' : 'lon'] = 'pair';
  const closures = d.closures.map(closureOf);
  if (closures.some((c) => c === null)) errors.closures = 'closure';
  const fields: SportelloFields = {
    name: d.name.trim(),
    visibility: d.visibility,
    address: orNull(d.address),
    comuneCode: d.comuneCode,
    lat: lat ?? null,
    lon: lon ?? null,
    phones: d.phones.map((p) => p.trim()).filter(Boolean),
    email: orNull(d.email),
    transferPhone: orNull(d.transferPhone),
    openingHours: orNull(d.openingHours),
    phoneHours: orNull(d.phoneHours),
    h24: d.h24,
    closures: closures.filter((c): c is Closure => c !== null),
    languages: d.languages,
    services: d.services,
    accessibility: d.accessibility,
    notes: orNull(d.notes),
  };
  return { fields, errors };
}

/** Only what changed, so a PATCH never rewrites a field she did not touch. */
export function changedFields(before: SportelloFields, after: SportelloFields): Partial<SportelloFields> {
  const out: Partial<SportelloFields> = {};
  for (const key of Object.keys(after) as (keyof SportelloFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) (out as Record<string, unknown>)[key] = after[key];
  }
  return out;
}
