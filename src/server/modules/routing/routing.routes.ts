import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callOutcomes, publicLanguages } from '../../../shared/directory.js';
import { scopeOf } from '../../access/guard.js';
import { actedBy, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { sendDownload, toCsv, toXlsx } from '../../platform/exports.js';
import { callSummary, summaryRows } from './routing.summary.js';
import { recordCall, transferAnswer } from './routing.service.js';

const istat = z.string().regex(/^\d{6}$/);
/** An instant with its offset (or Z): "2026-11-23T10:00:00+01:00". */
const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const nullableNumber = z.number().nullable();

const quarterQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4).transform((q) => q as 1 | 2 | 3 | 4),
  network: z.uuid().optional(),
});

const named = z.object({ id: z.uuid(), name: z.string() });

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
          querystring: z.object({ comune: istat, at: instant.optional(), lang: z.enum(publicLanguages).optional() }),
          response: {
            200: z.object({
              comune: z.object({ istatCode: z.string(), name: z.string(), provinceSigla: z.string() }),
              at: z.date(),
              action: z.enum(['transfer', 'inform']),
              emergency: z.literal('112'),
              helpline: z.literal('1522'),
              network: z.object({ id: z.uuid(), name: z.string() }).nullable(),
              nearestNetwork: z.object({ id: z.uuid(), name: z.string(), distanceKm: z.number() }).nullable(),
              referent: z
                .object({
                  id: z.uuid(),
                  name: z.string(),
                  visibility: z.enum(['public', 'reserved']),
                  organisation: named,
                  comune: z.object({ istatCode: z.string(), name: z.string() }),
                  address: z.string().nullable(),
                  phones: z.array(z.string()),
                  email: z.string().nullable(),
                  openingHours: z.string().nullable(),
                  phoneHours: z.string().nullable(),
                  h24: z.boolean(),
                  phoneOpenNow: z.boolean(),
                  openNow: z.boolean(),
                  closesAt: z.date().nullable(),
                  transferPhone: z.string().nullable(),
                })
                .nullable(),
              nextOpening: z.object({ at: z.date(), sportello: named, kind: z.literal('phone') }).nullable(),
              message: z.array(z.object({ lang: z.enum(publicLanguages), text: z.string() })),
            }),
          },
        },
        config: { access: { action: 'routing.transfer' } },
      },
      async (request) => transferAnswer(ctx, scopeOf(request), { comune: request.query.comune, at: request.query.at ?? new Date(), lang: request.query.lang }, request.id),
    );

    r.post(
      '/api/routing/calls',
      {
        schema: {
          tags,
          summary: 'Record a handled call (time, comune, outcome, language; never personal data)',
          body: z
            .object({
              at: instant.optional(),
              comune: istat,
              outcome: z.enum(callOutcomes),
              language: z.string().regex(/^[a-z]{2,3}$/),
              sportelloId: z.uuid().optional(),
            })
            .strict()
            .refine((b) => !b.at || b.at.getTime() <= Date.now() + 5 * 60_000, { message: 'in_future', path: ['at'] }),
          response: { 201: z.object({ id: z.number() }) },
        },
        config: { access: { action: 'routing.call_record' } },
      },
      async (request, reply) => reply.code(201).send(await recordCall(ctx, scopeOf(request), { ...request.body, at: request.body.at ?? new Date() }, request.id)),
    );

    const audited = (scope: ReturnType<typeof scopeOf>, requestId: string, purpose: string) =>
      writeAuditAlone(db, { ...actedBy(scope, requestId, 'routing.calls_summary'), purpose });

    r.get(
      '/api/routing/calls/summary',
      {
        schema: {
          tags,
          summary: 'Quarterly call counts per network and comune (small cells suppressed: null)',
          querystring: quarterQuery,
          response: {
            200: z.object({
              period: z.object({ year: z.number(), quarter: z.number(), from: z.date(), to: z.date() }),
              threshold: z.number(),
              networks: z.array(
                z.object({
                  network: named.nullable(),
                  total: nullableNumber,
                  outcomes: z.object(Object.fromEntries(callOutcomes.map((o) => [o, nullableNumber])) as Record<(typeof callOutcomes)[number], typeof nullableNumber>),
                  comuni: z.array(z.object({ istatCode: z.string(), name: z.string(), total: nullableNumber })),
                }),
              ),
            }),
          },
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
          querystring: quarterQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }),
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
