/** Public surface of the instance module (what the instance is: demo or not, its public settings). */
export { DEMO_SETTING, instanceRoutes, isDemoInstance } from './instance.routes.js';
export { jobsAdminPolicy, jobsAdminRoutes } from './instance.jobs.js';
export { defineRetentionJobs, PRUNE_NIGHTLY_JOB, pruneNightly } from './instance.prune.js';
