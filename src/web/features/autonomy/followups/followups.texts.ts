import { autonomyCodeLabels, type AutonomyCodeKind, type AutonomyCodeOf } from '../../../../shared/autonomy.labels';
import { useLabels } from '../../../ui/labels';

/**
 * The follow-ups' words, Italian first: the project's checks and their
 * outcome form, the programme's counts, the task on the home page. The
 * codes' labels are shared (src/shared/autonomy.labels.ts); the server's
 * problems and field errors are translated from src/shared.
 */
const it = {
  projectTitle: 'Verifiche dopo la conclusione',
  projectIntro:
    'A 6, 12 e 24 mesi dalla conclusione del progetto si verifica con lei la situazione di lavoro e di casa. Lavoro e casa si registrano solo se ha dato un consenso a essere contattata ancora valido; altrimenti la verifica si chiude come non consentita o non raggiungibile.',
  notYet: 'Le verifiche si programmano quando il progetto è concluso.',
  caption: 'Verifiche dopo la conclusione: scadenza, stato, consenso al contatto ed esito',
  check: 'Verifica',
  monthsAfter: (n: number) => `A ${n} mesi`,
  dueOn: 'Scadenza',
  state: 'Stato',
  consent: 'Consenso al contatto',
  consentYes: 'Sì, valido',
  consentNo: 'No: nessun consenso valido',
  work: 'Lavoro',
  housing: 'Casa',
  doneAt: 'Registrata il',
  action: 'Azione',
  record: (n: number) => `Registra l'esito della verifica a ${n} mesi`,
  formTitle: (n: number) => `Esito della verifica a ${n} mesi`,
  outcome: 'Esito',
  choose: 'Scegli…',
  noConsent:
    'Lei non ha un consenso a essere contattata ancora valido: la verifica si chiude come «Non consentito da lei» o «Non raggiungibile». Per registrare lavoro e casa serve prima il suo consenso, nella scheda Consensi del percorso.',
  save: "Registra l'esito",
  cancel: 'Annulla',
  saved: 'Esito della verifica registrato.',
  programmeTitle: 'Verifiche dopo la conclusione dei progetti',
  programmeIntro:
    'Per ogni verifica (6, 12 e 24 mesi dalla conclusione) quelle già scadute, per stato e, di quelle fatte, per situazione di lavoro e di casa. Solo numeri: nessun percorso è nominato.',
  due: 'Verifiche scadute',
  byState: (n: number) => `Verifiche a ${n} mesi per stato`,
  byWork: (n: number) => `Verifiche a ${n} mesi fatte: lavoro`,
  byHousing: (n: number) => `Verifiche a ${n} mesi fatte: casa`,
  status: 'Situazione',
  count: 'Numero',
  hidden: 'oscurato',
  suppressed: (threshold: number) => `numero oscurato per riservatezza (meno di ${threshold}, o oscurato perché non si ricavi un altro numero)`,
  task: (n: number) => `Verifica a ${n} mesi dalla conclusione del progetto di autonomia`,
  taskNoConsent: 'senza consenso al contatto: si chiude come non consentita',
  taskOpen: 'Apri il progetto',
};

const en: typeof it = {
  projectTitle: 'Follow-ups after the end',
  projectIntro:
    'At 6, 12 and 24 months after the project ends, her work and housing are checked with her. Work and housing are recorded only when she holds a live consent to be contacted; otherwise the check is closed as not consented or not reachable.',
  notYet: 'The follow-ups are scheduled when the project is concluded.',
  caption: 'Follow-ups after the end: due date, state, consent to contact and outcome',
  check: 'Check',
  monthsAfter: (n: number) => `At ${n} months`,
  dueOn: 'Due',
  state: 'State',
  consent: 'Consent to contact',
  consentYes: 'Yes, live',
  consentNo: 'No: no live consent',
  work: 'Work',
  housing: 'Housing',
  doneAt: 'Recorded on',
  action: 'Action',
  record: (n: number) => `Record the outcome of the ${n}-month check`,
  formTitle: (n: number) => `Outcome of the ${n}-month check`,
  outcome: 'Outcome',
  choose: 'Choose…',
  noConsent:
    'She holds no live consent to be contacted: the check is closed as “She did not consent” or “Not reachable”. Recording her work and housing first needs her consent, in the pathway’s Consents tab.',
  save: 'Record the outcome',
  cancel: 'Cancel',
  saved: 'Follow-up outcome recorded.',
  programmeTitle: "Follow-ups after the projects' end",
  programmeIntro:
    'For each check (6, 12 and 24 months after the end) those already due, by state and, of those done, by work and housing situation. Numbers only: no pathway is named.',
  due: 'Checks due',
  byState: (n: number) => `${n}-month checks by state`,
  byWork: (n: number) => `${n}-month checks done: work`,
  byHousing: (n: number) => `${n}-month checks done: housing`,
  status: 'Situation',
  count: 'Count',
  hidden: 'hidden',
  suppressed: (threshold: number) => `count hidden for confidentiality (under ${threshold}, or hidden so that no other count can be derived)`,
  task: (n: number) => `${n}-month follow-up after the autonomy project ended`,
  taskNoConsent: 'no consent to contact: to be closed as not consented',
  taskOpen: 'Open the project',
};

const texts = { it, en };

export function useFollowUpTexts() {
  const { lang } = useLabels();
  const label = <K extends AutonomyCodeKind>(kind: K, value: AutonomyCodeOf<K>): string => (autonomyCodeLabels[kind] as Record<string, Record<'it' | 'en', string>>)[value]![lang];
  return { lang, x: texts[lang], label };
}
