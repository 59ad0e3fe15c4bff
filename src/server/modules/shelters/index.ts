/** Public surface of the shelters module (issue 13: structures, vacancy board, placements, stays; docs/shelters.md). */
export { HOUSING_ORGANISATION_TYPES, REQUESTING_ORGANISATION_TYPES, sheltersPolicy } from './shelters.policy.js';
export { placementProposals, placementRequests, shelterAuthorisations, shelterPlaces, shelterStays, shelterStructures, shelterUnits } from './shelters.tables.js';
export { structuresRoutes } from './structures.routes.js';
export { boardRoutes } from './board.routes.js';
export { boardCache } from './board.cache.js';
export type { StructureActor } from './structures.present.js';
export {
  addPlace,
  addUnit,
  createStructure,
  setPlaceService,
  setStructureActive,
  setStructureNetworks,
  updateStructure,
} from './structures.service.js';
// Stays, the social service's agreement and emergency authorisation, fees (callable from a seed: (ctx, scope, input, requestId)).
export { staysRoutes } from './stays.routes.js';
export { authorisationsRoutes } from './authorisations.routes.js';
export { defineShelterAuthorisationJobs, sweepAuthorisations } from './authorisations.jobs.js';
export { admitEmergency, admitFromProposal, exitStay, getStay, moveStay } from './stays.service.js';
export { askAgreement, decideAuthorisation } from './authorisations.service.js';
export { monthFees } from './fees.js';
// Placement requests, matching, the structures' inbox and holds (callable from a seed: (ctx, scope, input, requestId)).
export { shelterRequestsRoutes } from './requests.routes.js';
export { defineHoldJobs, HOLD_JOB, sweepHolds } from './holds.jobs.js';
export { occupyHeldPlaces, releaseHold } from './holds.service.js';
export { closeRequest, createRequest, getRequest, updateRequest } from './requests.service.js';
export { acceptProposal, declineProposal, propose, withdrawProposal } from './requests.proposals.js';
