import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { pageQuery } from '../../platform/paging.js';
import { historyEntityTypes, historyOut, instant, standardsOut } from '../../../shared/directory.api.js';
import { readHistory } from './directory.history.js';
import { standardsReport } from './directory.networks.service.js';

/** Minimum-standard check and change history: what the coordinator monitors. */
export function reportRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];

  r.get(
    '/api/directory/standards',
    {
      schema: {
        tags,
        summary: 'Minimum-standard flags of each CAV (Intesa 2022) over the next 28 days, with the measured weekdays',
        querystring: z.object({ network: z.uuid().optional(), at: instant.optional() }),
        response: { 200: standardsOut },
      },
      config: { access: { action: 'directory.standards' } },
    },
    async (request) => standardsReport(ctx, scopeOf(request), request.query.network, request.query.at ?? new Date()),
  );

  r.get(
    '/api/directory/history',
    {
      schema: {
        tags,
        summary: 'Change history of the directory, newest first (reserved values redacted; secret sportelli for their own staff only)',
        querystring: pageQuery.extend({
          entityType: z.enum(historyEntityTypes).optional(),
          entityId: z.uuid().optional(),
          network: z.uuid().optional(),
        }),
        response: { 200: historyOut },
      },
      config: { access: { action: 'directory.history' } },
    },
    async (request) => readHistory(ctx, scopeOf(request), request.query, request.id),
  );
}
