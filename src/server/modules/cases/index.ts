/** Public surface of the cases module (the woman's pathway). */
export { casesPolicy } from './cases.policy.js';
export { casesRoutes } from './cases.routes.js';
export { caseSheetRoutes } from './sheet.routes.js';
export { accessCase, accessCases, type CaseAccess, listedEvents } from './cases.access.js';
export { caseEvents, cases } from './cases.tables.js';
export { isOpen } from './caseload.filters.js';
export { markChanged, onCase } from './cases.run.js';
export { insertCase } from './cases.service.js';
export { inOrder, seal, unseal } from './cases.seal.js';
export { notifyTeamOf } from './plan.service.js';
export { planActions, planGoals } from './plan.tables.js';
export { rebuildSearchIndex, rebuildSearchIndexIfAsked } from './search.index.js';
export { rekeyCases, rekeyCasesIfAsked } from './cases.rekey.js';
export { shredCase, type ShredBy } from './cases.shred.js';
export { defineReminderJobs, REMINDERS_JOB } from './cases.reminders.js';
