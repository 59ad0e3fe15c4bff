import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { membershipRoles } from '../../../shared/domain.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { pageQuery } from '../../platform/paging.js';
import * as repo from './accounts.repo.js';
import * as service from './accounts.service.js';

const accountOut = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  isInstanceAdmin: z.boolean(),
  disabled: z.boolean(),
  mfaEnrolled: z.boolean(),
  createdAt: z.date(),
  memberships: z.array(z.object({ organisationId: z.uuid(), organisationName: z.string(), role: z.enum(membershipRoles) })),
});
const idParams = z.object({ id: z.uuid() });
const membershipParams = z.object({ id: z.uuid(), organisationId: z.uuid() });
const displayName = z.string().trim().min(2).max(120);

export function accountsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['accounts'];
    const { db } = ctx.database;

    r.get(
      '/api/users',
      {
        schema: {
          tags,
          summary: 'Accounts in scope (all for the instance admin; her organisation otherwise)',
          querystring: pageQuery.extend({ q: z.string().trim().max(100).optional(), organisationId: z.uuid().optional() }),
          response: { 200: z.object({ items: z.array(accountOut), total: z.number() }) },
        },
        config: { access: { action: 'user.read' } },
      },
      async (request) => {
        const scope = scopeOf(request);
        const result = await repo.listAccounts(db, scope, request.query);
        await service.auditAccountRead(ctx, scope, request.id);
        return result;
      },
    );

    r.get(
      '/api/users/:id',
      {
        schema: { tags, summary: 'One account (404 when out of scope)', params: idParams, response: { 200: accountOut } },
        config: { access: { action: 'user.read' } },
      },
      async (request) => {
        const scope = scopeOf(request);
        const found = await repo.findAccount(db, scope, request.params.id);
        if (!found) throw resourceNotFound('user', request.params.id);
        await service.auditAccountRead(ctx, scope, request.id, found.id);
        return found;
      },
    );

    r.post(
      '/api/users',
      {
        schema: {
          tags,
          summary: 'Create an account with a role in an organisation; returns a temporary password, shown once',
          body: z.object({
            username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,64}$/),
            displayName,
            organisationId: z.uuid(),
            role: z.enum(membershipRoles),
          }),
          response: { 201: z.object({ user: accountOut, temporaryPassword: z.string() }) },
        },
        config: { access: { action: 'user.manage' } },
      },
      async (request, reply) => reply.code(201).send(await service.createAccount(ctx, scopeOf(request), request.body, request.id)),
    );

    r.patch(
      '/api/users/:id',
      {
        schema: {
          tags,
          summary: 'Change the display name or disable/enable an account',
          params: idParams,
          body: z.object({ displayName: displayName.optional(), disabled: z.boolean().optional() }),
          response: { 200: accountOut },
        },
        config: { access: { action: 'user.manage' } },
      },
      async (request) => service.updateAccount(ctx, scopeOf(request), request.params.id, request.body, request.id),
    );

    r.put(
      '/api/users/:id/memberships/:organisationId',
      {
        schema: {
          tags,
          summary: 'Grant or change her role in an organisation',
          params: membershipParams,
          body: z.object({ role: z.enum(membershipRoles) }),
          response: { 200: accountOut },
        },
        config: { access: { action: 'user.manage' } },
      },
      async (request) =>
        service.setMembership(ctx, scopeOf(request), request.params.id, request.params.organisationId, request.body.role, request.id),
    );

    r.delete(
      '/api/users/:id/memberships/:organisationId',
      {
        schema: { tags, summary: 'Remove her role in an organisation', params: membershipParams, response: { 204: z.null() } },
        config: { access: { action: 'user.manage' } },
      },
      async (request, reply) => {
        await service.removeMembership(ctx, scopeOf(request), request.params.id, request.params.organisationId, request.id);
        return reply.code(204).send(null);
      },
    );

    r.post(
      '/api/users/:id/mfa-reset',
      {
        schema: { tags, summary: 'Reset her second factor (new enrolment at next login)', params: idParams, response: { 204: z.null() } },
        config: { access: { action: 'user.manage' } },
      },
      async (request, reply) => {
        await service.resetMfa(ctx, scopeOf(request), request.params.id, request.id);
        return reply.code(204).send(null);
      },
    );
  };
}
