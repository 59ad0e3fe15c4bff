import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assessmentCreate, assessmentCreated, assessmentsOut, instrumentOut, instrumentsOut, instrumentsQuery, riskSummaryOut } from '../../../shared/risk.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import * as risk from './risk.service.js';
import { instrumentJsonSchema } from './risk.format.js';

const params = z.object({ id: z.uuid() });

/** Risk assessment: a network's instruments, a case's assessments and risk summary (docs/risk.md). */
export function riskRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['risk'];
    const readInstruments = { access: { action: 'risk.instruments_read' } };
    const manage = { access: { action: 'risk.instruments_manage' } };

    r.get(
      '/api/risk/instruments',
      { schema: { tags, summary: "The instruments of her organisation's networks (a coordinator: those her organisation leads)", querystring: instrumentsQuery, response: { 200: instrumentsOut } }, config: readInstruments },
      async (request) => risk.listInstruments(ctx, scopeOf(request), request.query),
    );
    r.get(
      '/api/risk/instrument-format',
      {
        schema: { tags, summary: 'The JSON Schema (draft 2020-12) of the instrument format trama-risk-instrument/1, as checked on load', response: { 200: z.record(z.string(), z.unknown()) } },
        config: readInstruments,
      },
      async (_request, reply) => reply.type('application/schema+json; charset=utf-8').send(instrumentJsonSchema()),
    );
    r.get(
      '/api/risk/instruments/:id',
      { schema: { tags, summary: 'One instrument with its definition (the assessment form is generated from it)', params, response: { 200: instrumentOut } }, config: readInstruments },
      async (request) => risk.getInstrument(ctx, scopeOf(request), request.params.id),
    );
    r.post(
      '/api/networks/:id/risk-instruments',
      {
        schema: {
          tags,
          summary: 'Load an instrument into a network: the body is the instrument JSON (trama-risk-instrument/1); 400 with pointers and codes when it does not fit',
          params,
          // An object here (JSON, so a stray body is refused as a bad request, not as an unknown media type);
          // its content is checked by the shared engine in the service, for its pointers and codes.
          body: z.record(z.string(), z.unknown()),
          response: { 201: instrumentOut },
        },
        config: manage,
      },
      async (request, reply) => reply.code(201).send(await risk.loadInstrument(ctx, scopeOf(request), request.params.id, request.body, request.id)),
    );
    r.post(
      '/api/risk/instruments/:id/retire',
      { schema: { tags, summary: 'Retire an instrument (no new assessment uses it)', params, response: { 204: z.null() } }, config: manage },
      async (request, reply) => {
        await risk.retireInstrument(ctx, scopeOf(request), request.params.id, request.id);
        return reply.code(204).send(null);
      },
    );

    r.get(
      '/api/cases/:id/risk',
      { schema: { tags, summary: 'The risk of a case: latest assessment, trend, re-assessment due (risk section)', params, response: { 200: riskSummaryOut } }, config: { access: { action: 'case.read' } } },
      async (request) => risk.riskSummary(ctx, scopeOf(request), request.params.id, request.id),
    );
    r.get(
      '/api/cases/:id/risk/assessments',
      { schema: { tags, summary: 'The assessments of a case, the latest first (risk section)', params, response: { 200: assessmentsOut } }, config: { access: { action: 'case.read' } } },
      async (request) => risk.listAssessments(ctx, scopeOf(request), request.params.id, request.id),
    );
    r.post(
      '/api/cases/:id/risk/assessments',
      {
        schema: { tags, summary: 'Record an assessment: scored by the server; a rise to elevato or imminente starts the high-risk response', params, body: assessmentCreate, response: { 201: assessmentCreated } },
        config: { access: { action: 'case.write' } },
      },
      async (request, reply) => reply.code(201).send(await risk.createAssessment(ctx, scopeOf(request), request.params.id, request.body, request.id)),
    );
  };
}
