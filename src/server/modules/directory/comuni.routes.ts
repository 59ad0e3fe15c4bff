import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { boundariesAnswer, boundariesQuery } from '../../../shared/boundaries.api.js';
import { comuneMatches, comuneSearchQuery } from '../../../shared/help.api.js';
import { boundariesOf } from './boundaries.js';
import { searchComuni } from './comuni.js';

/**
 * Comuni for staff. The search (helpline operators, directory forms): the
 * same answer as the public autocomplete, behind a session and without the
 * public per-address rate limit (a call centre shares one address). The
 * boundaries: the shapes the directory's maps draw.
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

    // Public reference data (ISTAT boundaries), behind a session like the
    // search above: the maps of the reserved directory are its only users.
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/comuni/boundaries',
      {
        schema: {
          tags: ['directory'],
          summary: 'Boundaries (GeoJSON, WGS84) of the comuni given by ISTAT code and outlines of their provinces, for the directory maps',
          querystring: boundariesQuery,
          response: { 200: boundariesAnswer },
        },
        config: { access: { action: 'directory.read' } },
      },
      async (request) => boundariesOf(ctx.database.db, request.query.comuni),
    );
  };
}
