import { definePolicy } from '../../access/policy.js';
import type { OrganisationType } from '../../../shared/domain.js';

/**
 * Shelters (issue 13, docs/shelters.md). The coarse rule of each action;
 * which structure, request, stay or authorisation — and which side of it —
 * is decided per row in the services (the structure's own staff, the
 * requesting organisation, the competent social service, the coordinator of
 * a network the structure serves). Outside that, 404.
 */

/** Organisations that run housing structures. */
export const HOUSING_ORGANISATION_TYPES = ['casa_rifugio', 'ente_casa', 'terzo_settore'] as const satisfies readonly OrganisationType[];

/** Organisations that may ask for a placement and read the vacancy board (a shelter moving her on asks too). */
export const REQUESTING_ORGANISATION_TYPES = ['cav', 'servizio_sociale', 'ente_capofila', 'casa_rifugio'] as const satisfies readonly OrganisationType[];

const housingStaff = { roles: ['organisation_head', 'operator'], organisationTypes: HOUSING_ORGANISATION_TYPES } as const;

/** Who reads a network's counts: its coordinator and the observatory analyst. */
export const statsReaders = { roles: ['network_coordinator', 'observatory_analyst'] } as const;
/** Her own structures' counts: the housing organisation's head and operators. */
export const ownStructuresStaff = housingStaff;

export const sheltersPolicy = definePolicy({
  /** Her own structures: units, places, occupancy, the sealed address (the housing organisation's staff). */
  'shelter.structure.read': housingStaff,
  /** Create and edit structures, units and places, take a place out of service (the housing organisation's head). */
  'shelter.structure.manage': { roles: ['organisation_head'], organisationTypes: HOUSING_ORGANISATION_TYPES },
  /** The vacancy board: counts of free places, never an address or who is there. */
  'shelter.board.read': { roles: ['organisation_head', 'operator', 'social_worker', 'network_coordinator'], organisationTypes: REQUESTING_ORGANISATION_TYPES },
  /** Create, match, send, withdraw and close placement requests (the requesting organisation's staff). */
  'shelter.request.write': { roles: ['organisation_head', 'operator', 'social_worker', 'network_coordinator'], organisationTypes: REQUESTING_ORGANISATION_TYPES },
  /** Read requests: the requester's own, and those put to the reader's structures. */
  'shelter.request.read': { roles: ['organisation_head', 'operator', 'social_worker', 'network_coordinator'] },
  /** Accept (hold places) or decline a request put to one of her structures; admit, move and discharge (the structure's staff). */
  'shelter.stay.write': housingStaff,
  /** Read stays: the structure's staff; the competent social service and the payer (dates, fees, no address). */
  'shelter.stay.read': { roles: ['organisation_head', 'operator', 'social_worker'] },
  /** Agree or refuse a stay as the competent social service (it names the payer). */
  'shelter.authorisation.decide': { roles: ['organisation_head', 'social_worker'], organisationTypes: ['servizio_sociale'] },
  /** The monthly fees per payer, exported. */
  'shelter.fees.export': { roles: ['organisation_head', 'social_worker', 'network_coordinator'] },
  /** The network's counts: requests, acceptances, declines by reason, unmet demand (the coordinator, the observatory). */
  'shelter.stats.read': statsReaders,
  /** The stays' yearly counts: the readers of the network's counts (its structures), and a housing organisation's staff (its own). */
  'shelter.stats.stays': { roles: [...statsReaders.roles, ...housingStaff.roles], anyOf: [statsReaders, housingStaff] },
});
