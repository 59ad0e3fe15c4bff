import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorisationAsk, authorisationDecide, authorisationListOut, authorisationOut, authorisationsQuery } from '../../../shared/shelters.stays.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import * as service from './authorisations.service.js';

const params = z.object({ id: z.uuid() });

/** The competent social service's agreement and emergency authorisation (docs/shelters.md). */
export function authorisationsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['shelters'];

    r.post(
      '/api/shelters/authorisations',
      {
        schema: { tags, summary: "Ask the competent social service to agree a request's stay (the requesting organisation's staff; one open ask per request)", body: authorisationAsk, response: { 201: authorisationOut } },
        config: { access: { action: 'shelter.request.write' } },
      },
      async (request, reply) => reply.code(201).send(withEtag(reply, await service.askAgreement(ctx, scopeOf(request), request.body, request.id))),
    );
    r.get(
      '/api/shelters/authorisations',
      {
        schema: { tags, summary: "The social service's inbox of agreements and authorisations (a coordinator: the emergency ones of her networks' structures)", querystring: authorisationsQuery, response: { 200: authorisationListOut } },
        config: { access: { action: 'shelter.request.read' } },
      },
      async (request) => service.listAuthorisations(ctx, scopeOf(request), request.query, request.id),
    );
    r.get(
      '/api/shelters/authorisations/:id',
      { schema: { tags, summary: 'One agreement or authorisation as her side sees it (ETag: its version)', params, response: { 200: authorisationOut } }, config: { access: { action: 'shelter.request.read' } } },
      async (request, reply) => withEtag(reply, await service.getAuthorisation(ctx, scopeOf(request), request.params.id, request.id)),
    );
    r.post(
      '/api/shelters/authorisations/:id/decide',
      {
        schema: { tags, summary: 'Authorise naming the payer, or refuse (the competent social service, If-Match)', params, headers: ifMatchHeaders, body: authorisationDecide, response: { 200: authorisationOut } },
        config: { access: { action: 'shelter.authorisation.decide' } },
      },
      async (request, reply) => withEtag(reply, await service.decideAuthorisation(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );
  };
}
