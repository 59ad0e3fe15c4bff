import { and, desc, eq, inArray } from 'drizzle-orm';
import { projectReference, type ProjectMove, type ProjectState } from '../../../shared/autonomy.js';
import type { NotificationKind } from '../../../shared/notifications.api.js';
import type { MembershipRole, OrganisationType } from '../../../shared/domain.js';
import { memberships } from '../../access/access.tables.js';
import { isAllowed } from '../../access/policy.js';
import type { Tx } from '../../platform/db.js';
import { caseMembers, mayHoldCases } from '../cases/index.js';
import { notify } from '../notifications/index.js';
import { organisations } from '../organisations/index.js';
import { actorOfMove } from './autonomy.access.js';
import { autonomyPolicy } from './autonomy.policy.js';
import { autonomyEquipeMembers, autonomyProjectSteps } from './autonomy.tables.js';

/**
 * The approval chain tells its next actor (docs/autonomy.md, "The approval
 * chain"), in the move's own transaction: a notice exists only if the move
 * committed. Each carries the project's reference and codes, never a goal,
 * a name, a comment:
 * - proposed: the staff of the équipe's member organisations who may
 *   validate (policy `autonomy.project.validate`); the notice names no case
 *   (they never held it) and opens the projects awaiting them;
 * - validated: the capofila's approvers (`autonomy.project.approve`: its
 *   head, the network coordinator), the same way;
 * - sent back or approved: the team that proposed it — the members of the
 *   case's team for the organisation that made the last `proponi` — on the
 *   case's plan, shown only while the choke point grants them the plan.
 * Who made the move is not told; nobody else is.
 */

export { projectReference };

export interface MovedProject {
  id: string;
  caseId: string;
  caseOrganisationId: string;
  equipeId: string;
  capofilaOrganisationId: string;
}

/** The users of these organisations whose role and organisation's type the policy rule lets act, by organisation. */
async function mayAct(tx: Tx, organisationIds: readonly string[], action: 'autonomy.project.validate' | 'autonomy.project.approve'): Promise<Map<string, string[]>> {
  const rule = autonomyPolicy[action];
  const out = new Map<string, string[]>();
  if (!organisationIds.length) return out;
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role, organisationId: memberships.organisationId, type: organisations.type })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(inArray(memberships.organisationId, [...organisationIds]), inArray(memberships.role, [...rule.roles] as MembershipRole[])));
  for (const r of rows) {
    // The access decision refuses an organisation that may hold no case (a CUAV) whatever its role.
    const type = r.type as OrganisationType;
    if (!mayHoldCases(type) || !isAllowed(rule, [r.role as MembershipRole], type)) continue;
    out.set(r.organisationId, [...(out.get(r.organisationId) ?? []), r.userId]);
  }
  return out;
}

/** The proposing team: the case's team members of the organisation that last proposed it, holding the plan (the owner's hold every section). */
async function proposingTeam(tx: Tx, p: MovedProject): Promise<{ organisationId: string; people: string[] } | null> {
  const [step] = await tx
    .select({ organisationId: autonomyProjectSteps.byOrganisationId })
    .from(autonomyProjectSteps)
    .where(and(eq(autonomyProjectSteps.projectId, p.id), eq(autonomyProjectSteps.move, 'proponi')))
    .orderBy(desc(autonomyProjectSteps.at))
    .limit(1);
  if (!step) return null;
  const members = await tx
    .select({ userId: caseMembers.userId, sections: caseMembers.sections })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, p.caseId), eq(caseMembers.organisationId, step.organisationId)));
  const people = members.filter((m) => step.organisationId === p.caseOrganisationId || m.sections.includes('plan')).map((m) => m.userId);
  return { organisationId: step.organisationId, people };
}

/** Tells the next actor of `move` (from `from`); answers how many notifications were raised. */
export async function notifyProjectMove(tx: Tx, move: ProjectMove, from: ProjectState, p: MovedProject, actorUserId: string, reason: string | null): Promise<number> {
  const params = { projectReference: projectReference(p.id) };
  let raised = 0;
  const toOrganisations = async (kind: NotificationKind, byOrganisation: Map<string, string[]>) => {
    for (const [organisationId, people] of byOrganisation) {
      raised += (await notify(tx, { recipients: { people, organisationId }, kind, params, target: { type: 'autonomy', box: 'progetti' }, actorUserId })).length;
    }
  };
  const toTeam = async (kind: NotificationKind, extra: Record<string, string>) => {
    const team = await proposingTeam(tx, p);
    if (!team) return;
    const target = { type: 'case' as const, caseId: p.caseId, tab: 'plan' as const, section: 'plan' as const };
    raised += (await notify(tx, { recipients: team, kind, params: { ...params, ...extra }, target, actorUserId })).length;
  };
  if (move === 'proponi') {
    const members = await tx.select({ organisationId: autonomyEquipeMembers.organisationId }).from(autonomyEquipeMembers).where(eq(autonomyEquipeMembers.equipeId, p.equipeId));
    await toOrganisations('autonomy_project_proposed', await mayAct(tx, members.map((m) => m.organisationId), 'autonomy.project.validate'));
  } else if (move === 'valida') {
    await toOrganisations('autonomy_project_validated', await mayAct(tx, [p.capofilaOrganisationId], 'autonomy.project.approve'));
  } else if (move === 'rimanda') {
    await toTeam('autonomy_project_returned', { by: actorOfMove(move, from), ...(reason ? { reason } : {}) });
  } else if (move === 'approva') {
    await toTeam('autonomy_project_approved', {});
  }
  return raised;
}
