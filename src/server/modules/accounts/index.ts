/** Public surface of the accounts module. */
export { accountsPolicy } from './accounts.policy.js';
export { accountsRoutes } from './accounts.routes.js';
export { cliCreateAccount, systemCreateAccount, temporaryPassword, type NewAccount } from './accounts.service.js';
