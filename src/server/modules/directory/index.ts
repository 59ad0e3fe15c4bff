/** Public surface of the directory module. */
export { directoryPolicy } from './directory.policy.js';
export { comuni, directoryChanges, networkComuni, sportelli } from './directory.tables.js';
export { Hours, checkHours, type HoursState } from './hours.js';
export { type SportelloState, type Territory, distanceKm, findComune, territoryAt } from './territory.js';
