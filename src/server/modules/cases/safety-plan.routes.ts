import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { safetyPlanFields, safetyPlanOut, safetyPlanQuery, safetyPlanSaved } from '../../../shared/safety-plan.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import * as safetyPlan from './safety-plan.service.js';

const params = z.object({ id: z.uuid() });

/** The safety plan of a case (the `risk` section); never printed, so no PDF route (docs/safety-plan.md). */
export function safetyPlanRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  r.get(
    '/api/cases/:id/safety-plan',
    {
      schema: { tags, summary: 'The safety plan (current version, or ?version=n) and its history; ETag: the current version', params, querystring: safetyPlanQuery, response: { 200: safetyPlanOut } },
      config: { access: { action: 'case.read' } },
    },
    async (request, reply) => withEtag(reply, await safetyPlan.getSafetyPlan(ctx, scopeOf(request), request.params.id, request.query.version, request.id)),
  );
  r.put(
    '/api/cases/:id/safety-plan',
    {
      schema: { tags, summary: 'Save the safety plan as its next version (If-Match: the version read, "0" for the first)', params, headers: ifMatchHeaders, body: safetyPlanFields, response: { 200: safetyPlanSaved } },
      config: { access: { action: 'case.write' } },
    },
    async (request, reply) => withEtag(reply, await safetyPlan.saveSafetyPlan(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
  );
}
