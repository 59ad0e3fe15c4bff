import { useLabels } from '../../../ui/labels';

/**
 * The Reddito di libertà counts' words, Italian first (the states' and
 * outcomes' labels are shared: src/shared/reddito.labels.ts).
 */
const it = {
  title: 'Reddito di libertà nella rete',
  intro:
    'Le domande di Reddito di libertà dei percorsi seguiti dalle organizzazioni delle reti di cui la tua organizzazione è capofila. Solo numeri: nessun percorso è nominato.',
  hiddenNote: (threshold: number) => `I numeri da 1 a ${threshold - 1} sono oscurati, e con loro un altro della stessa tabella quando servirebbe a ricavarli per differenza.`,
  networks: 'Reti',
  noNetworks: 'La tua organizzazione non è capofila di nessuna rete: non ci sono domande da contare.',
  byState: "Domande in corso per stato (l'ultima domanda di ogni percorso)",
  outcomes: "Esiti dell'INPS registrati (comprese le domande precedenti dei percorsi)",
  state: 'Stato',
  outcome: 'Esito',
  count: 'Numero',
  total: 'Totale delle domande in corso',
  paid: 'Mensilità pagate sulle domande accolte',
  what: 'Voce',
  value: 'Valore',
  monthsPaid: 'Mensilità pagate',
  paidAmount: 'Importo corrispondente',
  paidHidden: (threshold: number) => `Mensilità e importo si mostrano solo con almeno ${threshold} domande accolte.`,
  hidden: 'oscurato',
  suppressed: (threshold: number) => `numero oscurato per riservatezza (meno di ${threshold}, o oscurato perché non si ricavi un altro numero)`,
};

const en: typeof it = {
  title: 'Reddito di libertà in the network',
  intro:
    'The Reddito di libertà applications of the pathways followed by the organisations of the networks your organisation leads (capofila). Numbers only: no pathway is named.',
  hiddenNote: (threshold: number) => `Counts from 1 to ${threshold - 1} are hidden, and with them another of the same table when it would let them be worked out by difference.`,
  networks: 'Networks',
  noNetworks: 'Your organisation leads no network: there are no applications to count.',
  byState: "Applications under way by state (each pathway's latest application)",
  outcomes: "INPS's outcomes recorded (the pathways' earlier applications included)",
  state: 'State',
  outcome: 'Outcome',
  count: 'Count',
  total: 'Total of the applications under way',
  paid: 'Months paid on granted applications',
  what: 'Item',
  value: 'Value',
  monthsPaid: 'Months paid',
  paidAmount: 'What they amount to',
  paidHidden: (threshold: number) => `Months and amount are shown only with at least ${threshold} granted applications.`,
  hidden: 'hidden',
  suppressed: (threshold: number) => `count hidden for confidentiality (under ${threshold}, or hidden so that no other count can be derived)`,
};

const texts = { it, en };

export function useRedditoStatsTexts() {
  const { lang } = useLabels();
  return { lang, x: texts[lang] };
}
