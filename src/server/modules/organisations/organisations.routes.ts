import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { networkCreate, networkList, organisationCreate, organisationOut, organisationPage, organisationPatch } from '../../../shared/organisations.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { pageQuery } from '../../platform/paging.js';
import * as repo from './organisations.repo.js';
import * as service from './organisations.service.js';

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
          response: { 200: organisationPage },
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
          body: organisationCreate,
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
          body: organisationPatch,
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
          response: { 200: networkList },
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
          body: networkCreate,
          response: { 201: z.object({ id: z.uuid() }) },
        },
        config: { access: { action: 'network.manage' } },
      },
      async (request, reply) => reply.code(201).send({ id: await service.createNetwork(ctx, scopeOf(request), request.body, request.id) }),
    );
  };
}
