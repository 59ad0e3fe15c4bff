import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { colleagueAdd, colleaguesOut, coordinationOut, coordinationSet } from '../../../shared/coordination.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import * as coordination from './coordination.service.js';

const params = z.object({ id: z.uuid() });

/** Who coordinates a case's plan and team (docs/cases.md, "Coordination"; routes listed in src/shared/coordination.api.ts). */
export function coordinationRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const head = { access: { action: 'case.team' } };

  r.get(
    '/api/cases/:id/coordination',
    { schema: { tags, summary: 'Who coordinates, and the accepted referrals’ organisations it may be handed to (the owning organisation’s head)', params, response: { 200: coordinationOut } }, config: head },
    async (request, reply) => withEtag(reply, await coordination.getCoordination(ctx, scopeOf(request), request.params.id, request.id)),
  );
  r.put(
    '/api/cases/:id/coordination',
    {
      schema: {
        tags,
        summary: 'Hand the coordination of the plan and team to an accepted referral’s organisation whose share includes the plan, or take it back (null); If-Match: the case’s version',
        params,
        headers: ifMatchHeaders,
        body: coordinationSet,
        response: { 200: coordinationOut },
      },
      config: head,
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      return withEtag(reply, await coordination.setCoordination(ctx, scopeOf(request), request.params.id, version, request.body, request.id));
    },
  );
  r.get(
    '/api/cases/:id/coordination/team',
    { schema: { tags, summary: 'The coordinating organisation’s members on the team and the colleagues who may join (its members only)', params, response: { 200: colleaguesOut } }, config: { access: { action: 'case.read' } } },
    async (request) => coordination.listColleagues(ctx, scopeOf(request), request.params.id, request.id),
  );
  r.post(
    '/api/cases/:id/coordination/team',
    { schema: { tags, summary: 'The coordinating organisation adds a colleague, with sections within its referral’s', params, body: colleagueAdd, response: { 200: colleaguesOut } }, config: { access: { action: 'case.write' } } },
    async (request) => coordination.addColleague(ctx, scopeOf(request), request.params.id, request.body, request.id),
  );
  r.delete(
    '/api/cases/:id/coordination/team/:userId',
    { schema: { tags, summary: 'The coordinating organisation removes one of its members from the team', params: params.extend({ userId: z.uuid() }), response: { 200: colleaguesOut } }, config: { access: { action: 'case.write' } } },
    async (request) => coordination.removeColleague(ctx, scopeOf(request), request.params.id, request.params.userId, request.id),
  );
}
