import type { ActionKind } from '../../../../shared/autonomy';
import type { ActionDetails, contractKinds, housingLevels, tirocinioPayers } from '../../../../shared/autonomy.actions.api';
import { useLabels } from '../../../ui/labels';

/**
 * The words of a project's actions: the forms (new and edit) and the
 * details' names, Italian and English. Typed field by field from the shared
 * details (src/shared/autonomy.actions.api.ts): a field or a code without
 * its words in both languages does not compile. Kinds, statuses, outcomes
 * and the shared code lists are labelled in src/shared/autonomy.labels.ts.
 */

/** Every details field of every kind. */
type DetailFields = { [K in ActionKind]: Record<Exclude<keyof Extract<ActionDetails, { kind: K }>, 'kind'>, string> };

interface ActionTexts {
  newTitle: string;
  newIntro: string;
  noKinds: string;
  chooseKind: string;
  add: string;
  added: string;
  edit: string;
  /** The edit button of a row, for screen readers: which action. */
  editOf: (kind: string, n: number) => string;
  editTitle: (kind: string) => string;
  editIntro: string;
  save: string;
  saved: string;
  cancel: string;
  stale: string;
  actions: string;
  /** Added to the label of a field that may stay empty. */
  optional: string;
  amountHint: string;
  amountInvalid: string;
  wholeNumber: string;
  cpiLegend: string;
  fields: DetailFields;
  payers: Record<(typeof tirocinioPayers)[number], string>;
  contracts: Record<(typeof contractKinds)[number], string>;
  housingLevels: Record<(typeof housingLevels)[number], string>;
  yes: string;
  no: string;
}

const it: ActionTexts = {
  newTitle: 'Nuova azione',
  newIntro: 'Scegli il tipo: il modulo chiede i dati di quel tipo. I dettagli restano riservati alla micro-équipe (la vista di approvazione vede tipo, stato, date e costo).',
  noKinds: 'Nessun tipo di azione che puoi registrare.',
  chooseKind: 'Tipo di azione',
  add: "Aggiungi l'azione",
  added: 'Azione registrata.',
  edit: 'Modifica',
  editOf: (kind, n) => `Modifica l'azione ${n}: ${kind}`,
  editTitle: (kind) => `Modifica l'azione: ${kind}`,
  editIntro: 'Stato, esito, date, costo e dettagli. Il tipo non cambia.',
  save: 'Salva le modifiche',
  saved: 'Azione aggiornata.',
  cancel: 'Annulla',
  stale: "Qualcuno ha modificato questa azione dopo che l'hai aperta: le tue modifiche non sono state salvate. Abbiamo caricato la versione attuale: controllala e, se serve, ripeti le modifiche.",
  actions: 'Azioni',
  optional: '(facoltativo)',
  amountHint: 'In euro, ad esempio 250,00.',
  amountInvalid: 'Importo non valido: scrivi euro con al massimo due decimali.',
  wholeNumber: 'Scrivi un numero intero.',
  cpiLegend: 'Passi al Centro per l’impiego',
  fields: {
    colloquio_cpi: {
      did: 'DID rilasciata',
      didOn: 'Data della DID',
      sap: 'SAP compilata',
      sapOn: 'Data della SAP',
      pattoServizio: 'Patto di servizio firmato',
      pattoOn: 'Data del patto di servizio',
    },
    bilancio_competenze: { by: 'Chi lo ha condotto', summary: 'Sintesi' },
    tirocinio: { host: 'Ente ospitante', hoursPerWeek: 'Ore settimanali', monthlyAllowanceCents: 'Indennità mensile', paidBy: 'Chi paga l’indennità' },
    formazione: { provider: 'Ente di formazione', course: 'Corso', hours: 'Ore del corso' },
    inserimento_lavorativo: { employer: 'Datore di lavoro', contract: 'Contratto' },
    autoimpiego: { activity: 'Attività', support: 'Sostegno ricevuto' },
    ricerca_casa: { zone: 'Zona', note: 'Nota' },
    contratto: { address: 'Indirizzo della casa', monthlyRentCents: 'Canone mensile', landlord: 'Locatore' },
    deposito: { amountCents: 'Importo del deposito' },
    cambio_alloggio: { from: 'Da', to: 'A' },
    domanda_casa_pubblica: { body: 'Ente', preferentialCategory: 'Categoria preferenziale per donne che escono dalla violenza', filedOn: 'Presentata il' },
    servizio_figli: { service: 'Servizio', provider: 'Chi lo eroga' },
    misura_reddito: { measure: 'Misura', measureName: 'Nome della misura', monthlyCents: 'Importo mensile' },
  },
  payers: { programma: 'Il programma', ente_ospitante: "L'ente ospitante", regione: 'La Regione', altro: 'Altro' },
  contracts: {
    indeterminato: 'Tempo indeterminato',
    determinato: 'Tempo determinato',
    apprendistato: 'Apprendistato',
    somministrazione: 'Somministrazione',
    part_time: 'Part-time',
    altro: 'Altro',
  },
  housingLevels: {
    struttura_protetta: 'Struttura protetta',
    seconda_accoglienza: 'Seconda accoglienza',
    soluzione_intermedia: 'Soluzione abitativa intermedia',
    casa_autonoma: 'Casa autonoma',
  },
  yes: 'sì',
  no: 'no',
};

const en: ActionTexts = {
  newTitle: 'New action',
  newIntro: 'Choose the kind: the form asks for the data of that kind. The details stay with the micro-équipe (the approval view sees kind, status, dates and cost).',
  noKinds: 'No kind of action you may record.',
  chooseKind: 'Kind of action',
  add: 'Add the action',
  added: 'Action recorded.',
  edit: 'Edit',
  editOf: (kind, n) => `Edit action ${n}: ${kind}`,
  editTitle: (kind) => `Edit the action: ${kind}`,
  editIntro: 'Status, outcome, dates, cost and details. The kind does not change.',
  save: 'Save the changes',
  saved: 'Action updated.',
  cancel: 'Cancel',
  stale: 'Someone changed this action after you opened it: your changes were not saved. The current version has been loaded: check it and, if needed, make your changes again.',
  actions: 'Actions',
  optional: '(optional)',
  amountHint: 'In euros, for example 250.00.',
  amountInvalid: 'Invalid amount: write euros with at most two decimals.',
  wholeNumber: 'Write a whole number.',
  cpiLegend: 'Steps at the job centre',
  fields: {
    colloquio_cpi: {
      did: 'DID issued',
      didOn: 'Date of the DID',
      sap: 'SAP filled in',
      sapOn: 'Date of the SAP',
      pattoServizio: 'Service agreement signed',
      pattoOn: 'Date of the service agreement',
    },
    bilancio_competenze: { by: 'Conducted by', summary: 'Summary' },
    tirocinio: { host: 'Host organisation', hoursPerWeek: 'Hours a week', monthlyAllowanceCents: 'Monthly allowance', paidBy: 'Who pays the allowance' },
    formazione: { provider: 'Training provider', course: 'Course', hours: 'Hours of the course' },
    inserimento_lavorativo: { employer: 'Employer', contract: 'Contract' },
    autoimpiego: { activity: 'Activity', support: 'Support received' },
    ricerca_casa: { zone: 'Area', note: 'Note' },
    contratto: { address: 'Address of the home', monthlyRentCents: 'Monthly rent', landlord: 'Landlord' },
    deposito: { amountCents: 'Deposit amount' },
    cambio_alloggio: { from: 'From', to: 'To' },
    domanda_casa_pubblica: { body: 'Body', preferentialCategory: 'Preferential category for women leaving violence', filedOn: 'Filed on' },
    servizio_figli: { service: 'Service', provider: 'Provider' },
    misura_reddito: { measure: 'Measure', measureName: 'Name of the measure', monthlyCents: 'Monthly amount' },
  },
  payers: { programma: 'The programme', ente_ospitante: 'The host', regione: 'The Region', altro: 'Other' },
  contracts: {
    indeterminato: 'Permanent',
    determinato: 'Fixed-term',
    apprendistato: 'Apprenticeship',
    somministrazione: 'Agency work',
    part_time: 'Part-time',
    altro: 'Other',
  },
  housingLevels: {
    struttura_protetta: 'Protected shelter',
    seconda_accoglienza: 'Second-stage housing',
    soluzione_intermedia: 'Intermediate housing',
    casa_autonoma: 'Her own home',
  },
  yes: 'yes',
  no: 'no',
};

export function useActionTexts(): ActionTexts {
  const { lang } = useLabels();
  return lang === 'en' ? en : it;
}
