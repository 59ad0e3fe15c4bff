import { type RedditoOutcome, type RedditoState, type RedditoStep, redditoOutcomes, redditoStates, redditoSteps } from './autonomy.reddito.api.js';
import type { Labelled } from './labels.js';

/** Labels of the Reddito di libertà's codes (src/shared/autonomy.reddito.api.ts), Italian and English; the type makes every code need its label. */
export const redditoCodeLists = { state: redditoStates, outcome: redditoOutcomes, step: redditoSteps } as const;

export const redditoStateLabels: Labelled<RedditoState> = {
  in_preparazione: { it: 'In preparazione', en: 'Being prepared' },
  presentata: { it: 'Presentata, in attesa dell’INPS', en: 'Filed, waiting for INPS' },
  accolta: { it: 'Accolta', en: 'Granted' },
  respinta: { it: 'Respinta', en: 'Refused' },
  in_attesa_fondi: { it: 'Accolta, in attesa di fondi', en: 'Granted, waiting for funds' },
};

export const redditoOutcomeLabels: Labelled<RedditoOutcome> = {
  accolta: { it: 'Accolta', en: 'Granted' },
  respinta: { it: 'Respinta', en: 'Refused' },
  in_attesa_fondi: { it: 'In attesa di fondi', en: 'Waiting for funds' },
};

/** What a reminder waits on. */
export const redditoStepLabels: Labelled<RedditoStep> = {
  dichiarazione_cav: { it: 'Dichiarazione del centro antiviolenza sul percorso', en: "Anti-violence centre's statement of the pathway" },
  dichiarazione_servizio: { it: 'Dichiarazione del servizio sociale sullo stato di bisogno', en: "Social service's statement of need" },
  domanda: { it: 'Presentazione della domanda tramite il comune di residenza', en: 'Filing the application through the comune of residence' },
  esito: { it: 'Esito dell’INPS', en: "INPS's outcome" },
  fondi: { it: 'Fondi disponibili per la domanda accolta', en: 'Funds for the granted application' },
  mensilita: { it: 'Mensilità pagata dall’INPS', en: 'Month paid by INPS' },
};
