import { z } from 'zod';
import { auditFamilies } from './audit.labels.js';
import { auditOutcomes } from './domain.js';

/**
 * The audit log API, shared by the server (validation, serializer
 * whitelist, OpenAPI) and the web (its types).
 */

/**
 * One row, with names where the viewer may see them: the actor's name and
 * organisation, and `resourceLabel` for the record it names — an account's
 * name (one the viewer manages), an organisation's or network's name, a
 * case's code. Never a woman's data: a case shows as its code at most.
 */
export const auditEntryOut = z.object({
  id: z.number(),
  at: z.date(),
  actorUsername: z.string().nullable(),
  actorDisplayName: z.string().nullable(),
  organisationName: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  resourceLabel: z.string().nullable(),
  purpose: z.string().nullable(),
  outcome: z.enum(auditOutcomes),
});

export const auditPage = z.object({ items: z.array(auditEntryOut), total: z.number() });

/**
 * Filters of the log; days in Europe/Rome, `to` inclusive. The server
 * narrows `action` to its catalogue of audited actions and adds paging.
 */
export const auditFilters = z.object({
  family: z.enum(auditFamilies).optional(),
  action: z.string().max(100).optional(),
  outcome: z.enum(auditOutcomes).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const auditEntryParams = z.object({ id: z.coerce.number().int().positive() });

/**
 * How far the audit chain is behind its log: rows committed but not yet
 * chained, the age of the oldest (seconds), and the age past which an
 * unchained row is a fault (`audit:verify` fails: the chainer stopped).
 */
export const auditChainOut = z.object({ unchained: z.number().int(), oldestSeconds: z.number(), maxUnchainedSeconds: z.number().int() });
