import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redditoFields, redditoOut, redditoStatsOut } from '../../../shared/autonomy.reddito.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import { getReddito, openReddito, saveReddito } from './reddito.service.js';
import { redditoStats } from './reddito.stats.js';

const params = z.object({ id: z.uuid() });

/** The Reddito di libertà (docs/autonomy.md): a case's checklist (its `plan` section) and the coordinator's counts. */
export function redditoRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['autonomy'];
    r.get(
      '/api/cases/:id/reddito-liberta',
      {
        schema: { tags, summary: 'The case’s Reddito di libertà: the live application, the step it waits on, its history, the measure as configured; ETag: the live version (0: none)', params, response: { 200: redditoOut } },
        config: { access: { action: 'autonomy.reddito.read' } },
      },
      async (request, reply) => withEtag(reply, await getReddito(ctx, scopeOf(request), request.params.id, request.id)),
    );
    r.put(
      '/api/cases/:id/reddito-liberta',
      {
        schema: { tags, summary: 'Save the live application’s checklist (If-Match: the version read; "0" opens the first)', params, headers: ifMatchHeaders, body: redditoFields, response: { 200: redditoOut } },
        config: { access: { action: 'autonomy.reddito.write' } },
      },
      async (request, reply) => withEtag(reply, await saveReddito(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );
    r.post(
      '/api/cases/:id/reddito-liberta',
      {
        schema: { tags, summary: 'Open a new application: none yet, or the live one has INPS’s outcome (it stays in the history); else 409', params, response: { 201: redditoOut } },
        config: { access: { action: 'autonomy.reddito.write' } },
      },
      async (request, reply) => {
        const out = await openReddito(ctx, scopeOf(request), request.params.id, request.id);
        return reply.code(201).send(withEtag(reply, out));
      },
    );
    r.get(
      '/api/autonomy/reddito/stats',
      {
        schema: { tags, summary: 'Reddito di libertà counts of the networks her organisation leads: applications by state and outcome, months paid (small cells suppressed: null)', response: { 200: redditoStatsOut } },
        config: { access: { action: 'autonomy.reddito.stats' } },
      },
      async (request) => redditoStats(ctx, scopeOf(request), request.id),
    );
  };
}
