import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountCreate,
  accountCreated,
  accountFilters,
  accountOut,
  accountPage,
  accountPatch,
  membershipParams,
  membershipSet,
  passwordReset,
} from '../../../shared/accounts.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { pageQuery } from '../../platform/paging.js';
import * as repo from './accounts.repo.js';
import * as service from './accounts.service.js';

const idParams = z.object({ id: z.uuid() });

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
          querystring: pageQuery.extend(accountFilters.shape),
          response: { 200: accountPage },
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
          body: accountCreate,
          response: { 201: accountCreated },
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
          body: accountPatch,
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
          body: membershipSet,
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
      '/api/users/:id/password-reset',
      {
        schema: {
          tags,
          summary: 'Issue a temporary password, shown once (she forgot hers); her sessions end, her second factor stays',
          params: idParams,
          response: { 200: passwordReset },
        },
        config: { access: { action: 'user.manage' } },
      },
      async (request) => service.resetPassword(ctx, scopeOf(request), request.params.id, request.id),
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
