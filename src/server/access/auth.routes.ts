import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { enrolmentOut, loginBody, loginOut, meOut, mfaBody, organisationChoice, passwordChange } from '../../shared/auth.api.js';
import type { AppContext } from '../context.js';
import { AppError } from '../platform/errors.js';
import * as auth from './auth.service.js';
import { clearSessionCookie, principalOf, setSessionCookie } from './guard.js';
import { SESSION_COOKIE } from './sessions.js';
import { isAllowed, type PolicyTable } from './policy.js';
import { type Principal, actingFor } from './principal.js';

/** Her account as the client sees it, with the actions the UI may offer. */
function presentMe(p: Principal, policy: PolicyTable, idleMs: number, csrfToken = p.session.csrfToken): z.infer<typeof meOut> {
  return {
    user: { id: p.userId, username: p.username, displayName: p.displayName, isInstanceAdmin: p.isInstanceAdmin },
    organisation: p.organisation,
    role: p.organisationRole ?? (p.isInstanceAdmin ? 'instance_admin' : null),
    memberships: p.memberships,
    permissions: Object.keys(policy)
      .filter((a) => !a.startsWith('auth.') && isAllowed(policy[a], p.roles, p.organisation?.type))
      .sort(),
    passwordChangeRequired: p.passwordChangeRequired,
    sessionIdleSeconds: Math.round(idleMs / 1000),
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
          response: { 200: loginOut },
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
          response: { 200: enrolmentOut },
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
          body: mfaBody,
          response: { 200: meOut },
        },
        config: { access: { action: 'auth.mfa' } },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const rotated = await auth.verifyMfa(ctx, p, request.body.code, request.id);
        setSessionCookie(request, reply, rotated.rawId);
        const updated = { ...actingFor(p, rotated.row.organisationId), mfaVerified: true };
        return presentMe(updated, policy, ctx.config.session.idleMs, rotated.row.csrfToken);
      },
    );

    r.get(
      '/api/auth/me',
      {
        schema: { tags, summary: 'The signed-in account, the organisation she acts for, her permissions', response: { 200: meOut } },
        config: { access: { action: 'auth.me' } },
      },
      async (request) => {
        // Not audited: the web reads it on every page and to keep the session alive; see docs/security.md (Audit).
        return presentMe(principalOf(request), policy, ctx.config.session.idleMs);
      },
    );

    r.post(
      '/api/auth/organisation',
      {
        schema: {
          tags,
          summary: 'Choose the organisation to act for (one of her memberships)',
          body: organisationChoice,
          response: { 200: meOut },
        },
        config: { access: { action: 'auth.organisation' } },
      },
      async (request) => {
        const p = principalOf(request);
        await auth.selectOrganisation(ctx, p, request.body.organisationId, request.id);
        return presentMe(actingFor(p, request.body.organisationId), policy, ctx.config.session.idleMs);
      },
    );

    r.post(
      '/api/auth/password',
      {
        schema: {
          tags,
          summary: 'Change her own password (required after a temporary one); her other sessions end',
          body: passwordChange,
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
