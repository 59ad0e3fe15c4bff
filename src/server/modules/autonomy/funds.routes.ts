import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationIn,
  applicationUpdate,
  cofinancingIn,
  fundsExpenseIn,
  fundsYearCreate,
  fundsYearListOut,
  fundsYearOut,
  fundsYearUpdate,
  governanceIn,
  planIn,
  planMoveIn,
  reportMoveIn,
  reportQuery,
  reviewIn,
} from '../../../shared/autonomy.funds.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { sendDownload } from '../../platform/exports.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import { SideForbidden, fundsActor } from './funds.access.js';
import { writeAuditAlone } from '../../audit/audit.writer.js';
import { getYear, listYears, presentAfterWrite } from './funds.present.js';
import { exportReport } from './funds.report.js';
import * as service from './funds.service.js';

const params = z.object({ id: z.uuid() });
const entryParams = z.object({ id: z.uuid(), entryId: z.uuid() });
const applicationParams = z.object({ id: z.uuid(), applicationId: z.uuid() });
const allocationParams = z.object({ id: z.uuid(), allocationId: z.uuid() });
const expenseParams = z.object({ id: z.uuid(), allocationId: z.uuid(), expenseId: z.uuid() });
const read = { access: { action: 'autonomy.funds.read' } } as const;
const manage = { access: { action: 'autonomy.funds.manage' } } as const;
const write = { access: { action: 'autonomy.funds.write' } } as const;
const base = '/api/autonomy/funds/years';

/** The capofila's regional funds (docs/autonomy.md, "Regional funds"; routes listed in src/shared/autonomy.funds.api.ts). */
export function fundsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['autonomy'];
    const { db } = ctx.database;
    const actor = (request: FastifyRequest) => fundsActor(scopeOf(request), request.id);
    // A 403 of her side or role within the year is audited as the guard audits a policy's (the route and its action).
    app.addHook('onError', async (request, _reply, error) => {
      if (!(error instanceof SideForbidden) || !request.principal) return;
      const access = request.routeOptions.config.access;
      await writeAuditAlone(db, {
        action: 'access.denied',
        outcome: 'denied',
        actorUserId: request.principal.userId,
        actorOrganisationId: request.principal.organisation?.id,
        resourceType: 'route',
        resourceId: `${request.method} ${request.routeOptions.url}`,
        purpose: access && !access.public ? access.action : null,
        requestId: request.id,
      });
    });
    const answer = async (request: FastifyRequest, reply: FastifyReply, id: string, code = 200) => reply.code(code).send(withEtag(reply, await presentAfterWrite(db, actor(request), id)));

    r.get(base, { schema: { tags, summary: 'The funds years she may see, and the networks whose funds she manages (audited, count only)', response: { 200: fundsYearListOut } }, config: read }, async (request) =>
      listYears(ctx, actor(request)),
    );
    r.post(
      base,
      { schema: { tags, summary: "Open a year for a network whose capofila she heads or coordinates; 409 when the year exists", body: fundsYearCreate, response: { 201: fundsYearOut } }, config: manage },
      async (request, reply) => answer(request, reply, await service.createYear(db, actor(request), request.body), 201),
    );
    r.get(
      `${base}/:id`,
      { schema: { tags, summary: "One year: the capofila's whole view, or a partner's own (audited; ETag)", params, response: { 200: fundsYearOut } }, config: read },
      async (request, reply) => withEtag(reply, await getYear(ctx, actor(request), request.params.id)),
    );
    r.patch(
      `${base}/:id`,
      {
        schema: { tags, summary: 'Contribution and call (the capofila, If-Match); below the governance costs or the plan: 409', params, headers: ifMatchHeaders, body: fundsYearUpdate, response: { 200: fundsYearOut } },
        config: manage,
      },
      async (request, reply) => {
        await service.updateYear(db, actor(request), request.params.id, expectedVersion(request), request.body);
        return answer(request, reply, request.params.id);
      },
    );
    r.post(
      `${base}/:id/cofinancing`,
      { schema: { tags, summary: 'A co-financing entry: money, or staff or premises valued at a stated amount (the capofila)', params, body: cofinancingIn, response: { 201: fundsYearOut } }, config: manage },
      async (request, reply) => {
        await service.addCofinancing(db, actor(request), request.params.id, request.body);
        return answer(request, reply, request.params.id, 201);
      },
    );
    r.delete(
      `${base}/:id/cofinancing/:entryId`,
      { schema: { tags, summary: 'Remove a co-financing entry (If-Match: the year); money the plan counts on: 409', params: entryParams, headers: ifMatchHeaders, response: { 200: fundsYearOut } }, config: manage },
      async (request, reply) => {
        await service.removeCofinancing(db, actor(request), request.params.id, request.params.entryId, expectedVersion(request));
        return answer(request, reply, request.params.id);
      },
    );
    r.post(
      `${base}/:id/governance`,
      {
        schema: { tags, summary: "A governance cost of the capofila; over 10 % of the regional contribution: 409 funds_governance_limit with the figures", params, body: governanceIn, response: { 201: fundsYearOut } },
        config: manage,
      },
      async (request, reply) => {
        await service.addGovernance(db, actor(request), request.params.id, request.body);
        return answer(request, reply, request.params.id, 201);
      },
    );
    r.delete(
      `${base}/:id/governance/:entryId`,
      { schema: { tags, summary: 'Remove a governance cost (If-Match: the year)', params: entryParams, headers: ifMatchHeaders, response: { 200: fundsYearOut } }, config: manage },
      async (request, reply) => {
        await service.removeGovernance(db, actor(request), request.params.id, request.params.entryId, expectedVersion(request));
        return answer(request, reply, request.params.id);
      },
    );
    r.post(
      `${base}/:id/applications`,
      {
        schema: { tags, summary: "An application to the call: a partner's own, or any by the capofila; only CAV and shelters of the network registered in the Albo", params, body: applicationIn, response: { 201: fundsYearOut } },
        config: write,
      },
      async (request, reply) => {
        await service.addApplication(db, actor(request), request.params.id, request.body);
        return answer(request, reply, request.params.id, 201);
      },
    );
    r.patch(
      `${base}/:id/applications/:applicationId`,
      { schema: { tags, summary: 'Edit an application before its review (If-Match: the application)', params: applicationParams, headers: ifMatchHeaders, body: applicationUpdate, response: { 200: fundsYearOut } }, config: write },
      async (request, reply) => {
        await service.updateApplication(db, actor(request), request.params.id, request.params.applicationId, expectedVersion(request), request.body);
        return answer(request, reply, request.params.id);
      },
    );
    r.post(
      `${base}/:id/applications/:applicationId/review`,
      {
        schema: { tags, summary: 'The istruttoria of an application: admitted with the amount proposed, or not with a coded reason (the capofila, If-Match: the application)', params: applicationParams, headers: ifMatchHeaders, body: reviewIn, response: { 200: fundsYearOut } },
        config: manage,
      },
      async (request, reply) => {
        await service.reviewApplication(db, actor(request), request.params.id, request.params.applicationId, expectedVersion(request), request.body);
        return answer(request, reply, request.params.id);
      },
    );
    r.put(
      `${base}/:id/plan`,
      {
        schema: {
          tags,
          summary: 'The allocation plan, replaced (the capofila, If-Match: the year; as a draft): registered organisations only (409 funds_not_registered); total within what may be allocated (409)',
          params,
          headers: ifMatchHeaders,
          body: planIn,
          response: { 200: fundsYearOut },
        },
        config: manage,
      },
      async (request, reply) => {
        await service.setPlan(db, actor(request), request.params.id, expectedVersion(request), request.body);
        return answer(request, reply, request.params.id);
      },
    );
    r.post(
      `${base}/:id/plan/moves`,
      { schema: { tags, summary: 'Share the plan with the ATS Rete di Indirizzo, send it to the Region with the protocol, or bring it back to draft (If-Match: the year)', params, headers: ifMatchHeaders, body: planMoveIn, response: { 200: fundsYearOut } }, config: manage },
      async (request, reply) => {
        await service.movePlan(db, actor(request), request.params.id, expectedVersion(request), request.body);
        return answer(request, reply, request.params.id);
      },
    );
    r.post(
      `${base}/:id/allocations/:allocationId/expenses`,
      {
        schema: { tags, summary: "An expense against the partner's own allocation (once the plan is sent); over it: 409 funds_allocation_exceeded", params: allocationParams, body: fundsExpenseIn, response: { 201: fundsYearOut } },
        config: write,
      },
      async (request, reply) => {
        await service.addExpense(db, actor(request), request.params.id, request.params.allocationId, request.body);
        return answer(request, reply, request.params.id, 201);
      },
    );
    r.delete(
      `${base}/:id/allocations/:allocationId/expenses/:expenseId`,
      { schema: { tags, summary: 'Remove an expense while the rendicontazione is open (If-Match: the allocation)', params: expenseParams, headers: ifMatchHeaders, response: { 200: fundsYearOut } }, config: write },
      async (request, reply) => {
        await service.removeExpense(db, actor(request), request.params.id, request.params.allocationId, request.params.expenseId, expectedVersion(request));
        return answer(request, reply, request.params.id);
      },
    );
    r.post(
      `${base}/:id/allocations/:allocationId/moves`,
      {
        schema: { tags, summary: "The rendicontazione submitted by the partner's head, checked or sent back by the capofila (If-Match: the allocation)", params: allocationParams, headers: ifMatchHeaders, body: reportMoveIn, response: { 200: fundsYearOut } },
        config: read,
      },
      async (request, reply) => {
        await service.moveReport(db, actor(request), request.params.id, request.params.allocationId, expectedVersion(request), request.body);
        return answer(request, reply, request.params.id);
      },
    );
    r.get(
      `${base}/:id/report`,
      { schema: { tags, summary: 'The rendicontazione report as XLSX or PDF (the capofila; audited)', params, querystring: reportQuery }, config: manage },
      async (request, reply) => {
        const { body, filename } = await exportReport(ctx, actor(request), request.params.id, request.query.format);
        if (request.query.format === 'xlsx') return sendDownload(reply, 'xlsx', filename, body);
        return reply.header('content-disposition', `attachment; filename="${filename}"`).type('application/pdf').send(body);
      },
    );
  };
}
