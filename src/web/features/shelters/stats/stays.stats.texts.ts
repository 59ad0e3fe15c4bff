import type { StayAuthorisationOutcome, StayLengthBand } from '../../../../shared/shelters.stats.api';
import { useLabels } from '../../../ui/labels';

/**
 * The stays' yearly counts' words, Italian first (levels, paths and exit
 * reasons are the shared shelter labels: src/shared/shelters.labels.ts).
 */
const it = {
  title: 'Statistiche delle permanenze',
  intro:
    "I numeri dell'anno che le case rifugio, le reti e l'osservatorio regionale comunicano ogni anno (rilevazione ISTAT sulle case rifugio), per livello di struttura. Solo numeri: nessuna donna, indirizzo, comune o permanenza è nominata.",
  year: 'Anno',
  hiddenNote: (threshold: number) => `I numeri da 1 a ${threshold - 1} sono oscurati, e con loro un altro della stessa tabella quando servirebbe a ricavarli per differenza.`,
  networks: 'Strutture delle reti',
  own: 'Strutture della tua organizzazione',
  structures: (n: number) => `Strutture contate: ${n}.`,
  asOf: (date: string) => `Permanenze in corso contate al ${date}.`,
  none: 'Nessuna struttura da contare.',
  level: 'Livello',
  total: 'Totale',
  hosted: 'Ingressi e presenze',
  admissions: 'Ingressi',
  byPath: { accordo: 'di cui con accordo', emergenza: 'di cui in emergenza' } as Record<'accordo' | 'emergenza', string>,
  running: 'In corso a fine periodo',
  women: 'Donne accolte',
  children: 'Figli e figlie accolti',
  presenceDays: 'Giorni di presenza',
  exits: 'Uscite per motivo',
  exitsTotal: 'Totale uscite',
  lengths: 'Durata delle permanenze concluse nell’anno',
  band: { lt30: 'Meno di 30 giorni', d30_89: 'Da 30 a 89 giorni', d90_179: 'Da 90 a 179 giorni', d180_plus: '180 giorni e oltre' } as Record<StayLengthBand, string>,
  authorisations: 'Autorizzazioni degli ingressi in emergenza',
  outcome: {
    autorizzata: 'Autorizzate',
    rifiutata: 'Rifiutate',
    in_ritardo: 'Scadute o segnalate al coordinamento',
    in_attesa: 'In attesa',
  } as Record<StayAuthorisationOutcome, string>,
  requests: {
    title: 'Richieste di inserimento nelle reti',
    byState: 'Richieste per stato e urgenza',
    state: 'Stato',
    answers: 'Risposte delle strutture alle proposte',
    answer: 'Risposta',
    count: 'Numero',
    accepted: 'Accettate (anche poi ammesse o scadute)',
    expired: 'Posti trattenuti scaduti',
    declined: 'Rifiutate',
    unmet: 'Domanda non soddisfatta per trimestre di chiusura',
    quarter: 'Trimestre',
    noUnmet: 'Nessuna richiesta chiusa come non soddisfatta.',
  },
  hidden: 'oscurato',
  suppressed: (threshold: number) => `numero oscurato per riservatezza (meno di ${threshold}, o oscurato perché non si ricavi un altro numero)`,
};

const en: typeof it = {
  title: 'Stay statistics',
  intro:
    "The year's numbers that shelters, networks and the regional observatory report each year (ISTAT's survey of case rifugio), per structure level. Numbers only: no woman, address, comune or stay is named.",
  year: 'Year',
  hiddenNote: (threshold: number) => `Numbers from 1 to ${threshold - 1} are hidden, and another of the same table with them when it would let them be worked out from a total.`,
  networks: "The networks' structures",
  own: "Your organisation's structures",
  structures: (n: number) => `Structures counted: ${n}.`,
  asOf: (date: string) => `Running stays counted on ${date}.`,
  none: 'No structure to count.',
  level: 'Level',
  total: 'Total',
  hosted: 'Admissions and presence',
  admissions: 'Admissions',
  byPath: { accordo: 'of which agreed', emergenza: 'of which in an emergency' },
  running: 'Running at the end of the period',
  women: 'Women hosted',
  children: 'Children hosted',
  presenceDays: 'Days of presence',
  exits: 'Exits by reason',
  exitsTotal: 'All exits',
  lengths: 'Length of the stays ended in the year',
  band: { lt30: 'Under 30 days', d30_89: '30 to 89 days', d90_179: '90 to 179 days', d180_plus: '180 days or more' },
  authorisations: 'Authorisations of the emergency admissions',
  outcome: { autorizzata: 'Authorised', rifiutata: 'Refused', in_ritardo: 'Overdue or escalated to the coordinator', in_attesa: 'Awaited' },
  requests: {
    title: "Placement requests in the networks",
    byState: 'Requests by state and urgency',
    state: 'State',
    answers: "The structures' answers to proposals",
    answer: 'Answer',
    count: 'Count',
    accepted: 'Accepted (including those later admitted or expired)',
    expired: 'Holds expired',
    declined: 'Declined',
    unmet: 'Unmet demand per quarter of closing',
    quarter: 'Quarter',
    noUnmet: 'No request closed as unmet.',
  },
  hidden: 'hidden',
  suppressed: (threshold: number) => `count hidden for confidentiality (under ${threshold}, or hidden so that no other count can be derived)`,
};

const texts = { it, en };

export function useStayStatsTexts() {
  const { lang } = useLabels();
  return { lang, x: texts[lang] };
}
