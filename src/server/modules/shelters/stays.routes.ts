import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { feesOut, feesQuery, stayAdmit, stayEmergency, stayExit, stayListOut, stayMove, stayMoveCandidatesOut, stayOut, staysQuery } from '../../../shared/shelters.stays.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { contentTypes } from '../../platform/exports.js';
import { sendPdf } from '../../platform/pdf.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import { claimOf, idempotencyHeaders } from '../../platform/idempotency.js';
import { exportFees, readFees } from './fees.js';
import { printStayRecord } from './stays.print.js';
import * as service from './stays.service.js';

const params = z.object({ id: z.uuid() });

/** Stays and the monthly fees (docs/shelters.md; the routes are listed in src/shared/shelters.stays.api.ts). */
export function staysRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['shelters'];

    r.post(
      '/api/shelters/stays',
      {
        schema: { tags, summary: "Admit from an accepted proposal into the places it holds (the structure's staff): `accordo` with the social service's agreement, or `emergenza` at once with an authorisation due", body: stayAdmit, response: { 201: stayOut } },
        config: { access: { action: 'shelter.stay.write' } },
      },
      async (request, reply) => reply.code(201).send(withEtag(reply, await service.admitFromProposal(ctx, scopeOf(request), request.body, request.id))),
    );
    r.post(
      '/api/shelters/stays/emergency',
      {
        schema: {
          tags,
          summary: 'An emergency admission without a request: free places of one unit of her structure taken at once, the named social service asked to authorise. With an Idempotency-Key, a retry answers the stay the first one made',
          headers: idempotencyHeaders,
          body: stayEmergency,
          response: { 201: stayOut },
        },
        config: { access: { action: 'shelter.stay.write' } },
      },
      async (request, reply) => {
        const scope = scopeOf(request);
        const claim = claimOf(scope.principal.userId, 'POST /api/shelters/stays/emergency', request.headers['idempotency-key'], request.body);
        return reply.code(201).send(withEtag(reply, await service.admitEmergency(ctx, scope, request.body, request.id, claim)));
      },
    );
    r.get(
      '/api/shelters/stays',
      {
        schema: { tags, summary: 'The stays of her structures, or those her organisation agreed or pays (no address, no name)', querystring: staysQuery, response: { 200: stayListOut } },
        config: { access: { action: 'shelter.stay.read' } },
      },
      async (request) => service.listStays(ctx, scopeOf(request), request.query, request.id),
    );
    r.get(
      '/api/shelters/stays/:id',
      { schema: { tags, summary: 'One stay as her side sees it (ETag: its version)', params, response: { 200: stayOut } }, config: { access: { action: 'shelter.stay.read' } } },
      async (request, reply) => withEtag(reply, await service.getStay(ctx, scopeOf(request), request.params.id, request.id)),
    );
    r.get(
      '/api/shelters/stays/:id/record.pdf',
      {
        schema: { tags, summary: 'The printed stay record (scheda di permanenza), in Italian: what her side sees in the detail, by the same decision; never the address, never a name; every print audited', params },
        config: { access: { action: 'shelter.stay.read' } },
      },
      async (request, reply) => {
        const out = await printStayRecord(ctx, scopeOf(request), request.params.id, request.id);
        // Named by the stay's reference only.
        return sendPdf(reply, `permanenza-${out.reference}`, out.bytes);
      },
    );
    r.post(
      '/api/shelters/stays/:id/exit',
      {
        schema: { tags, summary: 'Record the exit (If-Match): date and coded reason; the places are free again', params, headers: ifMatchHeaders, body: stayExit, response: { 200: stayOut } },
        config: { access: { action: 'shelter.stay.write' } },
      },
      async (request, reply) => withEtag(reply, await service.exitStay(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );
    r.get(
      '/api/shelters/stays/:id/moves',
      {
        schema: { tags, summary: "The accepted proposals this stay may move into: another structure's places held for her organisation's requests (code, structure's name and level, places, hold's end)", params, response: { 200: stayMoveCandidatesOut } },
        config: { access: { action: 'shelter.stay.write' } },
      },
      async (request) => service.moveCandidates(ctx, scopeOf(request), request.params.id, request.id),
    );
    r.post(
      '/api/shelters/stays/:id/move',
      {
        schema: { tags, summary: "Move between levels (If-Match): this stay ends (trasferimento), the next begins in the places another structure holds for her organisation's request", params, headers: ifMatchHeaders, body: stayMove, response: { 201: stayOut } },
        config: { access: { action: 'shelter.stay.write' } },
      },
      async (request, reply) => reply.code(201).send(withEtag(reply, await service.moveStay(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id))),
    );
    r.get(
      '/api/shelters/fees',
      {
        schema: { tags, summary: "A month's fees per stay and payer (the payer, the social service, the coordinator): never an address, a name, a case code", querystring: feesQuery, response: { 200: feesOut } },
        config: { access: { action: 'shelter.fees.export' } },
      },
      async (request) => readFees(ctx, scopeOf(request), request.query.month, request.id),
    );
    r.get(
      '/api/shelters/fees.xlsx',
      {
        schema: { tags, summary: "A month's fees as an XLSX workbook (one row per stay, a total; her contribution in its own column)", querystring: feesQuery },
        config: { access: { action: 'shelter.fees.export' } },
      },
      async (request, reply) => {
        const file = await exportFees(ctx, scopeOf(request), request.query.month, request.id);
        return reply.header('content-type', contentTypes.xlsx).header('content-disposition', `attachment; filename="rette-${request.query.month}.xlsx"`).send(file);
      },
    );
  };
}
