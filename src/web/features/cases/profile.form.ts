import { isPhone, optional, todayInRome, triState, triStateValue, wholeNumber } from './cases.format';
import { isCode } from './cases.labels';
import type { CasePatch, CaseProfile, CaseRecord, Identity, ProtectionMeasure, Report } from './cases.types';
import { safeContactDraft, safeContactFieldIds, safeContactOf, type SafeContactDraft } from './safeContact.form';

/**
 * The Profilo tab's draft: the record's general fields, her identity and
 * safe-contact instructions, the statistical profile. Each group goes back
 * whole (the server replaces groups), and only the groups she may see.
 */

export interface ReportDraft {
  kind: string;
  registeredOn: string;
  precautionaryRequestedOn: string;
}
export interface MeasureDraft {
  type: string;
  requestedOn: string;
  grantedOn: string;
}

export interface ProfileDraft {
  riskLevel: string;
  emergency: boolean;
  comuneText: string;
  comuneCode: string;
  identity: { firstName: string; lastName: string; birthDate: string; phones: string; email: string; address: string; notes: string };
  safeContact: SafeContactDraft;
  stat: {
    ageBand: string;
    citizenship: string;
    country: string;
    education: string;
    employment: string;
    living: string;
    fragilities: string[];
    violenceTypes: string[];
    authorRelationship: string;
    authorsCount: string;
    violenceDuration: string;
    helpSoughtBefore: string;
    accessChannel: string;
    languages: string;
  };
  reports: ReportDraft[];
  measures: MeasureDraft[];
}

export function profileDraft(r: CaseRecord): ProfileDraft {
  const id = r.identity ?? {};
  const p: Partial<CaseProfile> = r.profile ?? {};
  return {
    riskLevel: r.riskLevel ?? '',
    emergency: r.emergency,
    comuneText: r.comune ? `${r.comune.name} (${r.comune.provinceSigla})` : '',
    comuneCode: r.comune?.istatCode ?? '',
    identity: {
      firstName: id.firstName ?? '',
      lastName: id.lastName ?? '',
      birthDate: id.birthDate ?? '',
      phones: (id.phones ?? []).join('\n'),
      email: id.email ?? '',
      address: id.address ?? '',
      notes: id.notes ?? '',
    },
    safeContact: safeContactDraft(r.safeContact),
    stat: {
      ageBand: p.ageBand ?? '',
      citizenship: p.citizenship ?? '',
      country: p.country ?? '',
      education: p.education ?? '',
      employment: p.employment ?? '',
      living: p.living ?? '',
      fragilities: p.fragilities ?? [],
      violenceTypes: p.violenceTypes ?? [],
      authorRelationship: p.authorRelationship ?? '',
      authorsCount: p.authorsCount ? String(p.authorsCount) : '',
      violenceDuration: p.violenceDuration ?? '',
      helpSoughtBefore: triStateValue(p.helpSoughtBefore),
      accessChannel: p.accessChannel ?? '',
      languages: (p.languages ?? []).join(', '),
    },
    reports: (p.reports ?? []).map((x) => ({ kind: x.kind, registeredOn: x.registeredOn, precautionaryRequestedOn: x.precautionaryRequestedOn ?? '' })),
    measures: (p.protectionMeasures ?? []).map((m) => ({ type: m.type, requestedOn: m.requestedOn ?? '', grantedOn: m.grantedOn ?? '' })),
  };
}

/** Local error keys (translations under cases.errors), by request path. */
export type ProfileErrors = Record<string, 'required' | 'future' | 'comune' | 'phone' | 'email' | 'country' | 'languages' | 'authorsCount' | 'safePersonName'>;

const day = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

function identityOf(d: ProfileDraft['identity'], previous: Identity | null, errors: ProfileErrors): Identity | null {
  const phones = d.phones.split(/[\n,;]/).map((p) => p.trim()).filter(Boolean);
  phones.forEach((p, i) => {
    if (!isPhone(p)) errors[`identity.phones.${i}`] = 'phone';
  });
  const email = optional(d.email);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors['identity.email'] = 'email';
  if (d.birthDate && d.birthDate > todayInRome()) errors['identity.birthDate'] = 'future';
  const out: Identity = {};
  const put = (key: 'firstName' | 'lastName' | 'address' | 'notes', v: string) => {
    const value = optional(v);
    if (value) out[key] = value;
  };
  put('firstName', d.firstName);
  put('lastName', d.lastName);
  put('address', d.address);
  put('notes', d.notes);
  if (day(d.birthDate)) out.birthDate = d.birthDate;
  if (phones.length) out.phones = phones.slice(0, 5);
  if (email) out.email = email;
  // Documents have no field here yet: keep what is recorded (the group is replaced whole).
  if (previous?.documents?.length) out.documents = previous.documents;
  return Object.keys(out).length ? out : null;
}

function statOf(d: ProfileDraft, errors: ProfileErrors): CaseProfile {
  const s = d.stat;
  const out: CaseProfile = {
    fragilities: s.fragilities.filter((v) => isCode('fragility', v)) as CaseProfile['fragilities'],
    violenceTypes: s.violenceTypes.filter((v) => isCode('violence', v)) as CaseProfile['violenceTypes'],
    languages: [],
    reports: [],
    protectionMeasures: [],
  };
  if (isCode('ageBand', s.ageBand)) out.ageBand = s.ageBand;
  if (isCode('citizenship', s.citizenship)) out.citizenship = s.citizenship;
  if (isCode('education', s.education)) out.education = s.education;
  if (isCode('employment', s.employment)) out.employment = s.employment;
  if (isCode('living', s.living)) out.living = s.living;
  if (isCode('relationship', s.authorRelationship)) out.authorRelationship = s.authorRelationship;
  if (isCode('duration', s.violenceDuration)) out.violenceDuration = s.violenceDuration;
  if (isCode('accessChannel', s.accessChannel)) out.accessChannel = s.accessChannel;
  const help = triState(s.helpSoughtBefore);
  if (help !== null) out.helpSoughtBefore = help;
  const country = s.country.trim().toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) errors['profile.country'] = 'country';
  else if (country) out.country = country;
  const authors = wholeNumber(s.authorsCount, 1, 20);
  if (Number.isNaN(authors)) errors['profile.authorsCount'] = 'authorsCount';
  else if (authors) out.authorsCount = authors;
  const languages = s.languages.split(/[\s,;]+/).map((l) => l.trim().toLowerCase()).filter(Boolean);
  if (languages.some((l) => !/^[a-z]{2,3}$/.test(l)) || languages.length > 5) errors['profile.languages'] = 'languages';
  else out.languages = languages;
  d.reports.forEach((r, i) => {
    if (!isCode('report', r.kind) || !day(r.registeredOn)) errors[`profile.reports.${i}`] = 'required';
    else out.reports.push({ kind: r.kind, registeredOn: r.registeredOn, ...(day(r.precautionaryRequestedOn) ? { precautionaryRequestedOn: r.precautionaryRequestedOn } : {}) } satisfies Report);
  });
  d.measures.forEach((m, i) => {
    if (!isCode('protection', m.type)) errors[`profile.protectionMeasures.${i}`] = 'required';
    else out.protectionMeasures.push({ type: m.type, ...(day(m.requestedOn) ? { requestedOn: m.requestedOn } : {}), ...(day(m.grantedOn) ? { grantedOn: m.grantedOn } : {}) } satisfies ProtectionMeasure);
  });
  return out;
}

export function profilePatch(d: ProfileDraft, record: CaseRecord): { patch: CasePatch; errors: ProfileErrors } {
  const errors: ProfileErrors = {};
  const sees = (s: 'identity' | 'profile') => record.access.sections.includes(s);
  const patch: CasePatch = { emergency: d.emergency, riskLevel: isCode('risk', d.riskLevel) ? d.riskLevel : null };
  const typed = d.comuneText.trim();
  if (!typed) patch.comuneCode = null;
  else if (/^\d{6}$/.test(typed)) patch.comuneCode = typed;
  else if (d.comuneCode) patch.comuneCode = d.comuneCode;
  else errors.comuneCode = 'comune';
  if (sees('identity')) {
    patch.identity = identityOf(d.identity, record.identity, errors);
    const sc = safeContactOf(d.safeContact);
    if (sc?.safePerson && !sc.safePerson.name) errors['safeContact.safePerson.name'] = 'safePersonName';
    if (sc?.safePerson?.phone && !isPhone(sc.safePerson.phone)) errors['safeContact.safePerson.phone'] = 'phone';
    patch.safeContact = sc;
  }
  if (sees('profile')) patch.profile = statOf(d, errors);
  return { patch, errors };
}

export const profileFieldIds: Record<string, string> = {
  riskLevel: 'profile-risk',
  emergency: 'profile-emergency',
  comuneCode: 'profile-comune',
  'identity.firstName': 'profile-first-name',
  'identity.lastName': 'profile-last-name',
  'identity.birthDate': 'profile-birth-date',
  'identity.phones': 'profile-phones',
  'identity.email': 'profile-email',
  'identity.address': 'profile-address',
  'identity.notes': 'profile-identity-notes',
  ...safeContactFieldIds('profile'),
  'profile.ageBand': 'profile-age',
  'profile.citizenship': 'profile-citizenship',
  'profile.country': 'profile-country',
  'profile.education': 'profile-education',
  'profile.employment': 'profile-employment',
  'profile.living': 'profile-living',
  'profile.fragilities': 'profile-fragilities',
  'profile.violenceTypes': 'profile-violence',
  'profile.authorRelationship': 'profile-relationship',
  'profile.authorsCount': 'profile-authors-count',
  'profile.violenceDuration': 'profile-duration',
  'profile.helpSoughtBefore': 'profile-help',
  'profile.accessChannel': 'profile-access',
  'profile.languages': 'profile-languages',
  'profile.reports': 'profile-reports',
  'profile.protectionMeasures': 'profile-measures',
};
