import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { membershipRoles, organisationTypes } from '../../shared/domain.js';
import type { AppContext } from '../context.js';
import { AppError } from '../platform/errors.js';
import * as auth from './auth.service.js';
import { clearSessionCookie, principalOf, setSessionCookie } from './guard.js';
import { SESSION_COOKIE } from './sessions.js';
import { isAllowed, type PolicyTable } from './policy.js';
import { type Principal, actingFor } from './principal.js';

const loginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1024),
});

export const meSchema = z.object({
  user: z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), isInstanceAdmin: z.boolean() }),
  organisation: z.object({ id: z.uuid(), name: z.string(), type: z.enum(organisationTypes) }).nullable(),
  role: z.enum(['instance_admin', ...membershipRoles]).nullable(),
  memberships: z.array(
    z.object({
      organisationId: z.uuid(),
      organisationName: z.string(),
      organisationType: z.enum(organisationTypes),
      role: z.enum(membershipRoles),
    }),
  ),
  permissions: z.array(z.string()),
  /** A temporary password must be replaced (POST /api/auth/password) before anything else. */
  passwordChangeRequired: z.boolean(),
  csrfToken: z.string(),
});

/** Her account as the client sees it, with the actions the UI may offer. */
function presentMe(p: Principal, policy: PolicyTable, csrfToken = p.session.csrfToken): z.infer<typeof meSchema> {
  return {
    user: { id: p.userId, username: p.username, displayName: p.displayName, isInstanceAdmin: p.isInstanceAdmin },
    organisation: p.organisation,
    role: p.organisationRole ?? (p.isInstanceAdmin ? 'instance_admin' : null),
    memberships: p.memberships,
    permissions: Object.keys(policy)
      .filter((a) => !a.startsWith('auth.') && isAllowed(policy[a], p.roles))
      .sort(),
    passwordChangeRequired: p.passwordChangeRequired,
    csrfToken,
  };
}

/** The stable authentication API for the web app, scripts and integrators. */
export function authRoutes(ctx: AppContext, policy: PolicyTable) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['auth'];

    r.post(
      '/api/auth/login',
      {
        schema: {
          tags,
          summary: 'Password step of the login; starts a session that still needs the second factor',
          body: loginBody,
          response: { 200: z.object({ next: z.enum(['mfa', 'enrol']), csrfToken: z.string() }) },
        },
        config: { access: { public: true, reason: 'login: the password step precedes any session' } },
      },
      async (request, reply) => {
        const result = await auth.login(ctx, request.body, request.ip, request.id, request.cookies[SESSION_COOKIE]);
        setSessionCookie(request, reply, result.rawId);
        return { next: result.next, csrfToken: result.csrfToken };
      },
    );

    r.get(
      '/api/auth/mfa/enrolment',
      {
        schema: {
          tags,
          summary: 'TOTP enrolment: a new secret as otpauth URI and QR code (first login only)',
          response: { 200: z.object({ otpauthUri: z.string(), qrDataUrl: z.string(), secret: z.string() }) },
        },
        config: { access: { action: 'auth.mfa' } },
      },
      async (request) => {
        const p = principalOf(request);
        if (p.mfaVerified) throw new AppError('forbidden');
        return auth.startEnrolment(ctx, p);
      },
    );

    r.post(
      '/api/auth/mfa',
      {
        schema: {
          tags,
          summary: 'Second factor: a 6-digit TOTP code, accepted once',
          body: z.object({ code: z.string().trim().regex(/^\d{6}$/) }),
          response: { 200: meSchema },
        },
        config: { access: { action: 'auth.mfa' } },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const rotated = await auth.verifyMfa(ctx, p, request.body.code, request.id);
        setSessionCookie(request, reply, rotated.rawId);
        const updated = { ...actingFor(p, rotated.row.organisationId), mfaVerified: true };
        return presentMe(updated, policy, rotated.row.csrfToken);
      },
    );

    r.get(
      '/api/auth/me',
      {
        schema: { tags, summary: 'The signed-in account, the organisation she acts for, her permissions', response: { 200: meSchema } },
        config: { access: { action: 'auth.me' } },
      },
      async (request) => {
        const p = principalOf(request);
        await auth.auditMe(ctx, p, request.id);
        return presentMe(p, policy);
      },
    );

    r.post(
      '/api/auth/organisation',
      {
        schema: {
          tags,
          summary: 'Choose the organisation to act for (one of her memberships)',
          body: z.object({ organisationId: z.uuid() }),
          response: { 200: meSchema },
        },
        config: { access: { action: 'auth.organisation' } },
      },
      async (request) => {
        const p = principalOf(request);
        await auth.selectOrganisation(ctx, p, request.body.organisationId, request.id);
        return presentMe(actingFor(p, request.body.organisationId), policy);
      },
    );

    r.post(
      '/api/auth/password',
      {
        schema: {
          tags,
          summary: 'Change her own password (required after a temporary one); her other sessions end',
          body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) }),
          response: { 204: z.null() },
        },
        config: { access: { action: 'auth.password' } },
      },
      async (request, reply) => {
        await auth.changePassword(ctx, principalOf(request), request.body, request.id);
        return reply.code(204).send(null);
      },
    );

    r.post(
      '/api/auth/logout',
      {
        schema: { tags, summary: 'Ends the session on the server', response: { 204: z.null() } },
        config: { access: { action: 'auth.logout' } },
      },
      async (request, reply) => {
        await auth.logout(ctx, principalOf(request), request.id);
        clearSessionCookie(request, reply);
        return reply.code(204).send(null);
      },
    );
  };
}
