import { definePolicy } from '../../access/policy.js';

/**
 * Referrals between organisations (docs/referrals.md): the staff of the
 * organisations that hold cases. Which referral, and which side of it, is
 * decided per referral in the service (the sender's team and head, the
 * recipient's staff); a perpetrator programme (CUAV) is refused there,
 * whatever the role. Creating one is a write of the case (`case.write`)
 * through the case's choke point.
 */
const staff = ['organisation_head', 'operator', 'social_worker'] as const;

export const referralsPolicy = definePolicy({
  'referral.read': { roles: staff },
  /** Accept, decline (the recipient's staff) and withdraw (the sender's). */
  'referral.decide': { roles: staff },
});
