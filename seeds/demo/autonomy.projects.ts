import type { ActionCreate } from '../../src/shared/autonomy.actions.api.js';
import type { ProjectMove, ProjectMoveReason } from '../../src/shared/autonomy.js';
import type { Cav } from './autonomy.kit.js';

/**
 * DEMO DATA — the 14 personalised projects of the demo's L.I.A. 2-like
 * programme (docs/autonomy.md, "Projects"), a pure plan that autonomy.ts
 * runs through the services: at least one in every state, each reached by
 * the moves the approval chain takes (the CAV's team proposes, another
 * CAV of the équipe validates or sends back, the capofila's coordinator
 * approves or sends back, the team starts, concludes or interrupts), with
 * planned budgets, expenses near and at the caps of the frame (€ 3,000 on
 * axes II+III, € 1,500 on axis IV), and actions of work, housing and
 * conciliation. Days count back from the load.
 */

/** A move and who makes it: the case's team, an équipe member (another CAV), or the capofila. */
export interface DemoMove {
  move: ProjectMove;
  by: 'team' | 'equipe' | 'capofila';
  reason?: ProjectMoveReason;
  /** The day it started or ended (avvia, concludi, interrompi), days before the load. */
  daysAgo?: number;
}
/** An expense: committed n days ago, then paid m days ago, cancelled, or left committed. */
export interface DemoExpense {
  category: string;
  cents: number;
  committed: number;
  paid?: number | 'annulla';
}
export interface DemoProject {
  cav: Cav;
  /** First contact with the CAV, days before the load. */
  since: number;
  areas: ('lavoro' | 'abitare')[];
  goals: string;
  planned: [category: string, cents: number][];
  /** The moves before the money and the actions; `after` once they are recorded. */
  moves: DemoMove[];
  expenses?: DemoExpense[];
  actions?: ((ago: (days: number) => string) => ActionCreate)[];
  after?: DemoMove[];
}

const team = (move: ProjectMove, daysAgo?: number, reason?: ProjectMoveReason): DemoMove => ({ move, by: 'team', ...(daysAgo !== undefined ? { daysAgo } : {}), ...(reason ? { reason } : {}) });
const proponi = team('proponi');
const valida: DemoMove = { move: 'valida', by: 'equipe' };
const approva: DemoMove = { move: 'approva', by: 'capofila' };
const approved = [proponi, valida, approva];

const GOAL = {
  lavoro: 'Rafforzare le competenze e trovare un lavoro stabile con orari compatibili con i figli (testo di prova).',
  abitare: 'Lasciare la soluzione temporanea e prendere in affitto una casa propria entro sei mesi (testo di prova).',
  entrambi: 'Un lavoro e una casa propria: tirocinio, poi ricerca di un alloggio in affitto (testo di prova).',
};

// Actions of the commonest kinds (details sealed under the case key by the service).
const cpi = (ago: (d: number) => string, d: number): ActionCreate => ({
  status: 'conclusa',
  outcome: 'positivo',
  startsOn: ago(d),
  endsOn: ago(d),
  details: { kind: 'colloquio_cpi', did: true, didOn: ago(d), sap: true, sapOn: ago(d), pattoServizio: true, pattoOn: ago(d - 7) },
});
const tirocinio = (ago: (d: number) => string, d: number, status: 'in_corso' | 'conclusa', cost: number): ActionCreate => ({
  status,
  outcome: status === 'conclusa' ? 'positivo' : 'in_attesa',
  startsOn: ago(d),
  ...(status === 'conclusa' ? { endsOn: ago(d - 180) } : {}),
  costCents: cost,
  details: { kind: 'tirocinio', host: 'Cooperativa sociale di prova (DEMO)', hoursPerWeek: 25, monthlyAllowanceCents: 60_000, paidBy: 'programma' },
});
const figli = (ago: (d: number) => string, d: number, service: 'doposcuola' | 'mensa_scolastica' | 'centri_estivi', cost: number): ActionCreate => ({
  status: 'in_corso',
  startsOn: ago(d),
  costCents: cost,
  details: { kind: 'servizio_figli', service, provider: 'Servizio comunale di prova' },
});

export const DEMO_PROJECTS: readonly DemoProject[] = [
  // bozza: a draft being planned.
  { cav: 'cremona', since: 60, areas: ['lavoro'], goals: GOAL.lavoro, planned: [['tirocinio_indennita', 180_000], ['rimborso_trasporto', 30_000]], moves: [] },
  // bozza again: the équipe sent it back (budget to revise).
  { cav: 'crema', since: 90, areas: ['lavoro', 'abitare'], goals: GOAL.entrambi, planned: [['tirocinio_indennita', 240_000], ['conciliazione_doposcuola', 60_000], ['canone', 120_000]], moves: [proponi, { move: 'rimanda', by: 'equipe', reason: 'budget_da_rivedere' }] },
  // proposta: awaiting the équipe.
  { cav: 'casalmaggiore', since: 70, areas: ['abitare'], goals: GOAL.abitare, planned: [['deposito_cauzionale', 90_000], ['canone', 60_000]], moves: [proponi] },
  // proposta again: validated, sent back by the capofila (documents missing), proposed anew.
  { cav: 'cremona', since: 100, areas: ['lavoro'], goals: GOAL.lavoro, planned: [['formazione', 150_000], ['conciliazione_centri_estivi', 50_000]], moves: [proponi, valida, { move: 'rimanda', by: 'capofila', reason: 'documentazione_mancante' }, proponi] },
  // validata: awaiting the capofila.
  { cav: 'crema', since: 80, areas: ['lavoro'], goals: GOAL.lavoro, planned: [['tirocinio_attivazione', 50_000], ['tirocinio_indennita', 200_000]], moves: [proponi, valida] },
  // approvata: the first expense committed.
  {
    cav: 'cremona',
    since: 75,
    areas: ['lavoro'],
    goals: GOAL.lavoro,
    planned: [['tirocinio_attivazione', 50_000], ['tirocinio_indennita', 240_000]],
    moves: approved,
    expenses: [{ category: 'tirocinio_attivazione', cents: 50_000, committed: 5 }],
    actions: [(ago) => cpi(ago, 20)],
  },
  { cav: 'casalmaggiore', since: 85, areas: ['lavoro', 'abitare'], goals: GOAL.entrambi, planned: [['formazione', 120_000], ['deposito_cauzionale', 80_000], ['utenze', 40_000]], moves: approved },
  // in_corso, exactly at the € 3,000 autonomy cap (axes II+III).
  {
    cav: 'cremona',
    since: 200,
    areas: ['lavoro'],
    goals: GOAL.lavoro,
    planned: [['tirocinio_indennita', 240_000], ['conciliazione_doposcuola', 40_000], ['rimborso_trasporto', 20_000]],
    moves: [...approved, team('avvia', 120)],
    expenses: [
      { category: 'tirocinio_indennita', cents: 80_000, committed: 100, paid: 90 },
      { category: 'conciliazione_doposcuola', cents: 40_000, committed: 110, paid: 100 },
      { category: 'tirocinio_indennita', cents: 80_000, committed: 70, paid: 60 },
      { category: 'tirocinio_indennita', cents: 80_000, committed: 40 },
      { category: 'rimborso_trasporto', cents: 20_000, committed: 10 },
    ],
    actions: [(ago) => cpi(ago, 125), (ago) => tirocinio(ago, 100, 'in_corso', 240_000), (ago) => figli(ago, 110, 'doposcuola', 40_000)],
  },
  // in_corso, € 5 under the autonomy cap.
  {
    cav: 'crema',
    since: 230,
    areas: ['lavoro'],
    goals: GOAL.lavoro,
    planned: [['tirocinio_attivazione', 50_000], ['tirocinio_indennita', 160_000], ['conciliazione_mensa', 45_000], ['rimborso_pasto', 45_000]],
    moves: [...approved, team('avvia', 150)],
    expenses: [
      { category: 'tirocinio_attivazione', cents: 50_000, committed: 145, paid: 140 },
      { category: 'tirocinio_indennita', cents: 80_000, committed: 120, paid: 110 },
      { category: 'tirocinio_indennita', cents: 80_000, committed: 90, paid: 80 },
      { category: 'conciliazione_mensa', cents: 45_000, committed: 60, paid: 50 },
      { category: 'rimborso_pasto', cents: 44_500, committed: 20 },
    ],
    actions: [
      (ago) => ({ status: 'conclusa', outcome: 'positivo', startsOn: ago(200), endsOn: ago(160), details: { kind: 'formazione', provider: 'Ente di formazione di prova (DEMO)', course: 'Addetta alla logistica', hours: 120 } }),
      (ago) => tirocinio(ago, 145, 'in_corso', 210_000),
      (ago) => figli(ago, 60, 'mensa_scolastica', 45_000),
    ],
  },
  // in_corso, exactly at the € 1,500 housing cap (axis IV): a flat found, its contract and deposit, and a public housing application.
  {
    cav: 'cremona',
    since: 160,
    areas: ['abitare'],
    goals: GOAL.abitare,
    planned: [['deposito_cauzionale', 90_000], ['compenso_agenzia', 30_000], ['utenze', 30_000]],
    moves: [...approved, team('avvia', 90)],
    expenses: [
      { category: 'deposito_cauzionale', cents: 90_000, committed: 85, paid: 84 },
      { category: 'compenso_agenzia', cents: 30_000, committed: 85, paid: 80 },
      { category: 'utenze', cents: 30_000, committed: 30 },
    ],
    actions: [
      (ago) => ({ status: 'conclusa', outcome: 'positivo', startsOn: ago(130), endsOn: ago(88), details: { kind: 'ricerca_casa', zone: 'Cremona, quartiere di prova' } }),
      (ago) => ({ status: 'in_corso', startsOn: ago(85), costCents: 45_000, details: { kind: 'contratto', address: 'Via di Prova 5, Cremona (indirizzo di prova)', monthlyRentCents: 45_000, landlord: 'Proprietario di prova' } }),
      (ago) => ({ status: 'conclusa', outcome: 'positivo', startsOn: ago(85), endsOn: ago(84), costCents: 90_000, details: { kind: 'deposito', amountCents: 90_000 } }),
      (ago) => ({ status: 'in_corso', outcome: 'in_attesa', startsOn: ago(60), details: { kind: 'domanda_casa_pubblica', body: 'aler', preferentialCategory: true, filedOn: ago(60) } }),
    ],
  },
  // in_corso without programme money: started once validated.
  {
    cav: 'casalmaggiore',
    since: 120,
    areas: ['lavoro'],
    goals: GOAL.lavoro,
    planned: [],
    moves: [proponi, valida, team('avvia', 30)],
    actions: [(ago) => cpi(ago, 28), (ago) => ({ status: 'in_corso', startsOn: ago(20), details: { kind: 'bilancio_competenze', by: "Centro per l'impiego (prova)" } })],
  },
  // conclusa seven months ago: its 6-month follow-up is due.
  {
    cav: 'crema',
    since: 480,
    areas: ['lavoro', 'abitare'],
    goals: GOAL.entrambi,
    planned: [['formazione', 120_000], ['conciliazione_centri_estivi', 60_000], ['canone', 100_000]],
    moves: [...approved, team('avvia', 400)],
    expenses: [
      { category: 'formazione', cents: 120_000, committed: 380, paid: 370 },
      { category: 'conciliazione_centri_estivi', cents: 60_000, committed: 330, paid: 320 },
      { category: 'canone', cents: 100_000, committed: 300, paid: 290 },
    ],
    actions: [
      (ago) => ({ status: 'conclusa', outcome: 'positivo', startsOn: ago(260), endsOn: ago(230), details: { kind: 'inserimento_lavorativo', employer: 'Azienda di prova (DEMO)', contract: 'determinato' } }),
      (ago) => ({ status: 'conclusa', outcome: 'positivo', startsOn: ago(390), endsOn: ago(250), details: { kind: 'domanda_casa_pubblica', body: 'comunale', preferentialCategory: true, filedOn: ago(390) } }),
      (ago) => figli(ago, 330, 'centri_estivi', 60_000),
    ],
    after: [team('concludi', 215)],
  },
  // conclusa last month: tirocinio, then a job.
  {
    cav: 'cremona',
    since: 380,
    areas: ['lavoro'],
    goals: GOAL.lavoro,
    planned: [['tirocinio_indennita', 180_000]],
    moves: [...approved, team('avvia', 300)],
    expenses: [
      { category: 'tirocinio_indennita', cents: 60_000, committed: 270, paid: 260 },
      { category: 'tirocinio_indennita', cents: 60_000, committed: 240, paid: 230 },
      { category: 'tirocinio_indennita', cents: 60_000, committed: 210, paid: 200 },
    ],
    actions: [
      (ago) => tirocinio(ago, 280, 'conclusa', 180_000),
      (ago) => ({ status: 'conclusa', outcome: 'positivo', startsOn: ago(60), endsOn: ago(45), details: { kind: 'inserimento_lavorativo', employer: 'Impresa di prova (DEMO)', contract: 'indeterminato' } }),
    ],
    after: [team('concludi', 40)],
  },
  // interrotta: she left the pathway; one expense paid, one cancelled.
  {
    cav: 'casalmaggiore',
    since: 260,
    areas: ['lavoro'],
    goals: GOAL.lavoro,
    planned: [['rimborso_trasporto', 60_000], ['conciliazione_trasporto', 50_000]],
    moves: [...approved, team('avvia', 200)],
    expenses: [
      { category: 'rimborso_trasporto', cents: 30_000, committed: 180, paid: 170 },
      { category: 'conciliazione_trasporto', cents: 50_000, committed: 150, paid: 'annulla' },
    ],
    actions: [(ago) => cpi(ago, 190)],
    after: [team('interrompi', 100, 'abbandono')],
  },
];

/** Who validates for the équipe a project of each CAV: the staff of another CAV member of it. */
export const VALIDATOR: Record<Cav, Cav> = { cremona: 'crema', crema: 'casalmaggiore', casalmaggiore: 'cremona' };
