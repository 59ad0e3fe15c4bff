import { type SQL, and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type ProjectMove, projectMoves, projectTransitions } from '../../../shared/autonomy.js';
import { type ProgrammeFrame, categoriesOfAreas } from '../../../shared/autonomy.api.js';
import type { ExpenseOut, ProjectOut, ProjectSummary } from '../../../shared/autonomy.projects.api.js';
import type { Scope } from '../../access/scope.js';
import { users } from '../../access/access.tables.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db.js';
import { cases, inOrder } from '../cases/index.js';
import { organisations } from '../organisations/index.js';
import { type ProjectAccess, type ProjectRow, type ProgrammeRow, mayMove } from './autonomy.access.js';
import { autonomyEquipes, autonomyExpenses, autonomyPartners, autonomyProgrammes, autonomyProjectBudgets, autonomyProjectSteps, autonomyProjects } from './autonomy.tables.js';
import { unsealFor } from './projects.seal.js';

/** A project's sealed content. */
export interface ProjectContent {
  goals: string;
  notes?: string | null;
}

const referring = alias(organisations, 'referring');

/** Projects with their programme and what every view names (case code, équipe, referring organisation). */
export function selectProjects(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      project: autonomyProjects,
      programme: autonomyProgrammes,
      caseCode: cases.code,
      caseOrganisationId: cases.organisationId,
      equipe: { id: autonomyEquipes.id, name: autonomyEquipes.name },
      referring: { id: referring.id, name: referring.name },
    })
    .from(autonomyProjects)
    .innerJoin(autonomyProgrammes, eq(autonomyProgrammes.id, autonomyProjects.programmeId))
    .innerJoin(cases, eq(cases.id, autonomyProjects.caseId))
    .innerJoin(autonomyEquipes, eq(autonomyEquipes.id, autonomyProjects.equipeId))
    .innerJoin(referring, eq(referring.id, autonomyProjects.referringOrganisationId))
    .where(where);
}
export type SelectedProject = Awaited<ReturnType<typeof selectProjects>>[number];

/** Sums of non-cancelled expenses of a project by axis. */
export async function usedByAxis(db: DbOrTx, projectId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ axis: autonomyExpenses.axisCode, cents: sql<string>`coalesce(sum(${autonomyExpenses.amountCents}), 0)` })
    .from(autonomyExpenses)
    .where(and(eq(autonomyExpenses.projectId, projectId), ne(autonomyExpenses.state, 'annullata')))
    .groupBy(autonomyExpenses.axisCode);
  return new Map(rows.map((r) => [r.axis, Number(r.cents)]));
}

const axisOf = (frame: ProgrammeFrame, category: string) => frame.categories.find((c) => c.code === category)?.axis ?? '';

/** The planned budget and every cap as it stands (planned, used, left). */
export async function budgetOf(db: DbOrTx, project: ProjectRow, programme: ProgrammeRow) {
  const frame = programme.frame;
  const planned = await db.select().from(autonomyProjectBudgets).where(eq(autonomyProjectBudgets.projectId, project.id)).orderBy(asc(autonomyProjectBudgets.categoryCode));
  const used = await usedByAxis(db, project.id);
  const items = planned.map((p) => ({ categoryCode: p.categoryCode, axisCode: axisOf(frame, p.categoryCode), plannedCents: p.plannedCents }));
  const caps = frame.caps.map((cap) => {
    const plannedCents = items.filter((i) => cap.axes.includes(i.axisCode)).reduce((n, i) => n + i.plannedCents, 0);
    const usedCents = cap.axes.reduce((n, a) => n + (used.get(a) ?? 0), 0);
    return { code: cap.code, name: cap.name, axes: cap.axes, capCents: cap.amountCents, plannedCents, usedCents, leftCents: Math.max(0, cap.amountCents - usedCents) };
  });
  return {
    items,
    plannedCents: items.reduce((n, i) => n + i.plannedCents, 0),
    usedCents: [...used.values()].reduce((n, v) => n + v, 0),
    caps,
  };
}

async function expensesOf(ctx: AppContext, db: DbOrTx, projectId: string, team: boolean): Promise<ExpenseOut[]> {
  const rows = await db
    .select({ expense: autonomyExpenses, partner: { id: organisations.id, name: organisations.name } })
    .from(autonomyExpenses)
    .innerJoin(organisations, eq(organisations.id, autonomyExpenses.partnerOrganisationId))
    .where(eq(autonomyExpenses.projectId, projectId))
    .orderBy(asc(autonomyExpenses.committedOn), asc(autonomyExpenses.createdAt));
  return inOrder(rows, async ({ expense: e, partner }) => ({
    id: e.id,
    categoryCode: e.categoryCode,
    axisCode: e.axisCode,
    partner,
    amountCents: e.amountCents,
    state: e.state,
    committedOn: e.committedOn,
    paidOn: e.paidOn,
    // The receipt and what it was for are the team's: the approval view sees amounts only.
    documentId: team ? e.documentId : null,
    note: team ? await unsealFor<string>(ctx, db, 'autonomy_expense.note', e.id, e.noteSealed) : null,
    version: e.version,
  }));
}

async function stepsOf(ctx: AppContext, db: DbOrTx, projectId: string) {
  const rows = await db
    .select({ step: autonomyProjectSteps, by: users.displayName, org: { id: organisations.id, name: organisations.name } })
    .from(autonomyProjectSteps)
    .leftJoin(users, eq(users.id, autonomyProjectSteps.byUserId))
    .innerJoin(organisations, eq(organisations.id, autonomyProjectSteps.byOrganisationId))
    .where(eq(autonomyProjectSteps.projectId, projectId))
    .orderBy(asc(autonomyProjectSteps.at), asc(autonomyProjectSteps.id));
  return inOrder(rows, async ({ step: s, by, org }) => ({
    move: s.move,
    fromState: s.fromState,
    toState: s.toState,
    reason: s.reason,
    comment: await unsealFor<string>(ctx, db, 'autonomy_step.comment', s.id, s.commentSealed),
    by,
    byOrganisation: org,
    at: s.at,
  }));
}

/** The moves she may make now: the state allows it, her side and role make it hers, and `avvia` from validata only without programme money. */
export function movesOf(scope: Scope, a: ProjectAccess, plannedCents: number): ProjectMove[] {
  return projectMoves.filter((m) => {
    if (!projectTransitions[m].from.includes(a.project.state)) return false;
    if (m === 'avvia' && a.project.state === 'validata' && plannedCents > 0) return false;
    return mayMove(scope, a, m);
  });
}

async function partnersOf(db: DbOrTx, programmeId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(autonomyPartners)
    .innerJoin(organisations, eq(organisations.id, autonomyPartners.organisationId))
    .where(eq(autonomyPartners.programmeId, programmeId))
    .orderBy(asc(organisations.name));
}

export const spendable = (state: ProjectRow['state']) => state === 'approvata' || state === 'in_corso';

export async function presentProject(ctx: AppContext, db: DbOrTx, scope: Scope, r: SelectedProject, a: ProjectAccess): Promise<ProjectOut> {
  const { project, programme } = r;
  const wide = a.view !== 'work_housing';
  const content = wide ? await unsealFor<ProjectContent>(ctx, db, 'autonomy_project.content', project.id, project.contentSealed) : null;
  const budget = wide ? await budgetOf(db, project, programme) : null;
  const planned = budget?.plannedCents ?? (await budgetOf(db, project, programme)).plannedCents;
  return {
    id: project.id,
    view: a.view,
    sides: a.sides,
    caseId: project.caseId,
    caseCode: r.caseCode,
    programme: { id: programme.id, name: programme.name, acronym: programme.acronym },
    equipe: r.equipe,
    referringOrganisation: r.referring,
    areas: project.areas,
    frame: {
      areas: programme.frame.areas.filter((x) => project.areas.includes(x.code)).map((x) => ({ code: x.code, name: x.name })),
      categories: wide ? categoriesOfAreas(programme.frame, project.areas).map((c) => ({ code: c.code, axisCode: c.axis, name: c.name })) : [],
      partners: wide ? await partnersOf(db, programme.id) : [],
    },
    state: project.state,
    startedOn: project.startedOn,
    endedOn: project.endedOn,
    goals: content?.goals ?? null,
    notes: content?.notes ?? null,
    budget,
    expenses: wide ? await expensesOf(ctx, db, project.id, a.view === 'team') : null,
    steps: wide ? await stepsOf(ctx, db, project.id) : null,
    can: {
      edit: a.leads && project.state === 'bozza',
      budget: a.leads && project.state === 'bozza',
      expense: a.spends && spendable(project.state),
      moves: movesOf(scope, a, planned),
    },
    version: project.version,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
  };
}

/** A list's line: never more than the detail shows (the planned total is null in the work_housing view). */
export async function summarise(db: DbOrTx, rows: readonly SelectedProject[], decided: Map<string, ProjectAccess>): Promise<ProjectSummary[]> {
  const shown = rows.filter((r) => decided.has(r.project.id));
  const ids = shown.map((r) => r.project.id);
  const totals = ids.length
    ? new Map(
        (
          await db
            .select({ projectId: autonomyProjectBudgets.projectId, cents: sql<string>`sum(${autonomyProjectBudgets.plannedCents})` })
            .from(autonomyProjectBudgets)
            .where(inArray(autonomyProjectBudgets.projectId, ids))
            .groupBy(autonomyProjectBudgets.projectId)
        ).map((t) => [t.projectId, Number(t.cents)]),
      )
    : new Map<string, number>();
  return shown.map((r) => {
    const a = decided.get(r.project.id)!;
    return {
      id: r.project.id,
      view: a.view,
      caseId: r.project.caseId,
      caseCode: r.caseCode,
      programme: { id: r.programme.id, name: r.programme.name, acronym: r.programme.acronym },
      equipe: r.equipe,
      referringOrganisation: r.referring,
      areas: r.project.areas,
      state: r.project.state,
      plannedCents: a.view === 'work_housing' ? null : (totals.get(r.project.id) ?? 0),
      updatedAt: r.project.updatedAt,
      version: r.project.version,
    };
  });
}
