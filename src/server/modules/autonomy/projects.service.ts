import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, notInArray, or } from 'drizzle-orm';
import { movesNeedingReason, projectTransitions } from '../../../shared/autonomy.js';
import { categoriesOfAreas } from '../../../shared/autonomy.api.js';
import type { ProjectBudget, ProjectCreate, ProjectListOut, ProjectMoveIn, ProjectOut, ProjectPatch } from '../../../shared/autonomy.projects.api.js';
import type { FieldIssue } from '../../../shared/problems.js';
import type { Scope } from '../../access/scope.js';
import { type AuditEvent, actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AuditAction } from '../../audit/catalogue.js';
import type { AppContext } from '../../context.js';
import { type Tx, readHandle, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { accessCase, leadsPlan, readOnCase } from '../cases/index.js';
import { type ProjectAccess, type ProgrammeRow, actorOfMove, decideProject, decideProjects, mayMove } from './autonomy.access.js';
import { autonomyEquipeMembers, autonomyIntakes, autonomyProgrammes, autonomyProjectBudgets, autonomyProjectSteps, autonomyProjects } from './autonomy.tables.js';
import { programmeAndEquipe } from './intakes.service.js';
import { programmeActor } from './programmes.access.js';
import { type ProjectContent, type SelectedProject, budgetOf, presentProject, selectProjects, summarise } from './projects.present.js';
import { sealFor, unsealFor } from './projects.seal.js';
import { scheduleFollowUps } from './followups.service.js';
import { notifyProjectMove } from './projects.notify.js';

/**
 * Personalised autonomy projects and their approval chain (docs/autonomy.md,
 * "Projects"). Every read and write takes the autonomy access decision
 * (autonomy.access.ts); a project she may not see is 404, audited as
 * denied. Writes are one transaction holding the project row `for update`,
 * with their audit row.
 */

const DENIED = Symbol('denied');
const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });

/** The areas must be the frame's. */
function checkAreas(programme: ProgrammeRow, areas: readonly string[]) {
  const known = new Set(programme.frame.areas.map((a) => a.code));
  const errors: FieldIssue[] = [];
  const seen = new Set<string>();
  areas.forEach((code, i) => {
    if (!known.has(code)) errors.push({ pointer: `/body/areas/${i}`, code: 'unknown_item' });
    else if (seen.has(code)) errors.push({ pointer: `/body/areas/${i}`, code: 'duplicate' });
    seen.add(code);
  });
  if (errors.length) throw invalid(...errors);
}

/** A project from an admitted intake of this case, or naming programme and équipe; the case's team leading the plan. */
export async function createProject(ctx: AppContext, scope: Scope, input: ProjectCreate, requestId: string): Promise<ProjectOut> {
  const id = randomUUID();
  const audit: AuditEvent = { ...actedBy(scope, requestId, 'autonomy.project.create', { type: 'autonomy_project', id }), subjectIds: [input.caseId] };
  const done = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const access = await accessCase(tx, scope, input.caseId);
      if (!access || !access.sections.has('plan')) {
        await writeAudit(tx, { ...audit, resourceId: null, outcome: 'denied' });
        return DENIED;
      }
      if (!leadsPlan(access)) throw new AppError('forbidden');
      if (await ctx.crypto.cases.erased(tx, input.caseId)) throw new AppError('case_erased');
      let programmeId: string;
      let equipeId: string;
      let intakeId: string | null = null;
      if ('intakeId' in input) {
        const [intake] = await tx
          .select()
          .from(autonomyIntakes)
          .where(and(eq(autonomyIntakes.id, input.intakeId), eq(autonomyIntakes.caseId, input.caseId)))
          .for('update');
        if (!intake) throw invalid({ pointer: '/body/intakeId', code: 'unknown_item' });
        if (intake.state !== 'ammessa') throw invalid({ pointer: '/body/intakeId', code: 'not_allowed' });
        const [live] = await tx
          .select({ id: autonomyProjects.id })
          .from(autonomyProjects)
          .where(and(eq(autonomyProjects.intakeId, intake.id), notInArray(autonomyProjects.state, ['interrotta'])));
        if (live) throw new AppError('conflict');
        ({ programmeId, equipeId } = intake);
        intakeId = intake.id;
      } else {
        ({ programmeId, equipeId } = input);
      }
      // Named directly, the programme must be one she reads; an admitted intake already names one.
      const { programme } = await programmeAndEquipe(tx, programmeId, equipeId, intakeId ? undefined : programmeActor(scope, requestId));
      checkAreas(programme, input.areas);
      const content: ProjectContent = { goals: input.goals, notes: input.notes ?? null };
      await tx.insert(autonomyProjects).values({
        id,
        programmeId,
        caseId: input.caseId,
        intakeId,
        equipeId,
        referringOrganisationId: scope.principal.organisation!.id,
        areas: input.areas,
        contentSealed: await sealFor(ctx, tx, access.row, 'autonomy_project.content', id, content),
        createdBy: scope.principal.userId,
      });
      await writeAudit(tx, { ...audit, purpose: `programme:${programmeId}${intakeId ? `;intake:${intakeId}` : ''}` });
      return id;
    },
    () => new AppError('conflict'),
  );
  if (done === DENIED) throw new AppError('not_found');
  return getProject(ctx, scope, id, requestId);
}

export async function getProject(ctx: AppContext, scope: Scope, id: string, requestId: string): Promise<ProjectOut> {
  const db = readHandle(ctx.database.db);
  const [r] = await selectProjects(db, eq(autonomyProjects.id, id));
  const a = r ? await decideProject(db, scope, r) : null;
  const audit = actedBy(scope, requestId, 'autonomy.project.read', { type: 'autonomy_project', id });
  if (!r || !a) {
    await writeAuditAlone(ctx.database.db, { ...audit, outcome: 'denied' });
    throw new AppError('not_found');
  }
  const out = await presentProject(ctx, db, scope, r, a);
  await writeAuditAlone(ctx.database.db, {
    ...audit,
    purpose: `${a.sides.join('+')};${a.view}${a.team?.via === 'break_glass' ? ';break_glass' : ''}`,
    subjectIds: [r.project.caseId],
  });
  return out;
}

/**
 * Runs a write on one project: the row locked, the decision taken in the
 * transaction (404 audited when she holds no side), then `allowed` (403
 * when her side may not), the version (412), the work and its audit row.
 */
export async function onProject<T>(
  ctx: AppContext,
  scope: Scope,
  id: string,
  requestId: string,
  action: AuditAction,
  expected: number | null,
  allowed: (a: ProjectAccess) => boolean,
  work: (tx: Tx, a: ProjectAccess, r: SelectedProject) => Promise<{ value: T; purpose: string | null }>,
): Promise<T> {
  const audit = actedBy(scope, requestId, action, { type: 'autonomy_project', id });
  const done = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      // The project row first: every writer of a project, its budget and its expenses takes it (then a partner's budget row).
      await tx.select({ id: autonomyProjects.id }).from(autonomyProjects).where(eq(autonomyProjects.id, id)).for('update');
      const [r] = await selectProjects(tx, eq(autonomyProjects.id, id));
      const a = r ? await decideProject(tx, scope, r) : null;
      if (!r || !a) {
        await writeAudit(tx, { ...audit, outcome: 'denied' });
        return { denied: DENIED } as const;
      }
      if (!allowed(a)) throw new AppError('forbidden');
      if (expected !== null && r.project.version !== expected) throw new AppError('precondition_failed');
      const { value, purpose } = await work(tx, a, r);
      await writeAudit(tx, { ...audit, purpose, subjectIds: [r.project.caseId] });
      return { value };
    },
    () => new AppError('conflict'),
  );
  if ('denied' in done) throw new AppError('not_found');
  return done.value;
}

const caseOwner = (r: SelectedProject) => ({ id: r.project.caseId, organisationId: r.caseOrganisationId });

/** Areas, goals and notes of a draft (If-Match): the team leading the plan. */
export async function patchProject(ctx: AppContext, scope: Scope, id: string, expected: number, input: ProjectPatch, requestId: string): Promise<ProjectOut> {
  await onProject(ctx, scope, id, requestId, 'autonomy.project.update', expected, (a) => a.leads, async (tx, a, r) => {
    const { project, programme } = a;
    if (project.state !== 'bozza') throw new AppError('autonomy_project_state');
    const set: Partial<typeof autonomyProjects.$inferInsert> = {};
    if (input.areas) {
      checkAreas(programme, input.areas);
      // A planned category left outside the new areas is refused, not dropped.
      const allowed = new Set(categoriesOfAreas(programme.frame, input.areas).map((c) => c.code));
      const planned = await tx.select({ code: autonomyProjectBudgets.categoryCode }).from(autonomyProjectBudgets).where(eq(autonomyProjectBudgets.projectId, id));
      if (planned.some((p) => !allowed.has(p.code))) throw invalid({ pointer: '/body/areas', code: 'not_allowed' });
      set.areas = input.areas;
    }
    if (input.goals !== undefined || input.notes !== undefined) {
      const before = await unsealFor<ProjectContent>(ctx, tx, 'autonomy_project.content', id, project.contentSealed);
      const content: ProjectContent = { goals: input.goals ?? before?.goals ?? '', notes: input.notes === undefined ? (before?.notes ?? null) : input.notes };
      set.contentSealed = await sealFor(ctx, tx, caseOwner(r), 'autonomy_project.content', id, content);
    }
    await tx.update(autonomyProjects).set({ ...set, version: project.version + 1, updatedAt: new Date() }).where(eq(autonomyProjects.id, id));
    return { value: null, purpose: Object.keys(input).sort().join(',') };
  });
  return getProject(ctx, scope, id, requestId);
}

/** Cents per category of the areas' axes, each once; every cap respected by the categories it covers together. */
export async function putBudget(ctx: AppContext, scope: Scope, id: string, expected: number, input: ProjectBudget, requestId: string): Promise<ProjectOut> {
  await onProject(ctx, scope, id, requestId, 'autonomy.project.budget', expected, (a) => a.leads, async (tx, a) => {
    const { project, programme } = a;
    if (project.state !== 'bozza') throw new AppError('autonomy_project_state');
    const frame = programme.frame;
    const categories = new Map(categoriesOfAreas(frame, project.areas).map((c) => [c.code, c.axis]));
    const errors: FieldIssue[] = [];
    const seen = new Set<string>();
    input.items.forEach((item, i) => {
      if (!categories.has(item.categoryCode)) errors.push({ pointer: `/body/items/${i}/categoryCode`, code: 'unknown_item' });
      else if (seen.has(item.categoryCode)) errors.push({ pointer: `/body/items/${i}/categoryCode`, code: 'duplicate' });
      seen.add(item.categoryCode);
    });
    if (errors.length) throw invalid(...errors);
    for (const cap of frame.caps) {
      const planned = input.items.filter((i) => cap.axes.includes(categories.get(i.categoryCode)!)).reduce((n, i) => n + i.plannedCents, 0);
      if (planned > cap.amountCents) throw capExceeded('/body/items', cap.code, cap.amountCents, planned, 0);
    }
    await tx.delete(autonomyProjectBudgets).where(eq(autonomyProjectBudgets.projectId, id));
    const rows = input.items.filter((i) => i.plannedCents > 0).map((i) => ({ projectId: id, categoryCode: i.categoryCode, plannedCents: i.plannedCents }));
    if (rows.length) await tx.insert(autonomyProjectBudgets).values(rows);
    await tx.update(autonomyProjects).set({ version: project.version + 1, updatedAt: new Date() }).where(eq(autonomyProjects.id, id));
    return { value: null, purpose: `planned:${rows.reduce((n, r) => n + r.plannedCents, 0)}` };
  });
  return getProject(ctx, scope, id, requestId);
}

const euro = (cents: number) => `€ ${(cents / 100).toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * 409 naming the cap and what is left (params of the field error, never a
 * person): `usedCents` is what the cap already carries (for a planned
 * budget: what the plan asks), `leftCents` what it may still take.
 */
export function capExceeded(pointer: string, cap: string, capCents: number, usedCents: number, leftCents: number) {
  return new AppError('autonomy_cap_exceeded', {
    errors: [{ pointer, code: 'cap_exceeded', params: { cap, capCents, usedCents, leftCents, capEuro: euro(capCents), usedEuro: euro(usedCents), leftEuro: euro(leftCents) } }],
  });
}
export function budgetExceeded(pointer: string, axis: string, capCents: number, usedCents: number, leftCents: number) {
  return new AppError('autonomy_budget_exceeded', {
    errors: [{ pointer, code: 'budget_exceeded', params: { axis, capCents, usedCents, leftCents, capEuro: euro(capCents), usedEuro: euro(usedCents), leftEuro: euro(leftCents) } }],
  });
}

/** A move of the approval chain, by its role (docs/autonomy.md): a step row, the project's state and version, its audit row. */
export async function moveProject(ctx: AppContext, scope: Scope, id: string, expected: number, input: ProjectMoveIn, requestId: string): Promise<ProjectOut> {
  if (movesNeedingReason.includes(input.move) && !input.reason) throw invalid({ pointer: '/body/reason', code: 'reason_required' });
  await onProject(ctx, scope, id, requestId, 'autonomy.project.move', expected, (a) => mayMove(scope, a, input.move), async (tx, a, r) => {
    const { project } = a;
    const from = project.state;
    const rule = projectTransitions[input.move];
    if (!rule.from.includes(from)) throw new AppError('autonomy_project_state');
    // Without programme money there is nothing for the capofila to approve: it starts once validated; with it, only once approved.
    if (input.move === 'avvia' && from === 'validata' && (await budgetOf(tx, project, a.programme)).plannedCents > 0) throw new AppError('autonomy_project_state');
    const to = rule.to!;
    const on = input.on ?? romeToday();
    // It cannot end before it started (the follow-ups count from its end).
    if ((input.move === 'concludi' || input.move === 'interrompi') && project.startedOn && on < project.startedOn) throw invalid({ pointer: '/body/on', code: 'from_after_to' });
    const stepId = randomUUID();
    const owner = { id: project.caseId, organisationId: r.caseOrganisationId };
    await tx.insert(autonomyProjectSteps).values({
      id: stepId,
      projectId: id,
      move: input.move,
      fromState: from,
      toState: to,
      reason: input.reason ?? null,
      commentSealed: input.comment ? await sealFor(ctx, tx, owner, 'autonomy_step.comment', stepId, input.comment) : null,
      byUserId: scope.principal.userId,
      byOrganisationId: scope.principal.organisation!.id,
    });
    await tx
      .update(autonomyProjects)
      .set({
        state: to,
        ...(input.move === 'avvia' ? { startedOn: on } : {}),
        ...(input.move === 'concludi' || input.move === 'interrompi' ? { endedOn: on } : {}),
        version: project.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(autonomyProjects.id, id));
    if (to === 'conclusa') await scheduleFollowUps(tx, [id]);
    // The next actor hears of it in this transaction: no notice of a move that did not commit.
    const moved = { id, caseId: project.caseId, caseOrganisationId: r.caseOrganisationId, equipeId: project.equipeId, capofilaOrganisationId: a.programme.capofilaOrganisationId };
    await notifyProjectMove(tx, input.move, from, moved, scope.principal.userId, input.reason ?? null);
    return { value: null, purpose: `${input.move}:${from}->${to};${actorOfMove(input.move, from)}${input.reason ? `;${input.reason}` : ''}` };
  });
  return getProject(ctx, scope, id, requestId);
}

/** The case's projects as her side sees them: the case's team (plan or work and housing), through the choke point. */
export function caseProjects(ctx: AppContext, scope: Scope, caseId: string, requestId: string): Promise<ProjectListOut> {
  return readOnCase(ctx, scope, caseId, requestId, 'autonomy.project.list', ['plan', 'work_housing'], async (db) => {
    const rows = await selectProjects(db, eq(autonomyProjects.caseId, caseId)).orderBy(desc(autonomyProjects.createdAt));
    return { items: await summarise(db, rows, await decideProjects(db, scope, rows)) };
  });
}

/** Projects awaiting her organisation: proposed to an équipe it is a member of, validated in a programme it runs as capofila. */
export async function inbox(ctx: AppContext, scope: Scope, requestId: string): Promise<ProjectListOut> {
  const organisation = scope.principal.organisation;
  if (!organisation) throw new AppError('forbidden');
  const db = readHandle(ctx.database.db);
  const equipes = db.select({ id: autonomyEquipeMembers.equipeId }).from(autonomyEquipeMembers).where(eq(autonomyEquipeMembers.organisationId, organisation.id));
  const rows = await selectProjects(
    db,
    or(
      and(eq(autonomyProjects.state, 'proposta'), inArray(autonomyProjects.equipeId, equipes)),
      and(eq(autonomyProjects.state, 'validata'), eq(autonomyProgrammes.capofilaOrganisationId, organisation.id)),
    ),
  )
    .orderBy(autonomyProjects.updatedAt)
    .limit(200);
  const decided = await decideProjects(db, scope, rows);
  // Awaiting her: the side whose move is next.
  for (const r of rows) {
    const a = decided.get(r.project.id);
    if (a && !a.sides.includes(r.project.state === 'proposta' ? 'equipe' : 'capofila')) decided.delete(r.project.id);
  }
  const items = await summarise(db, rows, decided);
  await writeAuditAlone(ctx.database.db, {
    ...actedBy(scope, requestId, 'autonomy.project.list'),
    purpose: `inbox: ${items.length}`,
    subjectIds: [...new Set(items.map((i) => i.caseId))],
  });
  return { items };
}
