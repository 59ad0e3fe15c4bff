import { definePolicy } from '../../access/policy.js';

/**
 * 1522 routing: helpline operators look up and record calls; coordinators,
 * the instance admin and the observatory see quarterly counts only. The
 * helpline's own software may do the first two with an API token.
 */
export const routingPolicy = definePolicy({
  'routing.transfer': { roles: ['helpline_operator'], apiToken: true },
  'routing.call_record': { roles: ['helpline_operator'], apiToken: true },
  'routing.calls_summary': { roles: ['instance_admin', 'network_coordinator', 'observatory_analyst'] },
  'routing.tokens': { roles: ['instance_admin'] },
});
