import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type BoardOut, boardOut, boardQuery } from '../../../shared/shelters.structures.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { readBoard } from './board.service.js';

/** The vacancy board (docs/shelters.md, "The vacancy board"). */
export function boardRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/shelters/board',
      {
        schema: {
          tags: ['shelters'],
          summary: "Free places of the structures serving her organisation's networks, with their features, province and (with `area`) distance band: counts only, never an address; not audited",
          querystring: boardQuery,
          response: { 200: boardOut },
        },
        config: { access: { action: 'shelter.board.read' } },
      },
      // The answer comes written (board.service.ts: the schema's own keys and order, checked when the rows were
      // read): a JSON string with its content type is sent as is, not serialised again.
      async (request, reply) => {
        const json = await readBoard(ctx, scopeOf(request), request.query);
        return reply.type('application/json; charset=utf-8').send(json as unknown as BoardOut);
      },
    );
  };
}
