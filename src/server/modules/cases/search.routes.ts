import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { caseSearch, caseSearchOut } from '../../../shared/cases.search.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { searchCases } from './search.service.js';

/**
 * Finding her again by her name or phone number. A POST although it reads:
 * what she said on the phone travels in the body, never in a URL (browser
 * history, proxies' access logs); the server's own log has the route only.
 */
export function caseSearchRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/cases/search',
    {
      schema: {
        tags: ['cases'],
        summary: 'Find a woman’s cases by her name or phone number (blind index; only cases whose identity section she holds; closed ones included; audited, never the query)',
        body: caseSearch,
        response: { 200: caseSearchOut },
      },
      config: { access: { action: 'case.read' } },
    },
    async (request) => searchCases(ctx, scopeOf(request), request.body.q, request.id),
  );
}
