import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseStages, riskLevels } from '../../../shared/cases.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { pageQuery } from '../../platform/paging.js';
import { claimOf, idempotencyHeaders } from '../../platform/idempotency.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import { caseAccessLog } from './access-log.service.js';
import { casePartRoutes } from './cases.parts.routes.js';
import { documentRoutes } from './documents.routes.js';
import { planRoutes } from './plan.routes.js';
import { coordinationRoutes } from './coordination.routes.js';
import { safetyPlanRoutes } from './safety-plan.routes.js';
import { minorRoutes } from './minors.routes.js';
import { caseSearchRoutes } from './search.routes.js';
import { homeRoutes } from './home.routes.js';
import { workloadFilters } from '../../../shared/tasks.api.js';
import { breakGlass, caseAccessLogOut, caseCreate, caseOut, casePatch, caseSummaryOut, caseTeamOut, memberAdd, reopen, stageChange, teamCandidatesOut, caseloadSort } from '../../../shared/cases.api.js';
import * as service from './cases.service.js';

export const caseParams = z.object({ id: z.uuid() });

/**
 * The woman's pathway: the record, its stages, its team. Consents,
 * timeline, children and authors in cases.parts.routes.ts; the plan and
 * the tasks in plan.routes.ts. Any case the
 * caller may not reach answers 404, whether it exists or not.
 */
export function casesRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['cases'];

    r.get(
      '/api/cases',
      {
        schema: {
          tags,
          summary: 'The caseload: cases of her team (the head: every case of her organisation, without identity unless on the team)',
          querystring: pageQuery.extend({
            stage: z.enum(caseStages).optional(),
            riskLevel: z.enum(riskLevels).optional(),
            mine: z.stringbool().optional(),
            code: z.string().trim().max(20).optional(),
            staleDays: z.coerce.number().int().min(1).max(3650).optional(),
            ...caseloadSort,
          }).extend(workloadFilters.shape),
          response: { 200: z.object({ items: z.array(caseSummaryOut), total: z.number().int() }) },
        },
        config: { access: { action: 'case.read' } },
      },
      async (request) => service.listCases(ctx, scopeOf(request), request.query, request.id),
    );

    r.post(
      '/api/cases',
      {
        schema: {
          tags,
          summary: 'Open a pathway at the first contact (anonymous unless an identity is given). With an Idempotency-Key, a retry returns the case the first request opened',
          headers: idempotencyHeaders,
          body: caseCreate,
          response: { 201: caseOut },
        },
        config: { access: { action: 'case.write' } },
      },
      async (request, reply) => {
        const scope = scopeOf(request);
        const claim = claimOf(scope.principal.userId, 'POST /api/cases', request.headers['idempotency-key'], request.body);
        return reply.code(201).send(withEtag(reply, await service.createCase(ctx, scope, request.body, request.id, claim)));
      },
    );

    r.get(
      '/api/cases/:id',
      {
        schema: { tags, summary: 'One case, as far as her access covers it (every read audited)', params: caseParams, response: { 200: caseOut } },
        config: { access: { action: 'case.read' } },
      },
      async (request, reply) => withEtag(reply, await service.getCase(ctx, scopeOf(request), request.params.id, request.id)),
    );

    r.patch(
      '/api/cases/:id',
      {
        schema: { tags, summary: 'Change the record (If-Match: "<version>"); identity, safe contact and profile are replaced as a whole', params: caseParams, headers: ifMatchHeaders, body: casePatch, response: { 200: caseOut } },
        config: { access: { action: 'case.write' } },
      },
      async (request, reply) => {
        const version = expectedVersion(request);
        return withEtag(reply, await service.updateCase(ctx, scopeOf(request), request.params.id, version, request.body, request.id));
      },
    );

    r.post(
      '/api/cases/:id/stage',
      {
        schema: { tags, summary: 'Move the pathway forward, or close it with its outcome (If-Match)', params: caseParams, headers: ifMatchHeaders, body: stageChange, response: { 200: caseOut } },
        config: { access: { action: 'case.write' } },
      },
      async (request, reply) => {
        const version = expectedVersion(request);
        return withEtag(reply, await service.changeStage(ctx, scopeOf(request), request.params.id, version, request.body, request.id));
      },
    );

    r.post(
      '/api/cases/:id/reopen',
      {
        schema: { tags, summary: 'Re-open a closed pathway (If-Match); the closure stays in its history', params: caseParams, headers: ifMatchHeaders, body: reopen, response: { 200: caseOut } },
        config: { access: { action: 'case.write' } },
      },
      async (request, reply) => {
        const version = expectedVersion(request);
        return withEtag(reply, await service.reopenCase(ctx, scopeOf(request), request.params.id, version, request.body, request.id));
      },
    );

    r.get(
      '/api/cases/:id/team',
      {
        schema: { tags, summary: 'The case team (the owning organisation’s head)', params: caseParams, response: { 200: caseTeamOut } },
        config: { access: { action: 'case.team' } },
      },
      async (request) => service.getTeam(ctx, scopeOf(request), request.params.id, request.id),
    );

    r.get(
      '/api/cases/:id/access-log',
      {
        schema: { tags, summary: 'Every access to this case, from the audit log, newest first (the owning organisation’s head; audited)', params: caseParams, querystring: pageQuery, response: { 200: caseAccessLogOut } },
        config: { access: { action: 'case.access_log' } },
      },
      async (request) => caseAccessLog(ctx, scopeOf(request), request.params.id, request.query, request.id),
    );

    r.get(
      '/api/cases/:id/team/candidates',
      {
        schema: {
          tags,
          summary: 'Who the head may add: her organisation’s staff, and the staff of organisations a live sharing consent names (with its sections)',
          params: caseParams,
          response: {
            200: teamCandidatesOut,
          },
        },
        config: { access: { action: 'case.team' } },
      },
      async (request) => service.teamCandidates(ctx, scopeOf(request), request.params.id, request.id),
    );

    r.post(
      '/api/cases/:id/team',
      {
        schema: {
          tags,
          summary: 'Add a member (the head): her staff see every section; someone of another organisation only on a live sharing consent, and only its sections',
          params: caseParams,
          body: memberAdd,
          response: { 200: caseTeamOut },
        },
        config: { access: { action: 'case.team' } },
      },
      async (request) => service.addMember(ctx, scopeOf(request), request.params.id, request.body, request.id),
    );

    r.delete(
      '/api/cases/:id/team/:userId',
      {
        schema: { tags, summary: 'Remove a member (the head)', params: caseParams.extend({ userId: z.uuid() }), response: { 200: caseTeamOut } },
        config: { access: { action: 'case.team' } },
      },
      async (request) => service.removeMember(ctx, scopeOf(request), request.params.id, request.params.userId, request.id),
    );

    r.post(
      '/api/cases/:id/break-glass',
      {
        schema: {
          tags,
          summary: `Break the glass: the head opens a case of her organisation she is not on the team of, giving a reason, for ${service.BREAK_GLASS_HOURS} hours (the team sees it)`,
          params: caseParams,
          body: breakGlass,
          response: { 200: caseOut },
        },
        config: { access: { action: 'case.break_glass' } },
      },
      async (request, reply) => withEtag(reply, await service.breakGlass(ctx, scopeOf(request), request.params.id, request.body.reason, request.id)),
    );

    casePartRoutes(r, ctx);
    homeRoutes(app, ctx);
    caseSearchRoutes(app, ctx);
    planRoutes(app, ctx);
    coordinationRoutes(app, ctx);
    safetyPlanRoutes(app, ctx);
    minorRoutes(app, ctx);
    documentRoutes(app, ctx);
  };
}
