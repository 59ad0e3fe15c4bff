import { z } from 'zod';
import { auditOutcomes } from './domain.js';

/**
 * The audit log API, shared by the server (validation, serializer
 * whitelist, OpenAPI) and the web (its types).
 */

export const auditEntryOut = z.object({
  id: z.number(),
  at: z.date(),
  actorUsername: z.string().nullable(),
  organisationName: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  purpose: z.string().nullable(),
  outcome: z.enum(auditOutcomes),
});

export const auditPage = z.object({ items: z.array(auditEntryOut), total: z.number() });

/**
 * Filters of the log; days in Europe/Rome, `to` inclusive. The server
 * narrows `action` to its catalogue of audited actions and adds paging.
 */
export const auditFilters = z.object({
  action: z.string().max(100).optional(),
  outcome: z.enum(auditOutcomes).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const auditEntryParams = z.object({ id: z.coerce.number().int().positive() });
