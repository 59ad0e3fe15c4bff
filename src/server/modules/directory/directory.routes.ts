import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { visibilities } from '../../../shared/directory.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { pageQuery } from '../../platform/paging.js';
import { hoursPreviewIn, hoursPreviewOut, idParams, instant, istatCode, sportelloOut, sportelloPage } from '../../../shared/directory.api.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import { networkRoutes } from './directory.networks.routes.js';
import { reportRoutes } from './directory.reports.routes.js';
import { checkedSportelloCreate, checkedSportelloPatch } from './directory.schemas.js';
import * as service from './directory.service.js';
import { previewHours } from './directory.standards.js';

/**
 * The reserved directory API (coordinator, organisation heads, members):
 * sportelli and the hours preview here; networks and organisation profiles
 * in directory.networks.routes.ts; standards and history in
 * directory.reports.routes.ts. The import/export routes live in
 * directory.io.routes.ts.
 */
export function directoryRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['directory'];

    r.get(
      '/api/directory/sportelli',
      {
        schema: {
          tags,
          summary: 'Sportelli the caller may see (public: all; reserved: her networks; secret: her own organisation only), with their state now',
          querystring: pageQuery.extend({
            network: z.uuid().optional(),
            organisation: z.uuid().optional(),
            comune: istatCode.optional(),
            q: z.string().trim().min(1).max(100).optional(),
            visibility: z.enum(visibilities).optional(),
            at: instant.optional(),
          }),
          response: { 200: sportelloPage },
        },
        config: { access: { action: 'directory.read' } },
      },
      async (request) => service.listSportelli(ctx, scopeOf(request), request.query, request.query.at ?? new Date(), request.id),
    );

    r.get(
      '/api/directory/sportelli/:id',
      {
        schema: {
          tags,
          summary: 'One sportello (404 when the caller may not see it)',
          params: idParams,
          querystring: z.object({ at: instant.optional() }),
          response: { 200: sportelloOut },
        },
        config: { access: { action: 'directory.read' } },
      },
      async (request, reply) => withEtag(reply, await service.getSportello(ctx, scopeOf(request), request.params.id, request.query.at ?? new Date(), request.id)),
    );

    r.post(
      '/api/directory/sportelli',
      {
        schema: {
          tags,
          summary: 'Create a sportello of an organisation in the caller’s scope',
          body: checkedSportelloCreate,
          response: { 201: sportelloOut },
        },
        config: { access: { action: 'directory.manage' } },
      },
      async (request, reply) => reply.code(201).send(withEtag(reply, await service.createSportello(ctx, scopeOf(request), request.body, request.id))),
    );

    r.patch(
      '/api/directory/sportelli/:id',
      {
        schema: {
          tags,
          summary: 'Change a sportello (If-Match: "<version>")',
          params: idParams,
          headers: ifMatchHeaders,
          body: checkedSportelloPatch,
          response: { 200: sportelloOut },
        },
        config: { access: { action: 'directory.manage' } },
      },
      async (request, reply) => {
        const version = expectedVersion(request);
        return withEtag(reply, await service.updateSportello(ctx, scopeOf(request), request.params.id, version, request.body, request.id));
      },
    );

    r.delete(
      '/api/directory/sportelli/:id',
      {
        schema: {
          tags,
          summary: 'Remove a sportello (If-Match: "<version>"); a 1522 referent is refused (referent_in_use)',
          params: idParams,
          headers: ifMatchHeaders,
          response: { 204: z.null() },
        },
        config: { access: { action: 'directory.manage' } },
      },
      async (request, reply) => {
        const version = expectedVersion(request);
        await service.deleteSportello(ctx, scopeOf(request), request.params.id, version, request.id);
        return reply.code(204).send(null);
      },
    );

    r.post(
      '/api/directory/hours/preview',
      {
        schema: {
          tags,
          summary: 'Live preview of opening hours: validity, state at `at` (default now) and the next seven days. A computation: no data read',
          body: hoursPreviewIn,
          response: { 200: hoursPreviewOut },
        },
        config: { access: { action: 'directory.read' } },
      },
      async (request) => previewHours(request.body.openingHours, request.body.closures, request.body.at ?? new Date()),
    );

    networkRoutes(app, ctx);
    reportRoutes(app, ctx);
  };
}
