import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { type deadLetterOut, deadLettersOut } from '../../../shared/jobs.api.js';
import { scopeOf } from '../../access/guard.js';
import { definePolicy } from '../../access/policy.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';

/** Only the instance administrator looks after the background jobs. */
export const jobsAdminPolicy = definePolicy({
  'jobs.dead_letters': { roles: ['instance_admin'] },
});

/** The newest dead letters shown (older ones stay in the table). */
const DEAD_LETTERS_SHOWN = 200;

/** GET /api/admin/jobs/dead-letters: failed background jobs, ids only; reading them is audited like every admin read. */
export function jobsAdminRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/admin/jobs/dead-letters',
      {
        schema: {
          tags: ['admin'],
          summary: 'Background jobs that failed their last attempt, newest first (ids and error codes only)',
          response: { 200: deadLettersOut },
        },
        config: { access: { action: 'jobs.dead_letters' } },
      },
      async (request) => {
        const scope = scopeOf(request);
        const items = await ctx.jobs.deadLetters(DEAD_LETTERS_SHOWN);
        await ctx.database.db.transaction((tx) => writeAudit(tx, { ...actedBy(scope, request.id, 'jobs.dead_letters_read'), purpose: `count ${items.length}` }));
        // An explicit whitelist; the payload is ids only (the jobs platform refused anything else at enqueue).
        const out = items.map((d) => ({ id: d.id, name: d.name, key: d.key, payload: d.payload as z.output<typeof deadLetterOut>['payload'], attempts: d.attempts, error: d.error, failedAt: d.failedAt }));
        return { items: out, limit: DEAD_LETTERS_SHOWN };
      },
    );
  };
}
