import { definePolicy } from '../../access/policy.js';

/**
 * Multi-agency case reviews (docs/reviews.md). The staff of organisations
 * that take part in reviews read them; each review is then decided by the
 * service (participant organisation, or manager). The network coordinator
 * calls them. No instance administrator, helpline or observatory role: a
 * review carries briefs about women.
 */
const staff = ['network_coordinator', 'organisation_head', 'operator', 'social_worker'] as const;

export const reviewsPolicy = definePolicy({
  'review.read': { roles: staff },
  'review.write': { roles: staff },
  'review.create': { roles: ['network_coordinator'] },
});
