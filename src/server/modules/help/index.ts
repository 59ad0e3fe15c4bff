/** Public surface of the help module (the public "Trova aiuto" page and API). */
export { type HelpOptions, helpRoutes } from './help.routes.js';
