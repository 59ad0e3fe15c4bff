/** Public surface of the shelters module (issue 13: structures, vacancy board, placements, stays; docs/shelters.md). */
export { HOUSING_ORGANISATION_TYPES, REQUESTING_ORGANISATION_TYPES, sheltersPolicy } from './shelters.policy.js';
export { placementProposals, placementRequests, shelterAuthorisations, shelterPlaces, shelterStays, shelterStructures, shelterUnits } from './shelters.tables.js';
