import { membershipRoles } from '../../../shared/domain.js';
import { definePolicy } from '../../access/policy.js';

/**
 * The directory (reserved area). Every member reads what her networks share;
 * what she may change is bounded by the scope in the service: a head her own
 * organisation, a coordinator the networks she leads, the instance admin
 * everything but secret locations (own staff only, never anyone else).
 */
export const directoryPolicy = definePolicy({
  'directory.read': { roles: ['instance_admin', ...membershipRoles] },
  'directory.manage': { roles: ['instance_admin', 'network_coordinator', 'organisation_head'] },
  'directory.network_manage': { roles: ['instance_admin', 'network_coordinator'] },
  'directory.import': { roles: ['instance_admin', 'network_coordinator'] },
  'directory.export': { roles: ['instance_admin', 'network_coordinator'] },
  'directory.history': { roles: ['instance_admin', 'network_coordinator', 'organisation_head'] },
  'directory.standards': { roles: ['instance_admin', 'network_coordinator', 'organisation_head'] },
});
