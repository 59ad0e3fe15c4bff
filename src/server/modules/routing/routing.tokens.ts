import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { MembershipRole } from '../../../shared/domain.js';
import { routingTokenAccounts, routingTokenCreate, routingTokenCreated, routingTokenList } from '../../../shared/routing.api.js';
import { apiTokens, memberships, users } from '../../access/access.tables.js';
import { scopeOf } from '../../access/guard.js';
import type { PolicyTable } from '../../access/policy.js';
import { createApiToken, tokenScopes } from '../../access/tokens.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { organisations } from '../organisations/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * API tokens for the helpline's own software, managed by the instance
 * admin: each acts as a helpline_operator account of the helpline
 * organisation, for routing lookups and call records only, until it
 * expires or is revoked. The policy table says which actions a token may
 * call, so the list shows what each token can do today.
 */
export function routingTokenRoutes(ctx: AppContext, policy: PolicyTable) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['routing (1522)'];
    const { db } = ctx.database;
    const write = <T>(fn: Parameters<typeof writeTransaction<T>>[1]) => writeTransaction(db, fn, () => new AppError('conflict'));

    r.get(
      '/api/routing/tokens',
      {
        schema: {
          tags,
          summary: 'API tokens of the helpline software (never their values)',
          response: { 200: routingTokenList },
        },
        config: { access: { action: 'routing.tokens' } },
      },
      async () => {
        const now = Date.now();
        const rows = await db
          .select({ t: apiTokens, username: users.username, displayName: users.displayName, disabledAt: users.disabledAt, organisationName: organisations.name, role: memberships.role })
          .from(apiTokens)
          .innerJoin(users, eq(users.id, apiTokens.userId))
          .innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
          .leftJoin(memberships, and(eq(memberships.userId, apiTokens.userId), eq(memberships.organisationId, apiTokens.organisationId)))
          .orderBy(desc(apiTokens.createdAt));
        return {
          items: rows.map(({ t, username, displayName, disabledAt, organisationName, role }) => {
            const live = !t.revokedAt && t.expiresAt.getTime() > now && !disabledAt;
            return {
              id: t.id,
              name: t.name,
              user: { id: t.userId, username, displayName },
              organisation: { id: t.organisationId, name: organisationName },
              scopes: live ? tokenScopes(policy, role as MembershipRole | null) : [],
              createdAt: t.createdAt,
              lastUsedAt: t.lastUsedAt,
              expiresAt: t.expiresAt,
              revokedAt: t.revokedAt,
            };
          }),
        };
      },
    );

    r.get(
      '/api/routing/tokens/accounts',
      {
        schema: {
          tags,
          summary: 'The accounts a new token may act as (helpline operators, not disabled)',
          response: { 200: routingTokenAccounts },
        },
        config: { access: { action: 'routing.tokens' } },
      },
      async () => {
        const rows = await db
          .select({ id: users.id, username: users.username, displayName: users.displayName, organisationId: organisations.id, organisationName: organisations.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
          .where(and(eq(memberships.role, 'helpline_operator'), isNull(users.disabledAt)))
          .orderBy(asc(organisations.name), asc(users.displayName));
        return {
          items: rows.map((a) => ({
            user: { id: a.id, username: a.username, displayName: a.displayName },
            organisation: { id: a.organisationId, name: a.organisationName },
          })),
        };
      },
    );

    r.post(
      '/api/routing/tokens',
      {
        schema: {
          tags,
          summary: 'Create a token for a helpline_operator account (the value is shown once)',
          body: routingTokenCreate,
          response: { 201: routingTokenCreated },
        },
        config: { access: { action: 'routing.tokens' } },
      },
      async (request, reply) => {
        const scope = scopeOf(request);
        const { userId, organisationId, name, validForDays } = request.body;
        const created = await write(async (tx) => {
          const [m] = await tx
            .select({ role: memberships.role })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId), isNull(users.disabledAt)));
          if (m?.role !== 'helpline_operator') {
            throw new AppError('validation_failed', {
              errors: [{ pointer: '/body/userId', code: 'not_helpline_operator' }],
            });
          }
          const expiresAt = new Date(Date.now() + validForDays * DAY_MS);
          const token = await createApiToken(tx, ctx.sessions, { userId, organisationId, name, createdBy: scope.principal.userId, expiresAt });
          await writeAudit(tx, actedBy(scope, request.id, 'routing.token_create', { type: 'api_token', id: token.id }));
          return token;
        });
        return reply.code(201).send(created);
      },
    );

    r.delete(
      '/api/routing/tokens/:id',
      {
        schema: { tags, summary: 'Revoke a token (at once)', params: z.object({ id: z.uuid() }) },
        config: { access: { action: 'routing.tokens' } },
      },
      async (request, reply) => {
        const scope = scopeOf(request);
        await write(async (tx) => {
          const done = await tx
            .update(apiTokens)
            .set({ revokedAt: new Date() })
            .where(and(eq(apiTokens.id, request.params.id), isNull(apiTokens.revokedAt)))
            .returning({ id: apiTokens.id });
          if (!done.length) throw resourceNotFound('api_token', request.params.id);
          await writeAudit(tx, actedBy(scope, request.id, 'routing.token_revoke', { type: 'api_token', id: request.params.id }));
        });
        return reply.code(204).send();
      },
    );
  };
}
