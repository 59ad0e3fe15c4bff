import { z } from 'zod';
import { membershipRoles, organisationTypes } from './domain.js';

/**
 * The authentication API, shared by the server (validation, serializer
 * whitelist, OpenAPI) and the web (its types and its forms' rules). Only
 * structural limits live here: the password's strength (zxcvbn, her own
 * words) is judged by the server alone.
 */

/** Length limits of a new password (ASVS 2.1: at least 12; long passphrases welcome). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** A password typed to sign in: any length up to a bound that keeps hashing cheap. */
const typedPassword = z.string().min(1).max(1024);

export const loginBody = z.object({ username: z.string().trim().min(1).max(100), password: typedPassword });

export const loginOut = z.object({ next: z.enum(['mfa', 'enrol']), csrfToken: z.string() });

export const enrolmentOut = z.object({ otpauthUri: z.string(), qrDataUrl: z.string(), secret: z.string() });

/** The six digits of her authenticator app. */
export const mfaBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'totp_code') });

export const meMembershipOut = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  organisationType: z.enum(organisationTypes),
  role: z.enum(membershipRoles),
});

export const meOut = z.object({
  user: z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), isInstanceAdmin: z.boolean() }),
  organisation: z.object({ id: z.uuid(), name: z.string(), type: z.enum(organisationTypes) }).nullable(),
  role: z.enum(['instance_admin', ...membershipRoles]).nullable(),
  memberships: z.array(meMembershipOut),
  permissions: z.array(z.string()),
  /** A temporary password must be replaced (POST /api/auth/password) before anything else. */
  passwordChangeRequired: z.boolean(),
  /** A session unused this long ends: the web warns before, and offers to sign in again in place after. */
  sessionIdleSeconds: z.number().int().positive(),
  csrfToken: z.string(),
});

export const organisationChoice = z.object({ organisationId: z.uuid() });

export const passwordChange = z.object({
  currentPassword: typedPassword,
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});
