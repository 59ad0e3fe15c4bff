import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../platform/errors.js';
import { writeAuditAlone } from '../audit/audit.writer.js';
import type { AppContext } from '../context.js';
import { type PolicyTable, type RouteAccess, isAllowed } from './policy.js';
import { type Principal, loadSessionPrincipal } from './principal.js';
import { type Scope, buildScope } from './scope.js';
import { SESSION_COOKIE } from './sessions.js';
import { bearerToken, tokenPrincipal } from './tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares its access; the app refuses to start otherwise. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
    scope: Scope | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Secure cookies everywhere but plain-HTTP loopback (local development, tests). */
export function isSecureContext(request: FastifyRequest): boolean {
  return request.protocol === 'https' || !LOOPBACK.has(request.hostname);
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, rawId: string): void {
  reply.setCookie(SESSION_COOKIE, rawId, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecureContext(request),
    path: '/',
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: isSecureContext(request), path: '/' });
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * True when the browser says a request comes from another site or origin:
 * `Sec-Fetch-Site` other than `same-origin` or `none` (typed by hand), or an
 * `Origin` whose host (name and port) is not the Host the request was sent
 * to (`null`, unparsable and foreign origins alike). A request with neither
 * header (API clients, the command line, old browsers) is not cross-site:
 * the CSRF token and the SameSite=Strict cookie still guard it.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    const from = new URL(origin);
    if (from.protocol !== 'http:' && from.protocol !== 'https:') return true;
    // The Host read with the Origin's scheme, so that a default port compares equal (localhost:80 = http://localhost).
    return new URL(`${from.protocol}//${request.host}`).host !== from.host;
  } catch {
    return true;
  }
}

/** Route × access table, for the startup check and the snapshot test. */
export interface RouteAccessEntry {
  method: string;
  url: string;
  readonly access: RouteAccess | undefined;
}

/**
 * THE choke point. Collects every route's declared access and refuses to
 * start when one is missing or names an action no policy defines; then, on
 * every request, refuses cross-site state-changing requests, resolves the
 * principal from the session, checks the second factor, the CSRF token and
 * the policy — deny by default — and builds the
 * scope the services must use.
 */
export const accessGuard = fp<{ ctx: AppContext; policy: PolicyTable; routes: RouteAccessEntry[] }>(
  async (app: FastifyInstance, { ctx, policy, routes }) => {
    const { db } = ctx.database;
    app.decorateRequest('principal', null);
    app.decorateRequest('scope', null);

    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        // Read lazily: an encapsulated context's own onRoute hook (publicContext)
        // may still set the access after this one ran.
        routes.push({ method, url: route.url, get access() { return route.config?.access; } });
      }
    });

    app.addHook('onReady', async () => {
      const bad = routes.filter(
        (r) => !r.access || (r.access.public ? !r.access.reason : !policy[r.access.action]),
      );
      if (bad.length) {
        throw new Error(
          `Routes without a valid access declaration (config.access):\n${bad.map((r) => `  ${r.method} ${r.url}`).join('\n')}`,
        );
      }
    });

    const deny = async (request: FastifyRequest, code: 'unauthenticated' | 'forbidden', principal: Principal | null, action: string) => {
      await writeAuditAlone(db, {
        action: 'access.denied',
        outcome: 'denied',
        actorUserId: principal?.userId,
        actorOrganisationId: principal?.organisation?.id,
        resourceType: 'route',
        resourceId: `${request.method} ${request.routeOptions.url}`,
        purpose: action,
        requestId: request.id,
      });
      return new AppError(code);
    };

    /**
     * A refusal before or besides the policy (a cross-site request, a wrong CSRF
     * token), audited naming who when the request identifies someone (session
     * or token); an anonymous one is not, so that no page can flood the chain.
     */
    const refuse = async (request: FastifyRequest, code: 'cross_site_refused' | 'csrf_failed', principal?: Principal | null) => {
      let who = principal;
      if (who === undefined) {
        const bearer = bearerToken(request.headers.authorization);
        if (bearer !== undefined) who = await tokenPrincipal(db, ctx.sessions, bearer);
        else if (request.cookies[SESSION_COOKIE]) who = (await loadSessionPrincipal(db, ctx.sessions, request.cookies[SESSION_COOKIE])).principal;
      }
      if (who) {
        await writeAuditAlone(db, {
          action: 'access.denied',
          outcome: 'denied',
          actorUserId: who.userId,
          actorOrganisationId: who.organisation?.id,
          resourceType: 'route',
          resourceId: `${request.method} ${request.routeOptions.url}`,
          purpose: code,
          requestId: request.id,
        });
      }
      return new AppError(code);
    };

    app.addHook('onRequest', async (request, reply) => {
      if (request.is404) return;
      // Before anything else, public routes (the login) included.
      if (!SAFE_METHODS.has(request.method) && isCrossSite(request)) throw await refuse(request, 'cross_site_refused');
      const access = request.routeOptions.config.access;
      if (access?.public) return;
      const action = access?.action ?? '(undeclared)';
      const rule = policy[action];

      // Software of the helpline: a bearer token instead of a session. No
      // cookie is involved, so no CSRF check; only actions open to tokens.
      const bearer = bearerToken(request.headers.authorization);
      if (bearer !== undefined) {
        const principal = await tokenPrincipal(db, ctx.sessions, bearer);
        if (!principal) throw await deny(request, 'unauthenticated', null, action);
        if (!rule?.apiToken || !isAllowed(rule, principal.roles, principal.organisation?.type)) throw await deny(request, 'forbidden', principal, action);
        request.principal = principal;
        request.scope = await buildScope(db, principal);
        return;
      }

      const loaded = await loadSessionPrincipal(db, ctx.sessions, request.cookies[SESSION_COOKIE]);
      if (loaded.status === 'expired') {
        await writeAuditAlone(db, {
          action: 'auth.session_expired',
          outcome: 'success',
          actorUserId: loaded.row.userId,
          actorOrganisationId: loaded.row.organisationId,
          requestId: request.id,
        });
        clearSessionCookie(request, reply);
        throw new AppError('session_expired');
      }
      const { principal } = loaded;
      if (!principal) {
        if (loaded.status === 'live') await ctx.sessions.end(db, loaded.row.idHash);
        // A request with no session cookie at all (a signed-out page asking who is
        // there, a scanner) is answered but not audited: it identifies nobody and
        // must not let anyone flood the chain. A presented but unknown session is.
        if (!request.cookies[SESSION_COOKIE]) throw new AppError('unauthenticated');
        throw await deny(request, 'unauthenticated', null, action);
      }
      if (!principal.mfaVerified && !rule?.beforeMfa) throw new AppError('mfa_required');
      if (principal.mfaVerified && principal.passwordChangeRequired && !rule?.duringPasswordChange) {
        throw new AppError('password_change_required');
      }
      if (!SAFE_METHODS.has(request.method) && !sameToken(request.headers['x-csrf-token'] as string | undefined, principal.session.csrfToken)) {
        throw await refuse(request, 'csrf_failed', principal);
      }
      if (!isAllowed(rule, principal.roles, principal.organisation?.type)) {
        const couldWithOrganisation =
          !principal.organisation && principal.memberships.some((m) => rule?.roles.includes(m.role));
        if (couldWithOrganisation) throw new AppError('organisation_required');
        throw await deny(request, 'forbidden', principal, action);
      }
      request.principal = principal;
      request.scope = await buildScope(db, principal);
    });
  },
  { name: 'access-guard' },
);

/** The principal of a guarded route (the guard guarantees it). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated');
  return request.principal;
}

/** The scope of a guarded route (the guard guarantees it). */
export function scopeOf(request: FastifyRequest): Scope {
  if (!request.scope) throw new AppError('unauthenticated');
  return request.scope;
}
