import { definePolicy } from '../access/policy.js';

/** The audit log: the instance admin sees all of it, an organisation head her organisation's rows. */
export const auditPolicy = definePolicy({
  'audit.read': { roles: ['instance_admin', 'organisation_head'] },
  /** How far the chainer is behind: the instance's, for its administrator (no record, no row of anyone). */
  'audit.chain': { roles: ['instance_admin'] },
});
