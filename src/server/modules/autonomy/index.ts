/** Public surface of the autonomy module (issue 14: programmes, personalised projects, expenses and caps, Reddito di libertà; docs/autonomy.md). */
export { autonomyPolicy } from './autonomy.policy.js';
export * from './autonomy.tables.js';
