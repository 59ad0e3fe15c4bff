import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { organisationTypes } from '../../../shared/domain.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { pageQuery } from '../../platform/paging.js';
import * as repo from './organisations.repo.js';
import * as service from './organisations.service.js';

const organisationOut = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(organisationTypes),
  networks: z.array(z.object({ id: z.uuid(), name: z.string() })),
  createdAt: z.date(),
});
const name = z.string().trim().min(2).max(200);
const idParams = z.object({ id: z.uuid() });

export function organisationsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['organisations'];
    const { db } = ctx.database;

    r.get(
      '/api/organisations',
      {
        schema: {
          tags,
          summary: 'Organisations in scope (all for the instance admin; her network or her own otherwise)',
          querystring: pageQuery.extend({ q: z.string().trim().max(100).optional() }),
          response: { 200: z.object({ items: z.array(organisationOut), total: z.number() }) },
        },
        config: { access: { action: 'organisation.read' } },
      },
      async (request) => repo.listOrganisations(db, scopeOf(request), request.query),
    );

    r.get(
      '/api/organisations/:id',
      {
        schema: { tags, summary: 'One organisation (404 when out of scope)', params: idParams, response: { 200: organisationOut } },
        config: { access: { action: 'organisation.read' } },
      },
      async (request) => {
        const found = await repo.findOrganisation(db, scopeOf(request), request.params.id);
        if (!found) throw resourceNotFound('organisation', request.params.id);
        return found;
      },
    );

    r.post(
      '/api/organisations',
      {
        schema: {
          tags,
          summary: 'Create an organisation',
          body: z.object({ name, type: z.enum(organisationTypes), networkIds: z.array(z.uuid()).max(50).default([]) }),
          response: { 201: organisationOut },
        },
        config: { access: { action: 'organisation.manage' } },
      },
      async (request, reply) => reply.code(201).send(await service.createOrganisation(ctx, scopeOf(request), request.body, request.id)),
    );

    r.patch(
      '/api/organisations/:id',
      {
        schema: {
          tags,
          summary: 'Change an organisation',
          params: idParams,
          body: z.object({ name: name.optional(), type: z.enum(organisationTypes).optional(), networkIds: z.array(z.uuid()).max(50).optional() }),
          response: { 200: organisationOut },
        },
        config: { access: { action: 'organisation.manage' } },
      },
      async (request) => service.updateOrganisation(ctx, scopeOf(request), request.params.id, request.body, request.id),
    );

    r.get(
      '/api/networks',
      {
        schema: {
          tags,
          summary: 'Networks in scope',
          response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), capofilaOrganisationId: z.uuid().nullable() })) }) },
        },
        config: { access: { action: 'network.read' } },
      },
      async (request) => ({ items: await repo.listNetworks(db, scopeOf(request)) }),
    );

    r.post(
      '/api/networks',
      {
        schema: {
          tags,
          summary: 'Create a network, optionally with its ente capofila',
          body: z.object({ name, capofilaOrganisationId: z.uuid().optional() }),
          response: { 201: z.object({ id: z.uuid() }) },
        },
        config: { access: { action: 'network.manage' } },
      },
      async (request, reply) => reply.code(201).send({ id: await service.createNetwork(ctx, scopeOf(request), request.body, request.id) }),
    );
  };
}
