/**
 * Domain codes shared by server and web. Isomorphic: imports nothing.
 * Italian domain nouns keep their Italian names (see docs/domain.md).
 */

/** Kinds of organisation in a rete territoriale antiviolenza (docs/domain.md §1). */
export const organisationTypes = [
  'ente_capofila',
  'cav',
  'casa_rifugio',
  'servizio_sociale',
  'forze_ordine',
  'pronto_soccorso',
  'sanita',
  'giustizia',
  'prefettura',
  'scuola',
  'cpi',
  'ente_casa',
  'cuav',
  'terzo_settore',
  'ordine_professionale',
  'osservatorio',
  'helpline',
  'altro',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

/**
 * Roles a user holds inside an organisation (a membership).
 * `instance_admin` is not a membership role: it is a flag on the account and
 * grants no access to case data.
 */
export const membershipRoles = [
  'network_coordinator',
  'organisation_head',
  'operator',
  'social_worker',
  'helpline_operator',
  'observatory_analyst',
] as const;
export type MembershipRole = (typeof membershipRoles)[number];

/**
 * Which membership roles each kind of organisation may hold: a CAV has no
 * network coordinator, an observatory keeps no case files. Deny by default:
 * a kind not listed for a role cannot hold it.
 * - network_coordinator: only the ente capofila leads a network.
 * - helpline_operator: only the 1522 service.
 * - observatory_analyst: only an observatory (regional or of a network).
 * - social_worker: only the social services (a comune that runs its own
 *   registers it as a `servizio_sociale`).
 * - organisation_head and operator: the organisations that receive women
 *   or take part in their pathway; the helpline and the observatory keep
 *   no case files, so they hold neither (their accounts are managed by the
 *   instance administrator).
 */
export const rolesByOrganisationType = {
  ente_capofila: ['network_coordinator', 'organisation_head'],
  cav: ['organisation_head', 'operator'],
  casa_rifugio: ['organisation_head', 'operator'],
  servizio_sociale: ['organisation_head', 'social_worker'],
  forze_ordine: ['organisation_head', 'operator'],
  pronto_soccorso: ['organisation_head', 'operator'],
  sanita: ['organisation_head', 'operator'],
  giustizia: ['organisation_head', 'operator'],
  prefettura: ['organisation_head', 'operator'],
  scuola: ['organisation_head', 'operator'],
  cpi: ['organisation_head', 'operator'],
  ente_casa: ['organisation_head', 'operator'],
  cuav: ['organisation_head', 'operator'],
  terzo_settore: ['organisation_head', 'operator'],
  ordine_professionale: ['organisation_head', 'operator'],
  osservatorio: ['observatory_analyst'],
  helpline: ['helpline_operator'],
  altro: ['organisation_head', 'operator'],
} as const satisfies Record<OrganisationType, readonly MembershipRole[]>;

/** True when an organisation of this kind may hold the role (see `rolesByOrganisationType`). */
export function roleFitsOrganisation(role: MembershipRole, type: OrganisationType): boolean {
  return (rolesByOrganisationType[type] as readonly MembershipRole[]).includes(role);
}

export const roles = ['instance_admin', ...membershipRoles] as const;
export type Role = (typeof roles)[number];

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];
