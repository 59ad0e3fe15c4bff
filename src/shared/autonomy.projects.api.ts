import { z } from 'zod';
import { cents, frameCode } from './autonomy.api.js';
import { expenseStates, intakeRefusalReasons, intakeStates, projectMoveReasons, projectMoves, projectStates } from './autonomy.js';

/**
 * Personalised autonomy projects, their intake, approval chain, budget and
 * expenses (issue 14; docs/autonomy.md, "Projects"). Shared by the server
 * and the web.
 *
 * Routes (tag `autonomy`):
 * - POST /api/autonomy/intakes                     refer a case to a programme's équipe (the case's team with the plan)
 * - GET  /api/autonomy/intakes?box=inbox|sent[&caseId] the équipe's inbox, or the referrals of her organisation on cases she holds (one case's)
 * - POST /api/autonomy/intakes/:id/decision        the équipe admits or not (If-Match)
 * - POST /api/autonomy/intakes/:id/withdraw        the referring team withdraws it (If-Match)
 * - POST /api/autonomy/projects                    a project, from an admitted intake or naming programme and équipe (the team leading the plan)
 * - GET  /api/cases/:caseId/autonomy-projects      the case's projects as her side sees them
 * - GET  /api/autonomy/projects/:id                one project as her side sees it (ETag)
 * - PATCH /api/autonomy/projects/:id               areas, goals, notes while `bozza` (If-Match)
 * - PUT  /api/autonomy/projects/:id/budget         planned cents per category, every cap respected (If-Match)
 * - POST /api/autonomy/projects/:id/moves          a move of the approval chain, by its role (If-Match)
 * - GET  /api/autonomy/inbox                       projects awaiting her organisation (proposta: équipe; validata: capofila)
 * - POST /api/autonomy/projects/:id/expenses       an expense (Idempotency-Key): every cap and the partner's axis budget checked
 * - POST /api/autonomy/projects/:id/expenses/:expenseId/moves  paid or cancelled (If-Match on the expense)
 */

export { expenseStates, intakeRefusalReasons, intakeStates, projectMoveReasons, projectMoves, projectStates };

const note = z.string().trim().min(1).max(4000);
const isoDate = z.iso.date();
const named = z.object({ id: z.uuid(), name: z.string() });
/** A sum of amounts (a plan's total over uncapped categories may pass what one amount may be). */
const totalCents = z.number().int().min(0);

// ---------------------------------------------------------------- intakes

export const intakeCreate = z
  .object({
    programmeId: z.uuid(),
    equipeId: z.uuid(),
    caseId: z.uuid(),
    /** Why she is referred (sealed under the case key). */
    note: note.optional(),
  })
  .strict();
export type IntakeCreate = z.infer<typeof intakeCreate>;

export const intakeDecision = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('ammessa'), note: note.optional() }).strict(),
    z.object({ decision: z.literal('non_ammessa'), reason: z.enum(intakeRefusalReasons), note: note.optional() }).strict(),
  ]);
export type IntakeDecision = z.infer<typeof intakeDecision>;

export const intakesQuery = z.object({
  box: z.enum(['inbox', 'sent']).default('inbox'),
  state: z.enum(intakeStates).optional(),
  /** One case's referrals (the case's autonomy page): the same box, filtered by the server, not in the browser. */
  caseId: z.uuid().optional(),
});
export type IntakesQuery = z.output<typeof intakesQuery>;

export const intakeOut = z.object({
  id: z.uuid(),
  programme: named,
  equipe: named,
  caseId: z.uuid(),
  /** The case's pseudonymous code, never her name. */
  caseCode: z.string(),
  referringOrganisation: named,
  state: z.enum(intakeStates),
  refusalReason: z.enum(intakeRefusalReasons).nullable(),
  /** Why she was referred, and the équipe's reasoning (sealed; her team and the équipe). */
  note: z.string().nullable(),
  decisionNote: z.string().nullable(),
  referredAt: z.date(),
  decidedAt: z.date().nullable(),
  version: z.number().int(),
});
export type IntakeOut = z.infer<typeof intakeOut>;
export const intakeListOut = z.object({ items: z.array(intakeOut) });
export type IntakeListOut = z.infer<typeof intakeListOut>;

// ---------------------------------------------------------------- projects

const areas = z.array(frameCode).min(1).max(20);
const goals = z.string().trim().min(1).max(8000);

export const projectCreate = z.union([
  z.object({ intakeId: z.uuid(), caseId: z.uuid(), areas, goals, notes: note.optional() }).strict(),
  z.object({ programmeId: z.uuid(), equipeId: z.uuid(), caseId: z.uuid(), areas, goals, notes: note.optional() }).strict(),
]);
export type ProjectCreate = z.infer<typeof projectCreate>;

export const projectPatch = z.object({ areas: areas.optional(), goals: goals.optional(), notes: note.nullable().optional() }).strict();
export type ProjectPatch = z.infer<typeof projectPatch>;

/** The whole planned budget: cents per category (a category of the project's areas' axes), each once. */
export const projectBudget = z
  .object({ items: z.array(z.object({ categoryCode: frameCode, plannedCents: cents }).strict()).max(200) })
  .strict();
export type ProjectBudget = z.infer<typeof projectBudget>;

export const projectMove = z
  .object({
    move: z.enum(projectMoves),
    /** Required for `rimanda` and `interrompi`. */
    reason: z.enum(projectMoveReasons).optional(),
    /** A free comment (sealed). */
    comment: note.optional(),
    /** The day it started or ended (avvia, concludi, interrompi); today when absent. */
    on: isoDate.optional(),
  })
  .strict();
export type ProjectMoveIn = z.infer<typeof projectMove>;

/** Every cap of the programme's frame as it stands on this project. */
export const capStatus = z.object({
  code: z.string(),
  name: z.string(),
  axes: z.array(z.string()),
  capCents: cents,
  plannedCents: cents,
  /** Committed and paid (non-cancelled) expenses. */
  usedCents: cents,
  leftCents: cents,
});

export const expenseOut = z.object({
  id: z.uuid(),
  categoryCode: z.string(),
  axisCode: z.string(),
  partner: named,
  amountCents: cents,
  state: z.enum(expenseStates),
  committedOn: isoDate,
  paidOn: isoDate.nullable(),
  /** The receipt, a document of the case: the team's view only. */
  documentId: z.uuid().nullable(),
  /** The team's view only (sealed). */
  note: z.string().nullable(),
  version: z.number().int(),
});
export type ExpenseOut = z.infer<typeof expenseOut>;

export const stepOut = z.object({
  move: z.enum(projectMoves),
  fromState: z.enum(projectStates),
  toState: z.enum(projectStates),
  reason: z.enum(projectMoveReasons).nullable(),
  comment: z.string().nullable(),
  by: z.string().nullable(),
  byOrganisation: named,
  at: z.date(),
});

/**
 * What she sees of a project: `team` (the case's team with the plan
 * section: everything), `approval` (an équipe member or the capofila: the
 * case code, areas, goals, budget, caps, expenses without their notes and
 * receipts, history), `work_housing` (a team member holding only the
 * case's work and housing section: the project's work and housing actions
 * and its state, nothing else — goals, budget, expenses and history null).
 */
export const projectViews = ['team', 'approval', 'work_housing'] as const;
export const projectSides = ['team', 'equipe', 'capofila'] as const;

export const projectOut = z.object({
  id: z.uuid(),
  view: z.enum(projectViews),
  sides: z.array(z.enum(projectSides)),
  caseId: z.uuid(),
  caseCode: z.string(),
  programme: z.object({ id: z.uuid(), name: z.string(), acronym: z.string().nullable() }),
  equipe: named,
  referringOrganisation: named,
  areas: z.array(z.string()),
  /** The frame's names of what the project uses (empty in the work_housing view): its areas, their categories, the programme's partners. */
  frame: z.object({
    areas: z.array(z.object({ code: z.string(), name: z.string() })),
    categories: z.array(z.object({ code: z.string(), axisCode: z.string(), name: z.string() })),
    partners: z.array(named),
  }),
  state: z.enum(projectStates),
  startedOn: isoDate.nullable(),
  endedOn: isoDate.nullable(),
  goals: z.string().nullable(),
  notes: z.string().nullable(),
  budget: z
    .object({
      items: z.array(z.object({ categoryCode: z.string(), axisCode: z.string(), plannedCents: cents })),
      plannedCents: totalCents,
      usedCents: totalCents,
      caps: z.array(capStatus),
    })
    .nullable(),
  expenses: z.array(expenseOut).nullable(),
  steps: z.array(stepOut).nullable(),
  /** What she may do now (derived from the same decision). */
  can: z.object({ edit: z.boolean(), budget: z.boolean(), expense: z.boolean(), moves: z.array(z.enum(projectMoves)) }),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ProjectOut = z.infer<typeof projectOut>;

export const projectSummary = z.object({
  id: z.uuid(),
  view: z.enum(projectViews),
  caseId: z.uuid(),
  caseCode: z.string(),
  programme: z.object({ id: z.uuid(), name: z.string(), acronym: z.string().nullable() }),
  equipe: named,
  referringOrganisation: named,
  areas: z.array(z.string()),
  state: z.enum(projectStates),
  /** Null in the work_housing view. */
  plannedCents: totalCents.nullable(),
  updatedAt: z.date(),
  version: z.number().int(),
});
export type ProjectSummary = z.infer<typeof projectSummary>;
export const projectListOut = z.object({ items: z.array(projectSummary) });
export type ProjectListOut = z.infer<typeof projectListOut>;

// ---------------------------------------------------------------- expenses

export const expenseCreate = z
  .object({
    categoryCode: frameCode,
    /** A partner of the programme: whose share of the category's axis pays. */
    partnerOrganisationId: z.uuid(),
    amountCents: cents.min(1),
    committedOn: isoDate,
    /** The receipt: a document of this project's case. */
    documentId: z.uuid().optional(),
    note: note.optional(),
  })
  .strict();
export type ExpenseCreate = z.infer<typeof expenseCreate>;

export const expenseMove = z.discriminatedUnion('move', [
  z.object({ move: z.literal('paga'), paidOn: isoDate }).strict(),
  z.object({ move: z.literal('annulla') }).strict(),
]);
export type ExpenseMove = z.infer<typeof expenseMove>;
