import type { AuthorFields, CaseCreate, ChildFields, ConsentCreate, EventCreate, StageChange } from '../../src/shared/cases.api.js';
import type { RiskLevel, RiskOccasion } from '../../src/shared/cases.js';
import type { Answers } from '../../src/shared/risk/assess.js';
import type { HolderRelation, MinorFields } from '../../src/shared/minors.api.js';
import { type ComuneRef, comune, comuniOfProvince } from './comuni.js';
import { DEMO_CHILD_NAMES, type DrawnWoman, type Setting, drawWoman, randomFirstName } from './cases.profile.js';
import { bergamoNetworkId, bergamoNetworks } from './directory.bergamo.js';
import { fakePhone } from './directory.kit.js';
import { type Random, addDays, between, chance, daysBetween, oneOf, prng, romeInstant, weighted } from './random.js';

/**
 * The demo caseload: about 200 fictitious pathways of the CAV Filo Rosso and
 * the shelter Il Faro, first contacts spread over the 12 months before a
 * fixed reference date, at every stage, with timeline, consents, children,
 * authors and teams. A pure plan (same seed, same plan); cases.load.ts runs
 * it through the cases services. Profiles: cases.profile.ts.
 */

/** The demo's "today": fixed, so that every load gives the same caseload (it must not be later than the real today). */
export const DEMO_CASES_REFERENCE = '2026-10-31';
export const DEMO_CASE_COUNTS = { cav: 172, rifugio: 28 } as const;

/** Who acts, for which demo organisation (keys of DEMO_ORGANISATIONS). */
export interface DemoActor {
  username: 'operatrice.cav' | 'operatrice.rifugio' | 'responsabile.cav' | 'assistente.sociale';
  org: 'cav' | 'rifugio' | 'sociale';
}
export type DemoStepBody =
  | { kind: 'stage'; change: StageChange }
  | { kind: 'reopen'; stage: 'presa_in_carico' }
  | { kind: 'event'; event: EventCreate }
  | { kind: 'consent'; consent: ConsentCreate; recipient?: 'sociale'; holder?: HolderRelation }
  | { kind: 'minor'; minor: MinorFields }
  | { kind: 'child'; child: ChildFields }
  | { kind: 'author'; author: AuthorFields }
  | { kind: 'member'; member: DemoActor['username'] }
  | { kind: 'assessment'; level: RiskLevel; occasion: RiskOccasion }
  | { kind: 'safetyPlan'; agreedOn: string; nextReviewOn: string };
export type DemoStep = { on: string; by: DemoActor } & DemoStepBody;
export interface DemoCase {
  setting: Setting;
  by: DemoActor;
  create: CaseCreate;
  /** In date order (ties: the order they were planned in). */
  steps: DemoStep[];
}

const EMERGENCY_OVER = 'Messa in sicurezza: presa in carico con un progetto concordato.';
const CAV_OPERATOR: DemoActor = { username: 'operatrice.cav', org: 'cav' };
const SECOND_OPERATOR: DemoActor = { username: 'operatrice.rifugio', org: 'cav' };
const HEAD: DemoActor = { username: 'responsabile.cav', org: 'cav' };
const SHELTER_OPERATOR: DemoActor = { username: 'operatrice.rifugio', org: 'rifugio' };
const SOCIAL_WORKER: DemoActor = { username: 'assistente.sociale', org: 'sociale' };

const OUTCOME = {
  cav: { obiettivi_raggiunti: 45, abbandono: 22, inviata_servizi_territoriali: 17, trasferita: 8, altro: 8 },
  rifugio: { obiettivi_raggiunti: 35, trasferita: 25, inviata_servizi_territoriali: 15, rientro_maltrattante: 12, abbandono: 10, altro: 3 },
} as const;
const EARLY_OUTCOME = { abbandono: 55, inviata_servizi_territoriali: 33, altro: 12 } as const;
const FOLLOW_UP = {
  cav: { supporto_psicologico: 30, consulenza_legale: 25, sociale: 12, orientamento_lavoro_casa: 12, accompagnamento: 8, gruppo: 8, ascolto: 5 },
  rifugio: { educativa: 25, sociale: 20, supporto_psicologico: 20, orientamento_lavoro_casa: 15, accompagnamento: 15, consulenza_legale: 5 },
} as const;
const NOTES: Partial<Record<EventCreate['type'], string>> = {
  ascolto: 'Primo contatto: ascolto e informazioni sui servizi del centro (testo di prova).',
  accoglienza: 'Colloquio di accoglienza: lettura dei bisogni e del rischio, informazioni sul percorso (testo di prova).',
  consulenza_legale: 'Consulenza legale: informazioni su denuncia e misure di protezione (testo di prova).',
  supporto_psicologico: 'Colloquio di sostegno psicologico (testo di prova).',
  orientamento_lavoro_casa: 'Orientamento al lavoro e alla casa: curriculum e contatti con il CPI (testo di prova).',
};
const CODE_WORDS = ['ciclamino', 'girasole', 'lavanda', 'mughetto', 'glicine', 'papavero'];
const OTHER_PROVINCES = ['015146', '017029', '019036', '097042', '108033'];

/** Comuni drawn in proportion to their population. */
function byPopulation(list: readonly ComuneRef[]): (random: Random) => string {
  const total = list.reduce((n, c) => n + c.population, 0);
  return (random) => {
    let r = random() * total;
    for (const c of list) if ((r -= c.population) < 0) return c.istatCode;
    return list.at(-1)!.istatCode;
  };
}

/** The default seed is one whose 200 draws land close to the shares (any seed is within the sampling noise, a few points). */
export function planDemoCases(seed = 103): DemoCase[] {
  const random = prng(seed);
  const nets = new Map(bergamoNetworks().map((n) => [n.externalId, n.comuni ?? []]));
  const served = (...keys: Parameters<typeof bergamoNetworkId>[0][]) => keys.flatMap((k) => nets.get(bergamoNetworkId(k))!).map((code) => comune(code));
  const filoRosso = byPopulation(served('pianura', 'valli', 'isola'));
  const elsewhere = byPopulation(served('orizzonti', 'est'));
  const province = byPopulation(comuniOfProvince('016'));
  const comuneOf = (setting: Setting) => {
    const r = random();
    if (setting === 'cav') return r < 0.88 ? filoRosso(random) : r < 0.93 ? elsewhere(random) : undefined;
    return r < 0.8 ? province(random) : r < 0.95 ? oneOf(random, OTHER_PROVINCES) : undefined;
  };

  const plans: DemoCase[] = [];
  for (const setting of ['cav', 'rifugio'] as const) {
    for (let i = 0; i < DEMO_CASE_COUNTS[setting]; i++) {
      // Evenly over the year (a steady flow of first contacts), jittered within each slot.
      const slot = (364 - 3) / DEMO_CASE_COUNTS[setting];
      const contactOn = addDays(DEMO_CASES_REFERENCE, -Math.floor(3 + (i + random()) * slot));
      plans.push(planCase(random, setting, contactOn, comuneOf(setting), plans.length));
    }
  }
  // Opened in the order they arrived.
  return withSafetyPlans(plans.sort((a, b) => a.create.contactOn.localeCompare(b.create.contactOn)));
}

/**
 * A safety plan agreed on the three most recent open CAV pathways assessed
 * `elevato` at least a month before the reference day (docs/safety-plan.md),
 * the day of that assessment: the oldest of them with its review overdue,
 * the others due later. No random draw, so the demo's other figures stay.
 */
function withSafetyPlans(plans: DemoCase[]): DemoCase[] {
  const REF = DEMO_CASES_REFERENCE;
  const chosen = plans
    .map((plan) => ({ plan, high: plan.steps.find((s) => s.kind === 'assessment' && s.level === 'elevato' && s.on <= addDays(REF, -30)) }))
    .filter(({ plan, high }) => high && plan.setting === 'cav' && !plan.steps.some((s) => s.kind === 'stage' && s.change.stage === 'concluso'))
    .slice(-3);
  chosen.forEach(({ plan, high }, k) => {
    const agreedOn = high!.on;
    plan.steps.push({ on: agreedOn, by: high!.by, kind: 'safetyPlan', agreedOn, nextReviewOn: k === 0 ? addDays(REF, -3) : addDays(REF, 45 + 15 * k) });
    plan.steps.sort((a, b) => a.on.localeCompare(b.on));
  });
  return plans;
}

function planCase(random: Random, setting: Setting, contactOn: string, comuneCode: string | undefined, n: number): DemoCase {
  const REF = DEMO_CASES_REFERENCE;
  const woman = drawWoman(random, setting, contactOn, REF);
  const shelter = setting === 'rifugio';
  const by = shelter ? SHELTER_OPERATOR : chance(random, 0.78) ? CAV_OPERATOR : SECOND_OPERATOR;
  const emergency = chance(random, shelter ? 0.45 : 0.07);
  const steps: DemoStep[] = [];
  const step: Step = (on, who, s) => steps.push({ on, by: who, ...s });
  const event = (on: string, who: DemoActor, type: EventCreate['type'], channel: EventCreate['channel'], minutes: number) =>
    step(on, who, { kind: 'event', event: { at: romeInstant(on, between(random, 9, 17), oneOf(random, [0, 15, 30, 45])), channel, type, durationMinutes: minutes, ...(NOTES[type] && chance(random, 0.5) ? { notes: NOTES[type] } : {}) } });
  const within = (day: string) => (day <= REF ? day : null);

  // The pathway: contact, then (often) accoglienza, presa in carico, closure; a few re-opened.
  event(contactOn, by, shelter ? 'accoglienza' : 'ascolto', shelter ? 'di_persona' : weighted(random, { telefono: 60, di_persona: 35, email: 5 }), between(random, 15, 60));
  const accoglienzaOn = chance(random, shelter ? 1 : 0.82) ? within(addDays(contactOn, emergency || shelter ? between(random, 0, 2) : between(random, 1, 14))) : null;
  let presaOn: string | null = null;
  let closedOn: string | null = null;
  if (!accoglienzaOn) {
    if (daysBetween(contactOn, REF) > 60 && chance(random, 0.4)) closedOn = addDays(contactOn, between(random, 20, 60));
  } else {
    step(accoglienzaOn, by, { kind: 'stage', change: { stage: 'accoglienza', on: accoglienzaOn } });
    if (!shelter) event(accoglienzaOn, by, 'accoglienza', 'di_persona', between(random, 60, 90));
    presaOn = chance(random, shelter ? 0.95 : 0.8) ? within(addDays(accoglienzaOn, shelter ? between(random, 3, 20) : between(random, 5, 40))) : null;
    if (presaOn) step(presaOn, by, { kind: 'stage', change: { stage: 'presa_in_carico', on: presaOn } });
    else if (daysBetween(accoglienzaOn, REF) > 60 && chance(random, 0.35)) closedOn = addDays(accoglienzaOn, between(random, 20, 90));
  }
  if (presaOn) {
    const length = weighted(random, shelter ? { short: 40, mid: 45, long: 15 } : { short: 25, mid: 45, long: 30 });
    const days = length === 'short' ? between(random, 45, 120) : length === 'mid' ? between(random, 121, 240) : between(random, 241, 365);
    closedOn = within(addDays(presaOn, days));
  }
  const early = !presaOn;
  if (closedOn) {
    const outcome = early ? weighted(random, EARLY_OUTCOME) : weighted(random, OUTCOME[setting]);
    step(closedOn, by, { kind: 'stage', change: { stage: 'concluso', on: closedOn, outcome } });
  }
  const reopenOn = closedOn && !early && !shelter && daysBetween(closedOn, REF) > 20 && chance(random, 0.14) ? addDays(closedOn, between(random, 15, Math.min(120, daysBetween(closedOn, REF)))) : null;
  if (reopenOn) step(reopenOn, by, { kind: 'reopen', stage: 'presa_in_carico' });
  // Opened as an emergency: the team ends it when it takes her in charge, with its reason (docs/cases.md; no random draw).
  if (emergency && presaOn) {
    step(presaOn, by, { kind: 'event', event: { at: romeInstant(presaOn, 18, 0), channel: 'di_persona', type: shelter ? 'accoglienza' : 'ascolto', emergency: 'fine', notes: EMERGENCY_OVER } });
  }

  // The team: the head adds a colleague on some pathways.
  const riskLevel = shelter ? weighted(random, { elevato: 65, medio: 35 }) : emergency ? 'elevato' : accoglienzaOn ? weighted(random, { basso: 30, medio: 45, elevato: 25 }) : chance(random, 0.3) ? weighted(random, { basso: 60, medio: 40 }) : undefined;
  let colleague: DemoActor | null = null;
  if (presaOn && !shelter && chance(random, 0.3)) {
    colleague = by.username === 'operatrice.cav' ? SECOND_OPERATOR : CAV_OPERATOR;
    step(presaOn, HEAD, { kind: 'member', member: colleague.username });
  }
  // On some high-risk pathways a second operator joins too (the head never joins a team by herself: she breaks the glass).
  // (The same random draws as before, so the demo's figures stay as documented.)
  if (presaOn && !shelter && riskLevel === 'elevato' && chance(random, 0.5) && !colleague) {
    step(presaOn, HEAD, { kind: 'member', member: (by.username === 'operatrice.cav' ? SECOND_OPERATOR : CAV_OPERATOR).username });
  }
  if (riskLevel) planAssessments(step, { n, by, level: riskLevel, firstOn: accoglienzaOn ?? contactOn, presaOn, end: closedOn ?? REF });

  // Follow-up interviews while the pathway is open, about one every seven weeks, and after a re-opening.
  if (presaOn) {
    const end = closedOn ?? REF;
    const span = daysBetween(presaOn, end);
    const count = Math.max(1, Math.min(6, Math.round(span / 50)));
    for (let k = 0; k < count; k++) {
      const on = addDays(presaOn, between(random, 0, span));
      event(on, colleague && chance(random, 0.4) ? colleague : by, weighted(random, FOLLOW_UP[setting]), weighted(random, { di_persona: 70, telefono: 20, video: 10 }), between(random, 30, 90));
    }
  }
  if (reopenOn) event(reopenOn, by, 'ascolto', 'di_persona', between(random, 30, 60));

  // A girl under 18 (docs/minors.md): her minor's pathway from the first contact; her consents given by her mother (no random draw: the figures stay).
  const minorFrom = woman.profile.ageBand === 'lt18' ? steps.length : -1;
  if (minorFrom >= 0) step(contactOn, by, { kind: 'minor', minor: demoMinor(woman, contactOn) });
  planConsents(random, step, { by, contactOn, accoglienzaOn, presaOn, closedOn, shelter });
  if (minorFrom >= 0) {
    for (const s of steps) if (s.kind === 'consent') Object.assign(s, { consent: { ...s.consent, givenBy: 'titolare' }, holder: 'madre' });
  }
  planPeople(random, step, woman, { by, on: accoglienzaOn ?? contactOn, reached: !!accoglienzaOn, shelter });

  const firstName = chance(random, shelter ? 0.8 : 0.45) ? randomFirstName(random) : undefined;
  const safeContact = chance(random, 0.25)
    ? {
        channels: [weighted(random, { telefono: 60, whatsapp: 30, sms: 10 })],
        hours: oneOf(random, ['mattina 9-12', 'dopo le 14', 'solo nei giorni feriali']),
        noMessages: chance(random, 0.5),
        ...(chance(random, 0.4) ? { codeWord: oneOf(random, CODE_WORDS) } : {}),
        ...(chance(random, 0.15) ? { safePerson: { name: randomFirstName(random), phone: fakePhone('035', 9000 + n), relation: oneOf(random, ['sorella', 'amica', 'madre']) } } : {}),
      }
    : undefined;
  return {
    setting,
    by,
    create: {
      contactOn,
      emergency,
      ...(comuneCode ? { comuneCode } : {}),
      ...(firstName ? { identity: { firstName } } : {}),
      ...(safeContact ? { safeContact } : {}),
      profile: woman.profile,
    },
    steps: steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.on.localeCompare(b.s.on) || a.i - b.i).map(({ s }) => s),
  };
}

type Step = (on: string, who: DemoActor, s: DemoStepBody) => void;

/** A minor's pathway: mother and father hold parental responsibility (the father is the author when a relative is); report and referral made within their days. */
function demoMinor(woman: DrawnWoman, contactOn: string): MinorFields {
  const fatherIsAuthor = woman.profile.authorRelationship === 'altro_parente';
  const made = (days: number) => (addDays(contactOn, days) <= DEMO_CASES_REFERENCE ? addDays(contactOn, days) : null);
  const reportOn = made(1);
  const referralOn = made(5);
  return {
    age: Math.min(17, woman.age),
    ageOn: contactOn,
    knownOn: contactOn,
    holders: [
      { relation: 'madre', isAuthor: false, informed: true },
      { relation: 'padre', isAuthor: fatherIsAuthor, informed: !fatherIsAuthor },
    ],
    report: reportOn ? { on: reportOn, to: 'procura_minorenni' } : null,
    referral: referralOn ? { on: referralOn, service: 'Servizio tutela minori dell’ambito (dato di prova)' } : null,
  };
}

/**
 * Answers of the example instrument (src/shared/risk-instruments/example.json)
 * that compute each level: the demo's assessments, and the API tests'.
 */
export const DEMO_RISK_ANSWERS = {
  basso: { escalation: 'assente', armi: 'no', paura: 0 },
  // 2 + 2 + 2 = 6
  medio: { escalation: 'presente', armi: 'si', separazione: 'si' },
  // Threats to kill: a critical item, elevato whatever the score (3).
  elevato: { 'minacce-di-morte': 'si' },
  // 2 + 3 + 3 + 2 + 2 + 2 + 2 = 16
  imminente: { escalation: 'presente', 'minacce-di-morte': 'si', strangolamento: 'si', armi: 'si', separazione: 'si', persecuzione: 'presente', 'violazione-provvedimenti': 'si' },
} as const satisfies Record<RiskLevel, Answers>;

/**
 * The risk assessments of a pathway (docs/risk.md), with no random draw (the
 * demo's other figures stay as they were): one at the first interview; on
 * every third pathway taken in charge, a lower level first and the planned
 * one at the taking in charge (a new episode when it is elevato); on every
 * sixth at elevato, a scheduled re-assessment eight weeks later as well.
 */
function planAssessments(step: Step, c: { n: number; by: DemoActor; level: RiskLevel; firstOn: string; presaOn: string | null; end: string }) {
  const lower: Partial<Record<RiskLevel, RiskLevel>> = { medio: 'basso', elevato: 'medio' };
  const before = lower[c.level];
  if (!c.presaOn || c.n % 3 !== 0 || !before || c.presaOn <= c.firstOn) {
    step(c.firstOn, c.by, { kind: 'assessment', level: c.level, occasion: 'iniziale' });
    return;
  }
  step(c.firstOn, c.by, { kind: 'assessment', level: before, occasion: 'iniziale' });
  step(c.presaOn, c.by, { kind: 'assessment', level: c.level, occasion: c.level === 'elevato' ? 'nuova_violenza' : 'programmata' });
  const again = addDays(c.presaOn, 56);
  if (c.level === 'elevato' && c.n % 6 === 0 && again < c.end) step(again, c.by, { kind: 'assessment', level: c.level, occasion: 'programmata' });
}

/** Statistics and presa in carico for most; a contact channel for some; sharing with the social service for a few (who then joins the team). */
function planConsents(random: Random, step: Step, c: { by: DemoActor; contactOn: string; accoglienzaOn: string | null; presaOn: string | null; closedOn: string | null; shelter: boolean }) {
  const consent = (on: string, purpose: ConsentCreate['purpose'], form: ConsentCreate['form'], extra: Partial<ConsentCreate> = {}) =>
    step(on, c.by, { kind: 'consent', consent: { purpose, givenOn: on, form, sections: [], ...extra } });
  if (c.accoglienzaOn) {
    if (chance(random, 0.92)) consent(c.accoglienzaOn, 'statistiche_anonime', 'scritto');
    if (chance(random, 0.95)) consent(c.presaOn ?? c.accoglienzaOn, 'presa_in_carico', 'scritto');
  } else if (chance(random, 0.75)) consent(c.contactOn, 'statistiche_anonime', 'orale');
  if (chance(random, 0.35)) consent(c.contactOn, 'contatto', 'orale', { channel: weighted(random, { telefono: 50, whatsapp: 25, sms: 10, email: 10, tramite_persona_fidata: 5 }) });
  if (c.presaOn && !c.shelter && chance(random, 0.07)) {
    const end = c.closedOn ?? DEMO_CASES_REFERENCE;
    const on = addDays(c.presaOn, between(random, 0, Math.min(20, daysBetween(c.presaOn, end))));
    step(on, c.by, { kind: 'consent', recipient: 'sociale', consent: { purpose: 'condivisione', givenOn: on, form: 'scritto', sections: ['profile', 'children', 'timeline', 'plan'] } });
    step(on, HEAD, { kind: 'member', member: 'assistente.sociale' });
    const visit = addDays(on, between(random, 1, Math.max(1, daysBetween(on, end))));
    if (visit <= end) {
      step(visit, SOCIAL_WORKER, { kind: 'event', event: { at: romeInstant(visit, between(random, 9, 16), 30), channel: 'di_persona', type: 'sociale', durationMinutes: 60 } });
    }
  }
}

/** Her children under 18, and the author (from accoglienza on). */
function planPeople(random: Random, step: Step, woman: DrawnWoman, c: { by: DemoActor; on: string; reached: boolean; shelter: boolean }) {
  const { profile } = woman;
  const witnessed = profile.violenceTypes.includes('assistita');
  for (let k = 0; k < woman.minors; k++) {
    const seen = witnessed ? chance(random, 0.85) : chance(random, 0.1);
    const custody = weighted(random, { nessun_procedimento: 45, procedimento_in_corso: 25, affido_madre: 12, affido_condiviso: 10, affido_servizi: 3, non_rilevato: 5 });
    const needs: ChildFields['needs'] = [];
    if (seen && chance(random, 0.6)) needs.push('supporto_psicologico');
    if (chance(random, 0.15)) needs.push('scuola');
    if (custody === 'procedimento_in_corso') needs.push('legale');
    if (chance(random, 0.1)) needs.push('educativo');
    step(c.on, c.by, {
      kind: 'child',
      child: {
        age: between(random, 0, Math.min(17, woman.age - 16)),
        livesWithMother: c.shelter || chance(random, 0.92),
        witnessedViolence: seen,
        sufferedViolence: chance(random, seen ? 0.2 : 0.05),
        custody,
        needs,
        details: chance(random, 0.3) ? { firstName: oneOf(random, DEMO_CHILD_NAMES) } : null,
      },
    });
  }
  if (!c.reached || !chance(random, 0.8) || !profile.authorRelationship) return;
  const couple = profile.authorRelationship === 'partner' || profile.authorRelationship === 'ex_partner';
  step(c.on, c.by, {
    kind: 'author',
    author: {
      relationship: profile.authorRelationship,
      childrenInCommon: couple && woman.minors > 0 ? chance(random, 0.9) : false,
      weapons: chance(random, c.shelter ? 0.2 : 0.08),
      previousReports: profile.reports.length > 0 || chance(random, 0.1),
      details: chance(random, 0.3) ? { description: oneOf(random, ['Controllo del telefono e del denaro (testo di prova).', 'Gelosia e isolamento dalle amiche (testo di prova).', 'Minacce dopo la separazione (testo di prova).']) } : null,
    },
  });
}

/** The demo's safety plan (made up, like every demo text): agreed with her on `agreedOn` by `userId`, reviewed on `nextReviewOn`. */
export function demoSafetyPlan(agreedOn: string, nextReviewOn: string, userId: string) {
  return {
    safePlaces: [{ kind: 'centro_antiviolenza' }, { kind: 'familiari', description: 'Dalla sorella, che sa tutto e ha una stanza libera.' }],
    bag: { documenti: true, denaro: true, chiavi: true, farmaci: false },
    codeWord: 'girasole',
    escapeNotes: 'Se lui alza la voce esce con la scusa della spesa; il borsone è dalla vicina.',
    technology: { telefono_controllato: true, password_cambiate: true },
    agreedOn,
    agreedWithUserId: userId,
    nextReviewOn,
  };
}
