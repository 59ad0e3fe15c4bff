/** Public surface of the routing module (1522). */
export { routingPolicy } from './routing.policy.js';
export { callLog } from './routing.tables.js';
export { routingRoutes } from './routing.routes.js';
export { routingTokenRoutes } from './routing.tokens.js';
