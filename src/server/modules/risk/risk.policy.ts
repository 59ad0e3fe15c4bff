import { definePolicy } from '../../access/policy.js';

/**
 * Risk assessment. The assessments are case data: the routes under a case
 * use `case.read` / `case.write`, and the choke point decides per case with
 * the `risk` section. The instruments are network data: the staff who
 * assess read those of their organisation's networks; the network
 * coordinator (for the networks her organisation leads) and the instance
 * admin load and retire them — the roles that manage the network.
 */
export const riskPolicy = definePolicy({
  'risk.instruments_read': { roles: ['instance_admin', 'network_coordinator', 'organisation_head', 'operator', 'social_worker'] },
  'risk.instruments_manage': { roles: ['instance_admin', 'network_coordinator'] },
});
