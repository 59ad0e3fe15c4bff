import { definePolicy } from '../../access/policy.js';

/**
 * 1522 routing: helpline operators look up and record calls; coordinators,
 * the instance admin and the observatory see quarterly counts only.
 */
export const routingPolicy = definePolicy({
  'routing.transfer': { roles: ['helpline_operator'] },
  'routing.call_record': { roles: ['helpline_operator'] },
  'routing.calls_summary': { roles: ['instance_admin', 'network_coordinator', 'observatory_analyst'] },
  'routing.tokens': { roles: ['instance_admin'] },
});
