import { randomUUID } from 'node:crypto';
import type { FieldErrorCode } from '../../../shared/field-errors.js';
import { and, asc, eq } from 'drizzle-orm';
import { type ActionFamily, actionFamilies, familyOf } from '../../../shared/autonomy.js';
import type { ActionCreate, ActionDetails, ActionListOut, ActionOut, ActionPatch } from '../../../shared/autonomy.actions.api.js';
import { activeRoles, isAllowed } from '../../access/policy.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, readHandle } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { type SealedField, inOrder, seal, unseal } from '../cases/index.js';
import { type ProjectAccess, decideProject } from './autonomy.access.js';
import { autonomyPolicy } from './autonomy.policy.js';
import { autonomyActions, autonomyProjects } from './autonomy.tables.js';
import { selectProjects } from './projects.present.js';
import { onProject } from './projects.service.js';

/**
 * The actions of a personalised project (docs/autonomy.md, "Actions"):
 * work, housing, conciliation and economic actions, each with its
 * kind-specific details sealed under the case key (`autonomy_action.details`,
 * bound to the action's id). Every read and write takes the autonomy access
 * decision:
 * - the team with the plan section sees and writes every action (the write
 *   role of the policy);
 * - a team member holding only `work_housing` (a CPI, a housing agency)
 *   sees and writes the `lavoro` and `abitare` actions, with their details;
 * - the approval view (the équipe's members, the capofila) sees every
 *   action's family, kind, status, outcome, dates and cost — never its
 *   details (the employer, the host, the new address), which the
 *   assessment of a budget does not need;
 * - anybody else: 404, audited as denied.
 */

const FIELD = 'autonomy_action.details' satisfies SealedField;
const WORK_HOUSING: readonly ActionFamily[] = ['lavoro', 'abitare'];

const mayWrite = (scope: Scope) => isAllowed(autonomyPolicy['autonomy.project.write'], activeRoles(scope.principal), scope.principal.organisation?.type ?? null);

/** The families she sees on this project. */
export function familiesSeen(a: ProjectAccess): readonly ActionFamily[] {
  return a.view === 'work_housing' ? WORK_HOUSING : actionFamilies;
}

/** The families she writes: the team (plan: all; work_housing only: work and housing), with the write role. */
export function familiesWritten(scope: Scope, a: ProjectAccess): ActionFamily[] {
  if (!a.team || !mayWrite(scope)) return [];
  if (a.team.sections.has('plan')) return [...actionFamilies];
  return a.team.sections.has('work_housing') ? [...WORK_HOUSING] : [];
}

const detailsOpen = (a: ProjectAccess) => a.view !== 'approval';

type ActionRow = typeof autonomyActions.$inferSelect;

async function present(ctx: AppContext, db: DbOrTx, a: ProjectAccess, rows: readonly ActionRow[]): Promise<ActionOut[]> {
  const seen = familiesSeen(a);
  return inOrder(
    rows.filter((r) => seen.includes(r.family)),
    async (r) => ({
      id: r.id,
      family: r.family,
      kind: r.kind,
      status: r.status,
      outcome: r.outcome,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      costCents: r.costCents,
      details: detailsOpen(a) ? await unseal<ActionDetails>(ctx.crypto, db, FIELD, r.id, r.detailsSealed) : null,
      version: r.version,
      updatedAt: r.updatedAt,
    }),
  );
}

/** The actions of a project as her side sees them, audited (her view and the count in purpose). */
export async function listActions(ctx: AppContext, scope: Scope, projectId: string, requestId: string): Promise<ActionListOut> {
  const db = readHandle(ctx.database.db);
  const [r] = await selectProjects(db, eq(autonomyProjects.id, projectId));
  const a = r ? await decideProject(db, scope, r) : null;
  const audit = actedBy(scope, requestId, 'autonomy.action.list', { type: 'autonomy_project', id: projectId });
  if (!r || !a) {
    await writeAuditAlone(ctx.database.db, { ...audit, outcome: 'denied' });
    throw new AppError('not_found');
  }
  const rows = await db.select().from(autonomyActions).where(eq(autonomyActions.projectId, projectId)).orderBy(asc(autonomyActions.createdAt), asc(autonomyActions.id));
  const items = await present(ctx, db, a, rows);
  await writeAuditAlone(ctx.database.db, { ...audit, purpose: `${a.view}: ${items.length}${detailsOpen(a) ? '' : ';no_details'}`, subjectIds: [r.project.caseId] });
  return { view: a.view, writes: familiesWritten(scope, a), items };
}

const invalid = (pointer: string, code: FieldErrorCode) => new AppError('validation_failed', { errors: [{ pointer, code }] });

function checkDates(startsOn: string | null | undefined, endsOn: string | null | undefined) {
  if (startsOn && endsOn && endsOn < startsOn) throw invalid('/body/endsOn', 'from_after_to');
}

/** An action of a project: the team, in a family she writes; the project not closed. */
export async function createAction(ctx: AppContext, scope: Scope, projectId: string, input: ActionCreate, requestId: string): Promise<ActionOut> {
  const id = randomUUID();
  const family = familyOf(input.details.kind);
  checkDates(input.startsOn, input.endsOn);
  await onProject(ctx, scope, projectId, requestId, 'autonomy.action.create', null, (a) => familiesWritten(scope, a).includes(family), async (tx, a, r) => {
    if (a.project.state === 'interrotta') throw new AppError('autonomy_project_state');
    const owner = { id: a.project.caseId, organisationId: r.caseOrganisationId };
    await tx.insert(autonomyActions).values({
      id,
      projectId,
      family,
      kind: input.details.kind,
      status: input.status ?? 'prevista',
      outcome: input.outcome ?? null,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      costCents: input.costCents ?? null,
      detailsSealed: await seal(ctx.crypto, tx, owner, FIELD, id, input.details),
    });
    return { value: null, purpose: `action:${id};${family}:${input.details.kind}` };
  });
  return getAction(ctx, scope, projectId, id);
}

/** Status, outcome, dates, cost, details (the same kind) of an action (If-Match: the action's version). */
export async function patchAction(ctx: AppContext, scope: Scope, projectId: string, actionId: string, expected: number, input: ActionPatch, requestId: string): Promise<ActionOut> {
  await onProject(ctx, scope, projectId, requestId, 'autonomy.action.update', null, () => true, async (tx, a, r) => {
    const [row] = await tx
      .select()
      .from(autonomyActions)
      .where(and(eq(autonomyActions.id, actionId), eq(autonomyActions.projectId, projectId)))
      .for('update');
    // An action of a family she does not see is as absent as one of another project.
    if (!row || !familiesSeen(a).includes(row.family)) throw resourceNotFound('autonomy_action', actionId);
    if (!familiesWritten(scope, a).includes(row.family)) throw new AppError('forbidden');
    if (row.version !== expected) throw new AppError('precondition_failed');
    if (input.details && input.details.kind !== row.kind) throw invalid('/body/details/kind', 'not_allowed');
    checkDates(input.startsOn === undefined ? row.startsOn : input.startsOn, input.endsOn === undefined ? row.endsOn : input.endsOn);
    const owner = { id: a.project.caseId, organisationId: r.caseOrganisationId };
    const { details, ...plain } = input;
    await tx
      .update(autonomyActions)
      .set({
        ...plain,
        ...(details ? { detailsSealed: await seal(ctx.crypto, tx, owner, FIELD, actionId, details) } : {}),
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(autonomyActions.id, actionId));
    return { value: null, purpose: `action:${actionId};${Object.keys(input).sort().join(',')}` };
  });
  return getAction(ctx, scope, projectId, actionId);
}

/** One action after a write (the writer's own view; the write was audited). */
async function getAction(ctx: AppContext, scope: Scope, projectId: string, actionId: string): Promise<ActionOut> {
  const db = readHandle(ctx.database.db);
  const [r] = await selectProjects(db, eq(autonomyProjects.id, projectId));
  const a = r ? await decideProject(db, scope, r) : null;
  const rows = await db.select().from(autonomyActions).where(eq(autonomyActions.id, actionId));
  const [out] = a ? await present(ctx, db, a, rows) : [];
  if (!out) throw new AppError('not_found');
  return out;
}

/** The actions of a project for the printable project (the team with the plan: everything). */
export async function actionsForPrint(ctx: AppContext, db: DbOrTx, a: ProjectAccess): Promise<ActionOut[]> {
  const rows = await db.select().from(autonomyActions).where(eq(autonomyActions.projectId, a.project.id)).orderBy(asc(autonomyActions.createdAt), asc(autonomyActions.id));
  return present(ctx, db, a, rows);
}
