/** Public surface of the reviews module (issue 12: multi-agency case reviews). */
export { reviewsPolicy } from './reviews.policy.js';
export { reviewsRoutes } from './reviews.routes.js';
export { caseReviewActions, caseReviewItems, caseReviewParticipants, caseReviews } from './reviews.tables.js';
