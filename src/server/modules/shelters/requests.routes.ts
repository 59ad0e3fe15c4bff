import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  matchListOut,
  placementRequestClose,
  placementRequestCreate,
  placementRequestListOut,
  placementRequestOut,
  placementRequestUpdate,
  placementRequestsQuery,
  proposalCreate,
  proposalDecline,
  proposalListOut,
  proposalOut,
  proposalsQuery,
  requestStatsOut,
} from '../../../shared/shelters.requests.api.js';
import { stayStatsOut, stayStatsQuery } from '../../../shared/shelters.stats.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { claimOf, idempotencyHeaders } from '../../platform/idempotency.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import { matchRequest } from './matching.service.js';
import { acceptProposal, declineProposal, getProposal, listProposals, propose, withdrawProposal } from './requests.proposals.js';
import { closeRequest, createRequest, getRequest, listRequests, updateRequest } from './requests.service.js';
import { requestStats } from './requests.stats.js';
import { stayStats } from './stays.stats.js';

const params = z.object({ id: z.uuid() });

/** Placement requests, matching and the structures' inbox (docs/shelters.md; routes listed in src/shared/shelters.requests.api.ts). */
export function shelterRequestsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['shelters'];
    const write = { access: { action: 'shelter.request.write' } } as const;
    const read = { access: { action: 'shelter.request.read' } } as const;
    const decide = { access: { action: 'shelter.stay.write' } } as const;

    r.post(
      '/api/shelters/requests',
      {
        schema: {
          tags,
          summary: 'Create a placement request (the need, no identity). With an Idempotency-Key, a retry returns the request the first one made',
          headers: idempotencyHeaders,
          body: placementRequestCreate,
          response: { 201: placementRequestOut },
        },
        config: write,
      },
      async (request, reply) => {
        const scope = scopeOf(request);
        const claim = claimOf(scope.principal.userId, 'POST /api/shelters/requests', request.headers['idempotency-key'], request.body);
        return reply.code(201).send(withEtag(reply, await createRequest(ctx, scope, request.body, request.id, claim)));
      },
    );
    r.get(
      '/api/shelters/requests',
      { schema: { tags, summary: "Her organisation's placement requests, newest first, counts by state", querystring: placementRequestsQuery, response: { 200: placementRequestListOut } }, config: read },
      async (request) => listRequests(ctx, scopeOf(request), request.query, request.id),
    );
    r.get(
      '/api/shelters/requests/:id',
      { schema: { tags, summary: 'One placement request of her organisation (ETag: its version)', params, response: { 200: placementRequestOut } }, config: read },
      async (request, reply) => withEtag(reply, await getRequest(ctx, scopeOf(request), request.params.id, request.id)),
    );
    r.patch(
      '/api/shelters/requests/:id',
      { schema: { tags, summary: 'Edit the need while the request is open (If-Match)', params, headers: ifMatchHeaders, body: placementRequestUpdate, response: { 200: placementRequestOut } }, config: write },
      async (request, reply) => withEtag(reply, await updateRequest(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );
    r.post(
      '/api/shelters/requests/:id/close',
      {
        schema: { tags, summary: 'Withdraw or close unmet (If-Match): an open proposal is withdrawn and its hold released', params, headers: ifMatchHeaders, body: placementRequestClose, response: { 200: placementRequestOut } },
        config: write,
      },
      async (request, reply) => withEtag(reply, await closeRequest(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );
    r.get(
      '/api/shelters/requests/:id/matches',
      { schema: { tags, summary: 'Structures with a free place for the household, ranked, each with its reasons (codes; never an address)', params, response: { 200: matchListOut } }, config: write },
      async (request) => matchRequest(ctx, scopeOf(request), request.params.id, request.id),
    );
    r.post(
      '/api/shelters/requests/:id/proposals',
      {
        schema: { tags, summary: "Put the open request to one structure (If-Match: the request's version); one open proposal at a time", params, headers: ifMatchHeaders, body: proposalCreate, response: { 201: placementRequestOut } },
        config: write,
      },
      async (request, reply) => reply.code(201).send(withEtag(reply, await propose(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id))),
    );
    r.post(
      '/api/shelters/proposals/:id/withdraw',
      { schema: { tags, summary: "The requester takes an open proposal back (If-Match: the proposal's version); a hold is released", params, headers: ifMatchHeaders, response: { 200: proposalOut } }, config: write },
      async (request, reply) => withEtag(reply, await withdrawProposal(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.id)),
    );

    r.get(
      '/api/shelters/proposals',
      { schema: { tags, summary: "Proposals to her organisation's structures (the need, the requester's name; never the case)", querystring: proposalsQuery, response: { 200: proposalListOut } }, config: read },
      async (request) => listProposals(ctx, scopeOf(request), request.query, request.id),
    );
    r.get(
      '/api/shelters/proposals/:id',
      { schema: { tags, summary: "One proposal to her organisation's structures (ETag: its version)", params, response: { 200: proposalOut } }, config: read },
      async (request, reply) => withEtag(reply, await getProposal(ctx, scopeOf(request), request.params.id, request.id)),
    );
    r.post(
      '/api/shelters/proposals/:id/accept',
      {
        schema: {
          tags,
          summary: 'Accept (If-Match): hold adults + children places in one unit until the hold expires, or 409 placement_no_place. With an Idempotency-Key, a retry answers the proposal',
          params,
          headers: ifMatchHeaders.extend(idempotencyHeaders.shape).loose(),
          response: { 200: proposalOut },
        },
        config: decide,
      },
      async (request, reply) => {
        const scope = scopeOf(request);
        const claim = claimOf(scope.principal.userId, 'POST /api/shelters/proposals/:id/accept', request.headers['idempotency-key'], { proposalId: request.params.id });
        return withEtag(reply, await acceptProposal(ctx, scope, request.params.id, expectedVersion(request), request.id, claim));
      },
    );
    r.post(
      '/api/shelters/proposals/:id/decline',
      { schema: { tags, summary: 'Decline with a coded reason and an optional note (If-Match)', params, headers: ifMatchHeaders, body: proposalDecline, response: { 200: proposalOut } }, config: decide },
      async (request, reply) => withEtag(reply, await declineProposal(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );

    r.get(
      '/api/shelters/stats/requests',
      { schema: { tags, summary: "Placement counts of the networks her organisation leads: requests by state and urgency, answers, unmet demand per quarter (small cells suppressed)", response: { 200: requestStatsOut } }, config: { access: { action: 'shelter.stats.read' } } },
      async (request) => requestStats(ctx, scopeOf(request), request.id),
    );
    r.get(
      '/api/shelters/stats/stays',
      {
        schema: { tags, summary: "A year's stay counts per structure level: admissions, running, women and children, days, exits by reason and length, authorisations (small cells suppressed)", querystring: stayStatsQuery, response: { 200: stayStatsOut } },
        config: { access: { action: 'shelter.stats.stays' } },
      },
      async (request) => stayStats(ctx, scopeOf(request), request.query.year, request.id),
    );
  };
}
