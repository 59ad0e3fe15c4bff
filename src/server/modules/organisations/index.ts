/** Public surface of the organisations module. */
// The tables first: access/ imports them from here, and the routes below import access/ (an import cycle
// that is harmless only if the tables are evaluated before anything else of the module).
export { inList, networkMembers, networks, organisations } from './organisations.tables.js';
export { organisationsPolicy } from './organisations.policy.js';
export { organisationsRoutes } from './organisations.routes.js';
export { findOrganisation, insertNetwork, insertOrganisation, setOrganisationNetworks } from './organisations.repo.js';
