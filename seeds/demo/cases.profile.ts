import type { CaseProfile } from '../../src/shared/cases.api.js';
import { type Random, addDays, between, chance, oneOf, weighted } from './random.js';

/**
 * The statistical profile of a generated woman, drawn from the shares
 * ISTAT publishes on the women who turn to anti-violence centres and
 * shelters (surveys 2022–2024, DOMAIN.md §5), rounded: the demo and the
 * benchmark show a plausible caseload, not a real one.
 */

export type Setting = 'cav' | 'rifugio';

const AGE = {
  cav: { lt18: 1.5, '18_29': 17, '30_39': 26, '40_49': 29, '50_59': 16.5, '60_69': 6.5, '70_plus': 3.5 },
  // Shelters take adult women, younger on average.
  rifugio: { lt18: 0, '18_29': 30, '30_39': 35, '40_49': 25, '50_59': 8, '60_69': 2, '70_plus': 0 },
} as const;
const AGE_RANGE = { lt18: [16, 17], '18_29': [18, 29], '30_39': [30, 39], '40_49': [40, 49], '50_59': [50, 59], '60_69': [60, 69], '70_plus': [70, 84] } as const;
type AgeBand = keyof typeof AGE_RANGE;
/** Share with children under 18, by her age (about 60% overall). */
const MINOR_CHILDREN: Record<AgeBand, number> = { lt18: 0.03, '18_29': 0.52, '30_39': 0.8, '40_49': 0.75, '50_59': 0.32, '60_69': 0.07, '70_plus': 0 };

const CITIZENSHIP = { cav: { italiana: 66, ue: 8, extra_ue: 26 }, rifugio: { italiana: 45, ue: 10, extra_ue: 45 } } as const;
/** Countries with the languages spoken. */
const EU = { RO: ['ro'], PL: ['pl'], BG: ['bg'], DE: ['de'] } as const;
const EU_WEIGHT = { RO: 55, PL: 17, BG: 18, DE: 10 } as const;
const NON_EU = { MA: ['ar', 'fr'], AL: ['sq'], UA: ['uk', 'ru'], NG: ['en'], PE: ['es'], BR: ['pt'], TN: ['ar', 'fr'], EG: ['ar'], SN: ['fr', 'wo'], PK: ['ur'], IN: ['hi'], CN: ['zh'], EC: ['es'] } as const;
const NON_EU_WEIGHT = { MA: 22, AL: 15, UA: 12, NG: 8, PE: 7, BR: 7, TN: 6, EG: 5, SN: 5, PK: 4, IN: 4, CN: 3, EC: 2 } as const;

const EDUCATION = { nessuno: 1.5, elementare: 4, media: 27, superiore: 43, laurea: 18, non_rilevato: 6.5 } as const;
const EMPLOYMENT = { occupata: 45, disoccupata: 19, in_cerca_prima_occupazione: 4, studentessa: 5, casalinga: 13, pensionata: 1, altro: 3, non_rilevato: 5 } as const;
const EMPLOYMENT_OLDER = { occupata: 10, casalinga: 25, pensionata: 60, non_rilevato: 5 } as const;
const LIVING = { con_autore: 38, con_figli: 22, sola: 14, con_famiglia_origine: 13, con_altri: 5, struttura: 2, senza_dimora: 1, non_rilevato: 5 } as const;

/** Partner and ex-partner together about 80%. */
const AUTHOR = { partner: 56, ex_partner: 23, altro_parente: 12, conoscente: 6, sconosciuto: 3 } as const;
const AUTHOR_YOUNG = { altro_parente: 55, conoscente: 30, partner: 10, sconosciuto: 5 } as const;
const AUTHOR_OLD = { altro_parente: 45, partner: 40, ex_partner: 5, conoscente: 7, sconosciuto: 3 } as const;
const DURATION = { lt6m: 9, '6_12m': 10, '1_5y': 37, gt5y: 40, non_rilevato: 4 } as const;

/** Share of women reporting each form (several per woman); witnessed violence depends on children. */
const VIOLENCE = { psicologica: 0.88, fisica: 0.62, minacce: 0.48, economica: 0.38, stalking: 0.17, altra_sessuale: 0.13, stupro_tentato_stupro: 0.11, online: 0.06 } as const;

const CHANNEL = {
  cav: { autonomo: 38, amici_familiari: 14, servizi_sociali: 11, forze_ordine: 10, '1522': 8, pronto_soccorso: 6, medico: 3, consultorio: 3, altro_cav: 2, scuola: 1, altro: 4 },
  // Nobody walks into a shelter: she is placed by a CAV, the social service, the police, the ER or 1522.
  rifugio: { altro_cav: 40, servizi_sociali: 30, forze_ordine: 15, pronto_soccorso: 8, '1522': 7 },
} as const;
const MEASURE = { divieto_avvicinamento: 40, allontanamento: 25, ammonimento: 20, braccialetto_elettronico: 10, ordine_protezione_civile: 5 } as const;

export interface DrawnWoman {
  profile: CaseProfile;
  age: number;
  /** How many children under 18 (0: none). */
  minors: number;
}

/** One woman's profile; dates of reports and measures fall between shortly before her contact and `until`. */
export function drawWoman(random: Random, setting: Setting, contactOn: string, until: string): DrawnWoman {
  const ageBand = weighted(random, AGE[setting]);
  const [youngest, oldest] = AGE_RANGE[ageBand];
  const age = between(random, youngest, oldest);
  const minors = chance(random, setting === 'rifugio' ? Math.min(1, MINOR_CHILDREN[ageBand] * 1.15) : MINOR_CHILDREN[ageBand]) ? weightedCount(random) : 0;

  const citizenship = weighted(random, CITIZENSHIP[setting]);
  const country = citizenship === 'ue' ? weighted(random, EU_WEIGHT) : citizenship === 'extra_ue' ? weighted(random, NON_EU_WEIGHT) : undefined;
  const languages: string[] = country ? [...((EU as Record<string, readonly string[]>)[country] ?? (NON_EU as Record<string, readonly string[]>)[country]!)] : [];

  const employment = ageBand === 'lt18' ? 'studentessa' : age >= 62 ? weighted(random, EMPLOYMENT_OLDER) : weighted(random, EMPLOYMENT);
  let living: CaseProfile['living'] = setting === 'rifugio' ? 'struttura' : weighted(random, LIVING);
  if (living === 'con_figli' && !minors) living = 'sola';
  if (ageBand === 'lt18') living = 'con_famiglia_origine';

  const authorRelationship = ageBand === 'lt18' ? weighted(random, AUTHOR_YOUNG) : age >= 65 ? weighted(random, AUTHOR_OLD) : weighted(random, AUTHOR);
  const violenceTypes = (Object.keys(VIOLENCE) as (keyof typeof VIOLENCE)[]).filter((v) => chance(random, VIOLENCE[v] * (setting === 'rifugio' && v !== 'online' ? 1.1 : 1)));
  if (!violenceTypes.length) violenceTypes.push('psicologica');
  const types: CaseProfile['violenceTypes'] = [...violenceTypes];
  // Most children of a woman who suffers violence at home witness it.
  if (minors && ['partner', 'ex_partner', 'altro_parente'].includes(authorRelationship) && chance(random, 0.72)) types.push('assistita');
  if (country === 'NG' && chance(random, 0.25)) types.push('tratta');
  if (['EG', 'SN', 'NG'].includes(country ?? '') && chance(random, 0.08)) types.push('mgf');
  if (citizenship === 'extra_ue' && chance(random, 0.03)) types.push('matrimonio_forzato');

  const fragilities: CaseProfile['fragilities'] = [];
  if (chance(random, 0.04)) fragilities.push('disabilita');
  if (chance(random, 0.03)) fragilities.push('dipendenze');
  if (chance(random, 0.05)) fragilities.push('salute_mentale');
  if (age < 45 && chance(random, 0.04)) fragilities.push('gravidanza');
  if (citizenship === 'extra_ue' && chance(random, 0.1)) fragilities.push('senza_permesso');
  if (citizenship !== 'italiana' && chance(random, 0.35)) fragilities.push('difficolta_linguistiche');
  if (chance(random, 0.1)) fragilities.push('isolamento');

  const reports: CaseProfile['reports'] = [];
  const protectionMeasures: CaseProfile['protectionMeasures'] = [];
  if (chance(random, setting === 'rifugio' ? 0.6 : 0.28)) {
    const registeredOn = clamp(addDays(contactOn, between(random, -60, 90)), until);
    const requested = chance(random, 0.5) ? clamp(addDays(registeredOn, between(random, 5, 30)), until) : undefined;
    reports.push({ kind: chance(random, 0.8) ? 'denuncia' : 'querela', registeredOn, ...(requested ? { precautionaryRequestedOn: requested } : {}) });
    if (chance(random, 0.5)) {
      const requestedOn = clamp(addDays(registeredOn, between(random, 1, 20)), until);
      const grantedOn = chance(random, 0.7) ? clamp(addDays(requestedOn, between(random, 2, 20)), until) : undefined;
      protectionMeasures.push({ type: weighted(random, MEASURE), requestedOn, ...(grantedOn ? { grantedOn } : {}) });
    }
  }

  const profile: CaseProfile = {
    ageBand,
    citizenship,
    ...(country ? { country } : {}),
    education: ageBand === 'lt18' ? 'media' : weighted(random, EDUCATION),
    employment,
    living,
    fragilities,
    violenceTypes: types,
    authorRelationship,
    authorsCount: chance(random, 0.92) ? 1 : chance(random, 0.85) ? 2 : 3,
    violenceDuration: weighted(random, ageBand === '18_29' ? { ...DURATION, gt5y: 12, lt6m: 18 } : DURATION),
    helpSoughtBefore: chance(random, 0.55),
    accessChannel: weighted(random, CHANNEL[setting]),
    languages,
    reports,
    protectionMeasures,
  };
  return { profile, age, minors };
}

/** 1 child (45%), 2 (38%), 3 (13%), 4 (4%). */
const weightedCount = (random: Random) => Number(weighted(random, { 1: 45, 2: 38, 3: 13, 4: 4 }));
const clamp = (day: string, until: string) => (day > until ? until : day);

/** Fictitious first names: characters of Italian literature and opera, none a person's. */
export const DEMO_FIRST_NAMES = [
  'Fiammetta', 'Pampinea', 'Filomena', 'Lauretta', 'Neifile', 'Clorinda', 'Erminia', 'Bradamante', 'Marfisa', 'Olimpia',
  'Mirandolina', 'Gertrude', 'Nerina', 'Gelsomina', 'Griselda', 'Ermengarda', 'Sofronia', 'Ginevra', 'Isotta', 'Melisenda',
  'Violante', 'Brunilde', 'Sigismonda', 'Ghismonda', 'Fiordiligi', 'Dorabella', 'Despina', 'Zerlina', 'Rosina', 'Turandot',
] as const;
/** Children's names for the few records that carry one (fairy tales and novels). */
export const DEMO_CHILD_NAMES = ['Pinocchio', 'Lucignolo', 'Cosimo', 'Biagio', 'Pollicino', 'Cenerentola', 'Raperonzolo', 'Heidi', 'Pippi', 'Momo'] as const;
export const randomFirstName = (random: Random) => oneOf(random, DEMO_FIRST_NAMES);
