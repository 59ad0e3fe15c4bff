import { z } from 'zod';
import { organisationTypes } from './domain.js';

/**
 * The organisations API, shared by the server (validation, serializer
 * whitelist, OpenAPI) and the web (its types and its forms' rules).
 */

const name = z.string().trim().min(2).max(200);
const networkIds = z.array(z.uuid()).max(50);

export const organisationOut = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(organisationTypes),
  networks: z.array(z.object({ id: z.uuid(), name: z.string() })),
  createdAt: z.date(),
});

export const organisationPage = z.object({ items: z.array(organisationOut), total: z.number() });

export const organisationCreate = z.object({ name, type: z.enum(organisationTypes), networkIds: networkIds.default([]) });

export const organisationPatch = z.object({ name: name.optional(), type: z.enum(organisationTypes).optional(), networkIds: networkIds.optional() });

export const networkOut = z.object({ id: z.uuid(), name: z.string(), capofilaOrganisationId: z.uuid().nullable() });

export const networkList = z.object({ items: z.array(networkOut) });

export const networkCreate = z.object({ name, capofilaOrganisationId: z.uuid().optional() });
