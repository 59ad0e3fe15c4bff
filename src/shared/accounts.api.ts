import { z } from 'zod';
import { membershipRoles, organisationTypes } from './domain.js';

/**
 * The accounts API (staff users and their roles), shared by the server
 * (validation, serializer whitelist, OpenAPI) and the web (its types and
 * its forms' rules).
 */

const displayName = z.string().trim().min(2).max(120);

/** Her role in one organisation; the organisation's kind says which roles it may hold (`rolesByOrganisationType`). */
export const accountMembershipOut = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  organisationType: z.enum(organisationTypes),
  role: z.enum(membershipRoles),
});

export const accountOut = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  isInstanceAdmin: z.boolean(),
  disabled: z.boolean(),
  mfaEnrolled: z.boolean(),
  createdAt: z.date(),
  memberships: z.array(accountMembershipOut),
});

export const accountPage = z.object({ items: z.array(accountOut), total: z.number() });

/** Filters of the accounts list (the server adds paging). */
export const accountFilters = z.object({ q: z.string().trim().max(100).optional(), organisationId: z.uuid().optional() });

export const accountCreate = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .min(3)
    .max(64)
    .regex(/^[a-z0-9._-]+$/, 'username_format'),
  displayName,
  organisationId: z.uuid(),
  role: z.enum(membershipRoles),
});

/** The new account and its temporary password, shown once. */
export const accountCreated = z.object({ user: accountOut, temporaryPassword: z.string() });

/** A temporary password issued for an account whose owner forgot hers, shown once. */
export const passwordReset = z.object({ temporaryPassword: z.string() });

export const accountPatch = z.object({ displayName: displayName.optional(), disabled: z.boolean().optional() });

export const membershipParams = z.object({ id: z.uuid(), organisationId: z.uuid() });

export const membershipSet = z.object({ role: z.enum(membershipRoles) });
