import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { type PlanArea, planAreas, workHousingAreas } from '../../../shared/cases.js';
import type { FieldIssue } from '../../../shared/problems.js';
import type { OrganisationType } from '../../../shared/domain.js';
import { users } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { organisations } from '../organisations/index.js';
import { type Notice, notify } from '../notifications/index.js';
import { type CaseAccess, leadsPlan, mayHoldCases } from './cases.access.js';
import { markChanged, onCase, replacePart } from './cases.run.js';
import { inOrder, seal, unseal } from './cases.seal.js';
import type { ActionFields, GoalFields, MeetingCreate, ReviewCreate } from '../../../shared/plan.api.js';
import { caseMeetings, planActions, planGoals, planReviews } from './plan.tables.js';
import { caseMembers } from './cases.tables.js';

/**
 * The individual plan. The whole plan is for members with the plan
 * section; a member with only the work/housing section (a CPI advisor, a
 * housing agency) sees and updates the goals of those areas and their
 * actions, nothing else of the plan. Leading it — goals, new actions,
 * reviews, meetings — is for the organisation that coordinates the case:
 * its owner, and the organisation it handed coordination to
 * (docs/cases.md, "Coordination"); another holder of the plan updates its
 * actions only.
 */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });
const PLAN_SECTIONS = ['plan', 'work_housing'] as const;

function areasOf(access: CaseAccess): readonly PlanArea[] {
  return access.sections.has('plan') ? planAreas : workHousingAreas;
}

function requirePlan(access: CaseAccess) {
  if (!leadsPlan(access)) throw new AppError('forbidden');
}

export function getPlan(ctx: AppContext, scope: Scope, caseId: string, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.plan_read', PLAN_SECTIONS, async (tx, access) => {
    const areas = areasOf(access);
    const goals = await tx
      .select()
      .from(planGoals)
      .where(and(eq(planGoals.caseId, caseId), inArray(planGoals.area, [...areas])))
      .orderBy(asc(planGoals.createdAt));
    const actions = goals.length
      ? await tx
          .select({ action: planActions, owner: { id: organisations.id, name: organisations.name } })
          .from(planActions)
          .innerJoin(organisations, eq(organisations.id, planActions.ownerOrganisationId))
          .where(inArray(planActions.goalId, goals.map((g) => g.id)))
          .orderBy(asc(planActions.dueOn), asc(planActions.createdAt))
      : [];
    const full = access.sections.has('plan');
    return {
      goals: await inOrder(goals, async (g) => ({
          id: g.id,
          area: g.area,
          status: g.status,
          description: await unseal<string>(ctx.crypto, tx, 'plan_goal.description', g.id, g.descriptionSealed),
          version: g.version,
          actions: await inOrder(actions
              .filter((a) => a.action.goalId === g.id), async ({ action: a, owner }) => ({
                id: a.id,
                type: a.type,
                owner,
                dueOn: a.dueOn,
                status: a.status,
                description: await unseal<string>(ctx.crypto, tx, 'plan_action.description', a.id, a.descriptionSealed),
                meetingId: a.meetingId,
                version: a.version,
              })),
        })),
      reviews: full ? await reviewsOf(ctx, tx, caseId) : [],
      meetings: full ? await meetingsOf(ctx, tx, caseId) : [],
    };
  });
}

async function reviewsOf(ctx: AppContext, tx: Tx, caseId: string) {
  const rows = await tx
    .select({ review: planReviews, by: users.displayName })
    .from(planReviews)
    .leftJoin(users, eq(users.id, planReviews.byUserId))
    .where(eq(planReviews.caseId, caseId))
    .orderBy(asc(planReviews.on));
  return inOrder(rows, async ({ review: r, by }) => ({
      id: r.id,
      on: r.on,
      herAgreement: r.herAgreement,
      nextReviewOn: r.nextReviewOn,
      by,
      notes: await unseal<string>(ctx.crypto, tx, 'plan_review.notes', r.id, r.notesSealed),
    }));
}

async function meetingsOf(ctx: AppContext, tx: Tx, caseId: string) {
  const rows = await tx.select().from(caseMeetings).where(eq(caseMeetings.caseId, caseId)).orderBy(asc(caseMeetings.on));
  const ids = [...new Set(rows.flatMap((m) => m.participantUserIds))];
  const names = ids.length ? await tx.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, ids)) : [];
  return inOrder(rows, async (m) => ({
      id: m.id,
      on: m.on,
      participants: m.participantUserIds.map((id) => names.find((n) => n.id === id)?.displayName ?? ''),
      minutes: await unseal<string>(ctx.crypto, tx, 'case_meeting.minutes', m.id, m.minutesSealed),
    }));
}

/** Creates (no target) or replaces (target with its version) a goal: the plan section only. */
export function saveGoal(ctx: AppContext, scope: Scope, caseId: string, target: { id: string; version: number } | null, input: GoalFields, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.plan_write', PLAN_SECTIONS, async (tx, access) => {
    requirePlan(access);
    const id = target?.id ?? randomUUID();
    const values = { area: input.area, status: input.status, descriptionSealed: await seal(ctx.crypto, tx, access.row, 'plan_goal.description', id, input.description) };
    if (target) {
      await replacePart(tx, planGoals, caseId, target, values);
    } else {
      await tx.insert(planGoals).values({ id, caseId, ...values, createdBy: scope.principal.userId });
    }
    await markChanged(tx, caseId);
    return { id, version: (target?.version ?? 0) + 1 };
  });
}

/** The goal an action belongs to, if her access covers its area; and the owner organisation must exist. */
async function checkAction(tx: Tx, access: CaseAccess, caseId: string, input: Pick<ActionFields, 'goalId' | 'ownerOrganisationId'>, pointer: string) {
  const errors: FieldIssue[] = [];
  const [goal] = await tx.select({ area: planGoals.area }).from(planGoals).where(and(eq(planGoals.id, input.goalId), eq(planGoals.caseId, caseId)));
  if (!goal || !areasOf(access).includes(goal.area as PlanArea)) errors.push({ pointer: `${pointer}/goalId`, code: 'unknown_goal' });
  const [owner] = await tx.select({ id: organisations.id, type: organisations.type }).from(organisations).where(eq(organisations.id, input.ownerOrganisationId));
  // A perpetrator programme never owns an action of her plan: it would then read of her case (rule 6).
  if (!owner || !mayHoldCases(owner.type as OrganisationType)) errors.push({ pointer: `${pointer}/ownerOrganisationId`, code: 'unknown_organisation' });
  return errors;
}

async function actionValues(ctx: AppContext, tx: Tx, access: CaseAccess, id: string, input: Omit<ActionFields, 'goalId'>) {
  return {
    type: input.type,
    ownerOrganisationId: input.ownerOrganisationId,
    dueOn: input.dueOn,
    status: input.status,
    descriptionSealed: await seal(ctx.crypto, tx, access.row, 'plan_action.description', id, input.description),
  };
}

/**
 * A new action given to another organisation: its members on the case's
 * team hear of it in their notification centre (the plan tab to open; no
 * content of the action). Within her own organisation, nobody is notified:
 * the team sees its plan.
 */
async function notifyOwners(tx: Tx, scope: Scope, caseId: string, ownerOrganisationId: string) {
  if (ownerOrganisationId === scope.principal.organisation?.id) return;
  await notifyTeamOf(tx, caseId, ownerOrganisationId, { kind: 'plan_action_assigned', target: { type: 'case', caseId, tab: 'plan' }, actorUserId: scope.principal.userId });
}

/** Tells the members of one organisation on the case's team (and no one else: nothing leaves it). */
export async function notifyTeamOf(tx: Tx, caseId: string, organisationId: string, notice: Omit<Notice, 'recipients'>): Promise<void> {
  const members = await tx
    .select({ userId: caseMembers.userId })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.organisationId, organisationId)));
  await notify(tx, { ...notice, recipients: { people: members.map((m) => m.userId), organisationId } });
}

/**
 * Rule 4 (docs/shelters.md): a shelter stay action starts and ends only
 * through a stay (shelter_stays.plan_action_id moves it, with the social
 * service's agreement or authorisation). By hand it may be planned,
 * cancelled or described, never set `in_corso` or `fatta` — unless it
 * already is, and the edit leaves its type and status as they are.
 */
async function checkShelterStay(tx: Tx, actionId: string | null, input: Pick<ActionFields, 'type' | 'status'>): Promise<void> {
  if (input.type !== 'ospitalita_casa_rifugio' || (input.status !== 'in_corso' && input.status !== 'fatta')) return;
  const [before] = actionId ? await tx.select({ type: planActions.type, status: planActions.status }).from(planActions).where(eq(planActions.id, actionId)) : [];
  if (before?.type === input.type && before.status === input.status) return;
  throw new AppError('plan_action_needs_stay');
}

export function saveAction(ctx: AppContext, scope: Scope, caseId: string, target: { id: string; version: number } | null, input: ActionFields, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.plan_write', PLAN_SECTIONS, async (tx, access) => {
    // A work/housing member updates the actions of her areas; only the plan's owners add them.
    if (!target) requirePlan(access);
    const errors = await checkAction(tx, access, caseId, input, '/body');
    if (errors.length) throw invalid(...errors);
    await checkShelterStay(tx, target?.id ?? null, input);
    const id = target?.id ?? randomUUID();
    const values = await actionValues(ctx, tx, access, id, input);
    if (target) {
      const [existing] = await tx.select({ goalId: planActions.goalId }).from(planActions).where(and(eq(planActions.id, id), eq(planActions.caseId, caseId)));
      // An action out of her areas does not exist for her.
      if (!existing || (await checkAction(tx, access, caseId, { goalId: existing.goalId, ownerOrganisationId: input.ownerOrganisationId }, '')).length) throw new AppError('not_found');
      const [row] = await tx
        .update(planActions)
        .set({ ...values, goalId: input.goalId, version: target.version + 1 })
        .where(and(eq(planActions.id, id), eq(planActions.version, target.version)))
        .returning({ id: planActions.id });
      if (!row) throw new AppError('precondition_failed');
    } else {
      await tx.insert(planActions).values({ id, caseId, goalId: input.goalId, ...values, createdBy: scope.principal.userId });
      await notifyOwners(tx, scope, caseId, input.ownerOrganisationId);
    }
    await markChanged(tx, caseId);
    return { id, version: (target?.version ?? 0) + 1 };
  });
}

export function createReview(ctx: AppContext, scope: Scope, caseId: string, input: ReviewCreate, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.plan_write', PLAN_SECTIONS, async (tx, access) => {
    requirePlan(access);
    const id = randomUUID();
    await tx.insert(planReviews).values({
      id,
      caseId,
      on: input.on,
      herAgreement: input.herAgreement,
      nextReviewOn: input.nextReviewOn ?? null,
      notesSealed: await seal(ctx.crypto, tx, access.row, 'plan_review.notes', id, input.notes),
      byUserId: scope.principal.userId,
    });
    await markChanged(tx, caseId);
    return { id };
  });
}

/** Records an équipe meeting; its decisions become actions of the plan, in the same transaction. */
export function createMeeting(ctx: AppContext, scope: Scope, caseId: string, input: MeetingCreate, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.plan_write', PLAN_SECTIONS, async (tx, access) => {
    requirePlan(access);
    const errors = (await inOrder(input.decisions, (d, i) => checkAction(tx, access, caseId, d, `/body/decisions/${i}`))).flat();
    if (errors.length) throw invalid(...errors);
    for (const decision of input.decisions) await checkShelterStay(tx, null, decision);
    const id = randomUUID();
    await tx.insert(caseMeetings).values({
      id,
      caseId,
      on: input.on,
      participantUserIds: input.participantUserIds,
      minutesSealed: await seal(ctx.crypto, tx, access.row, 'case_meeting.minutes', id, input.minutes),
      byUserId: scope.principal.userId,
    });
    for (const decision of input.decisions) {
      const actionId = randomUUID();
      await tx.insert(planActions).values({ id: actionId, caseId, goalId: decision.goalId, meetingId: id, ...(await actionValues(ctx, tx, access, actionId, decision)), createdBy: scope.principal.userId });
    }
    await markChanged(tx, caseId);
    return { id, actions: input.decisions.length };
  });
}
