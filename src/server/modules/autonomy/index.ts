/** Public surface of the autonomy module (issue 14: programmes, personalised projects, expenses and caps, Reddito di libertà; docs/autonomy.md). */
export { autonomyPolicy } from './autonomy.policy.js';
export * from './autonomy.tables.js';
// Funded programmes: frame, partners, budgets, équipes, results, summary (docs/autonomy.md, "Programmes").
export { programmesRoutes } from './programmes.routes.js';
export { computeSummary } from './programmes.summary.js';
