/** Every Drizzle table, for drizzle-kit and the typed database handle. */
export * from './platform/platform.tables.js';
export * from './platform/jobs/jobs.tables.js';
export * from './modules/organisations/organisations.tables.js';
export * from './modules/directory/directory.tables.js';
export * from './modules/directory/directory.findings.tables.js';
export * from './modules/routing/routing.tables.js';
export * from './access/access.tables.js';
export * from './audit/audit.tables.js';
export * from './modules/cases/cases.tables.js';
export * from './modules/cases/plan.tables.js';
export * from './modules/cases/safety-plan.tables.js';
export * from './modules/cases/search.tables.js';
export * from './modules/notifications/notifications.tables.js';
export * from './modules/risk/risk.tables.js';
export * from './modules/reviews/reviews.tables.js';
export * from './platform/limits.tables.js';
export * from './modules/intake/intake.tables.js';
