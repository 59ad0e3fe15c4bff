/** Public surface of the autonomy module (issue 14: programmes, personalised projects, expenses and caps, Reddito di libertà; docs/autonomy.md). */
export { autonomyPolicy } from './autonomy.policy.js';
export * from './autonomy.tables.js';
// Funded programmes: frame, partners, budgets, équipes, results, summary (docs/autonomy.md, "Programmes").
export { programmesRoutes } from './programmes.routes.js';
export { computeSummary } from './programmes.summary.js';
// The capofila's regional funds (docs/autonomy.md, "Regional funds").
export * from './funds.tables.js';
export { fundsRoutes } from './funds.routes.js';
// Reddito di libertà (docs/autonomy.md, "Reddito di libertà").
export { redditoPolicy } from './reddito.policy.js';
export { redditoApplications } from './reddito.tables.js';
export { redditoRoutes } from './reddito.routes.js';
export { getReddito, openReddito, saveReddito } from './reddito.service.js';
export { dueRedditoSteps, dueStep } from './reddito.due.js';
// Personalised projects, intake, approval chain, expenses and caps (docs/autonomy.md, "Projects").
export { autonomyProjectsRoutes } from './projects.routes.js';
export { createIntake, decideIntake, listIntakes } from './intakes.service.js';
export { createProject, getProject, moveProject, patchProject, putBudget } from './projects.service.js';
export { createExpense, moveExpense } from './expenses.service.js';
export { decideProject, decideProjects, type ProjectAccess } from './autonomy.access.js';
// A project's actions, follow-ups, printable form; a programme's group work (docs/autonomy.md, "Actions", "Follow-ups", "Group work").
export { autonomyActionsRoutes } from './actions.routes.js';
export { defineFollowUpJobs, scheduleFollowUps } from './followups.service.js';
export { dueFollowUps } from './followups.due.js';
export { projectReference } from './projects.notify.js';
export { groupWorkCounts } from './workshops.service.js';
export * from './workshops.tables.js';
