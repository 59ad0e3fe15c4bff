/** Public surface of the risk module (issue 12: instruments, assessments, the re-assessment due). */
export { riskPolicy } from './risk.policy.js';
export { riskRoutes } from './risk.routes.js';
export { riskAssessments, riskInstruments } from './risk.tables.js';
export { dueReassessments, reassessmentOf, type DueReassessment } from './risk.due.js';
export { createAssessment, loadInstrument } from './risk.service.js';
export { instrumentJsonSchema } from './risk.format.js';
