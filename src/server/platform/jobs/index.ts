/** The jobs platform: one API to enqueue, schedule and retry work, on pg-boss (docs/architecture.md, "Jobs"). */
export { Jobs, type JobsOptions } from './jobs.js';
export type { DeadLetter, EnqueueOptions, JobDefinition, JobRun, RunReport } from './jobs.types.js';
export { SCHEDULE_TIME_ZONE } from './jobs.schedule.js';
