import type { OrganisationType, Role } from '../../shared/domain.js';

/**
 * A route's declared access: an action of a policy table, or public with
 * the reason it may be.
 */
export type RouteAccess =
  | { action: string; public?: never }
  | { public: true; reason: string; action?: never };

/**
 * One rule of a module's policy table: the roles that may perform the action.
 * `instance_admin` acts without an organisation; every other role is the one
 * held in the organisation the user acts for. Deny by default: a role not
 * listed may not.
 */
export interface ActionRule {
  roles: readonly Role[];
  /** Reachable before the second factor is done (login steps only). */
  beforeMfa?: boolean;
  /** Reachable with a session but no role at all (own account, logout). */
  anyAuthenticated?: boolean;
  /** Reachable while a temporary password still has to be replaced. */
  duringPasswordChange?: boolean;
  /** Reachable with an API token (`Authorization: Bearer`), for the listed roles only. */
  apiToken?: boolean;
  /** Only while she acts for an organisation of these kinds (e.g. a CAV's inbox): the role alone does not open it. */
  organisationTypes?: readonly OrganisationType[];
  /**
   * Alternatives: allowed when one of these rules allows (e.g. a network's
   * coordinator, or a housing organisation's staff for its own). `roles`
   * then lists every role of the alternatives.
   */
  anyOf?: readonly ActionRule[];
}

export type PolicyTable = Record<string, ActionRule>;

/** Declares a module's policy table (keeps the literal action names as a type). */
export const definePolicy = <T extends PolicyTable>(table: T): T => table;

/** The roles a principal holds right now: instance admin, plus her role in the organisation she acts for. */
export function activeRoles(p: { isInstanceAdmin: boolean; organisationRole: Role | null }): Role[] {
  const roles: Role[] = [];
  if (p.isInstanceAdmin) roles.push('instance_admin');
  if (p.organisationRole) roles.push(p.organisationRole);
  return roles;
}

export function isAllowed(rule: ActionRule | undefined, roles: readonly Role[], organisationType?: OrganisationType | null): boolean {
  if (!rule) return false;
  if (rule.anyAuthenticated) return true;
  if (rule.anyOf) return rule.anyOf.some((r) => isAllowed(r, roles, organisationType));
  if (rule.organisationTypes && !(organisationType && rule.organisationTypes.includes(organisationType))) return false;
  return rule.roles.some((r) => roles.includes(r));
}
