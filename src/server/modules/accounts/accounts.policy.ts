import { definePolicy } from '../../access/policy.js';

/**
 * Accounts: the instance admin manages all; an organisation head manages the
 * accounts of her organisation; operators and social workers see their
 * colleagues (to assign work). Nobody else sees accounts.
 */
export const accountsPolicy = definePolicy({
  'user.read': { roles: ['instance_admin', 'organisation_head', 'operator', 'social_worker'] },
  'user.manage': { roles: ['instance_admin', 'organisation_head'] },
});
