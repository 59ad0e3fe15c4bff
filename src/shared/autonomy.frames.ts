import type { ResultMeasure } from './autonomy.js';
import type { ProgrammeFrame } from './autonomy.api.js';

/**
 * Ready frames a coordinator may start a programme from (docs/autonomy.md,
 * "Programmes"). They are data, copied into the programme and edited there:
 * nothing reads them after creation. Isomorphic.
 *
 * L.I.A. 2 — *Lavoro Inclusione Abitare – L.I.A. 2 Integrazione*, Cremona's
 * programme under D.G.R. n. 6299 del 26/04/2022 (its intervention sheet,
 * §5–§9): two areas, four axes with axis I always required, the call's
 * priorities 1.1 … 4.3, the expense categories the sheet names per axis,
 * and two caps per personalised project.
 */
export const lia2Frame: ProgrammeFrame = {
  areas: [
    // §6: "Area inserimento lavorativo: assi I, II e III e/o area di sostegno all'autonomia abitativa: assi I e IV".
    { code: 'lavoro', name: 'Area inserimento lavorativo', axes: ['I', 'II', 'III'] },
    { code: 'abitare', name: "Area di sostegno all'autonomia abitativa", axes: ['I', 'IV'] },
  ],
  axes: [
    // §6: "è sempre obbligatoria l'attivazione dell'asse I".
    { code: 'I', name: 'Sensibilizzazione e rafforzamento della capacità di intervento della rete, degli attori e dei servizi', required: true },
    { code: 'II', name: "Interventi per l'inclusione attiva e sostegno all'integrazione e reintegrazione nel mercato del lavoro", required: false },
    { code: 'III', name: 'Misure di supporto alla partecipazione alle politiche attive del lavoro', required: false },
    { code: 'IV', name: "Interventi e misure economiche per l'autonomia abitativa", required: false },
  ],
  priorities: [
    { code: '1.1', axis: 'I', name: 'Messa in rete dei servizi attraverso lo sviluppo di un approccio multi-agency' },
    {
      code: '1.2',
      axis: 'I',
      name: "Rafforzamento e sviluppo delle competenze delle operatrici e degli operatori delle reti antiviolenza, degli stakeholder del sistema di istruzione, formazione e lavoro e del sistema economico regionale oltre che dell'offerta abitativa pubblica e privata",
    },
    { code: '1.3', axis: 'I', name: 'Sviluppo e consolidamento del modello di intervento' },
    { code: '2.1', axis: 'II', name: 'Attivazione di risorse e strumenti di consulenza e orientamento personalizzati' },
    { code: '2.2', axis: 'II', name: "Percorsi per l'acquisizione e il miglioramento delle competenze e riconoscimento delle qualifiche" },
    { code: '2.3', axis: 'II', name: "Sostegno all'inserimento e reinserimento nel mercato del lavoro o al mantenimento del posto di lavoro" },
    {
      code: '3.1',
      axis: 'III',
      name: "Accesso ai servizi di conciliazione vita-lavoro al fine di sostenere la partecipazione ai servizi e percorsi per la formazione e l'inserimento lavorativo delle madri con figli minori",
    },
    { code: '3.2', axis: 'III', name: "Misure di supporto economico per sostenere la partecipazione ai servizi e percorsi per la formazione e l'inserimento lavorativo" },
    { code: '4.1', axis: 'IV', name: 'Interventi a sostegno del co-housing' },
    { code: '4.2', axis: 'IV', name: 'Interventi a sostegno della ricerca di una casa autonoma' },
    { code: '4.3', axis: 'IV', name: "Misure di supporto economico per la copertura di costi connessi all'abitazione" },
  ],
  categories: [
    // Axis I (§5, §9): the capofila's empowerment workshop and the training of the network's practitioners.
    { code: 'laboratorio', axis: 'I', name: 'Laboratorio di empowerment' },
    { code: 'formazione_operatori', axis: 'I', name: 'Formazione delle operatrici e degli operatori della rete' },
    // Axis II (§5, §9): tirocini di inclusione sociale and training courses.
    { code: 'tirocinio_attivazione', axis: 'II', name: 'Tirocinio: costi di attivazione' },
    { code: 'tirocinio_indennita', axis: 'II', name: 'Tirocinio: indennità di partecipazione' },
    { code: 'formazione', axis: 'II', name: 'Corso di formazione' },
    // Axis III (§5, priority 3.2): conciliation services for her children, and reimbursements.
    { code: 'conciliazione_trasporto', axis: 'III', name: 'Conciliazione: trasporto' },
    { code: 'conciliazione_doposcuola', axis: 'III', name: 'Conciliazione: doposcuola' },
    { code: 'conciliazione_mensa', axis: 'III', name: 'Conciliazione: mensa scolastica' },
    { code: 'conciliazione_trasporto_scolastico', axis: 'III', name: 'Conciliazione: trasporto scolastico' },
    { code: 'conciliazione_centri_estivi', axis: 'III', name: 'Conciliazione: centri estivi' },
    { code: 'conciliazione_ludico', axis: 'III', name: 'Conciliazione: attività ludico-ricreative' },
    { code: 'rimborso_trasporto', axis: 'III', name: 'Rimborso spese di trasporto' },
    { code: 'rimborso_pasto', axis: 'III', name: 'Rimborso spese del pasto' },
    // Axis IV (§5): the items the housing budget may cover.
    { code: 'deposito_cauzionale', axis: 'IV', name: 'Abitare: deposito cauzionale' },
    { code: 'compenso_agenzia', axis: 'IV', name: "Abitare: compenso dell'agenzia immobiliare" },
    { code: 'canone', axis: 'IV', name: 'Abitare: mensilità di canone' },
    { code: 'spese_condominiali', axis: 'IV', name: 'Abitare: spese condominiali' },
    { code: 'utenze', axis: 'IV', name: 'Abitare: utenze e allacci' },
    { code: 'rata_mutuo', axis: 'IV', name: 'Abitare: rata del mutuo' },
    { code: 'quota_ente_gestore', axis: 'IV', name: "Abitare: quota mensile dell'ente gestore (soluzioni abitative intermedie)" },
  ],
  caps: [
    {
      code: 'budget_autonomia',
      name: 'Budget di autonomia per progetto personalizzato',
      axes: ['II', 'III'],
      amountCents: 300_000,
      note: '§5: «un budget di autonomia per un valore massimo di € 3.000,00» per progetto personalizzato.',
    },
    {
      code: 'abitare',
      name: 'Massimale abitare per progettualità',
      axes: ['IV'],
      amountCents: 150_000,
      note: '§5, asse IV: la scheda riporta «€ 1.5000,00», che si legge € 1.500,00 o € 15.000,00: caricato come € 1.500,00, da confermare.',
    },
  ],
};

/** The expected results of L.I.A. 2 (§4), with what counts each. */
export const lia2Results: { label: string; measure: ResultMeasure; target: number }[] = [
  { label: "Percorsi personalizzati per l'inclusione attiva e/o l'autonomia abitativa", measure: 'percorsi', target: 12 },
  { label: "Accordi con soggetti del territorio per l'autonomia abitativa e/o lavorativa", measure: 'accordi', target: 1 },
  { label: 'Laboratorio di empowerment per le donne segnalate dai centri antiviolenza e dalla rete', measure: 'laboratorio_sessioni', target: 1 },
  { label: 'Incontro formativo per operatrici e operatori sul modello laboratoriale', measure: 'incontri_formativi', target: 1 },
];

/** The programme's own data in the sheet (§1, §2); the total is in the decree, not the sheet. */
export const lia2Programme = {
  name: 'Lavoro Inclusione Abitare – L.I.A. 2 Integrazione',
  acronym: 'L.I.A. 2',
  decreeRef: 'D.G.R. n. 6299 del 26/04/2022',
  startsOn: '2022-04-01',
  endsOn: '2024-03-31',
} as const;

/** The ready frames, by code (the create form offers them). */
export const readyFrames = {
  lia2: { programme: lia2Programme, frame: lia2Frame, results: lia2Results },
} as const;
export type ReadyFrameCode = keyof typeof readyFrames;
