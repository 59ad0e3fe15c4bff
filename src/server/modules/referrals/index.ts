/** Public surface of the referrals module (issue 12: referrals between organisations, docs/referrals.md). */
export { referralsPolicy } from './referrals.policy.js';
export { referralsRoutes } from './referrals.routes.js';
export { referralStatsPolicy, referralStatsRoutes } from './referrals.stats.routes.js';
export { defineReferralJobs } from './referrals.jobs.js';
export { notifyReferral } from './referrals.notify.js';
export { referrals } from './referrals.tables.js';
export { expireReferral } from './referrals.service.js';
