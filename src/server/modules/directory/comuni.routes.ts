import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { comuneMatches, comuneSearchQuery } from '../../../shared/help.api.js';
import { searchComuni } from './comuni.js';

/**
 * The comune search for staff (helpline operators, directory forms): the
 * same answer as the public autocomplete, behind a session and without the
 * public per-address rate limit (a call centre shares one address).
 */
export function comuniRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/comuni',
      {
        schema: {
          tags: ['directory'],
          summary: 'Comuni by name, accent-insensitive (exact, then prefix, then word prefix; larger first)',
          querystring: comuneSearchQuery,
          response: { 200: comuneMatches },
        },
        config: { access: { action: 'directory.read' } },
      },
      async (request) => searchComuni(ctx.database.db, request.query.q, request.query.limit),
    );
  };
}
