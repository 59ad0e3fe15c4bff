import type { Labelled } from './labels.js';
import {
  actionFamilies,
  actionOutcomes,
  actionStatuses,
  allActionKinds,
  childServices,
  expenseStates,
  followUpStates,
  housingStatuses,
  incomeMeasures,
  intakeRefusalReasons,
  intakeStates,
  partnerRoles,
  programmeStates,
  projectMoveReasons,
  projectMoves,
  projectStates,
  publicHousingKinds,
  resultMeasures,
  workStatuses,
} from './autonomy.js';

/**
 * The autonomy codes (src/shared/autonomy.ts) as people read them, Italian
 * first: screens, printable projects, exports and notifications read the
 * same labels. A code without both labels does not compile. A programme's
 * own areas, axes, priorities and categories are data with their own names
 * (its frame), not labelled here.
 */
export const autonomyCodeLists = {
  programmeState: programmeStates,
  partnerRole: partnerRoles,
  resultMeasure: resultMeasures,
  intakeState: intakeStates,
  intakeRefusalReason: intakeRefusalReasons,
  projectState: projectStates,
  projectMove: projectMoves,
  projectMoveReason: projectMoveReasons,
  actionFamily: actionFamilies,
  actionKind: allActionKinds as readonly (typeof allActionKinds)[number][],
  actionStatus: actionStatuses,
  actionOutcome: actionOutcomes,
  childService: childServices,
  publicHousingKind: publicHousingKinds,
  incomeMeasure: incomeMeasures,
  expenseState: expenseStates,
  followUpState: followUpStates,
  workStatus: workStatuses,
  housingStatus: housingStatuses,
} as const;

export type AutonomyCodeKind = keyof typeof autonomyCodeLists;
export type AutonomyCodeOf<K extends AutonomyCodeKind> = (typeof autonomyCodeLists)[K][number];

export const autonomyCodeLabels: { [K in AutonomyCodeKind]: Labelled<AutonomyCodeOf<K>> } = {
  programmeState: {
    bozza: { it: 'In preparazione', en: 'Draft' },
    attivo: { it: 'Attivo', en: 'Active' },
    chiuso: { it: 'Chiuso', en: 'Closed' },
  },
  partnerRole: {
    capofila: { it: 'Capofila', en: 'Lead partner (capofila)' },
    partner: { it: 'Partner', en: 'Partner' },
  },
  resultMeasure: {
    percorsi: { it: 'Percorsi personalizzati avviati', en: 'Personalised paths started' },
    accordi: { it: 'Accordi con enti per la casa o il lavoro', en: 'Agreements with housing or work bodies' },
    laboratorio_sessioni: { it: 'Incontri del laboratorio di empowerment', en: 'Empowerment workshop sessions' },
    laboratorio_partecipanti: { it: 'Partecipanti al laboratorio di empowerment', en: 'Empowerment workshop participants' },
    incontri_formativi: { it: 'Incontri formativi per operatrici e operatori', en: 'Training meetings for practitioners' },
    manuale: { it: 'Valore inserito a mano', en: 'Value entered by hand' },
  },
  intakeState: {
    segnalata: { it: "Segnalata all'équipe", en: 'Referred to the équipe' },
    ammessa: { it: 'Ammessa', en: 'Admitted' },
    non_ammessa: { it: 'Non ammessa', en: 'Not admitted' },
    ritirata: { it: 'Segnalazione ritirata', en: 'Referral withdrawn' },
  },
  intakeRefusalReason: {
    non_pronta: { it: 'Non ancora pronta per un percorso di autonomia', en: 'Not yet ready for an autonomy path' },
    requisiti_mancanti: { it: 'Requisiti del programma mancanti', en: "The programme's requirements not met" },
    altra_misura_piu_adatta: { it: 'Più adatta a un’altra misura', en: 'Another measure suits her better' },
    rinuncia: { it: 'Ha rinunciato', en: 'She declined' },
    fondi_esauriti: { it: 'Fondi esauriti', en: 'Funds exhausted' },
    altro: { it: 'Altro motivo', en: 'Other reason' },
  },
  projectState: {
    bozza: { it: 'Bozza', en: 'Draft' },
    proposta: { it: 'Proposto', en: 'Proposed' },
    validata: { it: "Validato dall'équipe", en: 'Validated by the équipe' },
    approvata: { it: 'Approvato dal capofila', en: 'Approved by the capofila' },
    in_corso: { it: 'In corso', en: 'Under way' },
    conclusa: { it: 'Concluso', en: 'Concluded' },
    interrotta: { it: 'Interrotto', en: 'Interrupted' },
  },
  projectMove: {
    proponi: { it: 'Proponi', en: 'Propose' },
    valida: { it: 'Valida', en: 'Validate' },
    approva: { it: 'Approva', en: 'Approve' },
    rimanda: { it: 'Rimanda indietro', en: 'Send back' },
    avvia: { it: 'Avvia', en: 'Start' },
    concludi: { it: 'Concludi', en: 'Conclude' },
    interrompi: { it: 'Interrompi', en: 'Interrupt' },
  },
  projectMoveReason: {
    budget_da_rivedere: { it: 'Budget da rivedere', en: 'Budget to be revised' },
    obiettivi_da_rivedere: { it: 'Obiettivi da rivedere', en: 'Goals to be revised' },
    documentazione_mancante: { it: 'Documentazione mancante', en: 'Missing documents' },
    fuori_programma: { it: 'Fuori dalle finalità del programma', en: "Outside the programme's purposes" },
    rinuncia: { it: 'Rinuncia della donna', en: 'She withdrew' },
    abbandono: { it: 'Abbandono del percorso', en: 'Path abandoned' },
    trasferimento: { it: 'Trasferimento', en: 'Moved away' },
    altro: { it: 'Altro motivo', en: 'Other reason' },
  },
  actionFamily: {
    lavoro: { it: 'Lavoro', en: 'Work' },
    abitare: { it: 'Abitare', en: 'Housing' },
    conciliazione: { it: 'Conciliazione', en: 'Work-life balance (children)' },
    economica: { it: 'Sostegno economico', en: 'Income support' },
  },
  actionKind: {
    colloquio_cpi: { it: 'Primo colloquio al CPI (DID, SAP, patto di servizio)', en: 'First interview at the job centre (DID, SAP, service pact)' },
    bilancio_competenze: { it: 'Bilancio delle competenze', en: 'Skills assessment' },
    tirocinio: { it: 'Tirocinio di inclusione', en: 'Inclusion traineeship (tirocinio)' },
    formazione: { it: 'Corso di formazione', en: 'Training course' },
    inserimento_lavorativo: { it: 'Inserimento lavorativo', en: 'Job placement' },
    autoimpiego: { it: "Sostegno all'autoimpiego", en: 'Self-employment support' },
    ricerca_casa: { it: 'Ricerca della casa', en: 'Housing search' },
    contratto: { it: 'Contratto di locazione', en: 'Tenancy contract' },
    deposito: { it: 'Deposito cauzionale', en: 'Security deposit' },
    cambio_alloggio: { it: 'Passaggio ad altro alloggio', en: 'Move to another housing level' },
    domanda_casa_pubblica: { it: 'Domanda di casa pubblica o sociale', en: 'Application for public or social housing' },
    servizio_figli: { it: 'Servizio per i figli', en: 'Service for her children' },
    misura_reddito: { it: 'Altra misura di sostegno al reddito', en: 'Other income support' },
  },
  actionStatus: {
    prevista: { it: 'Prevista', en: 'Planned' },
    in_corso: { it: 'In corso', en: 'Under way' },
    conclusa: { it: 'Conclusa', en: 'Concluded' },
    annullata: { it: 'Annullata', en: 'Cancelled' },
  },
  actionOutcome: {
    positivo: { it: 'Esito positivo', en: 'Positive outcome' },
    negativo: { it: 'Esito negativo', en: 'Negative outcome' },
    abbandonato: { it: 'Abbandonata', en: 'Dropped' },
    in_attesa: { it: 'In attesa di esito', en: 'Awaiting outcome' },
    non_rilevato: { it: 'Esito non rilevato', en: 'Outcome not recorded' },
  },
  childService: {
    trasporto: { it: 'Trasporto', en: 'Transport' },
    doposcuola: { it: 'Doposcuola', en: 'After-school care' },
    mensa_scolastica: { it: 'Mensa scolastica', en: 'School meals' },
    trasporto_scolastico: { it: 'Trasporto scolastico', en: 'School transport' },
    centri_estivi: { it: 'Centri estivi', en: 'Summer camps' },
    attivita_ludico_ricreative: { it: 'Attività ludico-ricreative', en: 'Recreational activities' },
    altro: { it: 'Altro servizio', en: 'Other service' },
  },
  publicHousingKind: {
    aler: { it: 'Casa popolare (ALER)', en: 'Public housing (ALER)' },
    comunale: { it: 'Alloggio comunale', en: 'Municipal housing' },
    housing_sociale: { it: 'Housing sociale', en: 'Social housing' },
  },
  incomeMeasure: {
    assegno_inclusione: { it: 'Assegno di inclusione', en: 'Assegno di inclusione (inclusion allowance)' },
    fondo_poverta: { it: 'Fondo povertà', en: 'Poverty fund (Fondo povertà)' },
    supporto_formazione_lavoro: { it: 'Supporto per la formazione e il lavoro', en: 'Support for training and work' },
    altro: { it: 'Altra misura', en: 'Other measure' },
  },
  expenseState: {
    impegnata: { it: 'Impegnata', en: 'Committed' },
    pagata: { it: 'Pagata', en: 'Paid' },
    annullata: { it: 'Annullata', en: 'Cancelled' },
  },
  followUpState: {
    da_fare: { it: 'Da fare', en: 'To do' },
    fatto: { it: 'Fatto', en: 'Done' },
    non_consentito: { it: 'Non consentito da lei', en: 'She did not consent' },
    non_raggiungibile: { it: 'Non raggiungibile', en: 'Not reachable' },
  },
  workStatus: {
    occupata_indeterminato: { it: 'Occupata a tempo indeterminato', en: 'Employed, permanent contract' },
    occupata_determinato: { it: 'Occupata a tempo determinato', en: 'Employed, fixed-term contract' },
    occupata_precaria: { it: 'Lavoro precario o occasionale', en: 'Precarious or occasional work' },
    autonoma: { it: 'Lavoratrice autonoma', en: 'Self-employed' },
    in_formazione: { it: 'In formazione o tirocinio', en: 'In training or a traineeship' },
    non_occupata: { it: 'Non occupata', en: 'Not working' },
    non_rilevato: { it: 'Non rilevato', en: 'Not recorded' },
  },
  housingStatus: {
    casa_propria_o_affitto: { it: 'Casa propria o in affitto', en: 'Own or rented home' },
    casa_pubblica: { it: 'Casa pubblica', en: 'Public housing' },
    soluzione_intermedia: { it: 'Soluzione abitativa intermedia', en: 'Intermediate housing' },
    ospite: { it: 'Ospite da altri', en: 'Staying with others' },
    struttura: { it: 'In struttura', en: 'In a shelter or community' },
    senza_casa: { it: 'Senza casa', en: 'Homeless' },
    non_rilevato: { it: 'Non rilevato', en: 'Not recorded' },
  },
};

/** The label of a code in a language. */
export function autonomyLabel<K extends AutonomyCodeKind>(kind: K, value: AutonomyCodeOf<K>, lang: 'it' | 'en'): string {
  return (autonomyCodeLabels[kind] as Record<string, Record<'it' | 'en', string>>)[value]![lang];
}
