import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { searchKey } from '../../../shared/text.js';
import { comuneOut } from '../../../shared/directory.api.js';
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
          querystring: z.object({
            q: z.string().trim().min(2).max(100).refine((v) => searchKey(v).length >= 2, { message: 'min_letters' }),
            limit: z.coerce.number().int().min(1).max(10).default(10),
          }),
          response: { 200: z.array(comuneOut) },
        },
        config: { access: { action: 'directory.read' } },
      },
      async (request) => searchComuni(ctx.database.db, request.query.q, request.query.limit),
    );
  };
}
