/**
 * Directory codes shared by server and web (docs/domain.md §1, §3, §5).
 * Isomorphic: imports nothing.
 */

/**
 * Who may see a sportello. `public`: everyone, the "Trova aiuto" page and
 * 1522. `reserved`: members of the organisation's networks. `secret`
 * (shelters): only the organisation's own staff; never in searches, public
 * answers, exports or logs.
 */
export const visibilities = ['public', 'reserved', 'secret'] as const;
export type Visibility = (typeof visibilities)[number];

/**
 * Organisation types whose sportelli may be a network's 1522 referent: only a
 * service that takes a woman's call — a CAV (its seat, desks and lines) or the
 * network's own line, run by the ente capofila. Police, prefetture, emergency
 * rooms and shelters (whose lines are for professionals) never are.
 */
export const referentOrganisationTypes: readonly string[] = ['cav', 'ente_capofila'];

/** Regional register (Albo) status of a CAV or shelter. */
export const alboStatuses = ['iscritta', 'in_istruttoria', 'non_iscritta', 'non_applicabile'] as const;
export type AlboStatus = (typeof alboStatuses)[number];

/** Services a point of access can offer (CAV services, docs/domain.md §1, §2). */
export const directoryServices = [
  'ascolto',
  'accoglienza',
  'valutazione_rischio',
  'consulenza_legale',
  'consulenza_psicologica',
  'supporto_sociale',
  'gruppi_auto_aiuto',
  'orientamento_lavoro',
  'orientamento_abitativo',
  'supporto_minori',
  'ospitalita_emergenza',
  'ospitalita_protetta',
  'seconda_accoglienza',
  'mediazione_linguistica',
  'accompagnamento',
] as const;
export type DirectoryService = (typeof directoryServices)[number];

/** Accessibility features of a point of access. */
export const accessibilityFeatures = ['step_free', 'accessible_toilet', 'sign_language', 'easy_read', 'hearing_loop'] as const;
export type AccessibilityFeature = (typeof accessibilityFeatures)[number];

/**
 * Outcome of a call handled by the 1522 helpline (no personal data).
 * `police_alerted`: an emergency — following the national 1522 protocol the
 * operator alerted the police (112) herself while keeping the woman on the
 * line (until migration 0010 this was recorded as `emergency`).
 */
export const callOutcomes = ['transferred', 'informed', 'police_alerted', 'other'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/**
 * The languages 1522's operators answer in (ISO 639-1): Italian, English,
 * French, Spanish, Arabic, Farsi, Albanian, Russian, Ukrainian, Portuguese,
 * Polish. State exactly these, never the page's own list.
 */
export const helplineLanguages = ['it', 'en', 'fr', 'es', 'ar', 'fa', 'sq', 'ru', 'uk', 'pt', 'pl'] as const;
export type HelplineLanguage = (typeof helplineLanguages)[number];

/**
 * Languages of the public page's fixed texts and of the 1522 read-out
 * messages: the helpline's eleven, then large communities the networks serve
 * (Romanian, Chinese).
 */
export const publicLanguages = [...helplineLanguages, 'ro', 'zh'] as const;
export type PublicLanguage = (typeof publicLanguages)[number];

/** The Intl locale of each public language (Farsi dates in the Gregorian calendar: the public page speaks of Italian days). */
export const publicLanguageLocales: Record<PublicLanguage, string> = {
  it: 'it-IT',
  en: 'en-GB',
  fr: 'fr-FR',
  es: 'es-ES',
  ar: 'ar',
  fa: 'fa-IR-u-ca-gregory',
  sq: 'sq-AL',
  ru: 'ru-RU',
  uk: 'uk-UA',
  pt: 'pt-PT',
  pl: 'pl-PL',
  ro: 'ro-RO',
  zh: 'zh-CN',
};

/** Public languages written right to left (Arabic, Farsi). */
export const rtlLanguages: readonly PublicLanguage[] = ['ar', 'fa'];

/** A local closure of a sportello: every year (patron saint) or once (a date range). */
export type Closure =
  | { kind: 'annual'; month: number; day: number; label: string }
  | { kind: 'once'; from: string; to: string; label: string };

/** Minimum-standard flags of a CAV (Intesa Stato-Regioni 2022, docs/domain.md §6.10). */
export const standardFlags = ['in_person_days', 'phone_daily', 'link_1522', 'emergency_links', 'women_staff'] as const;
export type StandardFlag = (typeof standardFlags)[number];
