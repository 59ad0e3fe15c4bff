import { definePolicy } from '../../access/policy.js';

/**
 * The Reddito di libertà's own rule (docs/autonomy.md): its counts, for the
 * network coordinator — numbers over the networks her organisation leads,
 * small cells suppressed, no case named. The checklist itself is
 * `autonomy.reddito.read` / `.write` (autonomy.policy.ts), decided per case
 * at the cases' choke point.
 */
export const redditoPolicy = definePolicy({
  'autonomy.reddito.stats': { roles: ['network_coordinator'] },
});
