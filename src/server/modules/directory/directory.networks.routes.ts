import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { organisationTypes } from '../../../shared/domain.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { pageQuery } from '../../platform/paging.js';
import { idParams, networkDetailOut, networkList, networkPatch, organisationProfileOut, organisationProfilePage, profilePatch } from '../../../shared/directory.api.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import * as service from './directory.networks.service.js';

/** Networks (territory and 1522 referents) and organisation profiles of the reserved directory. */
export function networkRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];

  r.get(
    '/api/directory/networks',
    {
      schema: { tags, summary: 'Networks of the caller’s organisation (the admin: all), with capofila, comuni count and 1522 referent', response: { 200: networkList } },
      config: { access: { action: 'directory.read' } },
    },
    async (request) => service.listNetworks(ctx, scopeOf(request)),
  );

  r.get(
    '/api/directory/networks/:id',
    {
      schema: { tags, summary: 'One network with its comuni and per-comune referents', params: idParams, response: { 200: networkDetailOut } },
      config: { access: { action: 'directory.read' } },
    },
    async (request, reply) => withEtag(reply, await service.getNetwork(ctx, scopeOf(request), request.params.id)),
  );

  r.patch(
    '/api/directory/networks/:id',
    {
      schema: {
        tags,
        summary: 'Change a network’s name, comuni and 1522 referents (its coordinator, or the admin; If-Match: "<version>")',
        params: idParams,
        headers: ifMatchHeaders,
        body: networkPatch,
        response: { 200: networkDetailOut },
      },
      config: { access: { action: 'directory.network_manage' } },
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      return withEtag(reply, await service.updateNetwork(ctx, scopeOf(request), request.params.id, version, request.body, request.id));
    },
  );

  r.get(
    '/api/directory/organisations',
    {
      schema: {
        tags,
        summary: 'Directory profiles of the organisations sharing a network with the caller’s (and her own; the admin: all)',
        querystring: pageQuery.extend({
          network: z.uuid().optional(),
          type: z.enum(organisationTypes).optional(),
          q: z.string().trim().min(1).max(100).optional(),
        }),
        response: { 200: organisationProfilePage },
      },
      config: { access: { action: 'directory.read' } },
    },
    async (request) => service.listProfiles(ctx, scopeOf(request), request.query),
  );

  r.get(
    '/api/directory/organisations/:id',
    {
      schema: { tags, summary: 'One directory profile (404 when not shared with the caller)', params: idParams, response: { 200: organisationProfileOut } },
      config: { access: { action: 'directory.read' } },
    },
    async (request, reply) => withEtag(reply, await service.getProfile(ctx, scopeOf(request), request.params.id)),
  );

  r.patch(
    '/api/directory/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Change a directory profile (name, type and networks stay with /api/organisations; If-Match: "<version>")',
        params: idParams,
        headers: ifMatchHeaders,
        body: profilePatch,
        response: { 200: organisationProfileOut },
      },
      config: { access: { action: 'directory.manage' } },
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      return withEtag(reply, await service.updateProfile(ctx, scopeOf(request), request.params.id, version, request.body, request.id));
    },
  );
}
