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

export const roles = ['instance_admin', ...membershipRoles] as const;
export type Role = (typeof roles)[number];

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];
