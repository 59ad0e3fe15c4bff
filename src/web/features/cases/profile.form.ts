import { z } from 'zod';
import { caseProfile, identity, protectionMeasure, report } from '../../../shared/cases.api';
import { blank, blankNumber } from '../../ui/form';
import { comuneField, noComune, nothingIn, pastDay, type ComuneValue } from './cases.form';
import type { CasePatch, CaseProfile, CaseRecord } from './cases.types';
import { safeContactForm, safeContactValues, type SafeContactValues } from './safeContact.form';

/**
 * The Profilo tab's form: the record's general fields, her identity and
 * safe-contact instructions, the statistical profile, checked by the
 * shared schemas. Each group goes back whole (the server replaces groups),
 * and only the groups she may see.
 */

/** Several values typed in one field (one per line, or separated by commas): each one checked by the shared schema. */
const list = (separator: RegExp, normalise: (v: string) => string) => (value: unknown) =>
  typeof value === 'string' ? value.split(separator).map((v) => normalise(v.trim())).filter(Boolean) : value;

const id = identity.shape;
const identityForm = identity
  .omit({ documents: true })
  .extend({
    firstName: blank(id.firstName),
    lastName: blank(id.lastName),
    birthDate: blank(pastDay.optional()),
    phones: z.preprocess(list(/[\n,;]/, (v) => v), id.phones),
    email: blank(id.email),
    address: blank(id.address),
    notes: blank(id.notes),
  })
  .transform(({ phones, ...rest }) => {
    const out = { ...rest, phones: phones?.length ? phones : undefined };
    return nothingIn(out) ? null : out;
  });

const p = caseProfile.shape;
/** Yes / no / not known: '' is not known. */
const yesNo = z.preprocess((v) => (v === 'yes' ? true : v === 'no' ? false : undefined), p.helpSoughtBefore);
const reportForm = report.extend({
  kind: blank(report.shape.kind),
  registeredOn: blank(report.shape.registeredOn),
  precautionaryRequestedOn: blank(report.shape.precautionaryRequestedOn),
});
const measureForm = protectionMeasure.extend({
  type: blank(protectionMeasure.shape.type),
  requestedOn: blank(protectionMeasure.shape.requestedOn),
  grantedOn: blank(protectionMeasure.shape.grantedOn),
});
const profileForm = caseProfile.extend({
  ageBand: blank(p.ageBand),
  citizenship: blank(p.citizenship),
  // A code chosen or named (CountryCombobox), or what she typed, which the schema refuses.
  country: blank(p.country),
  education: blank(p.education),
  employment: blank(p.employment),
  living: blank(p.living),
  authorRelationship: blank(p.authorRelationship),
  authorsCount: blankNumber(p.authorsCount),
  violenceDuration: blank(p.violenceDuration),
  helpSoughtBefore: yesNo,
  accessChannel: blank(p.accessChannel),
  languages: p.languages,
  // The rows as typed, then the shared list's own limit.
  reports: z.array(reportForm).pipe(p.reports.unwrap()),
  protectionMeasures: z.array(measureForm).pipe(p.protectionMeasures.unwrap()),
});

export const profileSchema = z.object({
  comune: comuneField,
  identity: identityForm,
  safeContact: safeContactForm,
  profile: profileForm,
});
export type ProfileOut = z.output<typeof profileSchema>;

export interface IdentityValues {
  firstName: string;
  lastName: string;
  birthDate: string;
  /** One per line. */
  phones: string;
  email: string;
  address: string;
  notes: string;
}
export interface ReportValues {
  kind: string;
  registeredOn: string;
  precautionaryRequestedOn: string;
}
export interface MeasureValues {
  type: string;
  requestedOn: string;
  grantedOn: string;
}
export interface StatValues {
  ageBand: string;
  citizenship: string;
  country: string;
  education: string;
  employment: string;
  living: string;
  fragilities: CaseProfile['fragilities'];
  violenceTypes: CaseProfile['violenceTypes'];
  authorRelationship: string;
  authorsCount: string;
  violenceDuration: string;
  helpSoughtBefore: '' | 'yes' | 'no';
  accessChannel: string;
  /** Codes, chosen by name. */
  languages: string[];
  reports: ReportValues[];
  protectionMeasures: MeasureValues[];
}
export interface ProfileValues {
  comune: ComuneValue;
  identity: IdentityValues;
  safeContact: SafeContactValues;
  profile: StatValues;
}

export const emptyReport: ReportValues = { kind: '', registeredOn: '', precautionaryRequestedOn: '' };
export const emptyMeasure: MeasureValues = { type: '', requestedOn: '', grantedOn: '' };

/**
 * "Not recorded" is one choice in the selects: the empty one. The code
 * lists that carry their own `non_rilevato` show it as that choice, so it
 * is never offered twice.
 */
export const NOT_RECORDED = 'non_rilevato';
const recorded = (v: string | undefined) => (v && v !== NOT_RECORDED ? v : '');

export function profileValues(r: CaseRecord): ProfileValues {
  const id = r.identity;
  const p = r.profile;
  return {
    comune: r.comune ? { text: `${r.comune.name} (${r.comune.provinceSigla})`, code: r.comune.istatCode } : noComune,
    identity: {
      firstName: id?.firstName ?? '',
      lastName: id?.lastName ?? '',
      birthDate: id?.birthDate ?? '',
      phones: (id?.phones ?? []).join('\n'),
      email: id?.email ?? '',
      address: id?.address ?? '',
      notes: id?.notes ?? '',
    },
    safeContact: safeContactValues(r.safeContact),
    profile: {
      ageBand: p?.ageBand ?? '',
      citizenship: p?.citizenship ?? '',
      country: p?.country ?? '',
      education: recorded(p?.education),
      employment: recorded(p?.employment),
      living: recorded(p?.living),
      fragilities: p?.fragilities ?? [],
      violenceTypes: p?.violenceTypes ?? [],
      authorRelationship: p?.authorRelationship ?? '',
      authorsCount: p?.authorsCount ? String(p.authorsCount) : '',
      violenceDuration: recorded(p?.violenceDuration),
      helpSoughtBefore: p?.helpSoughtBefore === true ? 'yes' : p?.helpSoughtBefore === false ? 'no' : '',
      accessChannel: p?.accessChannel ?? '',
      languages: p?.languages ?? [],
      reports: (p?.reports ?? []).map((x) => ({ kind: x.kind, registeredOn: x.registeredOn, precautionaryRequestedOn: x.precautionaryRequestedOn ?? '' })),
      protectionMeasures: (p?.protectionMeasures ?? []).map((m) => ({ type: m.type, requestedOn: m.requestedOn ?? '', grantedOn: m.grantedOn ?? '' })),
    },
  };
}

/**
 * The PATCH: the general fields always (an empty comune clears it; the
 * risk level and the emergency are not among them: they come from the risk assessments and the timeline), and the groups she may see, whole. The identity's documents have no
 * field here yet, so those recorded go back as they are.
 */
export function profilePatch(v: ProfileOut, record: CaseRecord): CasePatch {
  const sees = (s: 'identity' | 'profile') => record.access.sections.includes(s);
  const patch: CasePatch = { comuneCode: v.comune };
  if (sees('identity')) {
    const documents = record.identity?.documents;
    patch.identity = documents?.length ? { ...v.identity, documents } : v.identity;
    patch.safeContact = v.safeContact;
  }
  if (sees('profile')) patch.profile = v.profile;
  return patch;
}
