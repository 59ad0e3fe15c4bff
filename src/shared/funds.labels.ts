import {
  type ApplicationOutcome,
  type ApplicationRefusalReason,
  type CofinancingKind,
  type FundsExpenseCategory,
  type PlanMove,
  type PlanState,
  type ReportMove,
  type ReportState,
} from './autonomy.funds.api.js';
import type { Labelled } from './labels.js';

/**
 * The regional funds' codes (src/shared/autonomy.funds.api.ts) as people
 * read them, Italian first: screens and the rendicontazione report read
 * the same labels. A code without both labels does not compile.
 */

export const cofinancingKindLabels: Labelled<CofinancingKind> = {
  denaro: { it: 'Denaro', en: 'Money' },
  personale: { it: 'In natura: personale', en: 'In kind: staff' },
  locali: { it: 'In natura: locali', en: 'In kind: premises' },
};

export const applicationOutcomeLabels: Labelled<ApplicationOutcome> = {
  ammessa: { it: 'Ammessa', en: 'Admitted' },
  non_ammessa: { it: 'Non ammessa', en: 'Not admitted' },
};

export const applicationRefusalReasonLabels: Labelled<ApplicationRefusalReason> = {
  fuori_termine: { it: 'Presentata fuori termine', en: 'Submitted after the deadline' },
  documentazione_incompleta: { it: 'Documentazione incompleta', en: 'Incomplete documents' },
  requisiti_mancanti: { it: "Requisiti dell'avviso mancanti", en: "The call's requirements not met" },
  non_iscritta_albo: { it: "Non iscritta all'Albo regionale", en: 'Not registered in the regional register' },
  fuori_rete: { it: 'Non fa parte della rete', en: 'Not part of the network' },
  altro: { it: 'Altro motivo', en: 'Other reason' },
};

export const planStateLabels: Labelled<PlanState> = {
  bozza: { it: 'Bozza', en: 'Draft' },
  condiviso: { it: "Condiviso con la Rete di Indirizzo dell'ATS", en: "Shared with the ATS's Rete di Indirizzo" },
  inviato: { it: 'Inviato alla Regione', en: 'Sent to the Region' },
};

export const planMoveLabels: Labelled<PlanMove> = {
  condividi: { it: 'Condividi con la Rete di Indirizzo', en: 'Share with the Rete di Indirizzo' },
  invia: { it: 'Invia alla Regione', en: 'Send to the Region' },
  riapri: { it: 'Riporta in bozza', en: 'Back to draft' },
};

export const reportStateLabels: Labelled<ReportState> = {
  non_avviata: { it: 'Non avviata', en: 'Not started' },
  in_corso: { it: 'In corso', en: 'In progress' },
  presentata: { it: 'Presentata', en: 'Submitted' },
  verificata: { it: 'Verificata', en: 'Checked' },
};

export const reportMoveLabels: Labelled<ReportMove> = {
  presenta: { it: 'Presenta la rendicontazione', en: 'Submit the rendicontazione' },
  verifica: { it: 'Verifica', en: 'Mark as checked' },
  rimanda: { it: 'Rimanda al partner', en: 'Send back to the partner' },
};

export const fundsExpenseCategoryLabels: Labelled<FundsExpenseCategory> = {
  personale: { it: 'Personale', en: 'Staff' },
  ospitalita: { it: 'Ospitalità', en: 'Accommodation' },
  beni_servizi: { it: 'Beni e servizi', en: 'Goods and services' },
  formazione: { it: 'Formazione', en: 'Training' },
  comunicazione: { it: 'Comunicazione e sensibilizzazione', en: 'Communication and awareness' },
  spese_generali: { it: 'Spese generali', en: 'Overheads' },
  altro: { it: 'Altro', en: 'Other' },
};
