import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { callOutcomes } from '../../../shared/directory.js';
import { callCreate, callCreated, callParams, callSummaryOut, callsExportQuery, callsQuarterQuery, transferAnswerOut, transferQuery } from '../../../shared/routing.api.js';
import { scopeOf } from '../../access/guard.js';
import { actedBy, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { sendDownload, toCsv, toXlsx } from '../../platform/exports.js';
import { callSummary, summaryRows } from './routing.summary.js';
import { recordCall, transferAnswer, withdrawCall } from './routing.service.js';

export function routingRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['routing (1522)'];
    const { db } = ctx.database;

    r.get(
      '/api/routing/transfer',
      {
        schema: {
          tags,
          summary: 'Transfer the call to the referent (open now) or inform the caller; always 112',
          querystring: transferQuery,
          response: { 200: transferAnswerOut },
        },
        config: { access: { action: 'routing.transfer' } },
      },
      async (request) => transferAnswer(ctx, scopeOf(request), { ...request.query, at: request.query.at ?? new Date() }, request.id),
    );

    r.post(
      '/api/routing/calls',
      {
        schema: {
          tags,
          summary: 'Record a handled call (time, comune, outcome, language; never personal data)',
          body: callCreate,
          response: { 201: callCreated },
        },
        config: { access: { action: 'routing.call_record' } },
      },
      async (request, reply) => reply.code(201).send(await recordCall(ctx, scopeOf(request), { ...request.body, at: request.body.at ?? new Date() }, request.id)),
    );

    r.delete(
      '/api/routing/calls/:id',
      {
        schema: {
          tags,
          summary: 'Withdraw a call record: its own operator, within a minute of recording it (409 call_withdraw_expired later)',
          params: callParams,
        },
        config: { access: { action: 'routing.call_record' } },
      },
      async (request, reply) => {
        await withdrawCall(ctx, scopeOf(request), request.params.id, request.id);
        return reply.code(204).send();
      },
    );

    const audited = (scope: ReturnType<typeof scopeOf>, requestId: string, purpose: string) =>
      writeAuditAlone(db, { ...actedBy(scope, requestId, 'routing.calls_summary'), purpose });

    r.get(
      '/api/routing/calls/summary',
      {
        schema: {
          tags,
          summary: 'Quarterly call counts per network and comune (small cells suppressed: null)',
          querystring: callsQuarterQuery,
          response: { 200: callSummaryOut },
        },
        config: { access: { action: 'routing.calls_summary' } },
      },
      async (request) => {
        const scope = scopeOf(request);
        const summary = await callSummary(db, scope, request.query, request.query.network);
        await audited(scope, request.id, 'summary');
        return summary;
      },
    );

    r.get(
      '/api/routing/calls/export',
      {
        schema: {
          tags,
          summary: 'The quarterly call counts as CSV or XLSX (suppressed cells read "oscurato")',
          querystring: callsExportQuery,
        },
        config: { access: { action: 'routing.calls_summary' } },
      },
      async (request, reply) => {
        const scope = scopeOf(request);
        const q = request.query;
        const summary = await callSummary(db, scope, q, q.network);
        const sheet = {
          name: `Chiamate 1522 ${q.year} T${q.quarter}`,
          columns: [
            { key: 'network', header: 'Rete' },
            { key: 'comune', header: 'Comune' },
            { key: 'istatCode', header: 'Codice ISTAT' },
            { key: 'total', header: 'Chiamate' },
            ...callOutcomes.map((o) => ({ key: o, header: o })),
          ],
          rows: summaryRows(summary),
        };
        await audited(scope, request.id, `export ${q.format}`);
        const name = `chiamate-1522-${q.year}-T${q.quarter}.${q.format}`;
        return q.format === 'csv' ? sendDownload(reply, 'csv', name, toCsv(sheet)) : sendDownload(reply, 'xlsx', name, await toXlsx([sheet]));
      },
    );
  };
}
