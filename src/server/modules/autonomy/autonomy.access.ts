import { and, eq, inArray } from 'drizzle-orm';
import type { ProjectMove, ProjectState } from '../../../shared/autonomy.js';
import type { ProgrammeFrame } from '../../../shared/autonomy.api.js';
import type { projectSides, projectViews } from '../../../shared/autonomy.projects.api.js';
import { activeRoles, isAllowed } from '../../access/policy.js';
import type { Scope } from '../../access/scope.js';
import type { DbOrTx } from '../../platform/db.js';
import { type CaseAccess, accessCases, leadsPlan, mayHoldCases } from '../cases/index.js';
import { autonomyPolicy } from './autonomy.policy.js';
import { autonomyEquipeMembers, autonomyProgrammes, autonomyProjectSteps, autonomyProjects } from './autonomy.tables.js';

/**
 * THE autonomy access decision for a personalised project (docs/autonomy.md,
 * "Projects: who sees what"). The sides a principal holds on a project:
 * - `team`: the cases' choke point on the project's case — the `plan`
 *   section opens the whole project (view `team`); only `work_housing`
 *   opens its work and housing actions and its state (view `work_housing`);
 * - `equipe`: her organisation is a member of the project's équipe, and the
 *   project was proposed at least once (a draft is the team's own);
 * - `capofila`: her organisation is the programme's capofila, same rule.
 * The équipe and the capofila get the approval view. Nobody else sees it
 * (404, audited as denied by the caller). Every answer that shows a project
 * — detail, case list, inbox — takes this decision.
 */

export type ProjectRow = typeof autonomyProjects.$inferSelect;
export type ProgrammeRow = typeof autonomyProgrammes.$inferSelect;
export type ProjectView = (typeof projectViews)[number];
export type ProjectSide = (typeof projectSides)[number];

export interface ProjectAccess {
  project: ProjectRow;
  programme: ProgrammeRow;
  /** The case as the choke point opens it to her (null: not on its team). */
  team: CaseAccess | null;
  sides: ProjectSide[];
  view: ProjectView;
  /** She writes the project (content, budget, moves of the team): the team leading the plan, with the write role. */
  leads: boolean;
  /** She records expenses: the team with the plan section, with the write role. */
  spends: boolean;
}

const allowed = (scope: Scope, action: keyof typeof autonomyPolicy) =>
  isAllowed(autonomyPolicy[action], activeRoles(scope.principal), scope.principal.organisation?.type ?? null);

/**
 * The decision on these projects (each with its programme): one query for
 * the cases (the choke point), one for her équipes, one for which were ever
 * proposed. A project absent from the map is one she may not see.
 */
export async function decideProjects(db: DbOrTx, scope: Scope, rows: readonly { project: ProjectRow; programme: ProgrammeRow }[]): Promise<Map<string, ProjectAccess>> {
  const out = new Map<string, ProjectAccess>();
  const organisation = scope.principal.organisation;
  if (!rows.length || !organisation || scope.principal.isInstanceAdmin || !mayHoldCases(organisation.type)) return out;
  const cases = await accessCases(db, scope, rows.map((r) => r.project.caseId));
  const equipeIds = [...new Set(rows.map((r) => r.project.equipeId))];
  const mine = new Set(
    (
      await db
        .select({ equipeId: autonomyEquipeMembers.equipeId })
        .from(autonomyEquipeMembers)
        .where(and(inArray(autonomyEquipeMembers.equipeId, equipeIds), eq(autonomyEquipeMembers.organisationId, organisation.id)))
    ).map((r) => r.equipeId),
  );
  const drafts = rows.filter((r) => r.project.state === 'bozza' || r.project.state === 'interrotta').map((r) => r.project.id);
  const proposedOnce = new Set(
    drafts.length
      ? (
          await db
            .selectDistinct({ projectId: autonomyProjectSteps.projectId })
            .from(autonomyProjectSteps)
            .where(and(inArray(autonomyProjectSteps.projectId, drafts), eq(autonomyProjectSteps.move, 'proponi')))
        ).map((r) => r.projectId)
      : [],
  );
  for (const { project, programme } of rows) {
    const proposed = !drafts.includes(project.id) || proposedOnce.has(project.id);
    const access = cases.get(project.caseId) ?? null;
    const team = access && (access.sections.has('plan') || access.sections.has('work_housing')) ? access : null;
    const sides: ProjectSide[] = [];
    if (team) sides.push('team');
    if (proposed && mine.has(project.equipeId)) sides.push('equipe');
    if (proposed && programme.capofilaOrganisationId === organisation.id) sides.push('capofila');
    if (!sides.length) continue;
    const full = !!team?.sections.has('plan');
    const view: ProjectView = full ? 'team' : sides.includes('equipe') || sides.includes('capofila') ? 'approval' : 'work_housing';
    out.set(project.id, {
      project,
      programme,
      team,
      sides,
      view,
      leads: !!team && leadsPlan(team) && allowed(scope, 'autonomy.project.write'),
      spends: full && allowed(scope, 'autonomy.project.write'),
    });
  }
  return out;
}

export async function decideProject(db: DbOrTx, scope: Scope, row: { project: ProjectRow; programme: ProgrammeRow }): Promise<ProjectAccess | null> {
  return (await decideProjects(db, scope, [row])).get(row.project.id) ?? null;
}

/** Whose move it is: the team's, the équipe's (a proposed project), or the capofila's (a validated one). */
export function actorOfMove(move: ProjectMove, from: ProjectState): 'team' | 'equipe' | 'capofila' {
  if (move === 'valida' || (move === 'rimanda' && from === 'proposta')) return 'equipe';
  if (move === 'approva' || (move === 'rimanda' && from === 'validata')) return 'capofila';
  return 'team';
}

/** May she make this move on this project now, by her side and role (the state's own rule is checked by the caller)? */
export function mayMove(scope: Scope, a: ProjectAccess, move: ProjectMove): boolean {
  const actor = actorOfMove(move, a.project.state);
  if (actor === 'team') return a.leads;
  if (actor === 'equipe') return a.sides.includes('equipe') && allowed(scope, 'autonomy.project.validate');
  return a.sides.includes('capofila') && allowed(scope, 'autonomy.project.approve');
}

/** May she decide on intakes of this équipe (a member organisation's staff)? */
export async function decidesForEquipe(db: DbOrTx, scope: Scope, equipeId: string): Promise<boolean> {
  const organisation = scope.principal.organisation;
  if (!organisation || scope.principal.isInstanceAdmin || !mayHoldCases(organisation.type) || !allowed(scope, 'autonomy.intake.decide')) return false;
  const [row] = await db
    .select({ equipeId: autonomyEquipeMembers.equipeId })
    .from(autonomyEquipeMembers)
    .where(and(eq(autonomyEquipeMembers.equipeId, equipeId), eq(autonomyEquipeMembers.organisationId, organisation.id)));
  return !!row;
}

export const frameOf = (programme: ProgrammeRow): ProgrammeFrame => programme.frame;
