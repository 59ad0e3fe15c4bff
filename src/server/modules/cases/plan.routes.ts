import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { expectedVersion, ifMatchHeaders } from '../../platform/versions.js';
import { savedPartOut } from '../../../shared/cases.api.js';
import { actionFields, goalFields, meetingCreate, planOut, reviewCreate } from '../../../shared/plan.api.js';
import * as plan from './plan.service.js';

const params = z.object({ id: z.uuid() });
const partParams = params.extend({ partId: z.uuid() });
/** The individual plan of a case (her tasks across her cases: home.routes.ts). */
export function planRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const read = { access: { action: 'case.read' } };
  const write = { access: { action: 'case.write' } };
  const target = (partId: string, version: number) => ({ id: partId, version });

  r.get(
    '/api/cases/:id/plan',
    { schema: { tags, summary: 'The individual plan (work/housing members: those areas only)', params, response: { 200: planOut } }, config: read },
    async (request) => plan.getPlan(ctx, scopeOf(request), request.params.id, request.id),
  );
  r.post(
    '/api/cases/:id/plan/goals',
    { schema: { tags, summary: 'Add a goal', params, body: goalFields, response: { 201: savedPartOut } }, config: write },
    async (request, reply) => reply.code(201).send(await plan.saveGoal(ctx, scopeOf(request), request.params.id, null, request.body, request.id)),
  );
  r.put(
    '/api/cases/:id/plan/goals/:partId',
    { schema: { tags, summary: 'Replace a goal (If-Match)', params: partParams, headers: ifMatchHeaders, body: goalFields, response: { 200: savedPartOut } }, config: write },
    async (request) => plan.saveGoal(ctx, scopeOf(request), request.params.id, target(request.params.partId, expectedVersion(request)), request.body, request.id),
  );
  r.post(
    '/api/cases/:id/plan/actions',
    { schema: { tags, summary: 'Add an action (a closed list of types: no mediation exists)', params, body: actionFields, response: { 201: savedPartOut } }, config: write },
    async (request, reply) => reply.code(201).send(await plan.saveAction(ctx, scopeOf(request), request.params.id, null, request.body, request.id)),
  );
  r.put(
    '/api/cases/:id/plan/actions/:partId',
    { schema: { tags, summary: 'Replace an action (If-Match)', params: partParams, headers: ifMatchHeaders, body: actionFields, response: { 200: savedPartOut } }, config: write },
    async (request) => plan.saveAction(ctx, scopeOf(request), request.params.id, target(request.params.partId, expectedVersion(request)), request.body, request.id),
  );
  r.post(
    '/api/cases/:id/plan/reviews',
    { schema: { tags, summary: 'Record a review of the plan, with her agreement (true, false, or null when she was not asked)', params, body: reviewCreate, response: { 201: z.object({ id: z.uuid() }) } }, config: write },
    async (request, reply) => reply.code(201).send(await plan.createReview(ctx, scopeOf(request), request.params.id, request.body, request.id)),
  );
  r.post(
    '/api/cases/:id/meetings',
    {
      schema: { tags, summary: 'Record an équipe meeting; its decisions become plan actions', params, body: meetingCreate, response: { 201: z.object({ id: z.uuid(), actions: z.number().int() }) } },
      config: write,
    },
    async (request, reply) => reply.code(201).send(await plan.createMeeting(ctx, scopeOf(request), request.params.id, request.body, request.id)),
  );
}
