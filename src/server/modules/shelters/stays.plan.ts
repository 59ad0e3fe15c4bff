import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope.js';
import { writeAudit } from '../../audit/audit.writer.js';
import type { Tx } from '../../platform/db.js';
import { type CaseAccess, markChanged, planActions, planGoals } from '../cases/index.js';
import { shelterStays } from './shelters.tables.js';

/**
 * Rule 4 (docs/shelters.md, rule 2): a plan action of type
 * `ospitalita_casa_rifugio` is moved only by the stay linked to it. At
 * admission with a case, the case's open action of that type (not linked to
 * another stay) is linked, or one is created — only when the structure's
 * organisation may write the case's plan through the choke point (the plan
 * or work/housing section; creating an action needs leading the plan, as in
 * plan.service.ts). Otherwise the link stays empty and the answer says so.
 */

const TYPE = 'ospitalita_casa_rifugio' as const;
type ActionStatus = (typeof planActions.$inferSelect)['status'];

const mayWritePlan = (a: CaseAccess) => a.sections.has('plan') || a.sections.has('work_housing');
const leadsPlan = (a: CaseAccess) => a.sections.has('plan') && (a.owner || a.coordination?.organisationId === a.viewer.organisationId);

/** Links (or creates) the case's shelter action for a new stay; answers its id, or null when her organisation may not write the plan. */
export async function linkPlanAction(tx: Tx, scope: Scope, access: CaseAccess, stayId: string, status: ActionStatus, requestId: string): Promise<string | null> {
  if (!mayWritePlan(access)) return null;
  const caseId = access.row.id;
  const linked = tx.select({ id: shelterStays.id }).from(shelterStays).where(eq(shelterStays.planActionId, planActions.id));
  const [open] = await tx
    .select({ id: planActions.id })
    .from(planActions)
    .where(and(eq(planActions.caseId, caseId), eq(planActions.type, TYPE), inArray(planActions.status, ['prevista', 'in_corso']), notExists(linked)))
    .orderBy(asc(planActions.createdAt))
    .limit(1);
  let actionId = open?.id ?? null;
  if (!actionId) {
    if (!leadsPlan(access)) return null;
    // Under the case's housing goal if it has one, else under any open goal of her areas; none: nothing to hang it on.
    const areas = access.sections.has('plan') ? undefined : (['casa', 'lavoro', 'autonomia_economica'] as const);
    const [goal] = await tx
      .select({ id: planGoals.id })
      .from(planGoals)
      .where(and(eq(planGoals.caseId, caseId), eq(planGoals.status, 'aperto'), areas ? inArray(planGoals.area, [...areas]) : undefined))
      .orderBy(sql`${planGoals.area} = 'casa' desc`, asc(planGoals.createdAt))
      .limit(1);
    if (!goal) return null;
    actionId = randomUUID();
    await tx.insert(planActions).values({ id: actionId, caseId, goalId: goal.id, type: TYPE, ownerOrganisationId: access.viewer.organisationId, status, createdBy: scope.principal.userId });
  } else {
    await tx.update(planActions).set({ status, version: sql`${planActions.version} + 1` }).where(eq(planActions.id, actionId));
  }
  await tx.update(shelterStays).set({ planActionId: actionId }).where(eq(shelterStays.id, stayId));
  await markChanged(tx, caseId);
  await writeAudit(tx, { action: 'shelter.stay.plan', outcome: 'success', actorUserId: scope.principal.userId, actorOrganisationId: access.viewer.organisationId, requestId, resourceType: 'case', resourceId: caseId, purpose: `stay:${stayId};${status}` });
  return actionId;
}

/** The stay moves its linked action (authorised: in_corso; exit: fatta; refused: annullata), in the caller's transaction. */
export async function movePlanAction(tx: Tx, stay: Pick<typeof shelterStays.$inferSelect, 'id' | 'planActionId'>, status: ActionStatus, actor: { userId: string | null; organisationId: string | null }, requestId: string | null): Promise<void> {
  if (!stay.planActionId) return;
  const [row] = await tx
    .update(planActions)
    .set({ status, version: sql`${planActions.version} + 1` })
    .where(eq(planActions.id, stay.planActionId))
    .returning({ caseId: planActions.caseId });
  if (!row) return;
  await markChanged(tx, row.caseId);
  await writeAudit(tx, { action: 'shelter.stay.plan', outcome: 'success', actorUserId: actor.userId, actorOrganisationId: actor.organisationId, requestId, resourceType: 'case', resourceId: row.caseId, purpose: `stay:${stay.id};${status}` });
}
