import { z } from 'zod';

/**
 * The instance administrator's view of background jobs that failed their
 * last attempt (dead letters). Payloads carry ids only — the jobs platform
 * refuses anything else — so nothing of a case reaches her.
 */
const idValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const deadLetterOut = z.object({
  id: z.uuid(),
  /** The job's name (`directory.standards-nightly`). */
  name: z.string(),
  /** The key it was enqueued with (a schedule's occurrence, an id), if any. */
  key: z.string().nullable(),
  payload: z.record(z.string(), z.union([idValue, z.array(idValue)])),
  attempts: z.number().int(),
  /** An error code or class name, never a message. */
  error: z.string(),
  failedAt: z.date(),
});

export const deadLettersOut = z.object({
  items: z.array(deadLetterOut),
  /** The list holds the newest this many. */
  limit: z.number().int(),
});
