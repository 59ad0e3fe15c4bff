/** Public surface of the intake module (issue 12: inbound referrals from outside the CAV, docs/intake.md). */
export { intakePolicy } from './intake.policy.js';
export { intakeRoutes } from './intake.routes.js';
export { inboundReferrals } from './intake.tables.js';
