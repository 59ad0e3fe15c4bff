/** Public surface of the directory module. */
export { directoryPolicy } from './directory.policy.js';
export { comuni, directoryChanges, networkComuni, sportelli } from './directory.tables.js';
export { Hours, checkHours, type HoursState } from './hours.js';
export { weeklySchedule } from './hours.week.js';
export { type SportelloState, type Territory, distanceKm, findComune, territoryAt } from './territory.js';
export { directoryRoutes } from './directory.routes.js';
export { type Counts, type ImportActor, type ImportReport, importDirectory } from './directory.import.js';
export { directoryImportFile, directoryImportJsonSchema, type DirectoryImportFile } from './directory.import.schema.js';
export { directoryIoRoutes } from './directory.io.routes.js';
export { type ComuneMatch, searchComuni } from './comuni.js';
export { comuniRoutes } from './comuni.routes.js';
export { defineDirectoryJobs } from './directory.findings.js';
export { standardsFindingsRoutes } from './directory.findings.routes.js';
export { email, istatCode, languageCode, phone } from '../../../shared/fields.js';
