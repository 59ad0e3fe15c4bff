/** Public surface of the organisations module. */
export { organisationsPolicy } from './organisations.policy.js';
export { organisationsRoutes } from './organisations.routes.js';
export { inList, networkMembers, networks, organisations } from './organisations.tables.js';
export { findOrganisation, insertNetwork, insertOrganisation, setOrganisationNetworks } from './organisations.repo.js';
