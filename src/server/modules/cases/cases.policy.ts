import { definePolicy } from '../../access/policy.js';

/**
 * The woman's pathway: staff of the organisations that hold cases. Which
 * case, and which of its sections, is decided per case at the choke point
 * (cases.access.ts): team, live sharing consent, or break-the-glass. The
 * instance admin, the network coordinator, the observatory and the
 * helpline hold no case role: they see aggregates only.
 */
const staff = ['organisation_head', 'operator', 'social_worker'] as const;

export const casesPolicy = definePolicy({
  'case.read': { roles: staff },
  'case.write': { roles: staff },
  'case.team': { roles: ['organisation_head'] },
  'case.break_glass': { roles: ['organisation_head'] },
  /** Who reached a case, from the audit log: the head answers for her organisation's records. */
  'case.access_log': { roles: ['organisation_head'] },
  /** Her centre's workload as counts (no case named): the head assigns and answers for it. */
  'case.workload': { roles: ['organisation_head'] },
});
