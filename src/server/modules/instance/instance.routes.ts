import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { instanceOut, liveOut, readyOut } from '../../../shared/instance.api.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../platform/errors.js';
import { instanceSettings } from '../../platform/platform.tables.js';
import type { DbOrTx } from '../../platform/db.js';

export const DEMO_SETTING = 'demo_loaded';

export async function isDemoInstance(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, DEMO_SETTING));
  return row?.value === true;
}

/** Liveness, readiness and the instance's public facts (name, demo banner). */
export function instanceRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/healthz',
      {
        schema: { tags: ['health'], summary: 'The process is up', response: { 200: liveOut } },
        config: { access: { public: true, reason: 'liveness probe, no data' } },
      },
      async () => ({ status: 'ok' as const }),
    );
    r.get(
      '/readyz',
      {
        schema: { tags: ['health'], summary: 'The database answers', response: { 200: readyOut } },
        config: { access: { public: true, reason: 'readiness probe, no data' } },
      },
      async () => {
        try {
          await ctx.database.ping();
        } catch {
          throw new AppError('unavailable');
        }
        return { status: 'ready' as const };
      },
    );
    r.get(
      '/api/public/instance',
      {
        schema: {
          tags: ['public'],
          summary: 'Instance name and whether it holds demo data (the DEMO banner)',
          response: { 200: instanceOut },
        },
        config: { access: { public: true, reason: 'shown on the login page before any session' } },
      },
      async () => ({ name: ctx.config.instanceName, demo: await isDemoInstance(ctx.database.db), version: ctx.config.version }),
    );
  };
}
