/** Public surface of the cases module (the woman's pathway). */
export { casesPolicy } from './cases.policy.js';
export { casesRoutes } from './cases.routes.js';
export { caseSheetRoutes } from './sheet.routes.js';
export { accessCase, accessCases, type CaseAccess, headedOrganisation, listedEvents, mayHoldCases } from './cases.access.js';
export { caseConsents, caseEvents, caseMembers, cases } from './cases.tables.js';
export { isOpen } from './caseload.filters.js';
export { markChanged, onCase, readOnCase } from './cases.run.js';
export { deriveEmergency, emergencyPurpose } from './cases.emergency.js';
export { insertCase } from './cases.service.js';
export { inOrder, type SealedField, seal, unseal } from './cases.seal.js';
export { notifyTeamOf } from './plan.service.js';
export { planActions, planGoals } from './plan.tables.js';
export { rebuildSearchIndex, rebuildSearchIndexIfAsked } from './search.index.js';
export { rekeyCases, rekeyCasesIfAsked } from './cases.rekey.js';
export { shredCase, type ShredBy } from './cases.shred.js';
export { defineReminderJobs, REMINDERS_JOB } from './cases.reminders.js';
export { grants, leadsPlan } from './cases.access.js';
export { caseDocuments } from './cases.tables.js';
