import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { standardsFindingsOut } from '../../../shared/directory.findings.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { standardsFindingsOf } from './directory.findings.js';

/** GET /api/directory/standards/findings: the nightly check's standing findings in her scope (directory data, not audited like the live check). */
export function standardsFindingsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/directory/standards/findings',
      {
        schema: {
          tags: ['directory'],
          summary: 'CAVs of her scope the nightly minimum-standard check found below the standard, and since which night',
          response: { 200: standardsFindingsOut },
        },
        config: { access: { action: 'directory.standards' } },
      },
      async (request) => ({ items: await standardsFindingsOf(ctx, scopeOf(request)) }),
    );
  };
}
