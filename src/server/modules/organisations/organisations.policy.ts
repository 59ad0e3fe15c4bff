import { membershipRoles } from '../../../shared/domain.js';
import { definePolicy } from '../../access/policy.js';

/** Organisations and networks are known to every member; only the instance admin changes them. */
export const organisationsPolicy = definePolicy({
  'organisation.read': { roles: ['instance_admin', ...membershipRoles] },
  'organisation.manage': { roles: ['instance_admin'] },
  'network.read': { roles: ['instance_admin', ...membershipRoles] },
  'network.manage': { roles: ['instance_admin'] },
});
