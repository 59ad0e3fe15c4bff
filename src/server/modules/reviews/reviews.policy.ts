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
  /** An action's status: its owner organisation's staff, or the managers. */
  'review.write': { roles: staff },
  /** Date, participants, minutes, actions: the coordinator and the chair's head (the service decides which review). */
  'review.manage': { roles: ['network_coordinator', 'organisation_head'] },
  /** Bringing a case: an act of the owning organisation on the case — never a role without case data (the coordinator). */
  'review.bring': { roles: ['organisation_head', 'operator', 'social_worker'] },
  'review.create': { roles: ['network_coordinator'] },
});
